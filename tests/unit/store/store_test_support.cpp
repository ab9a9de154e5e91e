#include "store_test_support.hpp"

#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <tuple>

#include "store/postgres/connection.hpp"
#include "store/postgres/postgres_store.hpp"
#include "vendors/open_store.hpp"

namespace mediagate::store::testing {

TempSqliteFile::TempSqliteFile(const std::string& prefix) {
  static std::atomic<int> counter{0};
  path_ =
      (std::filesystem::temp_directory_path() / (prefix + "_" + std::to_string(::getpid()) + "_" +
                                                 std::to_string(counter.fetch_add(1)) + ".db"))
          .string();
}

TempSqliteFile::~TempSqliteFile() {
  for (const char* suffix : {"", "-wal", "-shm"}) {
    std::error_code ignored;
    std::filesystem::remove(path_ + suffix, ignored);
  }
}

StoreBackend sqlite_file_backend() {
  return {"Sqlite", [] {
            static std::atomic<int> counter{0};
            const auto path = std::filesystem::temp_directory_path() /
                              ("mediagate_store_test_" + std::to_string(::getpid()) + "_" +
                               std::to_string(counter.fetch_add(1)) + ".db");
            std::filesystem::remove(path);
            const std::string url = "sqlite:" + path.string();
            return BackendInstance{[url]() -> std::unique_ptr<Store> {
                                     auto store = vendors::open_store(url);
                                     if (!store) {
                                       ADD_FAILURE() << "open_store(" << url
                                                     << "): " << store.error().message;
                                       return nullptr;
                                     }
                                     return std::move(*store);
                                   },
                                   [path] {
                                     for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
                                       std::error_code ignored;
                                       std::filesystem::remove(path.string() + suffix, ignored);
                                     }
                                   }};
          }};
}

PostgresSchema create_postgres_schema(const std::string& server_url) {
  static std::atomic<int> counter{0};
  static const auto salt = std::random_device{}();
  const std::string schema = "mg_test_" + std::to_string(::getpid()) + "_" +
                             std::to_string(salt % 100000) + "_" +
                             std::to_string(counter.fetch_add(1));
  auto created = postgres::run_once(server_url, "CREATE SCHEMA " + schema);
  if (!created) {
    ADD_FAILURE() << "CREATE SCHEMA " << schema << ": " << created.error().message;
  }
  const char separator = server_url.find('?') == std::string::npos ? '?' : '&';
  return {schema, server_url + separator + "options=-csearch_path%3D" + schema,
          [server_url, schema] {
            auto dropped = postgres::run_once(server_url, "DROP SCHEMA " + schema + " CASCADE");
            if (!dropped) {
              ADD_FAILURE() << "DROP SCHEMA " << schema << ": " << dropped.error().message;
            }
          }};
}

StoreBackend postgres_backend() {
  StoreBackend backend;
  backend.name = "Postgres";
  backend.unavailable = [] {
    const char* url = std::getenv("MEDIAGATE_TEST_POSTGRES_URL");
    if (url != nullptr && *url != '\0') return std::string();
    return std::string(
        "MEDIAGATE_TEST_POSTGRES_URL is not set: no PostgreSQL server to test against "
        "(scripts/test.sh starts one; see scripts/pg-test-server.sh)");
  };
  backend.create = [] {
    const auto schema = create_postgres_schema(std::getenv("MEDIAGATE_TEST_POSTGRES_URL"));
    const std::string url = schema.url;
    return BackendInstance{[url]() -> std::unique_ptr<Store> {
                             auto store = vendors::open_store(url);
                             if (!store) {
                               ADD_FAILURE() << "open_store(" << postgres::redact_url(url)
                                             << "): " << store.error().message;
                               return nullptr;
                             }
                             return std::move(*store);
                           },
                           schema.drop};
  };
  return backend;
}

StoreBackend postgres_set_wise_backend(std::size_t batch_rows) {
  StoreBackend backend = postgres_backend();
  backend.name = "PostgresSetWise";
  backend.create = [batch_rows] {
    const auto schema = create_postgres_schema(std::getenv("MEDIAGATE_TEST_POSTGRES_URL"));
    const std::string url = schema.url;
    return BackendInstance{[url, batch_rows]() -> std::unique_ptr<Store> {
                             auto store = postgres::PostgresStore::open(
                                 url, {.set_wise_min_rows = 1, .set_wise_batch_rows = batch_rows},
                                 vendors::module_schemas());
                             if (!store) {
                               ADD_FAILURE() << "PostgresStore::open(" << postgres::redact_url(url)
                                             << "): " << store.error().message;
                               return nullptr;
                             }
                             return std::unique_ptr<Store>(std::move(*store));
                           },
                           schema.drop};
  };
  return backend;
}

