#include "vendors/iqiyi/iqiyi_fixture.hpp"

#include <boost/json.hpp>
#include <cstdint>
#include <set>
#include <string>
#include <tuple>
#include <utility>

#include "core/json_writer.hpp"
#include "fixtures/fixture_reader.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

namespace json = boost::json;
using fixtures::Kind;
using fixtures::Path;
using fixtures::quoted;

// The largest iQiyi content id: 18 decimal digits (useVodCoupon's contentId).
constexpr std::int64_t kMaxContentId = 999'999'999'999'999'999;

// Reads the section into a Dataset (the document's, or one of its own for a lone entity).
class Decoder : public fixtures::Reader {
 public:
  explicit Decoder(const fixtures::Reader& reader, vendors::Dataset* data = nullptr)
      : Reader(reader), data_(data == nullptr ? &own_ : data) {}

  bool iqiyi(const json::value& value, const Path& path) {
    const auto* object = as_object(value, path, {"partners"});
    if (object == nullptr) return false;
    const json::array* partners = nullptr;
    if (!array_field(*object, path, "partners", partners)) return false;
    const Path partners_path = path.key("partners");
    std::set<std::string> codes;
    for (std::size_t i = 0; i < partners->size(); ++i) {
      vendors::iqiyi::IqiyiPartner partner;
      if (!iqiyi_partner((*partners)[i], partners_path.index(i), partner, &codes, true)) {
        return false;
      }
      data_->iqiyi_partners.push_back(std::move(partner));
    }
    return true;
  }

  bool iqiyi_users(const json::object& object, const Path& path,
                   vendors::iqiyi::IqiyiPartner& partner) {
    const json::array* users = nullptr;
    if (!array_field(object, path, "users", users)) return false;
    const Path users_path = path.key("users");
    std::set<std::pair<std::string, std::string>> seen;
    for (std::size_t i = 0; i < users->size(); ++i) {
      const Path item = users_path.index(i);
      vendors::iqiyi::IqiyiUser user;
      if (!iqiyi_user((*users)[i], item, user)) return false;
      if (!seen.emplace(user.user_id, user.area).second) {
        return fail(item.key("user_id"),
                    "duplicate user " + quoted(user.user_id) + " in area " + user.area);
      }
      partner.users.push_back(std::move(user));
    }
    return true;
  }

  // A partner object; `codes` (when given) collects partnerCodes to refuse duplicates. Only a
  // document's partners (`with_uses`) may carry couponUses: the admin API records a use through
  // …/coupon-uses, never with the partner.
  bool iqiyi_partner(const json::value& value, const Path& item,
                     vendors::iqiyi::IqiyiPartner& partner, std::set<std::string>* codes,
                     bool with_uses) {
    const auto* partner_object =
        with_uses ? as_object(value, item, {"partnerCode", "md5Key", "users", "couponUses"})
                  : as_object(value, item, {"partnerCode", "md5Key", "users"});
    if (partner_object == nullptr) return false;
    return string_field(*partner_object, item, "partnerCode", partner.partner_code, Kind::kId) &&
           string_field(*partner_object, item, "md5Key", partner.md5_key, Kind::kShort) &&
           (codes == nullptr || unique(*codes, partner.partner_code, item.key("partnerCode"),
                                       "partnerCode", quoted(partner.partner_code))) &&
           iqiyi_users(*partner_object, item, partner) &&
           (!with_uses || iqiyi_coupon_uses(*partner_object, item, partner));
  }

  // A partner's couponUses: each of one of its users above, named by (user, area, content, use
  // time) once; contentId as useVodCoupon reads it (1 to 18 digits, above 0).
  bool iqiyi_coupon_uses(const json::object& object, const Path& path,
                         vendors::iqiyi::IqiyiPartner& partner) {
    const json::array* uses = nullptr;
    if (!array_field(object, path, "couponUses", uses)) return false;
    const Path uses_path = path.key("couponUses");
    std::set<std::pair<std::string_view, std::string_view>> users;
    for (const auto& u : partner.users) users.emplace(u.user_id, u.area);
    std::set<std::tuple<std::string, std::string, std::int64_t, std::int64_t>> seen;
    for (std::size_t i = 0; i < uses->size(); ++i) {
      const Path item = uses_path.index(i);
      const auto* use_object =
          as_object((*uses)[i], item, {"user_id", "area", "contentId", "useTime", "vodDeadline"});
      if (use_object == nullptr) return false;
      vendors::iqiyi::IqiyiCouponUseEntry use;
      if (!string_field(*use_object, item, "user_id", use.user_id, Kind::kId) ||
          !string_field(*use_object, item, "area", use.area, Kind::kId) ||
          !int_field(*use_object, item, "contentId", use.content_id) ||
          !int_field(*use_object, item, "useTime", use.use_time) ||
          !int_field(*use_object, item, "vodDeadline", use.vod_deadline)) {
        return false;
      }
      if (use.area != "CN" && use.area != "TW") {
        return fail(item.key("area"), "area must be \"CN\" or \"TW\"");
      }
      if (use.content_id <= 0 || use.content_id > kMaxContentId) {
        return fail(item.key("contentId"), "contentId must be 1 to 999999999999999999");
      }
      if (use.use_time < 0) return fail(item.key("useTime"), "useTime must be >= 0");
      if (use.vod_deadline < use.use_time) {
        return fail(item.key("vodDeadline"), "vodDeadline must be >= useTime");
      }
      if (!users.contains({use.user_id, use.area})) {
        return fail(item.key("user_id"), "no user " + quoted(use.user_id) + " in area " + use.area +
                                             " among this partner's users");
      }
      if (!seen.emplace(use.user_id, use.area, use.content_id, use.use_time).second) {
        return fail(item, "duplicate coupon use of " + quoted(use.user_id) + " in area " +
                              use.area + " on contentId " + std::to_string(use.content_id) +
                              " at useTime " + std::to_string(use.use_time));
      }
      partner.coupon_uses.push_back(std::move(use));
    }
    return true;
  }

