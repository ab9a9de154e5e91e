#include "vendors/pumpkin/pumpkin_admin.hpp"

// /admin/v1/pumpkin: partners (with the actions they may call) and media with their catalogue
// details (seasons, parts: what /media/sync and /movie/sync list), including taking a movie
// offline (what offline_sync reports, and what leaves the catalogue).
#include <algorithm>
#include <utility>

#include "admin/admin_support.hpp"
#include "core/civil_time.hpp"
#include "vendors/dataset_writes.hpp"
#include "vendors/pumpkin/pumpkin_entities.hpp"
#include "vendors/pumpkin/pumpkin_fixture.hpp"

namespace mediagate::vendors::pumpkin {

// The admin API's vocabulary (admin/admin_support.hpp) throughout this resource file.
using namespace admin;  // NOLINT(google-build-using-namespace)

namespace {

namespace json = boost::json;
using store::EntityStore;

// --- partners ---

AdminError no_partner(const std::string& pid) {
  return not_found("no Pumpkin partner " + quoted(pid), "pid");
}

AdminResult<vendors::pumpkin::PumpkinPartner> require_partner(EntityStore& s,
                                                              const std::string& pid) {
  return found_or(PumpkinEntities(s).find_partner(pid), [&] { return no_partner(pid); });
}

AdminResult<core::Ok> upsert_partner(EntityStore& s, vendors::pumpkin::PumpkinPartner partner) {
  return upsert(s, dataset_of(&vendors::Dataset::pumpkin_partners, std::move(partner)));
}

void write_partner(core::JsonWriter& w, const vendors::pumpkin::PumpkinPartner& partner) {
  w.begin_object().field("pid", partner.pid).field("accessSecret", kMasked).key("actions");
  w.begin_array();
  for (const auto& action : partner.actions) w.value(action);
  w.end_array().end_object();
}

AdminResult<Reply> list_partners(const AdminContext& ctx, const http::Request& request) {
  return list_reply(
      ctx, request, no_parent,
      [&](EntityStore& s, store::Range range) {
        return PumpkinEntities(s).list_partners(std::move(range));
      },
      write_partner);
}

AdminResult<Reply> create_partner(const AdminContext& ctx, const http::Request& request) {
  auto body = parse_json_body(request);
  if (!body) return failed(body);
  if (auto ok = refuse_masked(*body, "accessSecret"); !ok) return failed(ok);
  auto partner = decode_pumpkin_partner(*body);
  if (!partner) return core::unexpected(fixture_error(partner.error()));
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto existing = PumpkinEntities(s).find_partner(partner->pid);
    if (!existing) return failed(existing);
    if (*existing) {
      return core::unexpected(
          conflict("Pumpkin partner " + quoted(partner->pid) + " already exists", "$.pid"));
    }
    if (auto ok = upsert_partner(s, *partner); !ok) return failed(ok);
    std::sort(partner->actions.begin(), partner->actions.end());  // as the store lists them
    return created(json_of(*partner, write_partner),
                   admin_location({"pumpkin", "partners", partner->pid}));
  });
}

AdminResult<Reply> get_partner(const AdminContext& ctx, const http::Request& request) {
  const auto& pid = path_param(request, "pid");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto partner = require_partner(s, pid);
    if (!partner) return failed(partner);
    return json_reply(200, json_of(*partner, write_partner));
  });
}

// Replaces the partner's secret and actions (actions left out: none).
AdminResult<Reply> update_partner(const AdminContext& ctx, const http::Request& request) {
  const auto& pid = path_param(request, "pid");
  auto body = parse_json_body(request);
  if (!body) return failed(body);
  if (auto ok = bind_path_key(*body, "pid", json::value(pid)); !ok) return failed(ok);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto current = require_partner(s, pid);
    if (!current) return failed(current);
    if (auto ok = keep_secret(*body, "accessSecret", current->access_secret); !ok)
      return failed(ok);
    auto partner = decode_pumpkin_partner(*body);
    if (!partner) return core::unexpected(fixture_error(partner.error()));
    for (const auto& action : current->actions) {
      const auto& wanted = partner->actions;
      if (std::find(wanted.begin(), wanted.end(), action) != wanted.end()) continue;
      auto removed = vendors::remove_entity(s, vendors::pumpkin::PumpkinActionRef{pid, action});
      if (!removed) return failed(removed);
    }
    if (auto ok = upsert_partner(s, *partner); !ok) return failed(ok);
    auto updated = require_partner(s, pid);
    if (!updated) return failed(updated);
    return json_reply(200, json_of(*updated, write_partner));
  });
}

AdminResult<Reply> delete_partner(const AdminContext& ctx, const http::Request& request) {
  const auto& pid = path_param(request, "pid");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    return removed_or(vendors::remove_entity(s, vendors::pumpkin::PumpkinPartnerRef{pid}),
                      [&] { return no_partner(pid); });
  });
}

