#include "vendors/polyv/polyv_admin.hpp"

// /admin/v1/polyv/accounts: accounts, their sub-accounts, categories, videos, channels and
// live sessions.
#include <map>
#include <utility>

#include "admin/admin_support.hpp"
#include "vendors/dataset_writes.hpp"
#include "vendors/polyv/category_tree.hpp"
#include "vendors/polyv/polyv_entities.hpp"
#include "vendors/polyv/polyv_fixture.hpp"
#include "vendors/polyv/video_placement.hpp"

namespace mediagate::vendors::polyv {

// The admin API's vocabulary (admin/admin_support.hpp) throughout this resource file.
using namespace admin;  // NOLINT(google-build-using-namespace)

namespace {

namespace json = boost::json;
using store::EntityStore;

// --- lookups that answer 404 ---

AdminError no_account(const std::string& user_id) {
  return not_found("no Polyv account " + quoted(user_id), "userId");
}

AdminError no_sub_account(const std::string& email) {
  return not_found("no sub-account " + quoted(email), "email");
}

AdminError no_category(std::int64_t cataid) {
  return not_found("no category " + std::to_string(cataid), "cataid");
}

AdminResult<vendors::polyv::PolyvAccountKeys> require_account(EntityStore& s,
                                                              const std::string& user_id) {
  return found_or(PolyvEntities(s).find_account(user_id), [&] { return no_account(user_id); });
}

AdminResult<core::Ok> require_channel(EntityStore& s, const std::string& user_id,
                                      const std::string& channel_id) {
  auto owner = PolyvEntities(s).find_channel_owner(channel_id);
  if (!owner) return failed(owner);
  if (!*owner || **owner != user_id) {
    return core::unexpected(
        not_found("no channel " + quoted(channel_id) + " in this account", "channelId"));
  }
  return core::Ok{};
}

AdminResult<vendors::polyv::Video> require_video(EntityStore& s, const std::string& user_id,
                                                 const std::string& vid) {
  auto found = PolyvEntities(s).find_video(vid);
  if (!found) return failed(found);
  if (!*found || (*found)->user_id != user_id) {
    return core::unexpected(not_found("no video " + quoted(vid) + " in this account", "vid"));
  }
  return std::move((*found)->video);
}

AdminResult<vendors::polyv::LiveSession> require_session(EntityStore& s,
                                                         const std::string& channel_id,
                                                         const std::string& session_id) {
  auto found = PolyvEntities(s).find_session(session_id);
  if (!found) return failed(found);
  if (!*found || (*found)->channel_id != channel_id) {
    return core::unexpected(
        not_found("no session " + quoted(session_id) + " in this channel", "sessionId"));
  }
  return std::move((*found)->session);
}

// A Dataset holding one account's keys (unchanged by the upsert) and what `fill` adds.
template <class Fill>
vendors::Dataset account_data(const vendors::polyv::PolyvAccountKeys& keys, Fill&& fill) {
  return keyed_data(&vendors::Dataset::polyv_accounts, keys, std::forward<Fill>(fill));
}

// --- JSON out ---

void write_account(core::JsonWriter& w, const vendors::polyv::PolyvAccountKeys& keys,
                   const std::vector<std::string>& sub_accounts) {
  w.begin_object()
      .field("userId", keys.user_id)
      .field("email", keys.email)
      .field("secretKey", kMasked)
      .field("appId", keys.app_id)
      .field("appSecret", kMasked)
      .key("subAccounts")
      .begin_array();
  for (const auto& email : sub_accounts) w.value(email);
  w.end_array().end_object();
}

AdminResult<std::string> account_json(EntityStore& s,
                                      const vendors::polyv::PolyvAccountKeys& keys) {
  auto subs = PolyvEntities(s).list_sub_accounts(keys.user_id, kAll);
  if (!subs) return failed(subs);
  core::JsonWriter w;
  write_account(w, keys, subs->items);
  return std::move(w).str();
}

std::string channel_json(std::string_view channel_id) {
  return object_json([&](core::JsonWriter& w) { w.field("channelId", channel_id); });
}

// --- checks against the stored data ---

AdminResult<std::vector<vendors::polyv::Category>> categories_of(EntityStore& s,
                                                                 const std::string& user_id) {
  auto page = PolyvEntities(s).list_categories(user_id, kAll);
  if (!page) return failed(page);
  return std::move(page->items);
}

const vendors::polyv::Category* find_category(
    const std::vector<vendors::polyv::Category>& categories, std::int64_t cataid) {
  for (const auto& c : categories) {
    if (c.cataid == cataid) return &c;
  }
  return nullptr;
}

// `category`'s parent exists and is not `category` itself or one of its descendants: the
// account's categories with `category` put in (first, so that a cycle is reported at it) still
// form a forest.
AdminResult<core::Ok> check_parent(const std::vector<vendors::polyv::Category>& categories,
                                   const vendors::polyv::Category& category) {
  std::vector<vendors::polyv::Category> updated{category};
  for (const auto& c : categories) {
    if (c.cataid != category.cataid) updated.push_back(c);
  }
  const auto problem = find_category_tree_problem(updated);
  if (!problem) return core::Ok{};
  const auto& at = updated[problem->index];
  if (problem->kind == CategoryTreeProblem::Kind::kUnknownParent) {
    return core::unexpected(unprocessable(
        "parent " + std::to_string(*at.parent) + " is not a category of this account", "$.parent"));
  }
  return core::unexpected(unprocessable(
      "category " + std::to_string(at.cataid) + " would be its own ancestor", "$.parent"));
}

// A video's category exists in the account and its uploader is the account or a sub-account.
AdminResult<core::Ok> check_video(EntityStore& s, const vendors::polyv::PolyvAccountKeys& keys,
                                  const vendors::polyv::Video& video) {
  const VideoOwner owner{keys.email,
                         [&](std::int64_t cataid) -> store::StoreResult<bool> {
                           auto categories = PolyvEntities(s).list_categories(keys.user_id, kAll);
                           if (!categories) return core::unexpected(std::move(categories).error());
                           return find_category(categories->items, cataid) != nullptr;
                         },
                         [&](std::string_view email) {
                           return PolyvEntities(s).has_sub_account(keys.user_id, email);
                         }};
  auto problem = find_video_placement_problem(video, owner);
  if (!problem) return failed(problem);
  if (*problem == VideoPlacementProblem::kUnknownCategory) {
    return core::unexpected(unprocessable(
        "cataid " + std::to_string(video.cataid) + " is not a category of this account",
        "$.cataid"));
  }
  if (*problem == VideoPlacementProblem::kUnknownUploader) {
    return core::unexpected(
        unprocessable(quoted(video.uploader_email) +
                          " is neither the account's email nor one of its sub-accounts",
                      "$.uploaderEmail"));
  }
  return core::Ok{};
}

// How many of the account's videos `email` uploaded.
AdminResult<std::int64_t> videos_uploaded_by(EntityStore& s, const std::string& user_id,
                                             const std::string& email) {
  VideoQuery query;
  query.user_id = user_id;
  query.uploader_email = email;
  query.limit = 0;
  auto page = PolyvEntities(s).query_videos(query);
  if (!page) return failed(page);
  return page->total;
}

// Ids a new account, channel or session brings must not exist anywhere yet (an upsert would
// silently move them from their owner).
AdminResult<core::Ok> check_new_sessions(EntityStore& s,
                                         const std::vector<vendors::polyv::LiveSession>& list,
                                         const std::string& path) {
  for (std::size_t j = 0; j < list.size(); ++j) {
    auto found = PolyvEntities(s).find_session(list[j].session_id);
    if (!found) return failed(found);
    if (*found) {
      return core::unexpected(conflict("session " + quoted(list[j].session_id) + " already exists",
                                       path + "[" + std::to_string(j) + "].sessionId"));
    }
  }
  return core::Ok{};
}

AdminResult<core::Ok> check_new_channel(EntityStore& s, const vendors::polyv::Channel& channel,
                                        const std::string& path) {
  auto owner = PolyvEntities(s).find_channel_owner(channel.channel_id);
  if (!owner) return failed(owner);
  if (*owner) {
    return core::unexpected(
        conflict("channel " + quoted(channel.channel_id) + " already exists", path + ".channelId"));
  }
  return check_new_sessions(s, channel.sessions, path + ".sessions");
}

// --- accounts ---

AdminResult<Reply> list_accounts(const AdminContext& ctx, const http::Request& request) {
  auto range = parse_range(ctx, request);
  if (!range) return failed(range);
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto page = PolyvEntities(s).list_accounts(*range);
    if (!page) return failed(page);
    return page_reply_with_subs(
        *page, *range,
        [&](const vendors::polyv::PolyvAccountKeys& keys) {
          return PolyvEntities(s).list_sub_accounts(keys.user_id, kAll);
        },
        write_account);
  });
}

