#include "endpoint/registry.hpp"

namespace mediagate::endpoint {

void register_routes(http::Router& router, Context& context, const std::vector<Route>& routes) {
  for (const auto& route : routes) {
    http::Handler handler = route.bind(context);
    if (context.faults != nullptr) {
      handler = with_faults(context, route.fault_profile(context), std::move(handler));
    }
    router.add(route.methods, route.pattern, std::move(handler));
  }
}

}  // namespace mediagate::endpoint
