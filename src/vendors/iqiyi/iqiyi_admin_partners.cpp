#include "vendors/iqiyi/iqiyi_admin.hpp"

// /admin/v1/iqiyi/partners: partners and their users' coupon counts.
#include <charconv>
#include <cstdint>
#include <optional>
#include <string>
#include <utility>

#include "admin/admin_support.hpp"
#include "vendors/dataset_writes.hpp"
#include "vendors/iqiyi/iqiyi_coupons.hpp"
#include "vendors/iqiyi/iqiyi_entities.hpp"
#include "vendors/iqiyi/iqiyi_fixture.hpp"
#include "vendors/iqiyi/iqiyi_settings.hpp"

namespace mediagate::vendors::iqiyi {

// The admin API's vocabulary (admin/admin_support.hpp) throughout this resource file.
using namespace admin;  // NOLINT(google-build-using-namespace)

namespace {

namespace json = boost::json;
using store::EntityStore;

AdminError no_partner(const std::string& code) {
  return not_found("no iQiyi partner " + quoted(code), "partnerCode");
}

AdminError no_user(const std::string& user_id, const std::string& area) {
  return not_found("no user " + quoted(user_id) + " in area " + quoted(area), "userId");
}

AdminResult<vendors::iqiyi::IqiyiPartner> require_partner(EntityStore& s, const std::string& code) {
  return found_or(IqiyiEntities(s).find_partner(code), [&] { return no_partner(code); });
}

AdminResult<core::Ok> upsert_partner(EntityStore& s, vendors::iqiyi::IqiyiPartner partner) {
  return upsert(s, dataset_of(&vendors::Dataset::iqiyi_partners, std::move(partner)));
}

void write_partner(core::JsonWriter& w, const vendors::iqiyi::IqiyiPartner& partner) {
  w.begin_object().field("partnerCode", partner.partner_code).field("md5Key", kMasked).end_object();
}

void write_user(core::JsonWriter& w, const vendors::iqiyi::IqiyiUser& user) {
  w.begin_object();
  write_iqiyi_user_fields(w, user);
  w.end_object();
}

// --- partners ---

AdminResult<Reply> list_partners(const AdminContext& ctx, const http::Request& request) {
  return list_reply(
      ctx, request, no_parent,
      [&](EntityStore& s, store::Range range) {
        return IqiyiEntities(s).list_partners(std::move(range));
      },
      write_partner);
}

AdminResult<Reply> create_partner(const AdminContext& ctx, const http::Request& request) {
  auto body = parse_json_body(request);
  if (!body) return failed(body);
  if (auto ok = refuse_masked(*body, "md5Key"); !ok) return failed(ok);
  auto partner = decode_iqiyi_partner(*body);
  if (!partner) return core::unexpected(fixture_error(partner.error()));
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto existing = IqiyiEntities(s).find_partner(partner->partner_code);
    if (!existing) return failed(existing);
    if (*existing) {
      return core::unexpected(conflict(
          "iQiyi partner " + quoted(partner->partner_code) + " already exists", "$.partnerCode"));
    }
    if (auto ok = upsert_partner(s, *partner); !ok) return failed(ok);
    return created(json_of(*partner, write_partner),
                   admin_location({"iqiyi", "partners", partner->partner_code}));
  });
}

AdminResult<Reply> get_partner(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto partner = require_partner(s, code);
    if (!partner) return failed(partner);
    return json_reply(200, json_of(*partner, write_partner));
  });
}

AdminResult<Reply> update_partner(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  auto body = parse_json_body(request);
  if (!body) return failed(body);
  if (auto ok = refuse_keys(*body, {"users"},
                            "a partner's users are managed under …/users/{user_id}/{area}");
      !ok)
    return failed(ok);
  if (auto ok = bind_path_key(*body, "partnerCode", json::value(code)); !ok) return failed(ok);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto current = require_partner(s, code);
    if (!current) return failed(current);
    if (auto ok = keep_secret(*body, "md5Key", current->md5_key); !ok) return failed(ok);
    auto partner = decode_iqiyi_partner(*body);
    if (!partner) return core::unexpected(fixture_error(partner.error()));
    if (auto ok = upsert_partner(s, *partner); !ok) return failed(ok);
    return json_reply(200, json_of(*partner, write_partner));
  });
}

