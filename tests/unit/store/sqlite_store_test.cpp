// What only the SQLite backend has: the store URL, the migration ledger, WAL, the pool.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <sqlite3.h>
#include <unistd.h>

#include <array>
#include <atomic>
#include <filesystem>
#include <thread>

#include "core/clock.hpp"
#include "store/sqlite/connection.hpp"
#include "store/sqlite/connection_pool.hpp"
#include "store/sqlite/migrations.hpp"
#include "store/sqlite/sqlite_store.hpp"
#include "store/sqlite/transaction.hpp"
#include "store_test_support.hpp"
#include "vendors/open_store.hpp"
#include "vendors/polyv/polyv_repository.hpp"

namespace mediagate::store::sqlite {
namespace {

using core::EpochMs;
using namespace vendors::iqiyi;    // NOLINT: the modules' values
using namespace vendors::polyv;    // NOLINT
using namespace vendors::pumpkin;  // NOLINT
using vendors::Dataset;
using vendors::open_store;
using vendors::polyv::polyv_repository;
using vendors::polyv::VideoOrder;
using vendors::polyv::VideoQuery;

using ::testing::HasSubstr;

// A database file in the temp directory, removed (with its WAL files) at the end.
class TempDatabase {
 public:
  TempDatabase() {
    static std::atomic<int> counter{0};
    path_ = (std::filesystem::temp_directory_path() /
             ("mediagate_sqlite_test_" + std::to_string(::getpid()) + "_" +
              std::to_string(counter.fetch_add(1)) + ".db"))
                .string();
    remove();
  }
  ~TempDatabase() { remove(); }
  const std::string& path() const { return path_; }
  std::string url() const { return "sqlite:" + path_; }

  // A query answered by a plain sqlite3 connection, outside the store.
  std::string scalar(const std::string& sql) const {
    sqlite3* db = nullptr;
    std::string out;
    if (sqlite3_open_v2(path_.c_str(), &db, SQLITE_OPEN_READONLY, nullptr) == SQLITE_OK) {
      sqlite3_stmt* stmt = nullptr;
      if (sqlite3_prepare_v2(db, sql.c_str(), -1, &stmt, nullptr) == SQLITE_OK &&
          sqlite3_step(stmt) == SQLITE_ROW && sqlite3_column_text(stmt, 0) != nullptr) {
        out = reinterpret_cast<const char*>(sqlite3_column_text(stmt, 0));
      }
      sqlite3_finalize(stmt);
    }
    sqlite3_close(db);
    return out;
  }

 private:
  void remove() const {
    for (const char* suffix : {"", "-wal", "-shm", "-journal"}) {
      std::error_code ignored;
      std::filesystem::remove(path_ + suffix, ignored);
    }
  }
  std::string path_;
};

std::unique_ptr<Connection> open_connection(const std::string& path) {
  auto connection = Connection::open(path, {});
  EXPECT_TRUE(connection) << connection.error().message;
  return connection ? std::move(*connection) : nullptr;
}

TEST(StoreUrl, UnknownSchemesAreRefusedWithAClearMessage) {
  auto store = open_store("mysql://localhost/mediagate");
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("unsupported store URL"));
  EXPECT_THAT(store.error().message, HasSubstr("sqlite:PATH or postgresql://"));
  EXPECT_FALSE(open_store("mysql:x"));
  EXPECT_FALSE(open_store(""));
}

TEST(StoreUrl, SqliteNeedsAUsablePath) {
  EXPECT_FALSE(open_store("sqlite:"));
  auto store = open_store("sqlite:/nonexistent-directory/for/mediagate.db");
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("/nonexistent-directory/for/mediagate.db"));
}

TEST(StoreUrl, InMemoryDatabaseServesReadsAndWrites) {
  auto store = open_store("sqlite::memory:");
  ASSERT_TRUE(store) << store.error().message;
  ASSERT_TRUE(vendors::import_dataset(*(*store), testing::sample_dataset()));
  auto exported = vendors::export_dataset(*(*store));
  ASSERT_TRUE(exported);
  EXPECT_EQ(*exported, testing::sorted(testing::sample_dataset()));
}