AdminResult<Reply> create_account(const AdminContext& ctx, const http::Request& request) {
  auto body = parse_json_body(request);
  if (!body) return failed(body);
  for (const auto key : {"secretKey", "appSecret"}) {
    if (auto ok = refuse_masked(*body, key); !ok) return failed(ok);
  }
  auto account = decode_polyv_account(*body);
  if (!account) return core::unexpected(fixture_error(account.error()));
  const auto& keys = account->keys;
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto existing = PolyvEntities(s).find_account(keys.user_id);
    if (!existing) return failed(existing);
    if (*existing) {
      return core::unexpected(
          conflict("Polyv account " + quoted(keys.user_id) + " already exists", "$.userId"));
    }
    auto by_app = PolyvEntities(s).find_account_by_app_id(keys.app_id);
    if (!by_app) return failed(by_app);
    if (*by_app) {
      return core::unexpected(conflict(
          "appId " + quoted(keys.app_id) + " belongs to account " + quoted((*by_app)->user_id),
          "$.appId"));
    }
    for (std::size_t i = 0; i < account->videos.size(); ++i) {
      auto found = PolyvEntities(s).find_video(account->videos[i].vid);
      if (!found) return failed(found);
      if (*found) {
        return core::unexpected(
            conflict("video " + quoted(account->videos[i].vid) + " already exists",
                     "$.videos[" + std::to_string(i) + "].vid"));
      }
    }
    for (std::size_t i = 0; i < account->channels.size(); ++i) {
      auto fresh =
          check_new_channel(s, account->channels[i], "$.channels[" + std::to_string(i) + "]");
      if (!fresh) return failed(fresh);
    }
    if (auto ok = upsert(s, dataset_of(&vendors::Dataset::polyv_accounts, *account)); !ok) {
      return failed(ok);
    }
    auto shown = account_json(s, keys);
    if (!shown) return failed(shown);
    return created(std::move(*shown), admin_location({"polyv", "accounts", keys.user_id}));
  });
}

