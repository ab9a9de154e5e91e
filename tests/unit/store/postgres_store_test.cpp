// What is particular to the PostgreSQL backend (the shared behaviour is in the store suites):
// URLs and passwords, migrations in step with SQLite's, statements prepared once per
// connection, a bounded pool, writers serialised across stores, bounded waits, and connections
// the server dropped replaced without reopening the store.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <signal.h>

#include <array>
#include <atomic>
#include <chrono>
#include <cstdlib>
#include <functional>
#include <thread>

#include "core/clock.hpp"
#include "store/postgres/backend.hpp"
#include "store/postgres/connection.hpp"
#include "store/postgres/postgres_store.hpp"
#include "store/postgres/schema.hpp"
#include "store_test_support.hpp"
#include "vendors/dataset_sql.hpp"
#include "vendors/iqiyi/iqiyi_entities.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"
#include "vendors/open_store.hpp"
#include "vendors/polyv/polyv_queries.hpp"
#include "vendors/polyv/polyv_repository.hpp"

namespace mediagate::store::testing {
namespace {
using vendors::iqiyi::iqiyi_repository;
using vendors::iqiyi::IqiyiEntities;
using vendors::polyv::polyv_repository;
using vendors::polyv::VideoQuery;

using ::testing::HasSubstr;
using ::testing::Not;
using Ms = std::chrono::milliseconds;

TEST(PostgresUrl, PasswordsAreRedacted) {
  EXPECT_EQ(postgres::redact_url("postgresql://mg:s3cret@db.example:5432/mediagate"),
            "postgresql://mg:***@db.example:5432/mediagate");
  EXPECT_EQ(postgres::redact_url("postgres://mg@db/x?sslmode=require&password=s3cret&a=b"),
            "postgres://mg@db/x?sslmode=require&password=***&a=b");
  EXPECT_EQ(postgres::redact_url("postgresql://db:5432/x"), "postgresql://db:5432/x");
  EXPECT_EQ(postgres::redact_url("sqlite:/tmp/a.db"), "sqlite:/tmp/a.db");
}

TEST(PostgresUrl, AnUnreachableServerFailsFastWithoutShowingThePassword) {
  const auto start = std::chrono::steady_clock::now();
  // Port 1 on loopback: nothing listens, the connection is refused at once.
  auto store = vendors::open_store("postgresql://mg:s3cret@127.0.0.1:1/mediagate?password=s3cret");
  ASSERT_FALSE(store);
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(10));
  EXPECT_THAT(store.error().message, HasSubstr("cannot connect"));
  EXPECT_THAT(store.error().message, Not(HasSubstr("s3cret")));
}

// Each module step makes its tables in both dialects (one step, two scripts: the engines
// cannot drift apart by a step added to one list only).
TEST(PostgresSchema, EveryModuleStepHasBothDialects) {
  for (const auto& module : vendors::module_schemas()) {
    for (const auto& step : module.steps) {
      EXPECT_FALSE(step.sqlite.empty()) << module.module << " " << step.version;
      EXPECT_FALSE(step.postgres.empty()) << module.module << " " << step.version;
    }
  }
}

TEST(PostgresArrays, LiteralsEscapeQuotesAndBackslashesAndDropNuls) {
  EXPECT_EQ(postgres::array_literal(std::vector<std::int64_t>{1, -2}), "{1,-2}");
  EXPECT_EQ(
      postgres::array_literal(std::vector<std::string>{"a\"b", "c\\d", std::string("x\0y", 3)}),
      R"({"a\"b","c\\d"})");
  EXPECT_EQ(postgres::array_literal(std::vector<std::string>{}), "{}");
}

// A fresh schema on the test server, or a skip (a failure in CI).
class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    MEDIAGATE_REQUIRE_BACKEND(postgres_backend());
    server_ = std::getenv("MEDIAGATE_TEST_POSTGRES_URL");
    schema_ = create_postgres_schema(server_);
    // Sessions named after the schema: tests running in parallel never see each other's.
    url_ = schema_.url + "&application_name=" + schema_.name;
  }
  void TearDown() override {
    if (schema_.drop) schema_.drop();
  }

  std::unique_ptr<postgres::PostgresStore> open(const postgres::PostgresOptions& options = {}) {
    auto store = postgres::PostgresStore::open(url_, options, vendors::module_schemas());
    EXPECT_TRUE(store) << store.error().message;
    return store ? std::move(*store) : nullptr;
  }

  // Runs `sql` on a connection of its own to the test schema.
  std::optional<std::string> sql(const std::string& text) {
    auto result = postgres::run_once(schema_.url, text);
    EXPECT_TRUE(result) << text << ": " << result.error().message;
    return result ? *result : std::nullopt;
  }

  std::string server_;
  PostgresSchema schema_;
  std::string url_;
};

