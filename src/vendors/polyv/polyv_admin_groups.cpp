#include "vendors/polyv/polyv_admin.hpp"

// /admin/v1/polyv/groups: group accounts, their sub-accounts and allocation records.
#include <utility>

#include "admin/admin_support.hpp"
#include "vendors/dataset_writes.hpp"
#include "vendors/polyv/polyv_entities.hpp"
#include "vendors/polyv/polyv_fixture.hpp"

namespace mediagate::vendors::polyv {

// The admin API's vocabulary (admin/admin_support.hpp) throughout this resource file.
using namespace admin;  // NOLINT(google-build-using-namespace)

namespace {

namespace json = boost::json;
using store::EntityStore;

AdminError no_group(const std::string& app_id) {
  return not_found("no Polyv group " + quoted(app_id), "appId");
}

AdminError no_sub_account(const std::string& email) {
  return not_found("no sub-account " + quoted(email), "email");
}

AdminError no_allocation(std::int64_t id) {
  return not_found("no allocation " + std::to_string(id) + " in this group", "id");
}

AdminResult<vendors::polyv::PolyvGroupKeys> require_group(EntityStore& s,
                                                          const std::string& app_id) {
  return found_or(PolyvEntities(s).find_group(app_id), [&] { return no_group(app_id); });
}

// A Dataset holding the group's keys (unchanged by the upsert) and what `fill` adds.
template <class Fill>
vendors::Dataset group_data(const vendors::polyv::PolyvGroupKeys& keys, Fill&& fill) {
  return keyed_data(&vendors::Dataset::polyv_groups, keys, std::forward<Fill>(fill));
}

void write_group(core::JsonWriter& w, const vendors::polyv::PolyvGroupKeys& keys,
                 const std::vector<std::string>& sub_accounts) {
  w.begin_object()
      .field("appId", keys.app_id)
      .field("appSecret", kMasked)
      .field("forbidden", keys.forbidden)
      .key("subAccounts")
      .begin_array();
  for (const auto& email : sub_accounts) w.value(email);
  w.end_array().end_object();
}

AdminResult<std::string> group_json(EntityStore& s, const vendors::polyv::PolyvGroupKeys& keys) {
  auto subs = PolyvEntities(s).list_group_sub_accounts(keys.app_id, kAll);
  if (!subs) return failed(subs);
  core::JsonWriter w;
  write_group(w, keys, subs->items);
  return std::move(w).str();
}

// --- groups ---

AdminResult<Reply> list_groups(const AdminContext& ctx, const http::Request& request) {
  auto range = parse_range(ctx, request);
  if (!range) return failed(range);
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto page = PolyvEntities(s).list_groups(*range);
    if (!page) return failed(page);
    return page_reply_with_subs(
        *page, *range,
        [&](const vendors::polyv::PolyvGroupKeys& keys) {
          return PolyvEntities(s).list_group_sub_accounts(keys.app_id, kAll);
        },
        write_group);
  });
}

AdminResult<Reply> create_group(const AdminContext& ctx, const http::Request& request) {
  auto body = parse_json_body(request);
  if (!body) return failed(body);
  if (auto ok = refuse_masked(*body, "appSecret"); !ok) return failed(ok);
  auto group = decode_polyv_group(*body, ctx.utc_offset_minutes);
  if (!group) return core::unexpected(fixture_error(group.error()));
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto existing = PolyvEntities(s).find_group(group->keys.app_id);
    if (!existing) return failed(existing);
    if (*existing) {
      return core::unexpected(
          conflict("Polyv group " + quoted(group->keys.app_id) + " already exists", "$.appId"));
    }
    if (auto ok = upsert(s, dataset_of(&vendors::Dataset::polyv_groups, *group)); !ok) {
      return failed(ok);
    }
    auto shown = group_json(s, group->keys);
    if (!shown) return failed(shown);
    return created(std::move(*shown), admin_location({"polyv", "groups", group->keys.app_id}));
  });
}

