#include "admin/admin_api.hpp"

#include <openssl/rand.h>

#include <algorithm>
#include <array>
#include <memory>
#include <stdexcept>
#include <vector>

#include "admin/admin_auth.hpp"
#include "admin/admin_openapi.hpp"
#include "admin/admin_support.hpp"
#include "admin/console.hpp"
#include "observe/exposition.hpp"

namespace mediagate::admin {
namespace {

constexpr std::string_view kPrefix = "/admin/v1";

http::Response to_response(const Reply& reply) {
  http::Response response;
  response.status = reply.status;
  response.body = reply.body;
  response.log_vendor = "admin";
  if (reply.status == 204) response.content_type.clear();
  if (!reply.location.empty()) response.headers.emplace_back("Location", reply.location);
  return response;
}

http::Response unauthorized(std::string_view message) {
  auto response = render_error({401, "unauthorized", std::string(message)});
  response.headers.emplace_back("WWW-Authenticate", "Bearer realm=\"mediagate-admin\"");
  return response;
}

}  // namespace

struct AdminApi::State {
  std::string token;
  AdminContext context;
  http::Router router;
  std::unique_ptr<AuthFailureLimiter> failures;  // not movable (a mutex), so held apart
};

namespace {

std::string_view reason_of(AuthOutcome outcome) {
  switch (outcome) {
    case AuthOutcome::kMissing:
      return "no Authorization header";
    case AuthOutcome::kWrongScheme:
      return "not a Bearer token";
    case AuthOutcome::kWrongToken:
      return "wrong token";
    case AuthOutcome::kAllowed:
      break;
  }
  return "allowed";
}

http::Response too_many_failures(core::EpochMs until, core::EpochMs now) {
  auto response = render_error(
      {429, "too_many_requests",
       "too many failed authentications from this address; try again after Retry-After seconds"});
  const std::int64_t seconds = std::max<std::int64_t>(1, (until - now + 999) / 1000);
  response.headers.emplace_back("Retry-After", std::to_string(seconds));
  return response;
}

}  // namespace

AdminApi::AdminApi(store::Store& store, const core::Clock& clock, core::Logger& server_log,
                   AdminOptions options) {
  if (options.token.empty()) throw std::invalid_argument("admin API without a token");
  if (options.sandbox &&
      (options.sandbox->clock == nullptr || options.sandbox->faults == nullptr)) {
    throw std::invalid_argument("admin API: sandbox controls without a clock or a fault table");
  }
  auto state = std::make_shared<State>(
      State{std::move(options.token),
            AdminContext{store,
                         clock,
                         server_log,
                         options.utc_offset_minutes,
                         options.default_limit,
                         options.max_limit,
                         options.max_search_bytes,
                         options.new_secret ? std::move(options.new_secret) : random_secret,
                         options.sandbox.value_or(SandboxControls{}),
                         std::move(options.shared_state),
                         options.replay_guard,
                         options.journal,
                         std::move(options.journal_mode),
                         {},
                         std::move(options.modules),
                         options.documents},
            {},
            std::make_unique<AuthFailureLimiter>(options.auth_failures)});
  const AdminContext* context = &state->context;
  std::vector<std::span<const AdminRoute>> tables = std::move(options.resources);
  tables.push_back(document_routes());
  tables.push_back(status_routes());
  tables.push_back(journal_routes());
  if (options.sandbox) {
    tables.push_back(sandbox_routes());
    tables.push_back(workbench_routes());
  }
  // GET /openapi.json: this API's document, generated once from the tables it mounts.
  static constexpr AdminRoute kDocumentRoute[] = {
      {"GET",
       "/openapi.json",
       nullptr,
       {.summary = "This API's OpenAPI 3.1 document", .answer = "the OpenAPI document"}}};
  tables.emplace_back(kDocumentRoute);
  state->router.add({"GET"}, std::string(kPrefix) + "/openapi.json",
                    [document = admin_openapi_document(tables, static_cast<bool>(options.metrics))](
                        http::Request&) { return to_response(json_reply(200, document)); });
  for (const auto routes : tables) {
    for (const auto& route : routes) {
      state->context.routes.emplace_back(route.method,
                                         std::string(kPrefix) + std::string(route.pattern));
      if (route.handler == nullptr) continue;  // served above
      const AdminHandler handler = route.handler;
      state->router.add(
          {std::string(route.method)}, std::string(kPrefix) + std::string(route.pattern),
          [context, handler](http::Request& request) {
            auto result = handler(*context, request);
            if (result) return to_response(*result);
            const auto& error = result.error();
            if (!error.detail.empty()) {
              context->server_log.error("admin: the store failed or refused the request",
                                        {{"method", std::string_view(request.method)},
                                         {"path", std::string_view(request.path)},
                                         {"detail", std::string_view(error.detail)}});
            }
            return render_error(error);
          });
    }
  }
  if (options.metrics) {
    state->router.add({"GET"}, "/metrics", [metrics = std::move(options.metrics)](http::Request&) {
      http::Response response;
      response.content_type = std::string(observe::kExpositionContentType);
      response.body = metrics();
      return response;
    });
  }
  state_ = std::move(state);
}

http::Response AdminApi::handle(http::Request& request) const {
  // The console's static files hold no data and need no token: the page asks for it.
  if (is_console_path(request.path)) {
    auto response = serve_console(request, console_files());
    response.route = "/console/{file}";
    return response;
  }
  http::Response response;
  AuthFailureLimiter& failures = *state_->failures;
  const core::EpochMs now = state_->context.clock.now_ms();
  const std::string_view address = request.remote_address;
  if (const auto until = failures.blocked_until(address, now)) {
    return too_many_failures(*until, now);
  }
  const AuthOutcome outcome = check_bearer(request.header("authorization"), state_->token);
  if (outcome != AuthOutcome::kAllowed) {
    // Who and why, never what was presented: a wrong token may be a right one mistyped.
    auto& log = state_->context.server_log;
    log.warn("admin: authentication failed", {{"remote", address}, {"reason", reason_of(outcome)}});
    if (const auto until = failures.failed(address, now)) {
      log.warn("admin: too many failed authentications, address blocked",
               {{"remote", address}, {"until_ms", *until}});
      return too_many_failures(*until, now);
    }
  }
  switch (outcome) {
    case AuthOutcome::kMissing:
      return unauthorized("an Authorization: Bearer <token> header is required");
    case AuthOutcome::kWrongScheme:
      return unauthorized("the Authorization header must be \"Bearer <token>\"");
    case AuthOutcome::kWrongToken:
      return unauthorized("the token is not valid");
    case AuthOutcome::kAllowed:
      break;
  }
  auto match = state_->router.match(request.method, request.path);
  if (match.handler != nullptr) {
    request.path_params = std::move(match.path_params);
    response = (*match.handler)(request);
    response.route = match.pattern;
  } else if (match.allow.empty()) {
    response = render_error(not_found("no such admin resource"));
  } else {
    response = render_error({405, "method_not_allowed", "method not allowed here"});
    response.headers.emplace_back("Allow", std::move(match.allow));
  }
  response.log_vendor = "admin";
  return response;
}

std::string random_secret() {
  static constexpr std::string_view kAlphabet =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
  constexpr std::size_t kLength = 32;
  std::string secret;
  secret.reserve(kLength);
  std::array<unsigned char, 64> bytes{};
  while (secret.size() < kLength) {
    if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
      throw std::runtime_error("RAND_bytes failed");
    }
    for (const auto byte : bytes) {
      // 248 = 4 * 62: rejecting the rest keeps every character equally likely.
      if (byte < 248 && secret.size() < kLength) secret += kAlphabet[byte % kAlphabet.size()];
    }
  }
  return secret;
}

}  // namespace mediagate::admin