TEST_F(PostgresStoreTest, RecordsItsSchemaVersionOnce) {
  auto first = open();
  auto second = open();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(sql("SELECT count(*) || ':' || max(version) FROM schema_migrations"),
            "3:3");  // + Pumpkin's catalogue, iQiyi's coupon uses
}

TEST_F(PostgresStoreTest, RefusesADatabaseFromANewerBuild) {
  ASSERT_TRUE(open());
  sql("INSERT INTO schema_migrations VALUES (999, 0)");
  auto store = postgres::PostgresStore::open(url_, {}, vendors::module_schemas());
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("newer than this build"));
}

// Opening a migrated schema writes nothing: other servers' caches keep their generation.
TEST_F(PostgresStoreTest, OpeningAMigratedSchemaMovesNoGeneration) {
  ASSERT_TRUE(open());
  const auto before = sql("SELECT generation FROM mediagate_data_generation");
  ASSERT_TRUE(open());
  ASSERT_TRUE(open());
  EXPECT_EQ(sql("SELECT generation FROM mediagate_data_generation"), before);
}

TEST_F(PostgresStoreTest, AFailingMigrationIsRolledBackAndNotRecorded) {
  auto connection = postgres::Connection::open(schema_.url, {});
  ASSERT_TRUE(connection) << connection.error().message;
  const core::ManualClock clock(1);
  const std::array steps{
      SchemaStep{1, "", "CREATE TABLE a (x BIGINT)", 0},
      SchemaStep{2, "", "CREATE TABLE b (x BIGINT); INSERT INTO nowhere VALUES (1)", 0}};
  const std::array modules{ModuleSchema{"m", steps}};
  auto applied = postgres::apply_migrations(**connection, modules, clock);
  ASSERT_FALSE(applied);
  EXPECT_THAT(applied.error().message, HasSubstr("migration m 2 failed"));
  EXPECT_EQ(sql("SELECT count(*) FROM pg_class WHERE relname IN ('a', 'b')"
                " AND relnamespace = current_schema()::regnamespace"),
            "1");  // a, not b
  EXPECT_EQ(sql("SELECT string_agg(module || version, ',') FROM schema_module_migrations"), "m1");
}

TEST_F(PostgresStoreTest, TextSortsByteWiseAsInSqlite) {
  auto store = open();
  ASSERT_TRUE(store);
  Dataset data;
  for (const char* code : {"b", "B", "a", "_", "\xc3\xa9", "A"}) {
    data.iqiyi_partners.push_back({code, "k", {}});
  }
  ASSERT_TRUE(vendors::import_dataset(*store, data));
  auto exported = vendors::export_dataset(*store);
  ASSERT_TRUE(exported);
  std::vector<std::string> codes;
  for (const auto& p : exported->iqiyi_partners) codes.push_back(p.partner_code);
  EXPECT_THAT(codes, ::testing::ElementsAre("A", "B", "_", "a", "b", "\xc3\xa9"));
}

TEST_F(PostgresStoreTest, AStatementIsPreparedOncePerConnection) {
  auto connection = postgres::Connection::open(schema_.url, {});
  ASSERT_TRUE(connection) << connection.error().message;
  auto& c = **connection;
  for (int i = 0; i < 3; ++i) {
    auto rows = c.run("SELECT ? || 'x'", std::to_string(i));
    ASSERT_TRUE(rows) << rows.error().message;
    EXPECT_EQ(rows->text(0, 0), std::to_string(i) + "x");
  }
  EXPECT_EQ(c.prepared_statements(), 1u);
  ASSERT_TRUE(c.run("SELECT ?::bigint + 1", std::int64_t{41}));
  EXPECT_EQ(c.prepared_statements(), 2u);
  // A NUL byte cannot be stored, so a lookup by it finds nothing rather than a truncated key.
  auto nul = c.run("SELECT ?::text IS NULL", std::string("a\0b", 3));
  ASSERT_TRUE(nul);
  EXPECT_EQ(nul->text(0, 0), "t");
  EXPECT_FALSE(c.run("INSERT INTO iqiyi_partners VALUES (?, 'k')", std::string("a\0b", 3)));
}