AdminResult<Reply> get_group(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_group(s, app_id);
    if (!keys) return failed(keys);
    auto shown = group_json(s, *keys);
    if (!shown) return failed(shown);
    return json_reply(200, std::move(*shown));
  });
}

AdminResult<Reply> update_group(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto body = parse_json_body(request);
  if (!body) return failed(body);
  if (auto ok = refuse_keys(*body, {"subAccounts", "allocations"},
                            "a group's sub-accounts and allocations are managed under their own "
                            "resources (…/sub-accounts, …/allocations)");
      !ok)
    return failed(ok);
  if (auto ok = bind_path_key(*body, "appId", json::value(app_id)); !ok) return failed(ok);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto current = require_group(s, app_id);
    if (!current) return failed(current);
    if (auto ok = keep_secret(*body, "appSecret", current->app_secret); !ok) return failed(ok);
    auto group = decode_polyv_group(*body, ctx.utc_offset_minutes);
    if (!group) return core::unexpected(fixture_error(group.error()));
    if (auto ok = upsert(s, group_data(group->keys, [](auto&) {})); !ok) return failed(ok);
    auto shown = group_json(s, group->keys);
    if (!shown) return failed(shown);
    return json_reply(200, std::move(*shown));
  });
}

AdminResult<Reply> delete_group(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    return removed_or(vendors::remove_entity(s, vendors::polyv::PolyvGroupRef{app_id}),
                      [&] { return no_group(app_id); });
  });
}

AdminResult<Reply> rotate_group_secret(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto kind = secret_kind(request, {"appSecret"});
  if (!kind) return failed(kind);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_group(s, app_id);
    if (!keys) return failed(keys);
    keys->app_secret = ctx.new_secret();
    if (auto ok = upsert(s, group_data(*keys, [](auto&) {})); !ok) return failed(ok);
    return json_reply(200, object_json([&](core::JsonWriter& w) {
                        w.field("appId", app_id).field("appSecret", keys->app_secret);
                      }));
  });
}

// --- sub-accounts ---

AdminResult<Reply> list_sub_accounts(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  return list_reply(
      ctx, request, [&](EntityStore& s) { return require_group(s, app_id); },
      [&](EntityStore& s, store::Range range) {
        return PolyvEntities(s).list_group_sub_accounts(app_id, std::move(range));
      },
      [](core::JsonWriter& w, const std::string& email) { w.value(email); });
}

AdminResult<Reply> create_sub_account(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto body = email_body(request);
  if (!body) return failed(body);
  const std::string& email = *body;
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_group(s, app_id);
    if (!keys) return failed(keys);
    auto has = PolyvEntities(s).has_group_sub_account(app_id, email);
    if (!has) return failed(has);
    if (*has) return core::unexpected(conflict("sub-account " + quoted(email) + " exists", "$"));
    auto data = group_data(*keys, [&](vendors::polyv::PolyvGroup& g) { g.sub_accounts = {email}; });
    if (auto ok = upsert(s, data); !ok) return failed(ok);
    return created(string_json(email),
                   admin_location({"polyv", "groups", app_id, "sub-accounts", email}));
  });
}

AdminResult<Reply> get_sub_account(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  const auto& email = path_param(request, "email");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_group(s, app_id); !keys) return failed(keys);
    auto has = PolyvEntities(s).has_group_sub_account(app_id, email);
    if (!has) return failed(has);
    if (!*has) return core::unexpected(no_sub_account(email));
    return json_reply(200, string_json(email));
  });
}

AdminResult<Reply> delete_sub_account(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  const auto& email = path_param(request, "email");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_group(s, app_id); !keys) return failed(keys);
    auto has = PolyvEntities(s).has_group_sub_account(app_id, email);
    if (!has) return failed(has);
    if (!*has) return core::unexpected(no_sub_account(email));
    auto records = PolyvEntities(s).list_allocations(app_id, email, store::Range{0, 0});
    if (!records) return failed(records);
    if (records->total > 0) {
      return core::unexpected(conflict(std::to_string(records->total) + " allocations belong to " +
                                           quoted(email) + "; delete them first",
                                       "email"));
    }
    return deleted(vendors::remove_entity(s, vendors::polyv::GroupSubAccountRef{app_id, email}));
  });
}