AdminResult<Reply> get_account(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_account(s, user_id);
    if (!keys) return failed(keys);
    auto shown = account_json(s, *keys);
    if (!shown) return failed(shown);
    return json_reply(200, std::move(*shown));
  });
}

AdminResult<Reply> update_account(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  auto body = parse_json_body(request);
  if (!body) return failed(body);
  if (auto ok = refuse_keys(*body, {"subAccounts", "categories", "videos", "channels"},
                            "an account's sub-accounts, categories, videos and channels are "
                            "managed under their own resources (…/sub-accounts, …/categories, "
                            "…/videos, …/channels)");
      !ok)
    return failed(ok);
  if (auto ok = bind_path_key(*body, "userId", json::value(user_id)); !ok) return failed(ok);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto current = require_account(s, user_id);
    if (!current) return failed(current);
    for (const auto& [key, secret] : {std::pair{"secretKey", current->secret_key},
                                      std::pair{"appSecret", current->app_secret}}) {
      if (auto ok = keep_secret(*body, key, secret); !ok) return failed(ok);
    }
    auto account = decode_polyv_account(*body);
    if (!account) return core::unexpected(fixture_error(account.error()));
    const auto& keys = account->keys;
    auto by_app = PolyvEntities(s).find_account_by_app_id(keys.app_id);
    if (!by_app) return failed(by_app);
    if (*by_app && (*by_app)->user_id != user_id) {
      return core::unexpected(conflict(
          "appId " + quoted(keys.app_id) + " belongs to account " + quoted((*by_app)->user_id),
          "$.appId"));
    }
    if (keys.email != current->email) {
      auto is_sub = PolyvEntities(s).has_sub_account(user_id, current->email);
      if (!is_sub) return failed(is_sub);
      auto uploaded = videos_uploaded_by(s, user_id, current->email);
      if (!uploaded) return failed(uploaded);
      if (!*is_sub && *uploaded > 0) {
        return core::unexpected(conflict(
            std::to_string(*uploaded) + " videos were uploaded by the account's email " +
                quoted(current->email) + "; add it as a sub-account first, or move the videos",
            "$.email"));
      }
    }
    if (auto ok = upsert(s, account_data(keys, [](auto&) {})); !ok) return failed(ok);
    auto shown = account_json(s, keys);
    if (!shown) return failed(shown);
    return json_reply(200, std::move(*shown));
  });
}