TEST_F(PostgresStoreTest, APipelineRunsItsWritesInOrderAndAnswersEachCount) {
  ASSERT_TRUE(open());  // the schema
  auto connection = postgres::Connection::open(schema_.url, {});
  ASSERT_TRUE(connection) << connection.error().message;
  auto& c = **connection;
  const std::string_view insert = "INSERT INTO iqiyi_partners VALUES (?, ?) ON CONFLICT DO NOTHING";
  const std::string_view rename = "UPDATE iqiyi_partners SET md5_key = ? WHERE partner_code < ?";
  std::vector<postgres::Connection::Write> writes;
  for (int i = 0; i < 2500; ++i) {
    writes.push_back({insert, {postgres::param("p" + std::to_string(10000 + i)), "k"}});
  }
  writes.push_back({insert, {postgres::param("p10000"), "k"}});  // already there: 0 rows
  writes.push_back({rename, {postgres::param("k2"), postgres::param("p10010")}});
  const auto before = c.requests();
  auto counts = c.pipeline(writes);
  ASSERT_TRUE(counts) << counts.error().message;
  ASSERT_EQ(counts->size(), writes.size());
  for (int i = 0; i < 2500; ++i) ASSERT_EQ((*counts)[static_cast<std::size_t>(i)], 1) << i;
  EXPECT_EQ((*counts)[2500], 0);
  EXPECT_EQ((*counts)[2501], 10);  // p10000 .. p10009, in the order sent
  EXPECT_EQ(c.prepared_statements(), 2u);
  EXPECT_EQ(c.requests() - before, writes.size() + 2);  // the two prepares, then one pipeline
  EXPECT_EQ(sql("SELECT count(*) FROM iqiyi_partners WHERE md5_key = 'k2'"), "10");
  // The connection is back in ordinary mode.
  auto rows = c.run("SELECT count(*) FROM iqiyi_partners");
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(rows->text(0, 0), "2500");
}

TEST_F(PostgresStoreTest, APipelineStopsAtItsFirstFailedWriteAndTheConnectionStaysUsable) {
  ASSERT_TRUE(open());
  auto connection = postgres::Connection::open(schema_.url, {});
  ASSERT_TRUE(connection) << connection.error().message;
  auto& c = **connection;
  ASSERT_TRUE(c.exec("BEGIN"));
  const std::string_view insert = "INSERT INTO iqiyi_partners VALUES (?, ?)";
  std::vector<postgres::Connection::Write> writes = {
      {insert, {postgres::param("a"), "k"}},
      {insert, {postgres::param("a"), "k"}},  // the same key again: a unique violation
      {insert, {postgres::param("b"), "k"}},
  };
  auto counts = c.pipeline(writes);
  ASSERT_FALSE(counts);
  EXPECT_THAT(counts.error().message, HasSubstr("duplicate key"));
  EXPECT_FALSE(c.broken());
  ASSERT_TRUE(c.exec("ROLLBACK"));
  EXPECT_EQ(sql("SELECT count(*) FROM iqiyi_partners"), "0");
  // A NUL byte is refused before anything is sent.
  std::vector<postgres::Connection::Write> nul = {{insert, {std::string("x\0y", 3), "k"}}};
  auto refused = c.pipeline(nul);
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().message, HasSubstr("NUL byte"));
  auto rows = c.run("SELECT 1");
  ASSERT_TRUE(rows) << rows.error().message;
}

