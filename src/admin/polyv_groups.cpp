// /admin/v1/polyv/groups: group accounts, their sub-accounts and allocation records.
#include <limits>

#include "admin/admin_support.hpp"

namespace mediagate::admin {
namespace {

namespace json = boost::json;
using store::EntityStore;

constexpr store::Range kAll{0, std::numeric_limits<std::int64_t>::max()};

std::string quoted(std::string_view text) {
  return json::serialize(json::string(text));
}

AdminResult<store::PolyvGroupKeys> require_group(EntityStore& s, const std::string& app_id) {
  auto group = s.find_polyv_group(app_id);
  if (!group) return failed(group);
  if (!*group) return core::unexpected(not_found("no Polyv group " + quoted(app_id), "appId"));
  return std::move(**group);
}

template <class Fill>
store::Dataset group_data(const store::PolyvGroupKeys& keys, Fill&& fill) {
  store::Dataset data;
  auto& group = data.polyv_groups.emplace_back();
  group.keys = keys;
  fill(group);
  return data;
}

AdminResult<core::Ok> upsert(EntityStore& s, const store::Dataset& data) {
  auto summary = s.upsert(data);
  if (!summary) return failed(summary);
  return core::Ok{};
}

void write_group(core::JsonWriter& w, const store::PolyvGroupKeys& keys,
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

AdminResult<std::string> group_json(EntityStore& s, const store::PolyvGroupKeys& keys) {
  auto subs = s.list_group_sub_accounts(keys.app_id, kAll);
  if (!subs) return failed(subs);
  core::JsonWriter w;
  write_group(w, keys, subs->items);
  return std::move(w).str();
}

// --- groups ---

AdminResult<Reply> list_groups(const AdminContext& ctx, const http::Request& request) {
  auto range = parse_range(ctx, request);
  if (!range) return core::unexpected(std::move(range).error());
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto page = s.list_polyv_groups(*range);
    if (!page) return failed(page);
    store::Page<std::pair<store::PolyvGroupKeys, std::vector<std::string>>> shown{page->total, {}};
    for (auto& keys : page->items) {
      auto subs = s.list_group_sub_accounts(keys.app_id, kAll);
      if (!subs) return failed(subs);
      shown.items.emplace_back(std::move(keys), std::move(subs->items));
    }
    return page_reply(shown, *range, [](core::JsonWriter& w, const auto& item) {
      write_group(w, item.first, item.second);
    });
  });
}

AdminResult<Reply> create_group(const AdminContext& ctx, const http::Request& request) {
  auto body = parse_json_body(request);
  if (!body) return core::unexpected(std::move(body).error());
  if (auto ok = refuse_masked(*body, "appSecret"); !ok) {
    return core::unexpected(std::move(ok).error());
  }
  auto group = domain::decode_polyv_group(*body, ctx.utc_offset_minutes);
  if (!group) return core::unexpected(fixture_error(group.error()));
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto existing = s.find_polyv_group(group->keys.app_id);
    if (!existing) return failed(existing);
    if (*existing) {
      return core::unexpected(
          conflict("Polyv group " + quoted(group->keys.app_id) + " already exists", "$.appId"));
    }
    store::Dataset data;
    data.polyv_groups.push_back(*group);
    if (auto ok = upsert(s, data); !ok) return core::unexpected(std::move(ok).error());
    auto shown = group_json(s, group->keys);
    if (!shown) return core::unexpected(std::move(shown).error());
    return created(std::move(*shown), admin_location({"polyv", "groups", group->keys.app_id}));
  });
}

AdminResult<Reply> get_group(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_group(s, app_id);
    if (!keys) return core::unexpected(std::move(keys).error());
    auto shown = group_json(s, *keys);
    if (!shown) return core::unexpected(std::move(shown).error());
    return json_reply(200, std::move(*shown));
  });
}

