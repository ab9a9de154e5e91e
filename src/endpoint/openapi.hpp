// The OpenAPI 3.1 document of the declared endpoints (GET /openapi.json), generated from their
// declarations (endpoint/describe.hpp), never written per endpoint. It names no vendor: every
// path, parameter, rule and answer comes from a declaration. Standard fields describe paths,
// operations, parameters and responses; what OpenAPI has no field for is in extensions:
//   x-mediagate-signature   {parameter, signedSet, rule, answer}
//   x-mediagate-freshness   {parameter, phase, pastMs?, futureMs?}
//   x-mediagate-replay      {tokenParameter, scopeParameter, horizonMs}
//   x-mediagate-rate-limit  {group}
//   x-mediagate-jsonp       {parameter}
//   x-mediagate-answers     [{verdict, status, code, message, when[]}]  (every refusal)
// (docs/architecture.md, "Documents").
#pragma once

#include <boost/json/fwd.hpp>
#include <string>
#include <vector>

#include "core/config.hpp"
#include "core/json_writer.hpp"
#include "endpoint/endpoint_doc.hpp"
#include "endpoint/registry.hpp"

namespace mediagate::endpoint {

struct DocumentInfo {
  std::string title = "mediagate";
  std::string description;
};

// The document of these endpoints.
std::string openapi_document(const std::vector<EndpointDoc>& endpoints, const DocumentInfo& info);

// The document of these routes, as `config` sets their windows and horizons.
std::string openapi_document(const std::vector<Route>& routes, const core::Config& config,
                             const DocumentInfo& info);

// Serves `document` (JSON) at GET `path` of `router`.
void add_document_route(http::Router& router, const std::string& path, std::string document);

// The version the documents give in info.version (the build's).
std::string_view document_version();

// A JSON Schema of the shape `example` has: its types, an object's properties (every key it
// has required), an array's items after its first element.
void write_schema_of(core::JsonWriter& w, const boost::json::value& example);

// "application/json" of "application/json;charset=UTF-8".
std::string media_type(std::string_view content_type);

}  // namespace mediagate::endpoint