TEST(SqliteStore, RecordsItsSchemaVersionOnceAndUsesWal) {
  TempDatabase db;
  {
    auto store = open_store(db.url());
    ASSERT_TRUE(store) << store.error().message;
  }
  EXPECT_EQ(db.scalar("SELECT count(*) FROM schema_migrations"), "3");  // + Pumpkin, iQiyi uses
  EXPECT_EQ(db.scalar("SELECT max(version) FROM schema_migrations"), "3");
  const std::string applied_at =
      db.scalar("SELECT applied_at FROM schema_migrations WHERE version = 1");
  EXPECT_GT(std::stoll(applied_at), 1'600'000'000'000LL);  // epoch milliseconds
  EXPECT_EQ(db.scalar("PRAGMA journal_mode"), "wal");
  {
    auto again = open_store(db.url());
    ASSERT_TRUE(again) << again.error().message;
  }
  EXPECT_EQ(db.scalar("SELECT count(*) FROM schema_migrations"), "3");  // + Pumpkin, iQiyi uses
  EXPECT_EQ(db.scalar("SELECT applied_at FROM schema_migrations WHERE version = 1"), applied_at);
}

TEST(SqliteStore, CreatesTheIndexesTheQueriesUse) {
  TempDatabase db;
  ASSERT_TRUE(open_store(db.url()));
  for (const char* index :
       {"polyv_videos_by_ptime", "polyv_videos_by_times", "polyv_videos_by_uploader",
        "polyv_videos_by_cataid", "polyv_videos_by_status", "polyv_sessions_by_start",
        "pumpkin_media_by_delete_time"}) {
    EXPECT_EQ(db.scalar(std::string("SELECT count(*) FROM sqlite_master WHERE type = 'index'"
                                    " AND name = '") +
                        index + "'"),
              "1")
        << index;
  }
  auto connection = open_connection(db.path());
  ASSERT_NE(connection, nullptr);
  auto plan = connection->prepare(
      "EXPLAIN QUERY PLAN SELECT vid FROM polyv_videos WHERE user_id = ?"
      " ORDER BY ptime, vid LIMIT 20");
  ASSERT_TRUE(plan);
  std::string details;
  while (true) {
    auto row = (*plan)->step();
    ASSERT_TRUE(row);
    if (!*row) break;
    details += (*plan)->text(3) + "\n";
  }
  EXPECT_THAT(details, HasSubstr("polyv_videos_by_ptime"));
  EXPECT_THAT(details, ::testing::Not(HasSubstr("TEMP B-TREE")));
}

constexpr const char* kVideoIndexCount =
    "SELECT count(*) FROM sqlite_schema WHERE type = 'index' AND tbl_name = 'polyv_videos'"
    " AND sql IS NOT NULL";

TEST(SqliteStore, BulkImportRebuildsTheVideoIndexes) {
  TempDatabase db;
  auto store = SqliteStore::open(db.path(), {.bulk_import_videos = 3},
                                 vendors::module_schemas());  // the sample has 6
  ASSERT_TRUE(store) << store.error().message;
  EXPECT_EQ(db.scalar(kVideoIndexCount), "5");

  auto summary = vendors::import_dataset(*(*store), testing::sample_dataset());
  ASSERT_TRUE(summary) << summary.error().message;
  EXPECT_EQ(summary->videos, 6);
  EXPECT_EQ(db.scalar(kVideoIndexCount), "5");
  EXPECT_EQ(db.scalar("SELECT count(*) > 0 FROM sqlite_stat1 WHERE tbl = 'polyv_videos'"), "1");
  auto exported = vendors::export_dataset(*(*store));
  ASSERT_TRUE(exported);
  EXPECT_EQ(*exported, testing::sorted(testing::sample_dataset()));
  VideoQuery query;
  query.user_id = "u1";
  query.order = VideoOrder::kTimesDesc;
  auto page = polyv_repository(**store).query_videos(query);
  ASSERT_TRUE(page);
  EXPECT_THAT(testing::vids_of(*page), ::testing::ElementsAre("v05", "v01", "v02", "v03", "v04"));

  // A failed bulk import rolls back the index rebuild with everything else.
  Dataset bad = testing::sample_dataset();
  for (auto& video : bad.polyv_accounts[0].videos) video.vid += "-new";
  bad.polyv_accounts[0].videos[4].cataid = 999;
  ASSERT_FALSE(vendors::import_dataset(*(*store), bad));
  EXPECT_EQ(db.scalar(kVideoIndexCount), "5");
  exported = vendors::export_dataset(*(*store));
  ASSERT_TRUE(exported);
  EXPECT_EQ(*exported, testing::sorted(testing::sample_dataset()));
}

