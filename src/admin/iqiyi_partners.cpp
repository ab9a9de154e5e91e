// /admin/v1/iqiyi/partners: partners and their users' coupon counts.
#include "admin/admin_support.hpp"

namespace mediagate::admin {
namespace {

namespace json = boost::json;
using store::EntityStore;

std::string quoted(std::string_view text) {
  return json::serialize(json::string(text));
}

AdminResult<store::IqiyiPartner> require_partner(EntityStore& s, const std::string& code) {
  auto partner = s.find_iqiyi_partner(code);
  if (!partner) return failed(partner);
  if (!*partner) {
    return core::unexpected(not_found("no iQiyi partner " + quoted(code), "partnerCode"));
  }
  return std::move(**partner);
}

AdminResult<core::Ok> upsert(EntityStore& s, store::IqiyiPartner partner) {
  store::Dataset data;
  data.iqiyi_partners.push_back(std::move(partner));
  auto summary = s.upsert(data);
  if (!summary) return failed(summary);
  return core::Ok{};
}

void write_partner(core::JsonWriter& w, const store::IqiyiPartner& partner) {
  w.begin_object().field("partnerCode", partner.partner_code).field("md5Key", kMasked).end_object();
}

std::string partner_json(const store::IqiyiPartner& partner) {
  core::JsonWriter w;
  write_partner(w, partner);
  return std::move(w).str();
}

void write_user(core::JsonWriter& w, const store::IqiyiUser& user) {
  w.begin_object();
  domain::write_iqiyi_user_fields(w, user);
  w.end_object();
}

std::string user_json(const store::IqiyiUser& user) {
  core::JsonWriter w;
  write_user(w, user);
  return std::move(w).str();
}

// --- partners ---

AdminResult<Reply> list_partners(const AdminContext& ctx, const http::Request& request) {
  auto range = parse_range(ctx, request);
  if (!range) return core::unexpected(std::move(range).error());
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto page = s.list_iqiyi_partners(*range);
    if (!page) return failed(page);
    return page_reply(*page, *range, write_partner);
  });
}

AdminResult<Reply> create_partner(const AdminContext& ctx, const http::Request& request) {
  auto body = parse_json_body(request);
  if (!body) return core::unexpected(std::move(body).error());
  if (auto ok = refuse_masked(*body, "md5Key"); !ok) return core::unexpected(std::move(ok).error());
  auto partner = domain::decode_iqiyi_partner(*body);
  if (!partner) return core::unexpected(fixture_error(partner.error()));
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto existing = s.find_iqiyi_partner(partner->partner_code);
    if (!existing) return failed(existing);
    if (*existing) {
      return core::unexpected(conflict(
          "iQiyi partner " + quoted(partner->partner_code) + " already exists", "$.partnerCode"));
    }
    if (auto ok = upsert(s, *partner); !ok) return core::unexpected(std::move(ok).error());
    return created(partner_json(*partner),
                   admin_location({"iqiyi", "partners", partner->partner_code}));
  });
}

AdminResult<Reply> get_partner(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto partner = require_partner(s, code);
    if (!partner) return core::unexpected(std::move(partner).error());
    return json_reply(200, partner_json(*partner));
  });
}

AdminResult<Reply> update_partner(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  auto body = parse_json_body(request);
  if (!body) return core::unexpected(std::move(body).error());
  if (auto ok = refuse_keys(*body, {"users"},
                            "a partner's users are managed under …/users/{user_id}/{area}");
      !ok) {
    return core::unexpected(std::move(ok).error());
  }
  if (auto ok = bind_path_key(*body, "partnerCode", json::value(code)); !ok) {
    return core::unexpected(std::move(ok).error());
  }
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto current = require_partner(s, code);
    if (!current) return core::unexpected(std::move(current).error());
    if (auto ok = keep_secret(*body, "md5Key", current->md5_key); !ok) {
      return core::unexpected(std::move(ok).error());
    }
    auto partner = domain::decode_iqiyi_partner(*body);
    if (!partner) return core::unexpected(fixture_error(partner.error()));
    if (auto ok = upsert(s, *partner); !ok) return core::unexpected(std::move(ok).error());
    return json_reply(200, partner_json(*partner));
  });
}

AdminResult<Reply> delete_partner(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto removed = s.remove(store::IqiyiPartnerRef{code});
    if (!removed) return failed(removed);
    if (!*removed) {
      return core::unexpected(not_found("no iQiyi partner " + quoted(code), "partnerCode"));
    }
    return no_content();
  });
}

AdminResult<Reply> rotate_partner_secret(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  auto kind = secret_kind(request, {"md5Key"});
  if (!kind) return core::unexpected(std::move(kind).error());
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto partner = require_partner(s, code);
    if (!partner) return core::unexpected(std::move(partner).error());
    partner->md5_key = ctx.new_secret();
    if (auto ok = upsert(s, *partner); !ok) return core::unexpected(std::move(ok).error());
    return json_reply(200, object_json([&](core::JsonWriter& w) {
                        w.field("partnerCode", code).field("md5Key", partner->md5_key);
                      }));
  });
}