AdminResult<Reply> update_group(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto body = parse_json_body(request);
  if (!body) return core::unexpected(std::move(body).error());
  if (auto ok = refuse_keys(*body, {"subAccounts", "allocations"},
                            "a group's sub-accounts and allocations are managed under their own "
                            "resources (…/sub-accounts, …/allocations)");
      !ok) {
    return core::unexpected(std::move(ok).error());
  }
  if (auto ok = bind_path_key(*body, "appId", json::value(app_id)); !ok) {
    return core::unexpected(std::move(ok).error());
  }
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto current = require_group(s, app_id);
    if (!current) return core::unexpected(std::move(current).error());
    if (auto ok = keep_secret(*body, "appSecret", current->app_secret); !ok) {
      return core::unexpected(std::move(ok).error());
    }
    auto group = domain::decode_polyv_group(*body, ctx.utc_offset_minutes);
    if (!group) return core::unexpected(fixture_error(group.error()));
    if (auto ok = upsert(s, group_data(group->keys, [](auto&) {})); !ok) {
      return core::unexpected(std::move(ok).error());
    }
    auto shown = group_json(s, group->keys);
    if (!shown) return core::unexpected(std::move(shown).error());
    return json_reply(200, std::move(*shown));
  });
}

AdminResult<Reply> delete_group(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto removed = s.remove(store::PolyvGroupRef{app_id});
    if (!removed) return failed(removed);
    if (!*removed) return core::unexpected(not_found("no Polyv group " + quoted(app_id), "appId"));
    return no_content();
  });
}

AdminResult<Reply> rotate_group_secret(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto kind = secret_kind(request, {"appSecret"});
  if (!kind) return core::unexpected(std::move(kind).error());
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_group(s, app_id);
    if (!keys) return core::unexpected(std::move(keys).error());
    keys->app_secret = ctx.new_secret();
    if (auto ok = upsert(s, group_data(*keys, [](auto&) {})); !ok) {
      return core::unexpected(std::move(ok).error());
    }
    return json_reply(200, object_json([&](core::JsonWriter& w) {
                        w.field("appId", app_id).field("appSecret", keys->app_secret);
                      }));
  });
}

// --- sub-accounts ---

AdminResult<Reply> list_sub_accounts(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto range = parse_range(ctx, request);
  if (!range) return core::unexpected(std::move(range).error());
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_group(s, app_id); !keys) {
      return core::unexpected(std::move(keys).error());
    }
    auto page = s.list_group_sub_accounts(app_id, *range);
    if (!page) return failed(page);
    return page_reply(*page, *range,
                      [](core::JsonWriter& w, const std::string& email) { w.value(email); });
  });
}

std::string string_json(std::string_view text) {
  core::JsonWriter w;
  w.value(text);
  return std::move(w).str();
}

AdminResult<Reply> create_sub_account(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto body = parse_json_body(request);
  if (!body) return core::unexpected(std::move(body).error());
  if (!body->is_string() || body->get_string().empty()) {
    return core::unexpected(
        bad_request("invalid_field", "expected a non-empty JSON string (the email)", "$"));
  }
  const std::string email(body->get_string());
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_group(s, app_id);
    if (!keys) return core::unexpected(std::move(keys).error());
    auto has = s.has_group_sub_account(app_id, email);
    if (!has) return failed(has);
    if (*has) return core::unexpected(conflict("sub-account " + quoted(email) + " exists", "$"));
    auto data = group_data(*keys, [&](store::PolyvGroup& g) { g.sub_accounts = {email}; });
    if (auto ok = upsert(s, data); !ok) return core::unexpected(std::move(ok).error());
    return created(string_json(email),
                   admin_location({"polyv", "groups", app_id, "sub-accounts", email}));
  });
}