bool services_required() {
  const char* require = std::getenv("MEDIAGATE_TEST_REQUIRE_SERVICES");
  return require != nullptr && std::string(require) == "1";
}

namespace {

Video video(std::string vid, std::int64_t cataid, std::int64_t times, EpochMs ptime,
            std::string status, std::string uploader) {
  return Video{.vid = vid,
               .cataid = cataid,
               .title = "title of " + vid,
               .context = "context",
               .times = times,
               .first_image = "http://img.example/" + vid + ".jpg",
               .tag = "tag",
               .aac_link = std::nullopt,
               .status = std::move(status),
               .uploader_email = std::move(uploader),
               .ptime = ptime};
}

Allocation allocation(std::string email, EpochMs date, std::string type, std::string origin) {
  return Allocation{.email = std::move(email),
                    .date = date,
                    .type = std::move(type),
                    .origin = origin,
                    .origin_text = origin + " text",
                    .space = std::nullopt,
                    .flow = std::nullopt,
                    .channels = std::nullopt,
                    .concurrences = std::nullopt,
                    .duration = std::nullopt};
}

}  // namespace

Dataset sample_dataset() {
  Dataset data;

  PolyvAccount u1;
  u1.keys = {"u1", "owner@u1.com", "secret-u1", "app-u1", "app-secret-u1"};
  u1.sub_accounts = {"s2@u1.com", "s1@u1.com"};
  u1.categories = {{1, "root", std::nullopt},
                   {11, "grandchild", 10},  // listed before its parent on purpose
                   {10, "child", 1},
                   {2, "other root", std::nullopt}};
  u1.videos = {
      video("v05", 2, 9, 500, "61", "owner@u1.com"),
      video("v03", 11, 3, 2000, "20", "s2@u1.com"),  // ties v02 on ptime and times
      video("v02", 10, 3, 2000, "60", "s1@u1.com"),
      video("v01", 1, 5, 1000, "61", "s1@u1.com"),
      video("v04", 1, 1, 3000, "-1", "owner@u1.com"),
  };
  u1.videos[1].aac_link = "http://aac.example/v03.aac";
  u1.channels = {{"100",
                  {{"s-d", 300, std::nullopt, "custom-d"},
                   {"s-c", 200, 260, std::nullopt},
                   {"s-b", 200, 250, std::nullopt},
                   {"s-a", 100, 150, std::nullopt}}}};
  data.polyv_accounts.push_back(u1);

  PolyvAccount u2;
  u2.keys = {"u2", "owner@u2.com", "secret-u2", "app-u2", "app-secret-u2"};
  u2.categories = {{1, "u2 root", std::nullopt}};
  u2.videos = {video("w01", 1, 4, 1500, "61", "owner@u2.com")};
  u2.channels = {{"200", {{"s-e", 150, 160, std::nullopt}}}};
  data.polyv_accounts.push_back(u2);

  PolyvGroup g1;
  g1.keys = {"g1", "group-secret", false};
  g1.sub_accounts = {"e1@g.com", "e2@g.com", "e3@g.com"};
  g1.allocations = {allocation("e2@g.com", 3000, "live", "ADD_DURATION"),
                    allocation("e1@g.com", 3000, "live", "ADD_CONCURRENCES"),  // same date
                    allocation("e1@g.com", 2000, "vod", "ADD_SPACE"),
                    allocation("e3@g.com", 1000, "vod", "ADD_FLOW")};
  g1.allocations[0].duration = 600;
  g1.allocations[1].concurrences = 970;
  g1.allocations[2].space = 10737418240;
  g1.allocations[3].flow = 5;
  data.polyv_groups.push_back(g1);
  data.polyv_groups.push_back({{"g2", "banned-secret", true}, {}, {}});

  data.iqiyi_partners.push_back(
      {"P1", "md5-key", {{"user", "TW", 0}, {"user", "CN", 3}, {"another", "CN", 1}}});

  data.pumpkin_partners.push_back({"TEST", "access", {"/media/offline_sync", "/b/other"}});
  data.pumpkin_partners.push_back({"NOACT", "other", {}});

  data.pumpkin_media = {
      {4, "four", 100}, {2, "online", std::nullopt}, {3, "three", 50}, {1, "one", 100}};
  return data;
}