AdminResult<Reply> delete_account(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    return removed_or(vendors::remove_entity(s, vendors::polyv::PolyvAccountRef{user_id}),
                      [&] { return no_account(user_id); });
  });
}

AdminResult<Reply> rotate_account_secret(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  auto kind = secret_kind(request, {"secretKey", "appSecret"});
  if (!kind) return failed(kind);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_account(s, user_id);
    if (!keys) return failed(keys);
    const std::string secret = ctx.new_secret();
    (*kind == "secretKey" ? keys->secret_key : keys->app_secret) = secret;
    if (auto ok = upsert(s, account_data(*keys, [](auto&) {})); !ok) return failed(ok);
    return json_reply(200, object_json([&](core::JsonWriter& w) {
                        w.field("userId", user_id).field(*kind, secret);
                      }));
  });
}

// --- sub-accounts ---

AdminResult<Reply> list_sub_accounts(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  return list_reply(
      ctx, request, [&](EntityStore& s) { return require_account(s, user_id); },
      [&](EntityStore& s, store::Range range) {
        return PolyvEntities(s).list_sub_accounts(user_id, std::move(range));
      },
      [](core::JsonWriter& w, const std::string& email) { w.value(email); });
}

AdminResult<Reply> create_sub_account(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  auto email = email_body(request);
  if (!email) return failed(email);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_account(s, user_id);
    if (!keys) return failed(keys);
    auto has = PolyvEntities(s).has_sub_account(user_id, *email);
    if (!has) return failed(has);
    if (*has) return core::unexpected(conflict("sub-account " + quoted(*email) + " exists", "$"));
    auto data =
        account_data(*keys, [&](vendors::polyv::PolyvAccount& a) { a.sub_accounts = {*email}; });
    if (auto ok = upsert(s, data); !ok) return failed(ok);
    return created(string_json(*email),
                   admin_location({"polyv", "accounts", user_id, "sub-accounts", *email}));
  });
}

AdminResult<Reply> get_sub_account(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  const auto& email = path_param(request, "email");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_account(s, user_id); !keys) return failed(keys);
    auto has = PolyvEntities(s).has_sub_account(user_id, email);
    if (!has) return failed(has);
    if (!*has) return core::unexpected(no_sub_account(email));
    return json_reply(200, string_json(email));
  });
}

AdminResult<Reply> delete_sub_account(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  const auto& email = path_param(request, "email");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_account(s, user_id);
    if (!keys) return failed(keys);
    auto has = PolyvEntities(s).has_sub_account(user_id, email);
    if (!has) return failed(has);
    if (!*has) return core::unexpected(no_sub_account(email));
    if (email != keys->email) {
      auto uploaded = videos_uploaded_by(s, user_id, email);
      if (!uploaded) return failed(uploaded);
      if (*uploaded > 0) {
        return core::unexpected(conflict(std::to_string(*uploaded) + " videos were uploaded by " +
                                             quoted(email) + "; delete or move them first",
                                         "email"));
      }
    }
    return deleted(vendors::remove_entity(s, vendors::polyv::PolyvSubAccountRef{user_id, email}));
  });
}

// --- categories ---

void write_category(core::JsonWriter& w, const vendors::polyv::Category& c) {
  w.begin_object();
  write_category_fields(w, c);
  w.end_object();
}

AdminResult<Reply> list_categories(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  return list_reply(
      ctx, request, [&](EntityStore& s) { return require_account(s, user_id); },
      [&](EntityStore& s, store::Range range) {
        return PolyvEntities(s).list_categories(user_id, std::move(range));
      },
      write_category);
}

// Writes `category` into `user_id`'s account, in one write transaction, once the account
// exists, `check` accepts it against the account's categories and its parent keeps them a tree;
// then answers `answer()`. (create_category and update_category differ only in `check` and
// `answer`.)
template <class Check, class Answer>
AdminResult<Reply> store_category(const AdminContext& ctx, const std::string& user_id,
                                  const vendors::polyv::Category& category, Check check,
                                  Answer answer) {
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_account(s, user_id);
    if (!keys) return failed(keys);
    auto categories = categories_of(s, user_id);
    if (!categories) return failed(categories);
    if (auto ok = check(*categories); !ok) return failed(ok);
    if (auto ok = check_parent(*categories, category); !ok) return failed(ok);
    auto data =
        account_data(*keys, [&](vendors::polyv::PolyvAccount& a) { a.categories = {category}; });
    if (auto ok = upsert(s, data); !ok) return failed(ok);
    return answer();
  });
}