AdminResult<Reply> rotate_partner_secret(const AdminContext& ctx, const http::Request& request) {
  const auto& pid = path_param(request, "pid");
  auto kind = secret_kind(request, {"accessSecret"});
  if (!kind) return failed(kind);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto partner = require_partner(s, pid);
    if (!partner) return failed(partner);
    partner->access_secret = ctx.new_secret();
    const std::string secret = partner->access_secret;
    partner->actions.clear();  // only add actions; the stored ones stay
    if (auto ok = upsert_partner(s, *partner); !ok) return failed(ok);
    return json_reply(200, object_json([&](core::JsonWriter& w) {
                        w.field("pid", pid).field("accessSecret", secret);
                      }));
  });
}

// --- media ---

AdminError no_media(std::int64_t movie_id) {
  return not_found("no media " + std::to_string(movie_id), "movieId");
}

AdminResult<vendors::pumpkin::PumpkinMedia> require_media(EntityStore& s, std::int64_t movie_id) {
  return found_or(PumpkinEntities(s).find_media(movie_id), [&] { return no_media(movie_id); });
}

AdminResult<core::Ok> upsert_media(EntityStore& s, const vendors::pumpkin::PumpkinMedia& media) {
  return upsert(s, dataset_of(&vendors::Dataset::pumpkin_media, media));
}

// A media with its details as a body gives them: details without an update_time are stamped
// with the (sandbox) clock's now, so that a change through the API shows in a /media/sync batch.
// Without details, the media has none afterwards.
AdminResult<core::Ok> write_entry(const AdminContext& ctx, EntityStore& s, MediaEntry& entry) {
  vendors::Dataset data = dataset_of(&vendors::Dataset::pumpkin_media, entry.media);
  if (entry.details) {
    if (!entry.details->update_time) entry.details->update_time = ctx.clock.now_ms();
    data.pumpkin_details.push_back(*entry.details);
  } else if (auto removed = vendors::remove_entity(
                 s, vendors::pumpkin::PumpkinMediaDetailsRef{entry.media.movie_id});
             !removed) {
    return failed(removed);
  }
  return upsert(s, data);
}

void write_entry_json(core::JsonWriter& w, const vendors::pumpkin::PumpkinMedia& media,
                      const std::optional<vendors::pumpkin::PumpkinMediaDetails>& details,
                      int offset) {
  write_media_fields(w, media, offset);
  if (details) {
    w.key("details");
    write_media_details(w, *details, offset);
  }
}

std::string media_json(const vendors::pumpkin::PumpkinMedia& media,
                       const std::optional<vendors::pumpkin::PumpkinMediaDetails>& details,
                       int offset) {
  return object_json([&](core::JsonWriter& w) { write_entry_json(w, media, details, offset); });
}

// The media as stored, with its details.
AdminResult<std::string> stored_media_json(const AdminContext& ctx, EntityStore& s,
                                           std::int64_t movie_id) {
  auto media = require_media(s, movie_id);
  if (!media) return failed(media);
  auto details = PumpkinEntities(s).find_details(movie_id);
  if (!details) return failed(details);
  return media_json(*media, *details, ctx.utc_offset_minutes);
}

// Listed without details (GET /pumpkin/media/{movieId} shows them).
AdminResult<Reply> list_media(const AdminContext& ctx, const http::Request& request) {
  return list_reply(
      ctx, request, no_parent,
      [&](EntityStore& s, store::Range range) {
        return PumpkinEntities(s).list_media(std::move(range));
      },
      [&](core::JsonWriter& w, const vendors::pumpkin::PumpkinMedia& m) {
        w.begin_object();
        write_media_fields(w, m, ctx.utc_offset_minutes);
        w.end_object();
      });
}

AdminResult<Reply> create_media(const AdminContext& ctx, const http::Request& request) {
  auto entry = decode_body(request, [&](const json::value& body) {
    return decode_pumpkin_media_entry(body, ctx.utc_offset_minutes);
  });
  if (!entry) return failed(entry);
  const auto movie_id = entry->media.movie_id;
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto existing = PumpkinEntities(s).find_media(movie_id);
    if (!existing) return failed(existing);
    if (*existing) {
      return core::unexpected(
          conflict("media " + std::to_string(movie_id) + " already exists", "$.movie_id"));
    }
    if (auto ok = write_entry(ctx, s, *entry); !ok) return failed(ok);
    auto json = stored_media_json(ctx, s, movie_id);
    if (!json) return failed(json);
    return created(std::move(*json),
                   admin_location({"pumpkin", "media", std::to_string(movie_id)}));
  });
}

AdminResult<Reply> get_media(const AdminContext& ctx, const http::Request& request) {
  auto movie_id = int_path_param(request, "movieId");
  if (!movie_id) return failed(movie_id);
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto json = stored_media_json(ctx, s, *movie_id);
    if (!json) return failed(json);
    return json_reply(200, std::move(*json));
  });
}