// --- allocations ---

// An allocation as the fixture format writes it, with the store's id first.
void write_allocation(core::JsonWriter& w, const AllocationRecord& record, int offset) {
  w.begin_object().field("id", record.id);
  write_allocation_fields(w, record.allocation, offset);
  w.end_object();
}

std::string allocation_json(const AllocationRecord& record, int offset) {
  return json_of(record, [&](core::JsonWriter& w, const AllocationRecord& r) {
    write_allocation(w, r, offset);
  });
}

AdminResult<AllocationRecord> require_allocation(EntityStore& s, const std::string& app_id,
                                                 std::int64_t id) {
  return found_or(PolyvEntities(s).find_allocation(app_id, id), [&] { return no_allocation(id); });
}

// The allocation's email is a sub-account of the group, and no other allocation (than
// `self`) has its key (email, date, origin, type).
AdminResult<core::Ok> check_allocation(EntityStore& s, const std::string& app_id,
                                       const vendors::polyv::Allocation& a,
                                       std::optional<std::int64_t> self) {
  auto has = PolyvEntities(s).has_group_sub_account(app_id, a.email);
  if (!has) return failed(has);
  if (!*has) {
    return core::unexpected(
        unprocessable(quoted(a.email) + " is not one of this group's sub-accounts", "$.email"));
  }
  auto same_key = PolyvEntities(s).find_allocation_id(app_id, a);
  if (!same_key) return failed(same_key);
  if (*same_key && *same_key != self) {
    return core::unexpected(conflict(
        "allocation " + std::to_string(**same_key) + " has the same email, date, origin and type",
        "$"));
  }
  return core::Ok{};
}

AdminResult<Reply> list_allocations(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  return list_reply(
      ctx, request, [&](EntityStore& s) { return require_group(s, app_id); },
      [&](EntityStore& s, store::Range range) {
        return PolyvEntities(s).list_allocations(app_id, std::nullopt, std::move(range));
      },
      [&](core::JsonWriter& w, const AllocationRecord& r) {
        write_allocation(w, r, ctx.utc_offset_minutes);
      });
}

AdminResult<Reply> create_allocation(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto allocation = decode_body(request, [&](const json::value& body) {
    return decode_allocation(body, ctx.utc_offset_minutes);
  });
  if (!allocation) return failed(allocation);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_group(s, app_id);
    if (!keys) return failed(keys);
    if (auto ok = check_allocation(s, app_id, *allocation, std::nullopt); !ok) return failed(ok);
    auto data =
        group_data(*keys, [&](vendors::polyv::PolyvGroup& g) { g.allocations = {*allocation}; });
    if (auto ok = upsert(s, data); !ok) return failed(ok);
    auto id = PolyvEntities(s).find_allocation_id(app_id, *allocation);
    if (!id) return failed(id);
    const AllocationRecord record{id->value_or(0), *allocation};
    return created(
        allocation_json(record, ctx.utc_offset_minutes),
        admin_location({"polyv", "groups", app_id, "allocations", std::to_string(record.id)}));
  });
}

AdminResult<Reply> get_allocation(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto id = int_path_param(request, "id");
  if (!id) return failed(id);
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_group(s, app_id); !keys) return failed(keys);
    auto record = require_allocation(s, app_id, *id);
    if (!record) return failed(record);
    return json_reply(200, allocation_json(*record, ctx.utc_offset_minutes));
  });
}