TEST(SqliteStore, RefusesADatabaseFromANewerBuild) {
  TempDatabase db;
  ASSERT_TRUE(open_store(db.url()));
  {
    auto connection = open_connection(db.path());
    ASSERT_NE(connection, nullptr);
    ASSERT_TRUE(connection->exec("INSERT INTO schema_migrations VALUES (99, 0)"));
  }
  auto store = open_store(db.url());
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("newer than this build"));
}

// The engine's migration runner over toy modules (store/sql/migration.hpp): no vendor's.
std::array<ModuleSchema, 1> module(std::string_view name, std::span<const SchemaStep> steps) {
  return {ModuleSchema{name, steps}};
}

TEST(Migrations, ApplyInOrderOnceEach) {
  TempDatabase db;
  auto connection = open_connection(db.path());
  ASSERT_NE(connection, nullptr);
  const core::ManualClock clock(1234);
  const std::array first{SchemaStep{1, "CREATE TABLE a (x INTEGER)", "", 0}};
  const std::array both{
      SchemaStep{1, "CREATE TABLE a (x INTEGER)", "", 0},
      SchemaStep{2, "CREATE TABLE b (y INTEGER); INSERT INTO b VALUES (7);", "", 0}};
  auto applied = apply_migrations(*connection, module("m", first), clock);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(*applied, 1);
  applied = apply_migrations(*connection, module("m", both), clock);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(*applied, 1);  // only version 2
  applied = apply_migrations(*connection, module("m", both), clock);
  ASSERT_TRUE(applied);
  EXPECT_EQ(*applied, 0);
  EXPECT_EQ(db.scalar("SELECT group_concat(module || version || ':' || applied_at) FROM"
                      " (SELECT * FROM schema_module_migrations ORDER BY version)"),
            "m1:1234,m2:1234");
  EXPECT_EQ(db.scalar("SELECT y FROM b"), "7");
  // Steps no global version names: builds from before the modules' ledger refuse the file.
  EXPECT_EQ(db.scalar("SELECT group_concat(version) FROM schema_migrations"), "4");
}

TEST(Migrations, AFailingMigrationIsRolledBackAndNotRecorded) {
  TempDatabase db;
  auto connection = open_connection(db.path());
  ASSERT_NE(connection, nullptr);
  const core::ManualClock clock(1);
  const std::array broken{
      SchemaStep{1, "CREATE TABLE a (x INTEGER); INSERT INTO nowhere VALUES (1);", "", 0}};
  auto applied = apply_migrations(*connection, module("m", broken), clock);
  ASSERT_FALSE(applied);
  EXPECT_THAT(applied.error().message, HasSubstr("migration m 1 failed"));
  EXPECT_THAT(applied.error().message, HasSubstr("nowhere"));
  EXPECT_EQ(db.scalar("SELECT count(*) FROM sqlite_master WHERE name = 'a'"), "0");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM schema_module_migrations"), "0");
  EXPECT_EQ(db.scalar("SELECT count(*) FROM schema_migrations"), "0");
  const std::array unordered{SchemaStep{2, "SELECT 1", "", 0}, SchemaStep{1, "SELECT 1", "", 0}};
  EXPECT_FALSE(apply_migrations(*connection, module("m", unordered), clock));
  const std::array one{SchemaStep{1, "SELECT 1", "", 0}};
  const std::array twice{ModuleSchema{"m", one}, ModuleSchema{"m", one}};
  EXPECT_FALSE(apply_migrations(*connection, twice, clock));
  EXPECT_FALSE(apply_migrations(*connection, module("", one), clock));
}

