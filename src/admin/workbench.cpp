// The web console's signature workbench and API explorer, in sandbox mode only
// (docs/sandbox.md, "Web console"). The signing is the SDK's (client/signed_request.hpp), over
// the descriptors the vendor modules provide, so the console signs exactly as `mediagate sign`
// and the server's verifiers do. A secret given here is used for one signature and forgotten:
// never logged, never journaled, never in an answer (the string to sign shows "<secret>").
//   GET  /sandbox/signers      {"items":[{"name","path","accepts_post","signs_given_path"}]}
//   POST /sandbox/signatures   {"signer","params":{…},"secret","method"?,"signed_path"?,
//                               "sign_all"?} -> {"signer","canonical","string_to_sign","signature"}
//   POST /sandbox/requests     {"signer","params","secret","method"?,"userid"?,"generate"?}
//                              (built and signed as the SDK does), or {"method","target","body"?,
//                              "content_type"?} (sent as given) -> {"request":{…},"response":{…}}
// A request is answered by the vendor listener's router called in this process (not over a
// socket): the same routes, pipeline, journal, counters and faults, but a fault's delay or
// connection reset is reported ("delay_ms", "connection_reset") instead of being waited for.
#include <array>
#include <string>

#include "admin/admin_support.hpp"
#include "client/nonce_source.hpp"
#include "client/signed_request.hpp"