// A page and its total are one statement on PostgreSQL (sql::page_of, sql::OneStatementPages):
// one round trip, no transaction around it (ReadKind::kPage), past the end and empty included.
TEST_F(PostgresStoreTest, APageAndItsTotalAreOneStatement) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(vendors::import_dataset(*store, sample_dataset()));
  auto connection = postgres::Connection::open(schema_.url, {});
  ASSERT_TRUE(connection) << connection.error().message;
  auto& c = **connection;
  postgres::Backend db(c);
  // Runs `read` twice (the first prepares) and counts the second's requests.
  auto once = [&](auto read) {
    EXPECT_TRUE(read());
    const auto before = c.requests();
    auto page = read();
    EXPECT_EQ(c.requests() - before, 1u);
    EXPECT_FALSE(c.in_transaction());
    return page;
  };
  using vendors::polyv::VideoOrder;
  vendors::polyv::VideoQuery videos;
  videos.user_id = "u1";
  videos.exclude_uploader_email = "owner@u1.com";
  videos.order = VideoOrder::kPtimeDesc;
  videos.offset = 1;
  videos.limit = 1;
  auto page = once([&] { return vendors::polyv::queries::ranked_videos(db, videos); });
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->total, 3);
  ASSERT_EQ(page->items.size(), 1u);
  EXPECT_EQ(page->items[0].vid, "v03");  // v02, v03 (same ptime, by vid), v01
  for (const std::int64_t offset : {3, 1000}) {
    videos.offset = offset;
    page = once([&] { return vendors::polyv::queries::ranked_videos(db, videos); });
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_EQ(page->total, 3);
    EXPECT_TRUE(page->items.empty());
  }
  videos.offset = 0;
  videos.limit = 0;
  page = once([&] { return vendors::polyv::queries::ranked_videos(db, videos); });
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->total, 3);
  EXPECT_TRUE(page->items.empty());
  videos.limit = 20;
  videos.user_id = "nobody";
  page = once([&] { return vendors::polyv::queries::ranked_videos(db, videos); });
  ASSERT_TRUE(page) << page.error().message;
  EXPECT_EQ(page->total, 0);
  EXPECT_TRUE(page->items.empty());

  auto sessions = once([&] {
    return vendors::polyv::queries::query_sessions(
        db, vendors::polyv::SessionQuery{.channel_id = "100", .from = 150, .to = 300});
  });
  ASSERT_TRUE(sessions) << sessions.error().message;
  EXPECT_EQ(sessions->total, 3);
  ASSERT_EQ(sessions->items.size(), 3u);
  EXPECT_EQ(sessions->items[0].session_id, "s-d");
  EXPECT_EQ(sessions->items[2].session_id, "s-c");

  vendors::polyv::AllocationQuery log;
  log.app_id = "g1";
  log.emails = {"e1@g.com", "e3@g.com"};
  auto allocations = once([&] { return vendors::polyv::queries::allocations(db, log); });
  ASSERT_TRUE(allocations) << allocations.error().message;
  EXPECT_EQ(allocations->total, 3);
  ASSERT_EQ(allocations->items.size(), 3u);
  EXPECT_EQ(allocations->items[0].origin, "ADD_CONCURRENCES");
}

TEST_F(PostgresStoreTest, ABulkImportCountsAsARowByRowOne) {
  auto store = open();
  ASSERT_TRUE(store);
  // More rows than one pipeline takes, with details whose parts change between imports.
  Dataset data;
  data.pumpkin_partners.push_back({"PID", "secret", {}});
  for (std::int64_t id = 1; id <= 1500; ++id) {
    PumpkinMedia media;
    media.movie_id = id;
    media.movie_name = "m" + std::to_string(id);
    data.pumpkin_media.push_back(media);
  }
  auto first = vendors::import_dataset(*store, data);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->pumpkin_media, 1500);
  EXPECT_EQ(first->pumpkin_partners, 1);
  auto again = vendors::import_dataset(*store, data);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, ImportSummary{});
  data.pumpkin_media[1200].movie_name = "changed";
  auto changed = vendors::import_dataset(*store, data);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->pumpkin_media, 1);
}

