// Declared endpoints, type-erased so that a router, the sandbox's fault table and the
// documents (endpoint/openapi.hpp) can list them without knowing their types. A vendor module lists
// its endpoints as Routes (`route(declaration)`); the composition root registers every module's
// routes at once.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "endpoint/context.hpp"
#include "endpoint/describe.hpp"
#include "endpoint/fault_injection.hpp"
#include "endpoint/pipeline.hpp"
#include "http/router.hpp"

namespace mediagate::endpoint {

struct Route {
  std::string name;     // the endpoint's stable name ("vendor-endpoint")
  std::string pattern;  // its route
  std::vector<std::string> methods;
  // The handler that runs the endpoint's pipeline over `context`.
  std::function<http::Handler(Context&)> bind;
  // The endpoint as sandbox fault injection sees it.
  std::function<FaultEndpoint(const Context&)> fault_profile;
  // The endpoint as documents see it, with the windows and horizons `config` sets.
  std::function<EndpointDoc(const core::Config&)> describe;
};

// `declaration` must outlive every handler bound from the route (declarations are statics).
template <class Call, class Credential>
Route route(const Endpoint<Call, Credential>& declaration) {
  const auto* e = &declaration;
  return Route{
      std::string(e->name),
      std::string(e->pattern),
      e->methods,
      [e](Context& context) -> http::Handler { return Pipeline<Call, Credential>(*e, context); },
      [e](const Context& context) {
        return e->fault_profile(context, std::string(e->name), std::string(e->pattern));
      },
      [e](const core::Config& config) { return endpoint::describe(*e, config); }};
}

// Adds each route to `router`; in sandbox mode (context.faults set) behind its faults.
void register_routes(http::Router& router, Context& context, const std::vector<Route>& routes);

}  // namespace mediagate::endpoint