// A step of the global list is recorded there once it and every step of the versions before it
// are applied, so that a build from before the modules' ledger sees only complete versions.
TEST(Migrations, GlobalVersionsAreRecordedWhenComplete) {
  TempDatabase db;
  auto connection = open_connection(db.path());
  ASSERT_NE(connection, nullptr);
  const core::ManualClock clock(5);
  const std::array a{SchemaStep{1, "CREATE TABLE a (x INTEGER)", "", 1},
                     SchemaStep{2, "CREATE TABLE a2 (x INTEGER)", "", 2}};
  const std::array b_broken{SchemaStep{1, "INSERT INTO nowhere VALUES (1)", "", 1}};
  const std::array b{SchemaStep{1, "CREATE TABLE b (x INTEGER)", "", 1}};
  const std::array broken{ModuleSchema{"a", a}, ModuleSchema{"b", b_broken}};
  ASSERT_FALSE(apply_migrations(*connection, broken, clock));
  EXPECT_EQ(db.scalar("SELECT count(*) FROM schema_module_migrations"), "2");  // a's
  EXPECT_EQ(db.scalar("SELECT count(*) FROM schema_migrations"), "0");         // 1 lacks b's step
  const std::array fixed{ModuleSchema{"a", a}, ModuleSchema{"b", b}};
  auto applied = apply_migrations(*connection, fixed, clock);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(*applied, 1);
  EXPECT_EQ(db.scalar("SELECT group_concat(version || ':' || applied_at) FROM schema_migrations"),
            "1:5,2:5");
}

// A database of the global list: each recorded version marks its steps applied, unrun.
TEST(Migrations, ADatabaseOfTheGlobalListIsAdopted) {
  TempDatabase db;
  auto connection = open_connection(db.path());
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(connection->exec(
      "CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, applied_at INTEGER NOT "
      "NULL); INSERT INTO schema_migrations VALUES (1, 77); CREATE TABLE a (x INTEGER);"));
  const core::ManualClock clock(9);
  const std::array steps{SchemaStep{1, "CREATE TABLE a (x INTEGER)", "", 1},
                         SchemaStep{2, "CREATE TABLE b (y INTEGER)", "", 0}};
  auto applied = apply_migrations(*connection, module("m", steps), clock);
  ASSERT_TRUE(applied) << applied.error().message;
  EXPECT_EQ(*applied, 1);  // only b
  EXPECT_EQ(db.scalar("SELECT group_concat(module || version || ':' || applied_at) FROM"
                      " (SELECT * FROM schema_module_migrations ORDER BY version)"),
            "m1:77,m2:9");
  EXPECT_EQ(db.scalar("SELECT group_concat(version || ':' || applied_at) FROM schema_migrations"),
            "1:77,4:9");
  // A global version after the ledger's is a newer build's.
  ASSERT_TRUE(connection->exec("INSERT INTO schema_migrations VALUES (5, 0)"));
  applied = apply_migrations(*connection, module("m", steps), clock);
  ASSERT_FALSE(applied);
  EXPECT_THAT(applied.error().message, HasSubstr("newer than this build"));
}