AdminResult<Reply> delete_partner(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    return removed_or(vendors::remove_entity(s, vendors::iqiyi::IqiyiPartnerRef{code}),
                      [&] { return no_partner(code); });
  });
}

AdminResult<Reply> rotate_partner_secret(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  auto kind = secret_kind(request, {"md5Key"});
  if (!kind) return failed(kind);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto partner = require_partner(s, code);
    if (!partner) return failed(partner);
    partner->md5_key = ctx.new_secret();
    if (auto ok = upsert_partner(s, *partner); !ok) return failed(ok);
    return json_reply(200, object_json([&](core::JsonWriter& w) {
                        w.field("partnerCode", code).field("md5Key", partner->md5_key);
                      }));
  });
}

// --- users ---

AdminResult<Reply> list_users(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  return list_reply(
      ctx, request, [&](EntityStore& s) { return require_partner(s, code); },
      [&](EntityStore& s, store::Range range) {
        return IqiyiEntities(s).list_users(code, std::move(range));
      },
      write_user);
}

AdminResult<bool> user_exists(EntityStore& s, const std::string& code,
                              const vendors::iqiyi::IqiyiUser& u) {
  auto found = IqiyiEntities(s).find_user(code, u.user_id, u.area);
  if (!found) return failed(found);
  return found->has_value();
}

AdminResult<Reply> create_user(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  auto user = decode_body(request, decode_iqiyi_user);
  if (!user) return failed(user);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto partner = require_partner(s, code);
    if (!partner) return failed(partner);
    auto exists = user_exists(s, code, *user);
    if (!exists) return failed(exists);
    if (*exists) {
      return core::unexpected(conflict(
          "user " + quoted(user->user_id) + " already exists in area " + user->area, "$.user_id"));
    }
    partner->users = {*user};
    if (auto ok = upsert_partner(s, *partner); !ok) return failed(ok);
    return created(json_of(*user, write_user),
                   admin_location({"iqiyi", "partners", code, "users", user->user_id, user->area}));
  });
}

AdminResult<Reply> get_user(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  const auto& user_id = path_param(request, "userId");
  const auto& area = path_param(request, "area");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto partner = require_partner(s, code); !partner) return failed(partner);
    auto user = found_or(IqiyiEntities(s).find_user(code, user_id, area),
                         [&] { return no_user(user_id, area); });
    if (!user) return failed(user);
    return json_reply(200, json_of(*user, write_user));
  });
}

AdminResult<Reply> update_user(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  const auto& user_id = path_param(request, "userId");
  const auto& area = path_param(request, "area");
  auto body = parse_json_body(request);
  if (!body) return failed(body);
  if (auto ok = bind_path_key(*body, "user_id", json::value(user_id)); !ok) return failed(ok);
  if (auto ok = bind_path_key(*body, "area", json::value(area)); !ok) return failed(ok);
  auto user = decode_iqiyi_user(*body);
  if (!user) return core::unexpected(fixture_error(user.error()));
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto partner = require_partner(s, code);
    if (!partner) return failed(partner);
    auto exists = user_exists(s, code, *user);
    if (!exists) return failed(exists);
    if (!*exists) return core::unexpected(no_user(user_id, area));
    partner->users = {*user};
    if (auto ok = upsert_partner(s, *partner); !ok) return failed(ok);
    return json_reply(200, json_of(*user, write_user));
  });
}

AdminResult<Reply> delete_user(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  const auto& user_id = path_param(request, "userId");
  const auto& area = path_param(request, "area");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto partner = require_partner(s, code); !partner) return failed(partner);
    return removed_or(vendors::remove_entity(s, vendors::iqiyi::IqiyiUserRef{code, user_id, area}),
                      [&] { return no_user(user_id, area); });
  });
}

// --- a user's VOD coupon uses ---

void write_coupon_use(core::JsonWriter& w, const IqiyiCouponUse& use) {
  w.begin_object()
      .field("id", use.id)
      .field("contentId", use.content_id)
      .field("useTime", use.use_time)
      .field("vodDeadline", use.vod_deadline)
      .end_object();
}