AdminResult<Reply> get_sub_account(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  const auto& email = path_param(request, "email");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_group(s, app_id); !keys) {
      return core::unexpected(std::move(keys).error());
    }
    auto has = s.has_group_sub_account(app_id, email);
    if (!has) return failed(has);
    if (!*has) return core::unexpected(not_found("no sub-account " + quoted(email), "email"));
    return json_reply(200, string_json(email));
  });
}

AdminResult<Reply> delete_sub_account(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  const auto& email = path_param(request, "email");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_group(s, app_id); !keys) {
      return core::unexpected(std::move(keys).error());
    }
    auto has = s.has_group_sub_account(app_id, email);
    if (!has) return failed(has);
    if (!*has) return core::unexpected(not_found("no sub-account " + quoted(email), "email"));
    auto records = s.list_allocations(app_id, email, store::Range{0, 0});
    if (!records) return failed(records);
    if (records->total > 0) {
      return core::unexpected(conflict(std::to_string(records->total) + " allocations belong to " +
                                           quoted(email) + "; delete them first",
                                       "email"));
    }
    auto removed = s.remove(store::GroupSubAccountRef{app_id, email});
    if (!removed) return failed(removed);
    return no_content();
  });
}

// --- allocations ---

// An allocation as the fixture format writes it, with the store's id first.
void write_allocation(core::JsonWriter& w, const store::AllocationRecord& record, int offset) {
  w.begin_object().field("id", record.id);
  domain::write_allocation_fields(w, record.allocation, offset);
  w.end_object();
}

std::string allocation_json(const store::AllocationRecord& record, int offset) {
  core::JsonWriter w;
  write_allocation(w, record, offset);
  return std::move(w).str();
}

AdminResult<store::AllocationRecord> require_allocation(EntityStore& s, const std::string& app_id,
                                                        std::int64_t id) {
  auto found = s.find_allocation(app_id, id);
  if (!found) return failed(found);
  if (!*found) {
    return core::unexpected(
        not_found("no allocation " + std::to_string(id) + " in this group", "id"));
  }
  return std::move(**found);
}

// The allocation's email is a sub-account of the group, and no other allocation (than
// `self`) has its key (email, date, origin, type).
AdminResult<core::Ok> check_allocation(EntityStore& s, const std::string& app_id,
                                       const store::Allocation& a,
                                       std::optional<std::int64_t> self) {
  auto has = s.has_group_sub_account(app_id, a.email);
  if (!has) return failed(has);
  if (!*has) {
    return core::unexpected(
        unprocessable(quoted(a.email) + " is not one of this group's sub-accounts", "$.email"));
  }
  auto same_key = s.find_allocation_id(app_id, a);
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
  auto range = parse_range(ctx, request);
  if (!range) return core::unexpected(std::move(range).error());
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_group(s, app_id); !keys) {
      return core::unexpected(std::move(keys).error());
    }
    auto page = s.list_allocations(app_id, std::nullopt, *range);
    if (!page) return failed(page);
    return page_reply(*page, *range, [&](core::JsonWriter& w, const store::AllocationRecord& r) {
      write_allocation(w, r, ctx.utc_offset_minutes);
    });
  });
}

AdminResult<Reply> create_allocation(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto body = parse_json_body(request);
  if (!body) return core::unexpected(std::move(body).error());
  auto allocation = domain::decode_allocation(*body, ctx.utc_offset_minutes);
  if (!allocation) return core::unexpected(fixture_error(allocation.error()));
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_group(s, app_id);
    if (!keys) return core::unexpected(std::move(keys).error());
    if (auto ok = check_allocation(s, app_id, *allocation, std::nullopt); !ok) {
      return core::unexpected(std::move(ok).error());
    }
    auto data = group_data(*keys, [&](store::PolyvGroup& g) { g.allocations = {*allocation}; });
    if (auto ok = upsert(s, data); !ok) return core::unexpected(std::move(ok).error());
    auto id = s.find_allocation_id(app_id, *allocation);
    if (!id) return failed(id);
    const store::AllocationRecord record{id->value_or(0), *allocation};
    return created(
        allocation_json(record, ctx.utc_offset_minutes),
        admin_location({"polyv", "groups", app_id, "allocations", std::to_string(record.id)}));
  });
}