// settle_after_load: every table of the store's schema vacuumed and analyzed, none of another
// schema's.
TEST_F(PostgresStoreTest, SettlingAfterALoadVacuumsAndAnalyzesEachTableOfItsSchema) {
  auto other = create_postgres_schema(server_);
  struct Dropped {
    std::function<void()>& drop;
    ~Dropped() {
      if (drop) drop();
    }
  } dropped{other.drop};
  ASSERT_TRUE(postgres::PostgresStore::open(other.url, {}, vendors::module_schemas()));
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(vendors::import_dataset(*store, sample_dataset()));
  const std::string unsettled =
      "SELECT count(*) FILTER (WHERE last_vacuum IS NULL OR last_analyze IS NULL) || '/' || "
      "count(*) FROM pg_stat_user_tables WHERE schemaname = ";
  const auto tables = sql("SELECT count(*) FROM pg_tables WHERE schemaname = current_schema()");
  ASSERT_TRUE(tables);
  EXPECT_GE(std::stoi(*tables), 10);
  EXPECT_EQ(sql(unsettled + "current_schema()"), *tables + "/" + *tables);
  auto settled = store->settle_after_load();
  ASSERT_TRUE(settled) << settled.error().message;
  EXPECT_EQ(sql(unsettled + "current_schema()"), "0/" + *tables);
  EXPECT_EQ(sql(unsettled + "'" + other.name + "'"), *tables + "/" + *tables);
}

// Outside a transaction (VACUUM) scale_time changes the session's statement timeout until
// scale_time(1); inside one only the transaction's.
TEST_F(PostgresStoreTest, ScalingTimeOutsideATransactionLastsUntilRestored) {
  auto c = postgres::Connection::open(schema_.url, {.statement_timeout = Ms(1500)});
  ASSERT_TRUE(c) << c.error().message;
  const auto timeout = [&]() -> std::string {
    auto rows = (*c)->exec("SHOW statement_timeout");
    return rows && rows->size() == 1 ? rows->text(0, 0) : "(failed)";
  };
  EXPECT_EQ(timeout(), "1500ms");
  ASSERT_TRUE((*c)->scale_time(4));
  EXPECT_EQ(timeout(), "6s");
  ASSERT_TRUE((*c)->exec("SELECT 1"));
  EXPECT_EQ(timeout(), "6s");
  ASSERT_TRUE((*c)->scale_time(1));
  EXPECT_EQ(timeout(), "1500ms");
  // Beyond what the server takes (INT_MAX ms): the largest multiple it does.
  ASSERT_TRUE((*c)->scale_time(10'000'000));
  EXPECT_EQ(timeout(), "2147482500ms");
  ASSERT_TRUE((*c)->scale_time(1));
  EXPECT_EQ(timeout(), "1500ms");
  ASSERT_TRUE((*c)->exec("BEGIN"));
  ASSERT_TRUE((*c)->scale_time(2));
  EXPECT_EQ(timeout(), "3s");
  ASSERT_TRUE((*c)->exec("COMMIT"));
  EXPECT_EQ(timeout(), "1500ms");
}

// Enough videos and users for the set-wise path at the default options
// (store/sql/batched_writes.hpp).
TEST_F(PostgresStoreTest, ASetWiseImportCountsAsARowByRowOne) {
  auto store = open();
  ASSERT_TRUE(store);
  Dataset data = sample_dataset();
  auto& u1 = data.polyv_accounts[0];
  for (int i = 0; i < 1500; ++i) {
    Video v = u1.videos[static_cast<std::size_t>(i % 5)];
    v.vid = "b" + std::to_string(10000 + i);
    v.title = "line\n" + std::to_string(i) + "\t\\";
    u1.videos.push_back(v);
    data.iqiyi_partners[0].users.push_back({"u\t" + std::to_string(i), "TW", i});
  }
  auto first = vendors::import_dataset(*store, data);
  ASSERT_TRUE(first) << first.error().message;
  EXPECT_EQ(first->videos, 6 + 1500);
  EXPECT_EQ(first->iqiyi_users, 1503);
  EXPECT_EQ(value_of(vendors::export_dataset(*store)), sorted(data));
  auto again = vendors::import_dataset(*store, data);
  ASSERT_TRUE(again) << again.error().message;
  EXPECT_EQ(*again, ImportSummary{});
  u1.videos[1200].title = "changed";
  data.iqiyi_partners[0].users[7].vod_coupons = 1;
  auto changed = vendors::import_dataset(*store, data);
  ASSERT_TRUE(changed) << changed.error().message;
  EXPECT_EQ(changed->videos, 1);
  EXPECT_EQ(changed->iqiyi_users, 1);
}