// --- users ---

AdminResult<Reply> list_users(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  auto range = parse_range(ctx, request);
  if (!range) return core::unexpected(std::move(range).error());
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto partner = require_partner(s, code); !partner) {
      return core::unexpected(std::move(partner).error());
    }
    auto page = s.list_iqiyi_users(code, *range);
    if (!page) return failed(page);
    return page_reply(*page, *range, write_user);
  });
}

AdminResult<bool> user_exists(EntityStore& s, const std::string& code, const store::IqiyiUser& u) {
  auto found = s.find_iqiyi_user(code, u.user_id, u.area);
  if (!found) return failed(found);
  return found->has_value();
}

AdminResult<Reply> create_user(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  auto body = parse_json_body(request);
  if (!body) return core::unexpected(std::move(body).error());
  auto user = domain::decode_iqiyi_user(*body);
  if (!user) return core::unexpected(fixture_error(user.error()));
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto partner = require_partner(s, code);
    if (!partner) return core::unexpected(std::move(partner).error());
    auto exists = user_exists(s, code, *user);
    if (!exists) return core::unexpected(std::move(exists).error());
    if (*exists) {
      return core::unexpected(conflict(
          "user " + quoted(user->user_id) + " already exists in area " + user->area, "$.user_id"));
    }
    partner->users = {*user};
    if (auto ok = upsert(s, *partner); !ok) return core::unexpected(std::move(ok).error());
    return created(user_json(*user),
                   admin_location({"iqiyi", "partners", code, "users", user->user_id, user->area}));
  });
}

AdminResult<Reply> get_user(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  const auto& user_id = path_param(request, "userId");
  const auto& area = path_param(request, "area");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto partner = require_partner(s, code); !partner) {
      return core::unexpected(std::move(partner).error());
    }
    auto user = s.find_iqiyi_user(code, user_id, area);
    if (!user) return failed(user);
    if (!*user) {
      return core::unexpected(
          not_found("no user " + quoted(user_id) + " in area " + quoted(area), "userId"));
    }
    return json_reply(200, user_json(**user));
  });
}

AdminResult<Reply> update_user(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  const auto& user_id = path_param(request, "userId");
  const auto& area = path_param(request, "area");
  auto body = parse_json_body(request);
  if (!body) return core::unexpected(std::move(body).error());
  if (auto ok = bind_path_key(*body, "user_id", json::value(user_id)); !ok) {
    return core::unexpected(std::move(ok).error());
  }
  if (auto ok = bind_path_key(*body, "area", json::value(area)); !ok) {
    return core::unexpected(std::move(ok).error());
  }
  auto user = domain::decode_iqiyi_user(*body);
  if (!user) return core::unexpected(fixture_error(user.error()));
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto partner = require_partner(s, code);
    if (!partner) return core::unexpected(std::move(partner).error());
    auto exists = user_exists(s, code, *user);
    if (!exists) return core::unexpected(std::move(exists).error());
    if (!*exists) {
      return core::unexpected(
          not_found("no user " + quoted(user_id) + " in area " + quoted(area), "userId"));
    }
    partner->users = {*user};
    if (auto ok = upsert(s, *partner); !ok) return core::unexpected(std::move(ok).error());
    return json_reply(200, user_json(*user));
  });
}

AdminResult<Reply> delete_user(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  const auto& user_id = path_param(request, "userId");
  const auto& area = path_param(request, "area");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto partner = require_partner(s, code); !partner) {
      return core::unexpected(std::move(partner).error());
    }
    auto removed = s.remove(store::IqiyiUserRef{code, user_id, area});
    if (!removed) return failed(removed);
    if (!*removed) {
      return core::unexpected(
          not_found("no user " + quoted(user_id) + " in area " + quoted(area), "userId"));
    }
    return no_content();
  });
}

const AdminRoute kRoutes[] = {
    {"GET", "/iqiyi/partners", list_partners},
    {"POST", "/iqiyi/partners", create_partner},
    {"GET", "/iqiyi/partners/{partnerCode}", get_partner},
    {"PUT", "/iqiyi/partners/{partnerCode}", update_partner},
    {"DELETE", "/iqiyi/partners/{partnerCode}", delete_partner},
    {"POST", "/iqiyi/partners/{partnerCode}/rotate-secret", rotate_partner_secret},
    {"GET", "/iqiyi/partners/{partnerCode}/users", list_users},
    {"POST", "/iqiyi/partners/{partnerCode}/users", create_user},
    {"GET", "/iqiyi/partners/{partnerCode}/users/{userId}/{area}", get_user},
    {"PUT", "/iqiyi/partners/{partnerCode}/users/{userId}/{area}", update_user},
    {"DELETE", "/iqiyi/partners/{partnerCode}/users/{userId}/{area}", delete_user},
};

}  // namespace

std::span<const AdminRoute> iqiyi_routes() {
  return kRoutes;
}

}  // namespace mediagate::admin