AdminResult<Reply> create_category(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  auto category = decode_body(request, decode_category);
  if (!category) return failed(category);
  return store_category(
      ctx, user_id, *category,
      [&](const std::vector<vendors::polyv::Category>& categories) -> AdminResult<core::Ok> {
        if (find_category(categories, category->cataid)) {
          return core::unexpected(conflict(
              "category " + std::to_string(category->cataid) + " already exists", "$.cataid"));
        }
        if (category->parent == category->cataid) {
          return core::unexpected(unprocessable("a category cannot be its own parent", "$.parent"));
        }
        return core::Ok{};
      },
      [&]() -> AdminResult<Reply> {
        return created(json_of(*category, write_category),
                       admin_location({"polyv", "accounts", user_id, "categories",
                                       std::to_string(category->cataid)}));
      });
}

AdminResult<Reply> get_category(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  auto cataid = int_path_param(request, "cataid");
  if (!cataid) return failed(cataid);
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_account(s, user_id); !keys) return failed(keys);
    auto categories = categories_of(s, user_id);
    if (!categories) return failed(categories);
    const auto* found = find_category(*categories, *cataid);
    if (found == nullptr) {
      return core::unexpected(no_category(*cataid));
    }
    return json_reply(200, json_of(*found, write_category));
  });
}

AdminResult<Reply> update_category(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  auto cataid = int_path_param(request, "cataid");
  if (!cataid) return failed(cataid);
  auto category = decode_body(request, "cataid", json::value(*cataid), decode_category);
  if (!category) return failed(category);
  return store_category(
      ctx, user_id, *category,
      [&](const std::vector<vendors::polyv::Category>& categories) -> AdminResult<core::Ok> {
        if (find_category(categories, *cataid) == nullptr) {
          return core::unexpected(no_category(*cataid));
        }
        return core::Ok{};
      },
      [&]() -> AdminResult<Reply> { return json_reply(200, json_of(*category, write_category)); });
}

AdminResult<Reply> delete_category(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  auto cataid = int_path_param(request, "cataid");
  if (!cataid) return failed(cataid);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_account(s, user_id); !keys) return failed(keys);
    auto categories = categories_of(s, user_id);
    if (!categories) return failed(categories);
    if (find_category(*categories, *cataid) == nullptr) {
      return core::unexpected(no_category(*cataid));
    }
    for (const auto& c : *categories) {
      if (c.parent == *cataid) {
        return core::unexpected(conflict("category " + std::to_string(c.cataid) +
                                             " is a child of this one; delete or move it first",
                                         "cataid"));
      }
    }
    VideoQuery query;
    query.user_id = user_id;
    query.cataids = std::vector<std::int64_t>{*cataid};
    query.limit = 0;
    auto videos = PolyvEntities(s).query_videos(query);
    if (!videos) return failed(videos);
    if (videos->total > 0) {
      return core::unexpected(conflict(
          std::to_string(videos->total) + " videos are in this category; delete or move them first",
          "cataid"));
    }
    return deleted(vendors::remove_entity(s, vendors::polyv::CategoryRef{user_id, *cataid}));
  });
}

// --- videos ---

void write_video(core::JsonWriter& w, const vendors::polyv::Video& v) {
  w.begin_object();
  write_video_fields(w, v);
  w.end_object();
}

AdminResult<Reply> list_videos(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  return list_reply(
      ctx, request, [&](EntityStore& s) { return require_account(s, user_id); },
      [&](EntityStore& s, const store::Range& range) {
        VideoQuery query;
        query.user_id = user_id;
        query.offset = range.offset;
        query.limit = range.limit;
        query.search = range.search;
        return PolyvEntities(s).query_videos(query);
      },
      write_video);
}