namespace mediagate::admin {
namespace {

namespace json = boost::json;

// A required (or optional) JSON string member; `allow_empty` false refuses "".
AdminResult<std::optional<std::string>> string_member(const json::object& object,
                                                      std::string_view key, bool required,
                                                      bool allow_empty = true) {
  const auto* value = object.if_contains(key);
  if (value == nullptr) {
    if (!required) return std::optional<std::string>{};
    return core::unexpected(
        bad_request("missing_field", "this field is required", "$." + std::string(key)));
  }
  if (!value->is_string() || (!allow_empty && value->get_string().empty())) {
    return core::unexpected(bad_request(
        "invalid_field", allow_empty ? "expected a string" : "expected a non-empty string",
        "$." + std::string(key)));
  }
  return std::optional<std::string>(std::string(value->get_string()));
}

AdminResult<bool> bool_member(const json::object& object, std::string_view key, bool fallback) {
  const auto* value = object.if_contains(key);
  if (value == nullptr) return fallback;
  if (!value->is_bool()) {
    return core::unexpected(
        bad_request("invalid_field", "expected true or false", "$." + std::string(key)));
  }
  return value->get_bool();
}

// "GET" (default) or "POST", any case.
AdminResult<std::string> method_member(const json::object& object) {
  MG_TRY(auto given, string_member(object, "method", false));
  if (!given) return std::string("GET");
  std::string method = std::move(*given);
  for (char& c : method) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  if (method != "GET" && method != "POST") {
    return core::unexpected(bad_request("invalid_field", "GET or POST", "$.method"));
  }
  return method;
}

// {"name": "value", …}: every value a string.
AdminResult<core::ParamMap> params_member(const json::object& object) {
  const auto* value = object.if_contains("params");
  if (value == nullptr) {
    return core::unexpected(bad_request(
        "missing_field", "the parameters, as an object of strings, are required", "$.params"));
  }
  if (!value->is_object()) {
    return core::unexpected(
        bad_request("invalid_field", "expected an object of strings", "$.params"));
  }
  core::ParamMap params;
  for (const auto& [name, each] : value->get_object()) {
    if (name.empty()) {
      return core::unexpected(bad_request("invalid_field", "empty parameter name", "$.params"));
    }
    if (!each.is_string()) {
      return core::unexpected(
          bad_request("invalid_field", "expected a string", "$.params." + std::string(name)));
    }
    params.emplace(std::string(name), std::string(each.get_string()));
  }
  return params;
}

AdminResult<const client::VendorDescriptor*> signer_member(const AdminContext& ctx,
                                                           const json::object& object) {
  MG_TRY(const auto name, string_member(object, "signer", true, false));
  std::string known;
  for (const auto* signer : ctx.sandbox.signers) {
    if (signer->name == *name) return signer;
    known += known.empty() ? "" : ", ";
    known += signer->name;
  }
  return core::unexpected(bad_request(
      "invalid_field", "no signer " + quoted(*name) + " (known: " + known + ")", "$.signer"));
}

AdminResult<std::string> secret_member(const json::object& object) {
  return string_member(object, "secret", true, false).transform([](auto secret) {
    return std::move(*secret);
  });
}

AdminError signing_error(const client::ClientError& error, std::string field) {
  return bad_request("invalid_field", error.message, std::move(field));
}

void write_steps(core::JsonWriter& w, const client::SignatureSteps& steps) {
  w.field("canonical", steps.canonical)
      .field("string_to_sign", steps.string_to_sign_redacted)
      .field("signature", steps.signature);
}

// --- GET /sandbox/signers ---

AdminResult<Reply> list_signers(const AdminContext& ctx, const http::Request&) {
  return json_reply(200, object_json([&](core::JsonWriter& w) {
                      w.key("items").begin_array();
                      for (const auto* signer : ctx.sandbox.signers) {
                        w.begin_object()
                            .field("name", signer->name)
                            .field("path", signer->path_template)
                            .field("accepts_post", signer->accepts_post)
                            .field("signs_given_path", signer->signs_given_path)
                            .end_object();
                      }
                      w.end_array();
                    }));
}

// --- POST /sandbox/signatures ---

AdminResult<Reply> sign(const AdminContext& ctx, const http::Request& request) {
  MG_TRY(const auto object, body_object(request));
  MG_TRY_VOID(
      only_keys(object, {"signer", "params", "secret", "method", "signed_path", "sign_all"}));
  MG_TRY(const auto* const signer, signer_member(ctx, object));
  MG_TRY(auto params, params_member(object));
  MG_TRY(auto method, method_member(object));
  MG_TRY(const auto signed_path, string_member(object, "signed_path", false));
  MG_TRY(const bool sign_all, bool_member(object, "sign_all", false));
  if (!signer->signs_given_path && (signed_path.has_value() || sign_all)) {
    return core::unexpected(
        bad_request("invalid_field",
                    "signed_path and sign_all are for signers that sign a path (signs_given_path)",
                    signed_path.has_value() ? "$.signed_path" : "$.sign_all"));
  }
  MG_TRY(const auto secret, secret_member(object));

  client::SignInput input;
  input.vendor = signer;
  input.method = std::move(method);
  input.params = std::move(params);
  input.signed_path = signed_path.value_or("");
  input.sign_all = sign_all;
  MG_TRY(const auto steps, client::compute_signature(input, secret)
                               .transform_error([](const client::ClientError& error) {
                                 return signing_error(error, "$.params");
                               }));
  return json_reply(200, object_json([&](core::JsonWriter& w) {
                      w.field("signer", signer->name);
                      write_steps(w, steps);
                    }));
}

// --- POST /sandbox/requests ---

// What is sent to the vendor listener, and, when the server built it, how it was signed.
struct Outgoing {
  http::Request request;
  std::string target;
  std::optional<client::SignatureSteps> steps;
};

AdminResult<Outgoing> built_request(const AdminContext& ctx, const json::object& object) {
  MG_TRY_VOID(only_keys(object, {"signer", "params", "secret", "method", "userid", "generate"}));
  MG_TRY(const auto* const signer, signer_member(ctx, object));
  MG_TRY(auto params, params_member(object));
  MG_TRY(auto method, method_member(object));
  MG_TRY(const auto userid, string_member(object, "userid", false));
  MG_TRY(const bool generate, bool_member(object, "generate", true));
  MG_TRY(const auto secret, secret_member(object));

  client::RequestSpec spec;
  spec.method = std::move(method);
  spec.params = std::move(params);
  spec.userid = userid.value_or("");
  if (generate) {
    // Timestamps from the sandbox clock the endpoints read, so a moved clock stays fresh.
    client::RandomNonceSource nonces;
    client::fill_generated(*signer, spec.params, ctx.clock, nonces);
  }
  MG_TRY(auto built, client::build_request(*signer, spec, secret)
                         .transform_error([](const client::ClientError& error) {
                           return signing_error(error, "$.params");
                         }));
  Outgoing out;
  out.request.method = built.method;
  out.request.path = built.path;
  out.request.query = built.query;
  out.request.body = built.body;
  out.request.content_type = built.content_type;
  out.target = built.target();
  out.steps = std::move(built.steps);
  return out;
}

AdminResult<Outgoing> raw_request(const json::object& object) {
  MG_TRY_VOID(only_keys(object, {"method", "target", "body", "content_type"}));
  MG_TRY(const auto method, string_member(object, "method", true, false));
  MG_TRY(const auto target, string_member(object, "target", true, false));
  MG_TRY(const auto body, string_member(object, "body", false));
  MG_TRY(const auto content_type, string_member(object, "content_type", false));
  const std::string& text = *target;
  if (text.front() != '/' || text.find_first_of(" \r\n#") != std::string::npos) {
    return core::unexpected(bad_request(
        "invalid_field", "an origin-form target: /path?query, without spaces or '#'", "$.target"));
  }
  for (const char c : *method) {
    if (c < 'A' || c > 'Z') {
      return core::unexpected(bad_request("invalid_field", "an upper-case method", "$.method"));
    }
  }
  Outgoing out;
  out.request.method = *method;
  const auto question = text.find('?');
  out.request.path = text.substr(0, question);
  if (question != std::string::npos) out.request.query = text.substr(question + 1);
  out.request.body = body.value_or("");
  out.request.content_type = content_type.value_or("");
  out.target = text;
  return out;
}

void write_response(core::JsonWriter& w, const http::Response& response) {
  w.key("response").begin_object();
  if (response.abort_connection) {
    w.field("status", 0).field("connection_reset", true);
  } else {
    w.field("status", static_cast<std::int64_t>(response.status)).field("connection_reset", false);
  }
  w.field("delay_ms", static_cast<std::int64_t>(response.delay.count()));
  w.field("content_type", response.abort_connection ? "" : response.content_type);
  w.key("headers").begin_array();
  if (!response.abort_connection) {
    for (const auto& [name, value] : response.headers) {
      w.begin_object().field("name", name).field("value", value).end_object();
    }
  }
  w.end_array();
  w.field("body", response.abort_connection ? "" : response.whole_body());
  w.end_object();
}

AdminResult<Reply> send(const AdminContext& ctx, const http::Request& request) {
  if (!ctx.sandbox.dispatch) {
    return core::unexpected(not_found("this server does not dispatch console requests"));
  }
  MG_TRY(const auto object, body_object(request));
  MG_TRY(auto outgoing,
         object.contains("target") ? raw_request(object) : built_request(ctx, object));
  http::Request& vendor_request = outgoing.request;
  vendor_request.remote_address = request.remote_address;
  vendor_request.headers.emplace_back("host", "mediagate-console");
  if (!vendor_request.content_type.empty()) {
    vendor_request.headers.emplace_back("content-type", vendor_request.content_type);
  }
  const http::Response answer = ctx.sandbox.dispatch(vendor_request);
  return json_reply(200, object_json([&](core::JsonWriter& w) {
                      w.key("request").begin_object();
                      w.field("method", vendor_request.method)
                          .field("target", outgoing.target)
                          .field("body", vendor_request.body)
                          .field("content_type", vendor_request.content_type);
                      w.key("signature");
                      if (outgoing.steps) {
                        w.begin_object();
                        write_steps(w, *outgoing.steps);
                        w.end_object();
                      } else {
                        w.null();
                      }
                      w.end_object();
                      write_response(w, answer);
                    }));
}

constexpr std::array kRoutes = {
    AdminRoute{"GET",
               "/sandbox/signers",
               list_signers,
               {.summary = "The signers the workbench and explorer can use (sandbox only)",
                .answer = "{items: [{name, path, accepts_post, signs_given_path}]}"}},
    AdminRoute{"POST",
               "/sandbox/signatures",
               sign,
               {.summary = "Signs parameters with a secret as the SDK does; the secret is used "
                           "once and never stored, logged or returned (sandbox only)",
                .body = "{signer, params: {name: value}, secret, method?, signed_path?, "
                        "sign_all?}",
                .answer = "{signer, canonical, string_to_sign, signature}"}},
    AdminRoute{"POST",
               "/sandbox/requests",
               send,
               {.summary = "Builds, signs and sends a vendor request, or sends one as given, "
                           "through the vendor routes in this process (sandbox only)",
                .body = "{signer, params, secret, method?, userid?, generate?} or {method, "
                        "target, body?, content_type?}",
                .answer = "{request: {method, target, body, content_type, signature}, "
                          "response: {status, headers, body, delay_ms?, connection_reset?}}"}},
};

}  // namespace

std::span<const AdminRoute> workbench_routes() {
  return kRoutes;
}

}  // namespace mediagate::admin