AdminResult<Reply> list_coupon_uses(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  const auto& user_id = path_param(request, "userId");
  const auto& area = path_param(request, "area");
  return list_reply(
      ctx, request,
      [&](EntityStore& s) {
        return found_or(IqiyiEntities(s).find_user(code, user_id, area),
                        [&] { return no_user(user_id, area); });
      },
      [&](EntityStore& s, store::Range range) {
        return IqiyiEntities(s).list_coupon_uses(code, user_id, area, std::move(range));
      },
      write_coupon_use);
}

// A recorded use's body: {"contentId": 1 to 999999999999999999 (useVodCoupon's contentId),
// "useTime": ms since the epoch, 0 to kMaxUseTime (optional: the server's clock, which the
// sandbox clock moves)}.
constexpr std::int64_t kMaxContentId = 999'999'999'999'999'999;
constexpr std::int64_t kMaxUseTime = 253'402'300'799'999;  // 9999-12-31 23:59:59.999 UTC

struct CouponUseBody {
  std::int64_t content_id = 0;
  std::optional<std::int64_t> use_time;
};

AdminResult<std::int64_t> bounded_int(const json::object& object, std::string_view key,
                                      std::int64_t least, std::int64_t most) {
  const auto& value = object.at(key);
  const std::string message = std::string(key) + " must be an integer from " +
                              std::to_string(least) + " to " + std::to_string(most);
  if (!value.is_int64()) {
    return core::unexpected(bad_request("invalid_field", message, "$." + std::string(key)));
  }
  const std::int64_t number = value.get_int64();
  if (number < least || number > most) {
    return core::unexpected(bad_request("invalid_field", message, "$." + std::string(key)));
  }
  return number;
}

AdminResult<CouponUseBody> coupon_use_body(const http::Request& request) {
  auto object = body_object(request);
  if (!object) return failed(object);
  if (auto known = only_keys(*object, {"contentId", "useTime"}); !known) return failed(known);
  if (!object->contains("contentId")) {
    return core::unexpected(bad_request("missing_field", "missing required field", "$.contentId"));
  }
  CouponUseBody body;
  auto content = bounded_int(*object, "contentId", 1, kMaxContentId);
  if (!content) return failed(content);
  body.content_id = *content;
  if (const auto* at = object->if_contains("useTime"); at != nullptr && !at->is_null()) {
    auto use_time = bounded_int(*object, "useTime", 0, kMaxUseTime);
    if (!use_time) return failed(use_time);
    body.use_time = *use_time;
  }
  return body;
}

// Spends one of the user's coupons as useVodCoupon does, in the same one-transaction rule
// (docs/decisions/iqiyi-coupons.md "Admin API"): 201 with the new use; 200 with the open use
// when the user still holds a right for the content at that time (nothing spent); 409 when no
// coupon is left.
AdminResult<Reply> create_coupon_use(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  const auto& user_id = path_param(request, "userId");
  const auto& area = path_param(request, "area");
  auto body = coupon_use_body(request);
  if (!body) return failed(body);
  const CouponUseRequest use{.partner_code = code,
                             .user_id = user_id,
                             .area = area,
                             .content_id = body->content_id,
                             .now = body->use_time.value_or(ctx.clock.now_ms()),
                             .right_ms = ctx.modules.get<IqiyiSettings>().vod_right_ms};
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto partner = require_partner(s, code); !partner) return failed(partner);
    CouponUseOutcome outcome;
    auto spent = use_vod_coupon_in(s, use, outcome);
    if (!spent) return failed(spent);
    switch (outcome.result) {
      case CouponUseResult::kNoUser:
        return core::unexpected(no_user(user_id, area));
      case CouponUseResult::kNoCoupon:
        return core::unexpected(
            conflict("user " + quoted(user_id) + " in area " + quoted(area) +
                         " has no VOD coupon left (vodCoupons is 0); give one with PUT …/users/" +
                         "{userId}/{area} first",
                     "$.contentId"));
      case CouponUseResult::kHeld:
        return json_reply(200, json_of(outcome.use, write_coupon_use));
      case CouponUseResult::kConsumed:
        break;
    }
    return created(json_of(outcome.use, write_coupon_use),
                   admin_location({"iqiyi", "partners", code, "users", user_id, area, "coupon-uses",
                                   std::to_string(outcome.use.id)}));
  });
}