AdminResult<Reply> create_video(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  auto video = decode_body(request, decode_video);
  if (!video) return failed(video);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_account(s, user_id);
    if (!keys) return failed(keys);
    auto existing = PolyvEntities(s).find_video(video->vid);
    if (!existing) return failed(existing);
    if (*existing) {
      return core::unexpected(conflict("video " + quoted(video->vid) + " already exists (account " +
                                           quoted((*existing)->user_id) + ")",
                                       "$.vid"));
    }
    if (auto ok = check_video(s, *keys, *video); !ok) return failed(ok);
    auto data = account_data(*keys, [&](vendors::polyv::PolyvAccount& a) { a.videos = {*video}; });
    if (auto ok = upsert(s, data); !ok) return failed(ok);
    return created(json_of(*video, write_video),
                   admin_location({"polyv", "accounts", user_id, "videos", video->vid}));
  });
}

AdminResult<Reply> get_video(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  const auto& vid = path_param(request, "vid");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_account(s, user_id); !keys) return failed(keys);
    auto video = require_video(s, user_id, vid);
    if (!video) return failed(video);
    return json_reply(200, json_of(*video, write_video));
  });
}

AdminResult<Reply> update_video(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  const auto& vid = path_param(request, "vid");
  auto video = decode_body(request, "vid", json::value(vid), decode_video);
  if (!video) return failed(video);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_account(s, user_id);
    if (!keys) return failed(keys);
    if (auto current = require_video(s, user_id, vid); !current) return failed(current);
    if (auto ok = check_video(s, *keys, *video); !ok) return failed(ok);
    auto data = account_data(*keys, [&](vendors::polyv::PolyvAccount& a) { a.videos = {*video}; });
    if (auto ok = upsert(s, data); !ok) return failed(ok);
    return json_reply(200, json_of(*video, write_video));
  });
}

AdminResult<Reply> delete_video(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  const auto& vid = path_param(request, "vid");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_account(s, user_id); !keys) return failed(keys);
    if (auto current = require_video(s, user_id, vid); !current) return failed(current);
    return deleted(vendors::remove_entity(s, vendors::polyv::VideoRef{vid}));
  });
}

// --- channels ---

AdminResult<Reply> list_channels(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  return list_reply(
      ctx, request, [&](EntityStore& s) { return require_account(s, user_id); },
      [&](EntityStore& s, store::Range range) {
        return PolyvEntities(s).list_channels(user_id, std::move(range));
      },
      [](core::JsonWriter& w, const std::string& channel_id) {
        w.begin_object().field("channelId", channel_id).end_object();
      });
}

AdminResult<Reply> create_channel(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  auto channel = decode_body(request, decode_channel);
  if (!channel) return failed(channel);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_account(s, user_id);
    if (!keys) return failed(keys);
    if (auto fresh = check_new_channel(s, *channel, "$"); !fresh) return failed(fresh);
    auto data =
        account_data(*keys, [&](vendors::polyv::PolyvAccount& a) { a.channels = {*channel}; });
    if (auto ok = upsert(s, data); !ok) return failed(ok);
    return created(channel_json(channel->channel_id),
                   admin_location({"polyv", "accounts", user_id, "channels", channel->channel_id}));
  });
}

AdminResult<Reply> get_channel(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  const auto& channel_id = path_param(request, "channelId");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_account(s, user_id); !keys) return failed(keys);
    if (auto ok = require_channel(s, user_id, channel_id); !ok) return failed(ok);
    return json_reply(200, channel_json(channel_id));
  });
}

AdminResult<Reply> delete_channel(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  const auto& channel_id = path_param(request, "channelId");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_account(s, user_id); !keys) return failed(keys);
    if (auto ok = require_channel(s, user_id, channel_id); !ok) return failed(ok);
    return deleted(vendors::remove_entity(s, vendors::polyv::ChannelRef{channel_id}));
  });
}

// --- sessions ---

void write_session(core::JsonWriter& w, const vendors::polyv::LiveSession& session) {
  w.begin_object();
  write_session_fields(w, session);
  w.end_object();
}

// The account's keys, once the channel is known to be the account's.
AdminResult<vendors::polyv::PolyvAccountKeys> require_account_channel(
    EntityStore& s, const std::string& user_id, const std::string& channel_id) {
  auto keys = require_account(s, user_id);
  if (!keys) return keys;
  if (auto ok = require_channel(s, user_id, channel_id); !ok) return failed(ok);
  return keys;
}