AdminResult<Reply> update_allocation(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto id = int_path_param(request, "id");
  if (!id) return failed(id);
  auto body = parse_json_body(request);
  if (!body) return failed(body);
  // The id is the store's, not a fixture field: accepted when it matches, then dropped.
  if (auto ok = bind_path_key(*body, "id", json::value(*id)); !ok) return failed(ok);
  if (auto* object = body->if_object()) object->erase("id");
  auto allocation = decode_allocation(*body, ctx.utc_offset_minutes);
  if (!allocation) return core::unexpected(fixture_error(allocation.error()));
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_group(s, app_id); !keys) return failed(keys);
    if (auto current = require_allocation(s, app_id, *id); !current) return failed(current);
    if (auto ok = check_allocation(s, app_id, *allocation, *id); !ok) return failed(ok);
    auto updated = PolyvEntities(s).update_allocation(app_id, *id, *allocation);
    if (!updated) return failed(updated);
    return json_reply(200, allocation_json({*id, *allocation}, ctx.utc_offset_minutes));
  });
}

AdminResult<Reply> delete_allocation(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto id = int_path_param(request, "id");
  if (!id) return failed(id);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_group(s, app_id); !keys) return failed(keys);
    return removed_or(vendors::remove_entity(s, vendors::polyv::AllocationRef{app_id, *id}),
                      [&] { return no_allocation(*id); });
  });
}

// What each collection's entities are called in the admin API's document.
constexpr admin::EntityName kPolyvGroupAccountName{"a", "Polyv group account",
                                                   "Polyv group accounts"};
constexpr admin::EntityName kSubAccountName{"a", "sub-account of a Polyv group account",
                                            "sub-accounts of a Polyv group account"};
constexpr admin::EntityName kAllocationName{"an", "allocation of a Polyv group account",
                                            "allocations of a Polyv group account"};

const AdminRoute kRoutes[] = {
    {"GET", "/polyv/groups", list_groups, admin::list_doc(kPolyvGroupAccountName)},
    {"POST", "/polyv/groups", create_group, admin::create_doc(kPolyvGroupAccountName)},
    {"GET", "/polyv/groups/{appId}", get_group, admin::get_doc(kPolyvGroupAccountName)},
    {"PUT", "/polyv/groups/{appId}", update_group, admin::replace_doc(kPolyvGroupAccountName)},
    {"DELETE", "/polyv/groups/{appId}", delete_group, admin::delete_doc(kPolyvGroupAccountName)},
    {"POST",
     "/polyv/groups/{appId}/rotate-secret",
     rotate_group_secret,
     {.summary = "Give the Polyv group account a new random secret",
      .body = "{\"kind\": \"appSecret\"}",
      .body_optional = true,
      .answer = "{kind, the new secret}"}},
    {"GET", "/polyv/groups/{appId}/sub-accounts", list_sub_accounts,
     admin::list_doc(kSubAccountName)},
    {"POST", "/polyv/groups/{appId}/sub-accounts", create_sub_account,
     admin::create_doc(kSubAccountName, "the email, a JSON string")},
    {"GET", "/polyv/groups/{appId}/sub-accounts/{email}", get_sub_account,
     admin::get_doc(kSubAccountName)},
    {"DELETE", "/polyv/groups/{appId}/sub-accounts/{email}", delete_sub_account,
     admin::delete_doc(kSubAccountName)},
    {"GET", "/polyv/groups/{appId}/allocations", list_allocations,
     admin::list_doc(kAllocationName)},
    {"POST", "/polyv/groups/{appId}/allocations", create_allocation,
     admin::create_doc(kAllocationName)},
    {"GET", "/polyv/groups/{appId}/allocations/{id}", get_allocation,
     admin::get_doc(kAllocationName)},
    {"PUT", "/polyv/groups/{appId}/allocations/{id}", update_allocation,
     admin::replace_doc(kAllocationName)},
    {"DELETE", "/polyv/groups/{appId}/allocations/{id}", delete_allocation,
     admin::delete_doc(kAllocationName)},
};

}  // namespace

std::span<const admin::AdminRoute> admin_group_routes() {
  return kRoutes;
}

}  // namespace mediagate::vendors::polyv