AdminResult<Reply> update_media(const AdminContext& ctx, const http::Request& request) {
  auto movie_id = int_path_param(request, "movieId");
  if (!movie_id) return failed(movie_id);
  auto entry =
      decode_body(request, "movie_id", json::value(*movie_id), [&](const json::value& body) {
        return decode_pumpkin_media_entry(body, ctx.utc_offset_minutes);
      });
  if (!entry) return failed(entry);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto current = require_media(s, *movie_id); !current) return failed(current);
    if (auto ok = write_entry(ctx, s, *entry); !ok) return failed(ok);
    auto json = stored_media_json(ctx, s, *movie_id);
    if (!json) return failed(json);
    return json_reply(200, std::move(*json));
  });
}

AdminResult<Reply> delete_media(const AdminContext& ctx, const http::Request& request) {
  auto movie_id = int_path_param(request, "movieId");
  if (!movie_id) return failed(movie_id);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    return removed_or(vendors::remove_entity(s, vendors::pumpkin::PumpkinMediaRef{*movie_id}),
                      [&] { return no_media(*movie_id); });
  });
}

// The body is optional: {"delete_time": "yyyy-MM-dd HH:mm:ss"}; without it, now.
AdminResult<core::EpochMs> offline_time(const AdminContext& ctx, const http::Request& request) {
  if (request.body.empty()) return ctx.clock.now_ms();
  auto object = body_object(request);
  if (!object) return failed(object);
  if (auto known = only_keys(*object, {"delete_time"}); !known) return failed(known);
  const auto* value = object->if_contains("delete_time");
  if (value == nullptr) return ctx.clock.now_ms();
  const auto* text = value->if_string();
  const auto at =
      text == nullptr ? std::nullopt : core::parse_wall_time(*text, ctx.utc_offset_minutes);
  if (!at) {
    return core::unexpected(
        bad_request("invalid_field", "expected a date \"yyyy-MM-dd HH:mm:ss\"", "$.delete_time"));
  }
  return *at;
}

AdminResult<Reply> take_offline(const AdminContext& ctx, const http::Request& request) {
  auto movie_id = int_path_param(request, "movieId");
  if (!movie_id) return failed(movie_id);
  auto at = offline_time(ctx, request);
  if (!at) return failed(at);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto media = require_media(s, *movie_id);
    if (!media) return failed(media);
    media->delete_time = *at;
    if (auto ok = upsert_media(s, *media); !ok) return failed(ok);  // the details stay
    auto json = stored_media_json(ctx, s, *movie_id);
    if (!json) return failed(json);
    return json_reply(200, std::move(*json));
  });
}

// What each collection's entities are called in the admin API's document.
constexpr admin::EntityName kPumpkinPartnerName{"a", "Pumpkin partner", "Pumpkin partners"};
constexpr admin::EntityName kPumpkinMediumName{"a", "Pumpkin medium", "Pumpkin media"};

const AdminRoute kRoutes[] = {
    {"GET", "/pumpkin/partners", list_partners, admin::list_doc(kPumpkinPartnerName)},
    {"POST", "/pumpkin/partners", create_partner, admin::create_doc(kPumpkinPartnerName)},
    {"GET", "/pumpkin/partners/{pid}", get_partner, admin::get_doc(kPumpkinPartnerName)},
    {"PUT", "/pumpkin/partners/{pid}", update_partner, admin::replace_doc(kPumpkinPartnerName)},
    {"DELETE", "/pumpkin/partners/{pid}", delete_partner, admin::delete_doc(kPumpkinPartnerName)},
    {"POST",
     "/pumpkin/partners/{pid}/rotate-secret",
     rotate_partner_secret,
     {.summary = "Give the Pumpkin partner a new random secret",
      .body = "{\"kind\": \"accessSecret\"}",
      .body_optional = true,
      .answer = "{kind, the new secret}"}},
    {"GET", "/pumpkin/media", list_media, admin::list_doc(kPumpkinMediumName)},
    {"POST", "/pumpkin/media", create_media, admin::create_doc(kPumpkinMediumName)},
    {"GET", "/pumpkin/media/{movieId}", get_media, admin::get_doc(kPumpkinMediumName)},
    {"PUT", "/pumpkin/media/{movieId}", update_media, admin::replace_doc(kPumpkinMediumName)},
    {"DELETE", "/pumpkin/media/{movieId}", delete_media, admin::delete_doc(kPumpkinMediumName)},
    {"POST",
     "/pumpkin/media/{movieId}/offline",
     take_offline,
     {.summary = "Take a Pumpkin medium offline now", .answer = "the medium"}},
};

}  // namespace

std::span<const admin::AdminRoute> admin_routes() {
  return kRoutes;
}

}  // namespace mediagate::vendors::pumpkin