AdminResult<Reply> get_allocation(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto id = int_path_param(request, "id");
  if (!id) return core::unexpected(std::move(id).error());
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_group(s, app_id); !keys) {
      return core::unexpected(std::move(keys).error());
    }
    auto record = require_allocation(s, app_id, *id);
    if (!record) return core::unexpected(std::move(record).error());
    return json_reply(200, allocation_json(*record, ctx.utc_offset_minutes));
  });
}

AdminResult<Reply> update_allocation(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto id = int_path_param(request, "id");
  if (!id) return core::unexpected(std::move(id).error());
  auto body = parse_json_body(request);
  if (!body) return core::unexpected(std::move(body).error());
  // The id is the store's, not a fixture field: accepted when it matches, then dropped.
  if (auto ok = bind_path_key(*body, "id", json::value(*id)); !ok) {
    return core::unexpected(std::move(ok).error());
  }
  if (auto* object = body->if_object()) object->erase("id");
  auto allocation = domain::decode_allocation(*body, ctx.utc_offset_minutes);
  if (!allocation) return core::unexpected(fixture_error(allocation.error()));
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_group(s, app_id); !keys) {
      return core::unexpected(std::move(keys).error());
    }
    if (auto current = require_allocation(s, app_id, *id); !current) {
      return core::unexpected(std::move(current).error());
    }
    if (auto ok = check_allocation(s, app_id, *allocation, *id); !ok) {
      return core::unexpected(std::move(ok).error());
    }
    auto updated = s.update_allocation(app_id, *id, *allocation);
    if (!updated) return failed(updated);
    return json_reply(200, allocation_json({*id, *allocation}, ctx.utc_offset_minutes));
  });
}

AdminResult<Reply> delete_allocation(const AdminContext& ctx, const http::Request& request) {
  const auto& app_id = path_param(request, "appId");
  auto id = int_path_param(request, "id");
  if (!id) return core::unexpected(std::move(id).error());
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_group(s, app_id); !keys) {
      return core::unexpected(std::move(keys).error());
    }
    auto removed = s.remove(store::AllocationRef{app_id, *id});
    if (!removed) return failed(removed);
    if (!*removed) {
      return core::unexpected(
          not_found("no allocation " + std::to_string(*id) + " in this group", "id"));
    }
    return no_content();
  });
}

const AdminRoute kRoutes[] = {
    {"GET", "/polyv/groups", list_groups},
    {"POST", "/polyv/groups", create_group},
    {"GET", "/polyv/groups/{appId}", get_group},
    {"PUT", "/polyv/groups/{appId}", update_group},
    {"DELETE", "/polyv/groups/{appId}", delete_group},
    {"POST", "/polyv/groups/{appId}/rotate-secret", rotate_group_secret},
    {"GET", "/polyv/groups/{appId}/sub-accounts", list_sub_accounts},
    {"POST", "/polyv/groups/{appId}/sub-accounts", create_sub_account},
    {"GET", "/polyv/groups/{appId}/sub-accounts/{email}", get_sub_account},
    {"DELETE", "/polyv/groups/{appId}/sub-accounts/{email}", delete_sub_account},
    {"GET", "/polyv/groups/{appId}/allocations", list_allocations},
    {"POST", "/polyv/groups/{appId}/allocations", create_allocation},
    {"GET", "/polyv/groups/{appId}/allocations/{id}", get_allocation},
    {"PUT", "/polyv/groups/{appId}/allocations/{id}", update_allocation},
    {"DELETE", "/polyv/groups/{appId}/allocations/{id}", delete_allocation},
};

}  // namespace

std::span<const AdminRoute> polyv_group_routes() {
  return kRoutes;
}

}  // namespace mediagate::admin
