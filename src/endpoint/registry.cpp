#include "endpoint/registry.hpp"

namespace mediagate::endpoint {

void register_routes(http::Router& router, Context& context, const std::vector<Route>& routes) {
  for (const auto& route : routes) {
    http::Handler handler = route.bind(context);
    // A pipeline honours Request::may_defer (endpoint/answer_task.hpp); the sandbox's fault
    // wrapper works on whole answers, so with faults the route runs on a handler thread.
    const bool runs_inline = context.faults == nullptr;
    if (context.faults != nullptr) {
      handler = with_faults(context, route.fault_profile(context), std::move(handler));
    }
    router.add(route.methods, route.pattern, std::move(handler), runs_inline);
  }
}

}  // namespace mediagate::endpoint