// The set-wise path (every table, batches of 7) and the row one (none) on two schemas, given
// the same imports one after the other: each answers the same counts and leaves the same rows.
TEST_F(PostgresStoreTest, TheSetWisePathWritesAndCountsAsTheRowPath) {
  auto other = create_postgres_schema(server_);
  ASSERT_TRUE(open());
  ASSERT_TRUE(
      postgres::PostgresStore::open(other.url, {}, vendors::module_schemas()));  // its schema
  auto set_wise = postgres::Connection::open(schema_.url, {});
  auto row_wise = postgres::Connection::open(other.url, {});
  ASSERT_TRUE(set_wise && row_wise);
  auto import = [](postgres::Connection& c, const Dataset& data, std::size_t min_rows,
                   bool& loaded) -> StoreResult<ImportSummary> {
    if (auto ok = c.exec("BEGIN"); !ok) return postgres::propagate(ok);
    postgres::Backend db(c, {.min_rows = min_rows, .batch_rows = 7});
    auto summary = vendors::upsert_rows(db, data);
    // The temporary table is there until the commit when (and only when) a batch was loaded.
    auto temp = c.exec("SELECT to_regclass('pg_temp.mg_load_polyv_videos') IS NOT NULL");
    loaded = temp && temp->text(0, 0) == "t";
    if (auto ok = c.exec(summary ? "COMMIT" : "ROLLBACK"); !ok) return postgres::propagate(ok);
    return summary;
  };
  Dataset data = sample_dataset();
  for (int i = 0; i < 40; ++i) {
    Video v = data.polyv_accounts[static_cast<std::size_t>(i % 2)].videos[0];
    v.vid = "r" + std::to_string(100 + i) + (i % 3 == 0 ? "\\N\t" : "\xc3\xa9\n");
    v.aac_link =
        i % 4 == 0 ? std::nullopt
                   : std::optional<std::string>{std::string(static_cast<std::size_t>(i % 5), '\\')};
    data.polyv_accounts[static_cast<std::size_t>(i % 2)].videos.push_back(v);
    data.polyv_groups[0].allocations.push_back(
        {"e1@g.com", 9000 + i / 2, i % 2 == 0 ? "vod" : "live", "ADD", "\r", i, {}, {}, {}, {}});
  }
  Dataset changed = data;
  changed.polyv_accounts[1].videos[7].title = "changed";
  changed.polyv_accounts.push_back(changed.polyv_accounts[0]);  // every u1 row twice
  changed.polyv_accounts.back().videos[20].times = 77;
  changed.polyv_groups[0].allocations[20].space = 5;
  for (const auto* step : {&data, &data, &changed, &changed, &data}) {
    bool copied = false;
    bool piped = true;
    auto a = import(**set_wise, *step, 1, copied);
    auto b = import(**row_wise, *step, 1'000'000, piped);
    ASSERT_TRUE(a && b) << (a ? b.error().message : a.error().message);
    EXPECT_EQ(*a, *b);
    EXPECT_TRUE(copied);
    EXPECT_FALSE(piped);
    postgres::Backend db_a(**set_wise);
    postgres::Backend db_b(**row_wise);
    auto exported_a = vendors::export_rows(db_a);
    auto exported_b = vendors::export_rows(db_b);
    ASSERT_TRUE(exported_a && exported_b);
    EXPECT_EQ(*exported_a, *exported_b);
  }
  // The allocations' insertion ids too (the order of ties): as the row path gave them.
  const auto ids = "SELECT string_agg(id || origin_text, ',' ORDER BY id) FROM polyv_allocations";
  EXPECT_EQ(sql(ids), value_of(postgres::run_once(other.url, ids)));
  set_wise->reset();
  row_wise->reset();
  other.drop();
}

TEST_F(PostgresStoreTest, ASetWiseImportRefusesANulByteAndWritesNothing) {
  auto store = open({.set_wise_min_rows = 1, .set_wise_batch_rows = 4});
  ASSERT_TRUE(store);
  Dataset data = sample_dataset();
  data.polyv_accounts[0].videos[3].title = std::string("a\0b", 3);
  auto result = vendors::import_dataset(*store, data);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().message, HasSubstr("NUL byte"));
  EXPECT_EQ(value_of(vendors::export_dataset(*store)), Dataset{});
}