TEST(Statements, AreCachedPerConnectionAndResetAfterUse) {
  TempDatabase db;
  auto connection = open_connection(db.path());
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(connection->exec("CREATE TABLE t (k INTEGER PRIMARY KEY, v TEXT)"));
  const Statement* first = nullptr;
  for (int i = 0; i < 3; ++i) {
    auto insert = connection->prepare("INSERT INTO t (k, v) VALUES (?, ?)");
    ASSERT_TRUE(insert);
    if (first == nullptr) first = &**insert;
    EXPECT_EQ(&**insert, first);  // the same prepared statement every time
    auto changed = (*insert)->execute(std::int64_t{i}, std::optional<std::string>{});
    ASSERT_TRUE(changed) << changed.error().message;
    EXPECT_EQ(*changed, 1);
  }
  {
    auto select = connection->prepare("SELECT count(*) FROM t WHERE v IS NULL");
    ASSERT_TRUE(select);
    auto row = (*select)->step();
    ASSERT_TRUE(row && *row);
    EXPECT_EQ((*select)->int64(0), 3);
    // not stepped to the end: the ScopedStatement resets it, releasing the read snapshot
  }
  EXPECT_FALSE(connection->in_transaction());
  auto bad = connection->prepare("SELEKT 1");
  ASSERT_FALSE(bad);
  EXPECT_THAT(bad.error().message, HasSubstr("syntax error"));
  auto duplicate = connection->prepare("INSERT INTO t (k, v) VALUES (?, ?)");
  ASSERT_TRUE(duplicate);
  auto failed = (*duplicate)->execute(std::int64_t{1}, "x");
  ASSERT_FALSE(failed);
  EXPECT_THAT(failed.error().message, HasSubstr("UNIQUE constraint failed: t.k"));
  auto range = connection->prepare("SELECT ?");
  ASSERT_TRUE(range);
  (*range)->bind(2, std::int64_t{1});  // no parameter 2: reported by step()
  EXPECT_FALSE((*range)->step());
}

TEST(Transactions, RollBackUnlessCommitted) {
  TempDatabase db;
  auto connection = open_connection(db.path());
  ASSERT_NE(connection, nullptr);
  ASSERT_TRUE(connection->exec("CREATE TABLE t (k INTEGER)"));
  {
    auto transaction = Transaction::begin(*connection, Transaction::Kind::kImmediate);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(connection->exec("INSERT INTO t VALUES (1)"));
  }
  EXPECT_EQ(db.scalar("SELECT count(*) FROM t"), "0");
  {
    auto transaction = Transaction::begin(*connection, Transaction::Kind::kImmediate);
    ASSERT_TRUE(transaction);
    ASSERT_TRUE(connection->exec("INSERT INTO t VALUES (1)"));
    ASSERT_TRUE(transaction->commit());
  }
  EXPECT_EQ(db.scalar("SELECT count(*) FROM t"), "1");
  EXPECT_FALSE(connection->in_transaction());
}

TEST(ConnectionPool, OpensLazilyUpToItsLimitAndReusesConnections) {
  TempDatabase db;
  ASSERT_TRUE(open_store(db.url()));
  std::atomic<int> opens{0};
  ConnectionPool pool(
      [&]() -> StoreResult<std::unique_ptr<Connection>> {
        ++opens;
        return Connection::open(db.path(), {.read_only = true});
      },
      2);
  EXPECT_EQ(pool.opened(), 0u);
  {
    auto lease = pool.acquire();
    ASSERT_TRUE(lease);
  }
  {
    auto lease = pool.acquire();  // the idle one again
    ASSERT_TRUE(lease);
  }
  EXPECT_EQ(opens.load(), 1);

  std::atomic<int> busy{0};
  std::atomic<int> most_busy{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto lease = pool.acquire();
        ASSERT_TRUE(lease);
        const int now = ++busy;
        int seen = most_busy.load();
        while (now > seen && !most_busy.compare_exchange_weak(seen, now)) {
        }
        std::this_thread::yield();
        --busy;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_LE(most_busy.load(), 2);
  EXPECT_LE(opens.load(), 2);
  EXPECT_EQ(pool.opened(), static_cast<std::size_t>(opens.load()));
}

TEST(ConnectionPool, AFailedOpenFreesItsSlot) {
  ConnectionPool pool(
      []() -> StoreResult<std::unique_ptr<Connection>> {
        return core::unexpected(core::Error::store("cannot open"));
      },
      1);
  EXPECT_FALSE(pool.acquire());
  EXPECT_FALSE(pool.acquire());  // does not wait forever for the slot
  EXPECT_EQ(pool.opened(), 0u);
}

}  // namespace
}  // namespace mediagate::store::sqlite
