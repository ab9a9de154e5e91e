// The admin API (/admin/v1/...): create, read, update and delete every entity of the fixture
// format, rotate secrets, import and export whole documents. It is served on its own listener
// (admin.listen) and answers only requests bearing `Authorization: Bearer <token>`.
// Entities are JSON with exactly the fixture format's field names (vendors/fixture_format.hpp);
// errors are {"error":…,"message":…,"field":…}; every request is one store transaction.
// See docs/operations.md, "Admin API".
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "admin/admin_auth.hpp"
#include "admin/admin_support.hpp"
#include "admin/sandbox_controls.hpp"
#include "auth/replay_guard.hpp"
#include "core/clock.hpp"
#include "core/logger.hpp"
#include "http/message.hpp"
#include "http/router.hpp"
#include "store/store.hpp"

namespace mediagate::admin {

struct AdminOptions {
  std::string token;  // the bearer token; never logged
  int utc_offset_minutes = 480;
  std::int64_t default_limit = 100;    // list page size when none is given
  std::int64_t max_limit = 1000;       // larger limits are refused
  std::size_t max_search_bytes = 256;  // a longer ?q= of a list is refused (400)
  // A fresh secret for rotate-secret; empty = 32 random letters and digits (OpenSSL RAND_bytes).
  std::function<std::string()> new_secret;
  // Sandbox mode: mounts /admin/v1/sandbox/clock and /admin/v1/sandbox/faults (docs/sandbox.md).
  std::optional<SandboxControls> sandbox;
  // Failed authentications per client address (429 once blocked; see AuthFailureLimiter).
  AuthFailureSettings auth_failures;
  // What GET /admin/v1/status reports: where shared state lives ("memory" or "redis") and the
  // replay guard's in-process memory, if it has one. Not owned; may be null.
  std::string shared_state = "memory";
  auth::ReplayGuard* replay_guard = nullptr;
  // The request journal (/admin/v1/journal) and its mode ("metadata" or "full"); null: off.
  observe::RequestJournal* journal = nullptr;
  std::string journal_mode;
  // GET /metrics (outside /admin/v1, with the same token): the Prometheus text; empty: none.
  std::function<std::string()> metrics;
  // The modules' resources (vendors::admin_resources()), mounted below /admin/v1.
  std::vector<std::span<const AdminRoute>> resources;
  // The modules' settings (config.modules), which some resources read.
  core::ModuleSettings modules;
  // The modules' part of POST /admin/v1/import (vendors::document_rules()): without it the
  // answer's "imported" object is empty and nothing is checked before the upsert.
  DocumentRules documents;
};

class AdminApi {
 public:
  // `store`, `clock` and `server_log` must outlive the AdminApi.
  AdminApi(store::Store& store, const core::Clock& clock, core::Logger& server_log,
           AdminOptions options);
  AdminApi(const AdminApi&) = delete;
  AdminApi& operator=(const AdminApi&) = delete;

  // Authenticates, routes and answers one request (thread-safe). Every response is tagged
  // vendor "admin" for the access log. A failed authentication is logged (the client's
  // address and why, never the token) and counted against the address.
  http::Response handle(http::Request& request) const;

 private:
  struct State;
  std::shared_ptr<const State> state_;
};

// 32 characters from [A-Za-z0-9], from OpenSSL's CSPRNG (about 190 bits).
std::string random_secret();

}  // namespace mediagate::admin