TEST_F(PostgresStoreTest, ACopyStreamsItsRowsAndAFailedOneLeavesTheConnectionUsable) {
  auto connection = postgres::Connection::open(schema_.url, {});
  ASSERT_TRUE(connection) << connection.error().message;
  auto& c = **connection;
  ASSERT_TRUE(c.exec("CREATE TABLE copied (t TEXT, n BIGINT)"));
  // Several MB: more than libpq's buffer and the socket's take at once.
  std::string lines;
  for (int i = 0; i < 40'000; ++i) {
    lines += "row " + std::to_string(i) + std::string(100, 'x') + "\\t\\n\\\\\t" +
             (i % 7 == 0 ? "\\N" : std::to_string(i)) + "\n";
  }
  auto copied = c.copy_in("COPY copied FROM STDIN", lines);
  ASSERT_TRUE(copied) << copied.error().message;
  EXPECT_EQ(copied->affected(), 40'000);
  EXPECT_EQ(sql("SELECT count(*) || ':' || count(n) || ':' || max(length(t)) FROM copied"),
            "40000:34285:" + std::to_string(4 + 5 + 100 + 3));
  EXPECT_EQ(sql("SELECT t FROM copied WHERE n = 1"), "row 1" + std::string(100, 'x') + "\t\n\\");
  // A row the server refuses, deep in the data: the COPY fails, nothing of it stays.
  ASSERT_TRUE(c.exec("BEGIN"));
  const auto half = lines.find('\n', lines.size() / 2) + 1;
  std::string bad = lines.substr(0, half) + "x\tnot a number\n" + lines.substr(half);
  auto refused = c.copy_in("COPY copied FROM STDIN", bad);
  ASSERT_FALSE(refused);
  EXPECT_THAT(refused.error().message, HasSubstr("invalid input syntax"));
  EXPECT_FALSE(c.broken());
  ASSERT_TRUE(c.exec("ROLLBACK"));
  auto missing = c.copy_in("COPY no_such_table FROM STDIN", "a\n");
  ASSERT_FALSE(missing);
  EXPECT_THAT(missing.error().message, HasSubstr("no_such_table"));
  EXPECT_FALSE(c.broken());
  auto rows = c.run("SELECT count(*) FROM copied");
  ASSERT_TRUE(rows) << rows.error().message;
  EXPECT_EQ(rows->text(0, 0), "40000");
}

TEST_F(PostgresStoreTest, ThePoolNeverOpensMoreThanItsSize) {
  auto store = open({.pool_size = 3});
  ASSERT_TRUE(store);
  ASSERT_TRUE(vendors::import_dataset(*store, sample_dataset()));
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto page = polyv_repository(*store).query_sessions({"100", 0, 1000, 0, 20});
        if (!page || page->total != 4) ++failures;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_LE(store->pool().opened(), 3u);
  const auto sessions =
      sql("SELECT count(*) FROM pg_stat_activity WHERE application_name = '" + schema_.name +
          "'"
          " AND datname = current_database() AND pid <> pg_backend_pid()");
  EXPECT_LE(std::stoll(sessions.value_or("99")), 3);
}

TEST_F(PostgresStoreTest, WritersOfTwoStoresAreSerialised) {
  // Two stores on one database stand for two servers: read-modify-write transactions from
  // both never lose an update.
  auto a = open();
  auto b = open();
  ASSERT_TRUE(a && b);
  ASSERT_TRUE(vendors::import_dataset(*a, sample_dataset()));
  auto increment = [](Store& store) {
    return store.transact([](EntityStore& s) -> StoreResult<Outcome> {
      auto user = IqiyiEntities(s).find_user("P1", "user", "CN");
      if (!user) return core::unexpected(std::move(user).error());
      Dataset more;
      more.iqiyi_partners.push_back({"P1", "md5-key", {{"user", "CN", (*user)->vod_coupons + 1}}});
      if (auto ok = vendors::upsert_dataset(s, more); !ok)
        return core::unexpected(std::move(ok).error());
      return Outcome::kCommit;
    });
  };
  std::atomic<int> failures{0};
  std::thread ta([&] {
    for (int i = 0; i < 25; ++i) failures += increment(*a) ? 0 : 1;
  });
  std::thread tb([&] {
    for (int i = 0; i < 25; ++i) failures += increment(*b) ? 0 : 1;
  });
  ta.join();
  tb.join();
  EXPECT_EQ(failures.load(), 0);
  EXPECT_EQ((*iqiyi_repository(*a).find_user("P1", "user", "CN"))->vod_coupons, 3 + 50);
}

TEST_F(PostgresStoreTest, AWriteBlockedByAnotherServerFailsWithinItsTimeout) {
  auto store = open({.pool_size = 2, .statement_timeout = Ms(300)});
  ASSERT_TRUE(store);
  // Another "server" holds the writers' lock of this schema, in a transaction left open.
  auto holder = postgres::Connection::open(schema_.url, {});
  ASSERT_TRUE(holder);
  ASSERT_TRUE((*holder)->exec("BEGIN"));
  ASSERT_TRUE((*holder)->exec(postgres::kLockWriters));

  const auto start = std::chrono::steady_clock::now();
  auto result = vendors::import_dataset(*store, sample_dataset());
  const auto took = std::chrono::steady_clock::now() - start;
  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().message, HasSubstr("timeout"));
  EXPECT_LT(took, std::chrono::seconds(3));

  ASSERT_TRUE((*holder)->exec("ROLLBACK"));
  EXPECT_TRUE(vendors::import_dataset(
      *store, sample_dataset()));  // the same store works once the lock is free
}

