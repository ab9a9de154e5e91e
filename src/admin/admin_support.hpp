// What every admin resource handler uses: the context it runs in, its reply, the route table
// entry, request parsing (JSON body, paging, path ids) and one transaction per request.
#pragma once

#include <boost/json.hpp>
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <limits>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#include "admin/admin_error.hpp"
#include "admin/sandbox_controls.hpp"
#include "auth/replay_guard.hpp"
#include "core/clock.hpp"
#include "core/config.hpp"
#include "core/json_writer.hpp"
#include "core/logger.hpp"
#include "fixtures/fixture_error.hpp"
#include "http/message.hpp"
#include "observe/request_journal.hpp"
#include "store/store.hpp"
#include "vendors/dataset.hpp"

namespace mediagate::admin {

// What the modules make of a whole fixture document (POST /admin/v1/import), handed in by the
// composition root (AdminOptions::documents).
struct DocumentRules {
  // Writes an import's counts as the members of the answer's "imported" object; null: none.
  void (*write_counts)(core::JsonWriter& w, const vendors::ImportSummary& summary) = nullptr;
  // What would make the upsert of `data` fail half-way (a key another entity holds), as an
  // error naming the document's JSON path; null: nothing is checked before the upsert.
  AdminResult<core::Ok> (*check)(store::EntityStore& s, const vendors::Dataset& data) = nullptr;
};

// What a handler may use. Shared by every request; nothing in it changes after start-up.
struct AdminContext {
  store::Store& store;
  const core::Clock& clock;
  core::Logger& server_log;
  int utc_offset_minutes = 480;
  std::int64_t default_limit = 100;
  std::int64_t max_limit = 1000;
  std::size_t max_search_bytes = 256;          // a list's ?q= (admin.max_search_bytes)
  std::function<std::string()> new_secret;     // a fresh random secret
  SandboxControls sandbox;                     // null members outside sandbox mode
  std::string shared_state;                    // "memory" or "redis" (GET /status)
  auth::ReplayGuard* replay_guard = nullptr;   // may be null
  observe::RequestJournal* journal = nullptr;  // null when journal.mode is off
  std::string journal_mode;                    // "metadata" or "full" (GET /journal)
  // Every mounted route as (method, pattern), for GET /routes (the console's data browser).
  std::vector<std::pair<std::string, std::string>> routes;
  // The modules' settings, for a resource that follows an endpoint's rule (how long a recorded
  // use lasts may be one of its module's settings).
  core::ModuleSettings modules;
  // The modules' part of importing a whole document.
  DocumentRules documents;
};

// A successful answer: JSON `body` (empty with 204).
struct Reply {
  unsigned status = 200;
  std::string body;
  std::string location;  // Location header of a 201
};

using AdminHandler = AdminResult<Reply> (*)(const AdminContext&, const http::Request&);

// A query parameter an admin route reads, for the admin API's document.
struct AdminParam {
  std::string_view name;
  std::string_view description;
};

// ?offset=&limit=&q= of a listing (parse_range).
inline constexpr AdminParam kPagingParams[] = {
    {"offset", "rows to skip (default 0)"},
    {"limit", "rows to return (default admin.default_limit, at most admin.max_limit)"},
    {"q",
     "only the rows whose searched columns (ids, names, emails; never a secret) contain this "
     "text: ASCII letters in either case, every other character literally (% and _ too); at most "
     "admin.max_search_bytes bytes; total counts the matching rows"},
};

// What an entity of a collection is called in its routes' docs: "a" or "an", one, several
// (e.g. {"a", "video of an account", "videos of an account"}).
struct EntityName {
  std::string_view article;
  std::string_view one;
  std::string_view many;
};

// The kinds of route whose docs say the same of every entity (entity_doc_text() has the words);
// kCustom: the doc states its own texts.
enum class DocKind { kCustom, kList, kCreate, kGet, kReplace, kDelete };

// What the admin API's OpenAPI document (GET /admin/v1/openapi.json, admin/admin_openapi.hpp)
// says of a route, stated where the route is registered. Path parameters come from the pattern;
// every route may also answer the admin error ({"error","message","field"}) and 401.
// A route of one of the DocKinds names its entity; a text it states itself replaces the kind's.
struct AdminDoc {
  std::string_view summary{};
  std::span<const AdminParam> query{};  // the query parameters it reads
  std::string_view body{};              // what the JSON request body is; empty: none
  bool body_optional = false;           // the body may be left out
  unsigned success = 200;               // 200, 201 (with Location) or 204 (no body)
  std::string_view answer{};            // what the JSON success body is
  DocKind kind = DocKind::kCustom;
  EntityName entity{};
};

// The docs of a collection's five routes: GET of the collection (a page of it), POST to it, GET,
// PUT and DELETE of one entity.
constexpr AdminDoc list_doc(EntityName entity) {
  return {.query = kPagingParams, .kind = DocKind::kList, .entity = entity};
}
constexpr AdminDoc create_doc(EntityName entity, std::string_view body = {}) {
  return {.body = body, .success = 201, .kind = DocKind::kCreate, .entity = entity};
}
constexpr AdminDoc get_doc(EntityName entity) {
  return {.kind = DocKind::kGet, .entity = entity};
}
constexpr AdminDoc replace_doc(EntityName entity) {
  return {.kind = DocKind::kReplace, .entity = entity};
}
constexpr AdminDoc delete_doc(EntityName entity) {
  return {.success = 204, .kind = DocKind::kDelete, .entity = entity};
}

// A doc's summary, body and answer as the OpenAPI document says them.
struct AdminDocText {
  std::string summary;
  std::string body;  // empty: no body
  std::string answer;
};
AdminDocText entity_doc_text(const AdminDoc& doc);

struct AdminRoute {
  std::string_view method;
  std::string_view pattern;  // below /admin/v1, e.g. "/vendor/accounts/{id}"
  AdminHandler handler;
  AdminDoc doc{};
};

// The admin API's own routes; the modules' resources come in AdminOptions::resources.
std::span<const AdminRoute> document_routes();
std::span<const AdminRoute> status_routes();
// GET/DELETE /journal, GET /journal/{id} (admin/journal.cpp).
std::span<const AdminRoute> journal_routes();
// Mounted only in sandbox mode (AdminOptions::sandbox).
std::span<const AdminRoute> sandbox_routes();
// The console's workbench and explorer, sandbox mode only (admin/workbench.cpp).
std::span<const AdminRoute> workbench_routes();

// Every row of a listing (no store holds this many).
inline const store::Range kAll{0, std::numeric_limits<std::int64_t>::max()};

// Secrets are shown only by rotate-secret and export; elsewhere this stands in for them, and
// writing it back as a secret is refused (a GET-edit-PUT round trip keeps the secret instead).
inline constexpr std::string_view kMasked = "********";

// --- requests ---

// The body as JSON (strict: no comments, no trailing commas). Empty or malformed -> 400.
AdminResult<boost::json::value> parse_json_body(const http::Request& request);
// A codec error as a 400 naming its JSON path.
AdminError fixture_error(const fixtures::FixtureError& error);
// ?offset=&limit=&q= (defaults 0, default_limit and no search; limit at most max_limit; q at
// most max_search_bytes of UTF-8).
AdminResult<store::Range> parse_range(const AdminContext& context, const http::Request& request);
// A captured path segment ({userId}, ...), already percent-decoded.
const std::string& path_param(const http::Request& request, std::string_view name);
// A captured path segment that must be an integer ({cataid}, {movieId}, {id}).
AdminResult<std::int64_t> int_path_param(const http::Request& request, std::string_view name);

// The body as a JSON object; anything else -> 400 "invalid_field" at "$".
AdminResult<boost::json::object> body_object(const http::Request& request);
// Refuses any key of `object` but `known` (400 "unknown_field" naming the first other one).
AdminResult<core::Ok> only_keys(const boost::json::object& object,
                                std::initializer_list<std::string_view> known);

// The path's id inside the body: added when absent; when present it must be equal (400).
AdminResult<core::Ok> bind_path_key(boost::json::value& body, std::string_view key,
                                    const boost::json::value& id);
// Refuses these keys (400 "invalid_field" naming the first found), with a hint where to go.
AdminResult<core::Ok> refuse_keys(const boost::json::value& body,
                                  std::initializer_list<std::string_view> keys,
                                  std::string_view hint);
// For a PUT: a secret left out keeps `current`; the masked placeholder is refused.
AdminResult<core::Ok> keep_secret(boost::json::value& body, std::string_view key,
                                  const std::string& current);
// For a create: the masked placeholder is refused as a secret.
AdminResult<core::Ok> refuse_masked(const boost::json::value& body, std::string_view key);

// A sub-account in a body is what the fixture format lists: a non-empty JSON string (the
// email); anything else -> 400.
AdminResult<std::string> email_body(const http::Request& request);

// The body of a rotate-secret: {"kind": one of `kinds`}; with a single kind the body may be
// left empty.
AdminResult<std::string> secret_kind(const http::Request& request,
                                     std::initializer_list<std::string_view> kinds);

// --- replies ---

Reply json_reply(unsigned status, std::string body);
Reply created(std::string body, std::string location);
Reply no_content();

// {"items":[…],"total":N,"offset":…,"limit":…}; `write(w, item)` writes one item.
template <class T, class Write>
Reply page_reply(const store::Page<T>& page, store::Range range, Write&& write) {
  core::JsonWriter w;
  w.begin_object().key("items").begin_array();
  for (const auto& item : page.items) write(w, item);
  w.end_array()
      .field("total", page.total)
      .field("offset", range.offset)
      .field("limit", range.limit)
      .end_object();
  return json_reply(200, std::move(w).str());
}

// One object written by `write(w)` inside begin_object/end_object.
template <class Write>
std::string object_json(Write&& write) {
  core::JsonWriter w;
  w.begin_object();
  write(w);
  w.end_object();
  return std::move(w).str();
}

// The JSON text of `item` as `write(w, item)` writes it.
template <class T, class Write>
std::string json_of(const T& item, Write&& write) {
  core::JsonWriter w;
  write(w, item);
  return std::move(w).str();
}

// A JSON string as the replies write it (a sub-account's body).
std::string string_json(std::string_view text);
// `text` quoted for an error message.
std::string quoted(std::string_view text);

// "/admin/v1" + `path`, each segment given percent-encoded as needed.
std::string admin_location(std::initializer_list<std::string_view> segments);

// --- one transaction per request ---

// Runs `body(store::EntityStore&) -> AdminResult<Reply>` in one write transaction: committed
// when it answers a Reply, rolled back when it answers an error.
template <class Body>
AdminResult<Reply> in_write(const AdminContext& context, Body&& body) {
  std::optional<AdminResult<Reply>> result;
  MG_TRY_VOID(
      context.store.transact([&](store::EntityStore& s) -> store::StoreResult<store::Outcome> {
        result.emplace(body(s));
        return result->has_value() ? store::Outcome::kCommit : store::Outcome::kRollback;
      }));
  return std::move(*result);
}

// The same over one read snapshot.
template <class Body>
AdminResult<Reply> in_read(const AdminContext& context, Body&& body) {
  std::optional<AdminResult<Reply>> result;
  MG_TRY_VOID(context.store.snapshot([&](store::EntityStore& s) -> store::StoreResult<core::Ok> {
    result.emplace(body(s));
    return core::Ok{};
  }));
  return std::move(*result);
}

// The error of a failed call (a store call or an admin step) as the handler's error (where
// MG_TRY or and_then does not read better).
template <class T, class E>
core::Unexpected<E> failed(core::Expected<T, E>& result) {
  return core::unexpected(std::move(result).error());
}

// --- bodies that are entities ---

// What `decode` (a fixture section decoder: json -> Expected<T, FixtureError>) decodes.
template <class Decode>
using Decoded = std::decay_t<
    decltype(*std::declval<std::invoke_result_t<Decode&, const boost::json::value&>&>())>;

// `decode(body)`, a codec error as a 400 naming its field (fixture_error).
template <class Decode>
AdminResult<Decoded<Decode>> decode_entity(const boost::json::value& body, Decode&& decode) {
  // A decoder's error converts into a 400 naming its field (AdminError of a core::Error).
  return decode(body).transform_error(
      [](fixtures::FixtureError error) { return AdminError(std::move(error)); });
}

// A body that is one entity of the fixture format: parsed, then decode_entity.
template <class Decode>
AdminResult<Decoded<Decode>> decode_body(const http::Request& request, Decode&& decode) {
  return parse_json_body(request).and_then(
      [&](const boost::json::value& body) { return decode_entity(body, decode); });
}

// The same for a PUT: the path's id is first bound into the body (bind_path_key).
template <class Decode>
AdminResult<Decoded<Decode>> decode_body(const http::Request& request, std::string_view key,
                                         const boost::json::value& id, Decode&& decode) {
  MG_TRY(auto body, parse_json_body(request));
  MG_TRY_VOID(bind_path_key(body, key, id));
  return decode_entity(body, decode);
}

// --- store helpers ---

// Upserts `data`; the summary is not needed.
AdminResult<core::Ok> upsert(store::EntityStore& s, const vendors::Dataset& data);

// A Dataset holding `entity` alone, in `list` (a pointer to one of vendors::Dataset's lists).
template <class Entity>
vendors::Dataset dataset_of(std::vector<Entity> vendors::Dataset::*list, Entity entity) {
  vendors::Dataset data;
  (data.*list).push_back(std::move(entity));
  return data;
}

// A Dataset holding one entity of `list` with these `keys` (which an upsert leaves as they are)
// and what `fill(entity)` adds: a child of a stored parent.
template <class Entity, class Keys, class Fill>
vendors::Dataset keyed_data(std::vector<Entity> vendors::Dataset::*list, const Keys& keys,
                            Fill&& fill) {
  Entity entity;
  entity.keys = keys;
  fill(entity);
  return dataset_of(list, std::move(entity));
}

// What a lookup found, or the error `missing()` makes (a 404) when it found nothing.
template <class T, class Missing>
AdminResult<T> found_or(store::StoreResult<std::optional<T>> found, Missing&& missing) {
  MG_TRY(auto entity, std::move(found));
  if (!entity) return core::unexpected(missing());
  return std::move(*entity);
}

// A delete's answer: 204, or the error `missing()` makes (a 404) when nothing was removed.
template <class Missing>
AdminResult<Reply> removed_or(store::StoreResult<bool> removed, Missing&& missing) {
  MG_TRY(const bool any, removed);
  if (!any) return core::unexpected(missing());
  return no_content();
}

// A GET of a collection: ?offset=&limit=, then in one read snapshot `check(s)` (an
// AdminResult: the parent's 404) and the page `list(s, range)`, each item written by
// `write(w, item)` as page_reply does.
template <class Check, class List, class Write>
AdminResult<Reply> list_reply(const AdminContext& context, const http::Request& request,
                              Check&& check, List&& list, Write&& write) {
  MG_TRY(const store::Range range, parse_range(context, request));
  return in_read(context, [&](store::EntityStore& s) -> AdminResult<Reply> {
    MG_TRY_VOID(check(s));
    MG_TRY(const auto page, list(s, range));
    return page_reply(page, range, write);
  });
}

// list_reply's `check` for a collection that has no parent.
inline AdminResult<core::Ok> no_parent(store::EntityStore& /*s*/) {
  return core::Ok{};
}

// A delete's answer once the entity is known to be there: 204.
inline AdminResult<Reply> deleted(store::StoreResult<bool> removed) {
  MG_TRY_VOID(removed);
  return no_content();
}

// page_reply for entities shown with their sub-accounts: `subs_of(item)` lists an item's
// (a StoreResult<Page<std::string>>), `write(w, item, emails)` writes one.
template <class T, class SubsOf, class Write>
AdminResult<Reply> page_reply_with_subs(const store::Page<T>& page, store::Range range,
                                        SubsOf&& subs_of, Write&& write) {
  std::vector<std::vector<std::string>> subs;
  subs.reserve(page.items.size());
  for (const auto& item : page.items) {
    MG_TRY(auto listed, subs_of(item));
    subs.push_back(std::move(listed.items));
  }
  std::size_t next = 0;
  return page_reply(page, range,
                    [&](core::JsonWriter& w, const T& item) { write(w, item, subs[next++]); });
}

}  // namespace mediagate::admin
