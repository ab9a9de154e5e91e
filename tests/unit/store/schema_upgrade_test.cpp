// A database made before the modules owned their tables (one global list of migrations,
// recorded in schema_migrations) opens with the modules' migrations in place: its data kept,
// no step run twice, its schema then the same as a new database's, on both engines. The old
// schema is built from the global list's own statements (tests/data/global-schema/, copied from
// the last build that had them).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "store/postgres/connection.hpp"
#include "store/sqlite/connection.hpp"
#include "store_test_support.hpp"
#include "vendors/open_store.hpp"

namespace mediagate::store::testing {
namespace {

using ::testing::HasSubstr;

std::string global_schema(const std::string& name) {
  std::ifstream in(std::string(MEDIAGATE_SOURCE_DIR) + "/tests/data/global-schema/" + name);
  EXPECT_TRUE(in) << name;
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The global list's ledger, as those builds made it.
std::string global_ledger_table(const std::string& engine) {
  const std::string type = engine == "postgres" ? "BIGINT" : "INTEGER";
  return "CREATE TABLE IF NOT EXISTS schema_migrations (version " + type +
         " PRIMARY KEY, applied_at " + type + " NOT NULL)";
}

// Rows in the tables of global version 1, in both dialects.
constexpr const char* kData =
    "INSERT INTO polyv_accounts VALUES ('u1', 'a@example.com', 'sk', 'app1', 'as');"
    "INSERT INTO iqiyi_partners VALUES ('p1', 'key');"
    "INSERT INTO iqiyi_users VALUES ('p1', 'user1', 'CN', 3);"
    "INSERT INTO pumpkin_partners VALUES ('pid1', 'secret');"
    "INSERT INTO pumpkin_media VALUES (7, 'Movie', NULL);";
constexpr const char* kDataRead =
    "SELECT user_id || '/' || app_id AS v FROM polyv_accounts"
    " UNION ALL SELECT partner_code || '/' || user_id || '/' || vod_coupons FROM iqiyi_users"
    " UNION ALL SELECT pid FROM pumpkin_partners"
    " UNION ALL SELECT movie_id || '/' || movie_name FROM pumpkin_media";

// One database of either engine, and the plain SQL the test reads and writes it with.
class Database {
 public:
  virtual ~Database() = default;
  virtual std::string url() const = 0;
  virtual std::string engine() const = 0;  // the files' prefix: sqlite, postgres
  virtual void exec(const std::string& sql) = 0;
  virtual std::string scalar(const std::string& sql) = 0;
  // The values of `query`'s column v, sorted, joined by commas.
  virtual std::string list(const std::string& query) = 0;
  // Every table, column, key, index and trigger of the modules (not the ledgers).
  virtual std::string schema() = 0;

  // The database as global version `version`'s build left it, holding kData.
  void make_global(int version) {
    exec(global_ledger_table(engine()));
    for (int v = 1; v <= version; ++v) {
      exec(global_schema(engine() + "-" + std::to_string(v) + ".sql"));
      exec("INSERT INTO schema_migrations VALUES (" + std::to_string(v) + ", " +
           std::to_string(1000 + v) + ")");
    }
    if (engine() == "postgres") exec(global_schema("postgres-change-tracking.sql"));
    exec(kData);
  }
};

class SqliteDatabase : public Database {
 public:
  std::string url() const override { return "sqlite:" + file_.path(); }
  std::string engine() const override { return "sqlite"; }
  void exec(const std::string& sql) override {
    auto ok = connection().exec(sql);
    ASSERT_TRUE(ok) << sql << ": " << ok.error().message;
  }
  std::string scalar(const std::string& sql) override {
    auto statement = connection().prepare(sql);
    EXPECT_TRUE(statement) << sql << ": " << statement.error().message;
    if (!statement) return {};
    auto row = (*statement)->step();
    EXPECT_TRUE(row) << sql << ": " << row.error().message;
    return row && *row && !(*statement)->is_null(0) ? (*statement)->text(0) : std::string();
  }
  std::string list(const std::string& query) override {
    return scalar("SELECT group_concat(v, ',') FROM (SELECT v FROM (" + query + ") ORDER BY v)");
  }
  std::string schema() override {
    return list(
        "SELECT type || ' ' || name || ' ' || coalesce(sql, '') AS v FROM sqlite_master"
        " WHERE name NOT LIKE 'schema%' AND name NOT LIKE 'sqlite_autoindex_schema%'");
  }

 private:
  sqlite::Connection& connection() {
    if (!connection_) {
      auto opened = sqlite::Connection::open(file_.path(), {});
      if (!opened) throw std::runtime_error(opened.error().message);
      connection_ = std::move(*opened);
    }
    return *connection_;
  }
  TempSqliteFile file_{"mediagate_schema_upgrade"};
  std::unique_ptr<sqlite::Connection> connection_;
};

class PostgresDatabase : public Database {
 public:
  PostgresDatabase()
      : schema_(create_postgres_schema(std::getenv("MEDIAGATE_TEST_POSTGRES_URL"))) {}
  ~PostgresDatabase() override {
    if (schema_.drop) schema_.drop();
  }
  std::string url() const override { return schema_.url; }
  std::string engine() const override { return "postgres"; }
  void exec(const std::string& sql) override {
    auto ok = postgres::run_once(schema_.url, sql);
    ASSERT_TRUE(ok) << sql << ": " << ok.error().message;
  }
  std::string scalar(const std::string& sql) override {
    auto value = postgres::run_once(schema_.url, sql);
    EXPECT_TRUE(value) << sql << ": " << value.error().message;
    return value && *value ? **value : std::string();
  }
  std::string list(const std::string& query) override {
    return scalar("SELECT string_agg(v, ',' ORDER BY v COLLATE \"C\") FROM (" + query + ") q");
  }
  std::string schema() override {
    return list(
        "SELECT table_name || '.' || column_name || ' ' || data_type || ' ' ||"
        " coalesce(collation_name, '') || ' ' || is_nullable || ' ' || is_identity AS v"
        " FROM information_schema.columns WHERE table_schema = current_schema()"
        " AND table_name NOT LIKE 'schema%'"
        " UNION ALL SELECT replace(indexdef, current_schema() || '.', '') FROM pg_indexes"
        " WHERE schemaname = current_schema() AND tablename NOT LIKE 'schema%'"
        " UNION ALL SELECT conrelid::regclass::text || ' ' || conname || ' ' ||"
        " pg_get_constraintdef(oid) FROM pg_constraint"
        " WHERE connamespace = current_schema()::regnamespace"
        " AND conrelid::regclass::text NOT LIKE 'schema%'"
        " UNION ALL SELECT tgrelid::regclass::text || ' ' || tgname FROM pg_trigger"
        " WHERE NOT tgisinternal AND tgrelid IN"
        " (SELECT oid FROM pg_class WHERE relnamespace = current_schema()::regnamespace)");
  }

 private:
  PostgresSchema schema_;
};

class GlobalSchemaUpgrade : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    if (GetParam() == "Postgres") {
      MEDIAGATE_REQUIRE_BACKEND(postgres_backend());
      old_ = std::make_unique<PostgresDatabase>();
      fresh_ = std::make_unique<PostgresDatabase>();
    } else {
      old_ = std::make_unique<SqliteDatabase>();
      fresh_ = std::make_unique<SqliteDatabase>();
    }
  }