AdminResult<Reply> delete_coupon_use(const AdminContext& ctx, const http::Request& request) {
  const auto& code = path_param(request, "partnerCode");
  const auto& user_id = path_param(request, "userId");
  const auto& area = path_param(request, "area");
  const auto& id_text = path_param(request, "useId");
  std::int64_t id = 0;
  const auto [end, error] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (error != std::errc{} || end != id_text.data() + id_text.size()) {
    return core::unexpected(not_found("no coupon use " + quoted(id_text), "useId"));
  }
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    return removed_or(IqiyiEntities(s).remove_coupon_use(code, user_id, area, id),
                      [&] { return not_found("no coupon use " + quoted(id_text), "useId"); });
  });
}

// What each collection's entities are called in the admin API's document.
constexpr admin::EntityName kIqiyiPartnerName{"an", "iQiyi partner", "iQiyi partners"};
constexpr admin::EntityName kVipUserName{"a", "VIP user of an iQiyi partner",
                                         "VIP users of an iQiyi partner"};

const AdminRoute kRoutes[] = {
    {"GET", "/iqiyi/partners", list_partners, admin::list_doc(kIqiyiPartnerName)},
    {"POST", "/iqiyi/partners", create_partner, admin::create_doc(kIqiyiPartnerName)},
    {"GET", "/iqiyi/partners/{partnerCode}", get_partner, admin::get_doc(kIqiyiPartnerName)},
    {"PUT", "/iqiyi/partners/{partnerCode}", update_partner, admin::replace_doc(kIqiyiPartnerName)},
    {"DELETE", "/iqiyi/partners/{partnerCode}", delete_partner,
     admin::delete_doc(kIqiyiPartnerName)},
    {"POST",
     "/iqiyi/partners/{partnerCode}/rotate-secret",
     rotate_partner_secret,
     {.summary = "Give the iQiyi partner a new random secret",
      .body = "{\"kind\": \"md5Key\"}",
      .body_optional = true,
      .answer = "{kind, the new secret}"}},
    {"GET", "/iqiyi/partners/{partnerCode}/users", list_users, admin::list_doc(kVipUserName)},
    {"POST", "/iqiyi/partners/{partnerCode}/users", create_user, admin::create_doc(kVipUserName)},
    {"GET", "/iqiyi/partners/{partnerCode}/users/{userId}/{area}", get_user,
     admin::get_doc(kVipUserName)},
    {"PUT", "/iqiyi/partners/{partnerCode}/users/{userId}/{area}", update_user,
     admin::replace_doc(kVipUserName)},
    {"DELETE", "/iqiyi/partners/{partnerCode}/users/{userId}/{area}", delete_user,
     admin::delete_doc(kVipUserName)},
    {"GET",
     "/iqiyi/partners/{partnerCode}/users/{userId}/{area}/coupon-uses",
     list_coupon_uses,
     {.summary = "List the VOD coupon uses of an iQiyi VIP user (useVodCoupon's records)",
      .query = admin::kPagingParams,
      .answer = "{items: [{id, contentId, useTime, vodDeadline}], total, offset, limit}"}},
    {"POST",
     "/iqiyi/partners/{partnerCode}/users/{userId}/{area}/coupon-uses",
     create_coupon_use,
     {.summary = "Record a VOD coupon use as useVodCoupon does: spends one coupon (409 when none "
                 "is left), or answers 200 with the right still open for the content",
      .body = "{\"contentId\": 1..999999999999999999, \"useTime\": ms (optional: now)}",
      .success = 201,
      .answer = "the use: {id, contentId, useTime, vodDeadline}"}},
    {"DELETE",
     "/iqiyi/partners/{partnerCode}/users/{userId}/{area}/coupon-uses/{useId}",
     delete_coupon_use,
     {.summary = "Delete a VOD coupon use (its right closes; the coupon is not given back)",
      .success = 204}},
};

}  // namespace

std::span<const admin::AdminRoute> admin_routes() {
  return kRoutes;
}

}  // namespace mediagate::vendors::iqiyi