Dataset sorted(Dataset data) {
  auto by = [](auto key) {
    return [key](const auto& a, const auto& b) { return key(a) < key(b); };
  };
  std::sort(data.polyv_accounts.begin(), data.polyv_accounts.end(),
            by([](const PolyvAccount& a) { return a.keys.user_id; }));
  for (auto& account : data.polyv_accounts) {
    std::sort(account.sub_accounts.begin(), account.sub_accounts.end());
    std::sort(account.categories.begin(), account.categories.end(),
              by([](const Category& c) { return c.cataid; }));
    std::sort(account.videos.begin(), account.videos.end(),
              by([](const Video& v) { return v.vid; }));
    std::sort(account.channels.begin(), account.channels.end(),
              by([](const Channel& c) { return c.channel_id; }));
    for (auto& channel : account.channels) {
      std::sort(channel.sessions.begin(), channel.sessions.end(),
                by([](const LiveSession& s) { return s.session_id; }));
    }
  }
  std::sort(data.polyv_groups.begin(), data.polyv_groups.end(),
            by([](const PolyvGroup& g) { return g.keys.app_id; }));
  for (auto& group : data.polyv_groups) {
    std::sort(group.sub_accounts.begin(), group.sub_accounts.end());
  }
  std::sort(data.iqiyi_partners.begin(), data.iqiyi_partners.end(),
            by([](const IqiyiPartner& p) { return p.partner_code; }));
  for (auto& partner : data.iqiyi_partners) {
    std::sort(partner.users.begin(), partner.users.end(),
              by([](const IqiyiUser& u) { return std::tie(u.user_id, u.area); }));
    std::stable_sort(
        partner.coupon_uses.begin(), partner.coupon_uses.end(),
        by([](const IqiyiCouponUseEntry& u) { return std::tie(u.user_id, u.area, u.use_time); }));
  }
  std::sort(data.pumpkin_partners.begin(), data.pumpkin_partners.end(),
            by([](const PumpkinPartner& p) { return p.pid; }));
  for (auto& partner : data.pumpkin_partners) {
    std::sort(partner.actions.begin(), partner.actions.end());
  }
  std::sort(data.pumpkin_media.begin(), data.pumpkin_media.end(),
            by([](const PumpkinMedia& m) { return m.movie_id; }));
  return data;
}

std::vector<std::string> vids_of(const Page<Video>& page) {
  std::vector<std::string> out;
  for (const auto& v : page.items) out.push_back(v.vid);
  return out;
}

std::vector<std::string> session_ids_of(const Page<LiveSession>& page) {
  std::vector<std::string> out;
  for (const auto& s : page.items) out.push_back(s.session_id);
  return out;
}

}  // namespace mediagate::store::testing

namespace mediagate::vendors::polyv {

void PrintTo(const PolyvAccountKeys& k, std::ostream* os) {
  *os << "PolyvAccountKeys{" << k.user_id << ", " << k.email << ", app_id=" << k.app_id << "}";
}

void PrintTo(const Video& v, std::ostream* os) {
  *os << "Video{" << v.vid << ", cataid=" << v.cataid << ", title=" << v.title
      << ", times=" << v.times << ", status=" << v.status << ", uploader=" << v.uploader_email
      << ", ptime=" << v.ptime << "}";
}

void PrintTo(const Allocation& a, std::ostream* os) {
  *os << "Allocation{" << a.email << ", date=" << a.date << ", " << a.type << ", " << a.origin
      << "}";
}

}  // namespace mediagate::vendors::polyv

namespace mediagate::vendors {

void PrintTo(const ImportSummary& s, std::ostream* os) {
  *os << "ImportSummary{accounts=" << s.polyv_accounts << ", videos=" << s.videos
      << ", categories=" << s.categories << ", channels=" << s.channels
      << ", sessions=" << s.sessions << ", groups=" << s.polyv_groups
      << ", allocations=" << s.allocations << ", iqiyi_partners=" << s.iqiyi_partners
      << ", iqiyi_users=" << s.iqiyi_users << ", iqiyi_coupon_uses=" << s.iqiyi_coupon_uses
      << ", pumpkin_partners=" << s.pumpkin_partners << ", pumpkin_media=" << s.pumpkin_media
      << "}";
}

}  // namespace mediagate::vendors