AdminResult<Reply> list_sessions(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  const auto& channel_id = path_param(request, "channelId");
  return list_reply(
      ctx, request, [&](EntityStore& s) { return require_account_channel(s, user_id, channel_id); },
      [&](EntityStore& s, store::Range range) {
        return PolyvEntities(s).list_sessions(channel_id, std::move(range));
      },
      write_session);
}

// Upserts one session into the account's channel.
AdminResult<core::Ok> put_session(EntityStore& s, const vendors::polyv::PolyvAccountKeys& keys,
                                  const std::string& channel_id,
                                  const vendors::polyv::LiveSession& session) {
  return upsert(s, account_data(keys, [&](vendors::polyv::PolyvAccount& a) {
                  a.channels = {vendors::polyv::Channel{channel_id, {session}}};
                }));
}

AdminResult<Reply> create_session(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  const auto& channel_id = path_param(request, "channelId");
  auto session = decode_body(request, decode_session);
  if (!session) return failed(session);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_account_channel(s, user_id, channel_id);
    if (!keys) return failed(keys);
    auto existing = PolyvEntities(s).find_session(session->session_id);
    if (!existing) return failed(existing);
    if (*existing) {
      return core::unexpected(
          conflict("session " + quoted(session->session_id) + " already exists", "$.sessionId"));
    }
    if (auto ok = put_session(s, *keys, channel_id, *session); !ok) return failed(ok);
    return created(json_of(*session, write_session),
                   admin_location({"polyv", "accounts", user_id, "channels", channel_id, "sessions",
                                   session->session_id}));
  });
}

AdminResult<Reply> get_session(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  const auto& channel_id = path_param(request, "channelId");
  const auto& session_id = path_param(request, "sessionId");
  return in_read(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_account_channel(s, user_id, channel_id); !keys) return failed(keys);
    auto session = require_session(s, channel_id, session_id);
    if (!session) return failed(session);
    return json_reply(200, json_of(*session, write_session));
  });
}

AdminResult<Reply> update_session(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  const auto& channel_id = path_param(request, "channelId");
  const auto& session_id = path_param(request, "sessionId");
  auto session = decode_body(request, "sessionId", json::value(session_id), decode_session);
  if (!session) return failed(session);
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    auto keys = require_account_channel(s, user_id, channel_id);
    if (!keys) return failed(keys);
    if (auto current = require_session(s, channel_id, session_id); !current) return failed(current);
    if (auto ok = put_session(s, *keys, channel_id, *session); !ok) return failed(ok);
    return json_reply(200, json_of(*session, write_session));
  });
}

AdminResult<Reply> delete_session(const AdminContext& ctx, const http::Request& request) {
  const auto& user_id = path_param(request, "userId");
  const auto& channel_id = path_param(request, "channelId");
  const auto& session_id = path_param(request, "sessionId");
  return in_write(ctx, [&](EntityStore& s) -> AdminResult<Reply> {
    if (auto keys = require_account_channel(s, user_id, channel_id); !keys) return failed(keys);
    if (auto current = require_session(s, channel_id, session_id); !current) return failed(current);
    return deleted(vendors::remove_entity(s, vendors::polyv::SessionRef{session_id}));
  });
}

// What each collection's entities are called in the admin API's document.
constexpr admin::EntityName kPolyvAccountName{"a", "Polyv account", "Polyv accounts"};
constexpr admin::EntityName kSubAccountName{"a", "sub-account of a Polyv account",
                                            "sub-accounts of a Polyv account"};
constexpr admin::EntityName kCategoryName{"a", "category of a Polyv account",
                                          "categories of a Polyv account"};
constexpr admin::EntityName kVideoName{"a", "video of a Polyv account",
                                       "videos of a Polyv account"};
constexpr admin::EntityName kLiveChannelName{"a", "live channel of a Polyv account",
                                             "live channels of a Polyv account"};
constexpr admin::EntityName kSessionName{"a", "session of a Polyv live channel",
                                         "sessions of a Polyv live channel"};