  bool iqiyi_user(const json::value& value, const Path& item, vendors::iqiyi::IqiyiUser& user) {
    const auto* user_object = as_object(value, item, {"user_id", "area", "vodCoupons"});
    if (user_object == nullptr) return false;
    if (!string_field(*user_object, item, "user_id", user.user_id, Kind::kId) ||
        !string_field(*user_object, item, "area", user.area, Kind::kId) ||
        !int_field(*user_object, item, "vodCoupons", user.vod_coupons)) {
      return false;
    }
    if (user.area != "CN" && user.area != "TW") {
      return fail(item.key("area"), "area must be \"CN\" or \"TW\"");
    }
    if (user.vod_coupons < 0) return fail(item.key("vodCoupons"), "vodCoupons must be >= 0");
    return true;
  }

 private:
  vendors::Dataset own_;
  vendors::Dataset* data_;
};

bool read_section(const fixtures::Reader& reader, const json::value& value, const Path& path,
                  vendors::Dataset& data) {
  return Decoder(reader, &data).iqiyi(value, path);
}

void write_section(core::JsonWriter& w, const vendors::Dataset& data, int /*utc_offset_minutes*/) {
  w.begin_object().key("partners").begin_array();
  for (const auto& partner : data.iqiyi_partners) {
    w.begin_object()
        .field("partnerCode", partner.partner_code)
        .field("md5Key", partner.md5_key)
        .key("users")
        .begin_array();
    for (const auto& u : partner.users) {
      w.begin_object();
      write_iqiyi_user_fields(w, u);
      w.end_object();
    }
    w.end_array();
    // Only when there are any: a document without uses reads as before they existed.
    if (!partner.coupon_uses.empty()) {
      w.key("couponUses").begin_array();
      for (const auto& use : partner.coupon_uses) {
        w.begin_object();
        write_iqiyi_coupon_use_fields(w, use);
        w.end_object();
      }
      w.end_array();
    }
    w.end_object();
  }
  w.end_array().end_object();
}

}  // namespace

const fixtures::FixtureSection<Dataset>& fixture_section() {
  static const fixtures::FixtureSection<Dataset> kSection{"iqiyi", read_section, write_section};
  return kSection;
}

core::Expected<vendors::iqiyi::IqiyiPartner, fixtures::FixtureError> decode_iqiyi_partner(
    const json::value& value) {
  return fixtures::decode_one<Decoder, vendors::iqiyi::IqiyiPartner>(
      0, [&](Decoder& d, vendors::iqiyi::IqiyiPartner& out) {
        return d.iqiyi_partner(value, Path::root(), out, nullptr, false);
      });
}

core::Expected<vendors::iqiyi::IqiyiUser, fixtures::FixtureError> decode_iqiyi_user(
    const json::value& value) {
  return fixtures::decode_one<Decoder, vendors::iqiyi::IqiyiUser>(
      0, [&](Decoder& d, vendors::iqiyi::IqiyiUser& out) {
        return d.iqiyi_user(value, Path::root(), out);
      });
}

void write_iqiyi_user_fields(core::JsonWriter& w, const vendors::iqiyi::IqiyiUser& u) {
  w.field("user_id", u.user_id).field("area", u.area).field("vodCoupons", u.vod_coupons);
}

void write_iqiyi_coupon_use_fields(core::JsonWriter& w,
                                   const vendors::iqiyi::IqiyiCouponUseEntry& use) {
  w.field("user_id", use.user_id)
      .field("area", use.area)
      .field("contentId", use.content_id)
      .field("useTime", use.use_time)
      .field("vodDeadline", use.vod_deadline);
}

}  // namespace mediagate::vendors::iqiyi