TEST_F(PostgresStoreTest, AStatementTimesOutOnTheServer) {
  auto connection = postgres::Connection::open(url_, {.statement_timeout = Ms(200)});
  ASSERT_TRUE(connection) << connection.error().message;
  const auto start = std::chrono::steady_clock::now();
  auto slept = (*connection)->exec("SELECT pg_sleep(5)");
  ASSERT_FALSE(slept);
  EXPECT_THAT(slept.error().message, HasSubstr("statement timeout"));
  EXPECT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(2));
  EXPECT_FALSE((*connection)->broken());  // the server answered: the connection is still good
  EXPECT_TRUE((*connection)->run("SELECT 1"));
}

TEST_F(PostgresStoreTest, AFrozenServerCostsAtMostTheDeadlineThenTheConnection) {
  auto connection = postgres::Connection::open(url_, {.statement_timeout = Ms(300)});
  ASSERT_TRUE(connection) << connection.error().message;
  auto pid = (*connection)->run("SELECT pg_backend_pid()");
  ASSERT_TRUE(pid);
  const auto backend = static_cast<pid_t>(pid->int64(0, 0));
  // Its server process stops answering (as a frozen host would): no statement_timeout fires.
  if (::kill(backend, SIGSTOP) != 0) GTEST_SKIP() << "cannot signal the server process";
  const auto start = std::chrono::steady_clock::now();
  auto answer = (*connection)->run("SELECT 2");
  const auto took = std::chrono::steady_clock::now() - start;
  ::kill(backend, SIGCONT);
  ASSERT_FALSE(answer);
  EXPECT_THAT(answer.error().message, HasSubstr("no answer within 1300 ms"));
  EXPECT_GE(took, Ms(1200));
  EXPECT_LT(took, std::chrono::seconds(3));
  EXPECT_TRUE((*connection)->broken());  // never used again
}

TEST_F(PostgresStoreTest, ConnectionsTheServerDroppedAreReplacedWithoutReopening) {
  auto store = open();
  ASSERT_TRUE(store);
  ASSERT_TRUE(vendors::import_dataset(*store, sample_dataset()));
  for (int i = 0; i < 4; ++i) ASSERT_TRUE(iqiyi_repository(*store).find_md5_key("P1"));
  ASSERT_GE(store->pool().idle(), 1u);
  // The server ends every session of this store (as a restart or an administrator would).
  sql("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
      " WHERE application_name = '" +
      schema_.name + "'");
  for (int i = 0; i < 5; ++i) {
    auto key = iqiyi_repository(*store).find_md5_key("P1");
    ASSERT_TRUE(key) << key.error().message;
    EXPECT_EQ(*key, "md5-key");
    auto page = polyv_repository(*store).query_videos([] {
      VideoQuery q;
      q.user_id = "u1";
      return q;
    }());
    ASSERT_TRUE(page) << page.error().message;
    EXPECT_EQ(page->total, 5);
  }
  EXPECT_TRUE(vendors::import_dataset(*store, sample_dataset()));
}

}  // namespace
}  // namespace mediagate::store::testing