const AdminRoute kRoutes[] = {
    {"GET", "/polyv/accounts", list_accounts, admin::list_doc(kPolyvAccountName)},
    {"POST", "/polyv/accounts", create_account, admin::create_doc(kPolyvAccountName)},
    {"GET", "/polyv/accounts/{userId}", get_account, admin::get_doc(kPolyvAccountName)},
    {"PUT", "/polyv/accounts/{userId}", update_account, admin::replace_doc(kPolyvAccountName)},
    {"DELETE", "/polyv/accounts/{userId}", delete_account, admin::delete_doc(kPolyvAccountName)},
    {"POST",
     "/polyv/accounts/{userId}/rotate-secret",
     rotate_account_secret,
     {.summary = "Give the Polyv account a new random secret",
      .body = "{\"kind\": \"secretKey\" or \"appSecret\"}",
      .answer = "{kind, the new secret}"}},
    {"GET", "/polyv/accounts/{userId}/sub-accounts", list_sub_accounts,
     admin::list_doc(kSubAccountName)},
    {"POST", "/polyv/accounts/{userId}/sub-accounts", create_sub_account,
     admin::create_doc(kSubAccountName, "the email, a JSON string")},
    {"GET", "/polyv/accounts/{userId}/sub-accounts/{email}", get_sub_account,
     admin::get_doc(kSubAccountName)},
    {"DELETE", "/polyv/accounts/{userId}/sub-accounts/{email}", delete_sub_account,
     admin::delete_doc(kSubAccountName)},
    {"GET", "/polyv/accounts/{userId}/categories", list_categories, admin::list_doc(kCategoryName)},
    {"POST", "/polyv/accounts/{userId}/categories", create_category,
     admin::create_doc(kCategoryName)},
    {"GET", "/polyv/accounts/{userId}/categories/{cataid}", get_category,
     admin::get_doc(kCategoryName)},
    {"PUT", "/polyv/accounts/{userId}/categories/{cataid}", update_category,
     admin::replace_doc(kCategoryName)},
    {"DELETE", "/polyv/accounts/{userId}/categories/{cataid}", delete_category,
     admin::delete_doc(kCategoryName)},
    {"GET", "/polyv/accounts/{userId}/videos", list_videos, admin::list_doc(kVideoName)},
    {"POST", "/polyv/accounts/{userId}/videos", create_video, admin::create_doc(kVideoName)},
    {"GET", "/polyv/accounts/{userId}/videos/{vid}", get_video, admin::get_doc(kVideoName)},
    {"PUT", "/polyv/accounts/{userId}/videos/{vid}", update_video, admin::replace_doc(kVideoName)},
    {"DELETE", "/polyv/accounts/{userId}/videos/{vid}", delete_video,
     admin::delete_doc(kVideoName)},
    {"GET", "/polyv/accounts/{userId}/channels", list_channels, admin::list_doc(kLiveChannelName)},
    {"POST", "/polyv/accounts/{userId}/channels", create_channel,
     admin::create_doc(kLiveChannelName)},
    {"GET", "/polyv/accounts/{userId}/channels/{channelId}", get_channel,
     admin::get_doc(kLiveChannelName)},
    {"DELETE", "/polyv/accounts/{userId}/channels/{channelId}", delete_channel,
     admin::delete_doc(kLiveChannelName)},
    {"GET", "/polyv/accounts/{userId}/channels/{channelId}/sessions", list_sessions,
     admin::list_doc(kSessionName)},
    {"POST", "/polyv/accounts/{userId}/channels/{channelId}/sessions", create_session,
     admin::create_doc(kSessionName)},
    {"GET", "/polyv/accounts/{userId}/channels/{channelId}/sessions/{sessionId}", get_session,
     admin::get_doc(kSessionName)},
    {"PUT", "/polyv/accounts/{userId}/channels/{channelId}/sessions/{sessionId}", update_session,
     admin::replace_doc(kSessionName)},
    {"DELETE", "/polyv/accounts/{userId}/channels/{channelId}/sessions/{sessionId}", delete_session,
     admin::delete_doc(kSessionName)},
};

}  // namespace

std::span<const admin::AdminRoute> admin_account_routes() {
  return kRoutes;
}

AdminResult<core::Ok> check_document_app_ids(EntityStore& s, const vendors::Dataset& data) {
  for (std::size_t i = 0; i < data.polyv_accounts.size(); ++i) {
    const auto& keys = data.polyv_accounts[i].keys;
    auto owner = PolyvEntities(s).find_account_by_app_id(keys.app_id);
    if (!owner) return failed(owner);
    if (*owner && (*owner)->user_id != keys.user_id) {
      return core::unexpected(
          conflict("appId already belongs to account \"" + (*owner)->user_id + "\"",
                   "$.polyv.accounts[" + std::to_string(i) + "].appId"));
    }
  }
  return core::Ok{};
}

}  // namespace mediagate::vendors::polyv