  static void open(Database& db) {
    auto store = vendors::open_store(db.url());
    ASSERT_TRUE(store) << store.error().message;
  }
  // The modules' ledger: module:version:applied_at, sorted.
  static std::string ledger(Database& db) {
    return db.list(
        "SELECT module || ':' || version || ':' || applied_at AS v FROM "
        "schema_module_migrations");
  }
  static std::string global_ledger(Database& db) {
    return db.list("SELECT version || ':' || applied_at AS v FROM schema_migrations");
  }

  std::unique_ptr<Database> old_;
  std::unique_ptr<Database> fresh_;
};

TEST_P(GlobalSchemaUpgrade, ADatabaseOfTheLastGlobalVersionOpensAsIs) {
  old_->make_global(3);
  open(*old_);  // a step run again would fail: its tables exist
  // Every step marked applied when its global version was, nothing run, no data lost.
  EXPECT_EQ(ledger(*old_), "iqiyi:1:1001,iqiyi:2:1003,polyv:1:1001,pumpkin:1:1001,pumpkin:2:1002");
  EXPECT_EQ(global_ledger(*old_), "1:1001,2:1002,3:1003");
  EXPECT_EQ(old_->list(kDataRead), "7/Movie,p1/user1/3,pid1,u1/app1");
  // The same schema as a database the modules made.
  open(*fresh_);
  EXPECT_THAT(fresh_->schema(), HasSubstr("iqiyi_coupon_uses_by_user"));
  EXPECT_EQ(old_->schema(), fresh_->schema());
  EXPECT_EQ(fresh_->list("SELECT version || '' AS v FROM schema_migrations"), "1,2,3");
  // Opened again, nothing changes.
  open(*old_);
  EXPECT_EQ(ledger(*old_), "iqiyi:1:1001,iqiyi:2:1003,polyv:1:1001,pumpkin:1:1001,pumpkin:2:1002");
  EXPECT_EQ(global_ledger(*old_), "1:1001,2:1002,3:1003");
}

TEST_P(GlobalSchemaUpgrade, AnOlderGlobalVersionGetsTheStepsItLacks) {
  old_->make_global(2);
  open(*old_);
  // iQiyi's coupon uses (global version 3) ran now, and global version 3 is recorded.
  EXPECT_EQ(old_->scalar("SELECT count(*) FROM schema_module_migrations WHERE applied_at > 1e12"
                         " AND module = 'iqiyi' AND version = 2"),
            "1");
  EXPECT_EQ(old_->scalar("SELECT count(*) FROM schema_module_migrations"), "5");
  EXPECT_EQ(old_->scalar("SELECT count(*) FROM schema_migrations WHERE version = 3"
                         " AND applied_at > 1e12"),
            "1");
  EXPECT_EQ(old_->list(kDataRead), "7/Movie,p1/user1/3,pid1,u1/app1");
  old_->exec(
      "INSERT INTO iqiyi_coupon_uses (partner_code, user_id, area, content_id, use_time,"
      " vod_deadline) VALUES ('p1', 'user1', 'CN', 1, 2, 3)");
  open(*fresh_);
  EXPECT_EQ(old_->schema(), fresh_->schema());
}

TEST_P(GlobalSchemaUpgrade, AStepThisBuildDoesNotHaveIsRefused) {
  open(*old_);
  old_->exec("INSERT INTO schema_module_migrations VALUES ('iqiyi', 99, 0)");
  auto store = vendors::open_store(old_->url());
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("newer than this build"));
  EXPECT_THAT(store.error().message, HasSubstr("iqiyi"));

  open(*fresh_);
  fresh_->exec("INSERT INTO schema_module_migrations VALUES ('elsewhere', 1, 0)");
  store = vendors::open_store(fresh_->url());
  ASSERT_FALSE(store);
  EXPECT_THAT(store.error().message, HasSubstr("newer than this build"));
  EXPECT_THAT(store.error().message, HasSubstr("elsewhere"));
}

INSTANTIATE_TEST_SUITE_P(Engines, GlobalSchemaUpgrade, ::testing::Values("Sqlite", "Postgres"),
                         [](const auto& test) { return test.param; });

}  // namespace
}  // namespace mediagate::store::testing
