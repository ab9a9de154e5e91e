// The modules' caching repositories (vendors/<v>/caching_<v>_repository.hpp) over a real SQLite
// store that keeps lookups (SqliteOptions::cached_lookups): lookups answered from memory while
// the data generation stays the same, and every write seen: this store's at once, another
// process's within store_change_check_ms (at once with 0).

#include <gtest/gtest.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <filesystem>
#include <memory>
#include <random>
#include <string>
#include <thread>

#include "store/sqlite/sqlite_store.hpp"
#include "store_test_support.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"
#include "vendors/iqiyi/sql_iqiyi_repository.hpp"
#include "vendors/open_store.hpp"
#include "vendors/polyv/caching_polyv_repository.hpp"
#include "vendors/polyv/polyv_repository.hpp"
#include "vendors/polyv/sql_polyv_repository.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"
#include "vendors/pumpkin/sql_pumpkin_repository.hpp"

namespace mediagate::store {
namespace {

using core::EpochMs;
using namespace vendors::iqiyi;    // NOLINT: the modules' values
using namespace vendors::polyv;    // NOLINT
using namespace vendors::pumpkin;  // NOLINT
using vendors::Dataset;

using vendors::iqiyi::iqiyi_repository;
using vendors::iqiyi::make_sql_iqiyi_repository;
using vendors::polyv::CachingPolyvRepository;
using vendors::polyv::make_sql_polyv_repository;
using vendors::polyv::polyv_repository;
using vendors::polyv::PolyvAccountRef;
using vendors::polyv::PolyvRepository;

// Pumpkin's lookups are cached by its repository, made over this store (cached_lookups()).
using vendors::pumpkin::make_sql_pumpkin_repository;
using vendors::pumpkin::pumpkin_repository;

// A database file for one test, removed afterwards.
class TempFile : public testing::TempSqliteFile {
 public:
  TempFile() : TempSqliteFile("mediagate_caching_test") {}
};

// `cached_lookups`: answers of each lookup the modules' repositories keep (0: none).
std::unique_ptr<sqlite::SqliteStore> open_sqlite(const std::string& path,
                                                 std::chrono::milliseconds change_check,
                                                 std::size_t cached_lookups = 0) {
  auto store = sqlite::SqliteStore::open(
      path, {.change_check = change_check, .cached_lookups = cached_lookups},
      vendors::module_schemas());
  if (!store) throw std::runtime_error(store.error().message);
  return std::move(*store);
}

Dataset with_secret(const std::string& secret) {
  Dataset data = testing::sample_dataset();
  data.polyv_accounts[0].keys.secret_key = secret;
  return data;
}

std::string secret_of(PolyvRepository& repository) {
  auto account = repository.find_account_by_user_id("u1");
  if (!account || !*account) return "<none>";
  return (*account)->secret_key;
}
std::string secret_of(Store& store) {
  return secret_of(polyv_repository(store));
}

// Hits and misses of Polyv's lookups over `store`.
core::GenerationCacheStats polyv_stats(Store& store) {
  return dynamic_cast<CachingPolyvRepository&>(polyv_repository(store)).stats();
}

TEST(CachingRepositories, AnswersRepeatedLookupsFromMemory) {
  TempFile file;
  auto opened = open_sqlite(file.path(), std::chrono::milliseconds(0), 100);
  Store& store = *opened;
  ASSERT_TRUE(vendors::import_dataset(store, testing::sample_dataset()));

  EXPECT_EQ(secret_of(store), "secret-u1");
  const auto first = polyv_stats(store);
  for (int i = 0; i < 5; ++i) EXPECT_EQ(secret_of(store), "secret-u1");
  const auto later = polyv_stats(store);
  EXPECT_EQ(later.hits - first.hits, 5U);
  EXPECT_EQ(later.misses, first.misses);

  // Every kind of lookup answers as the store below it, the first time and from memory.
  auto plain = open_sqlite(file.path(), std::chrono::milliseconds(0));
  for (int round = 0; round < 2; ++round) {
    EXPECT_EQ(*polyv_repository(store).find_account_by_app_id("app-u1"),
              *make_sql_polyv_repository(*plain)->find_account_by_app_id("app-u1"));
    EXPECT_EQ(*polyv_repository(store).list_categories("u1"),
              *make_sql_polyv_repository(*plain)->list_categories("u1"));
    EXPECT_EQ(*polyv_repository(store).has_sub_account("u1", "s1@u1.com"), true);
    EXPECT_EQ(*polyv_repository(store).has_sub_account("u1", "nobody@u1.com"), false);
    EXPECT_EQ(*polyv_repository(store).find_channel_owner("100"),
              *make_sql_polyv_repository(*plain)->find_channel_owner("100"));
    EXPECT_EQ(*polyv_repository(store).find_channel_owner("999"), std::nullopt);
    EXPECT_EQ(*polyv_repository(store).find_group("g1"),
              *make_sql_polyv_repository(*plain)->find_group("g1"));
    EXPECT_EQ(*pumpkin_repository(store).find_partner("TEST"),
              *make_sql_pumpkin_repository(*plain)->find_partner("TEST"));
    EXPECT_EQ(*pumpkin_repository(store).find_partner("nobody"), std::nullopt);
    EXPECT_EQ(*iqiyi_repository(store).find_md5_key("P1"),
              *make_sql_iqiyi_repository(*plain)->find_md5_key("P1"));
    EXPECT_EQ(*iqiyi_repository(store).find_user("P1", "user", "CN"),
              *make_sql_iqiyi_repository(*plain)->find_user("P1", "user", "CN"));
    EXPECT_EQ(*iqiyi_repository(store).find_user("P1", "user", "TW"),
              *make_sql_iqiyi_repository(*plain)->find_user("P1", "user", "TW"));
    EXPECT_EQ(*iqiyi_repository(store).find_user("P1", "user", "XX"), std::nullopt);
  }
  // Arguments are kept apart: one user's answer is never another's.
  EXPECT_EQ(*polyv_repository(store).find_account_by_user_id("u2"),
            *make_sql_polyv_repository(*plain)->find_account_by_user_id("u2"));
  EXPECT_EQ(*polyv_repository(store).find_account_by_user_id("nobody"), std::nullopt);
}

TEST(CachingRepositories, SeesItsOwnWritesAtOnce) {
  TempFile file;
  // An hour between looks for other processes' writes: only its own writes can be seen.
  auto opened = open_sqlite(file.path(), std::chrono::hours(1), 100);
  Store& store = *opened;
  ASSERT_TRUE(vendors::import_dataset(store, with_secret("one")));
  EXPECT_EQ(secret_of(store), "one");
  ASSERT_TRUE(vendors::import_dataset(store, with_secret("two")));
  EXPECT_EQ(secret_of(store), "two");

  auto removed = store.transact([](EntityStore& entities) -> StoreResult<Outcome> {
    auto done = vendors::remove_entity(entities, PolyvAccountRef{"u1"});
    if (!done) return core::unexpected(done.error());
    return Outcome::kCommit;
  });
  ASSERT_TRUE(removed && *removed);
  EXPECT_EQ(secret_of(store), "<none>");
}

TEST(CachingRepositories, SeesAnotherProcesssWritesAtTheNextLookWithACheckIntervalOfZero) {
  TempFile file;
  auto opened = open_sqlite(file.path(), std::chrono::milliseconds(0), 100);
  Store& store = *opened;
  ASSERT_TRUE(vendors::import_dataset(store, with_secret("one")));
  EXPECT_EQ(secret_of(store), "one");
  EXPECT_EQ(secret_of(store), "one");
  ASSERT_TRUE(vendors::import_dataset(*open_sqlite(file.path(), std::chrono::milliseconds(0)),
                                      with_secret("two")));
  EXPECT_EQ(secret_of(store), "two");
}

TEST(CachingRepositories, SeesAnotherProcesssWritesWithinTheCheckInterval) {
  TempFile file;
  constexpr auto kInterval = std::chrono::milliseconds(100);
  auto opened = open_sqlite(file.path(), kInterval, 100);
  Store& store = *opened;
  ASSERT_TRUE(vendors::import_dataset(store, with_secret("one")));
  EXPECT_EQ(secret_of(store), "one");
  ASSERT_TRUE(vendors::import_dataset(*open_sqlite(file.path(), kInterval), with_secret("two")));
  // Seen no later than one interval after the write (bounded wait; asserted below).
  const auto deadline = std::chrono::steady_clock::now() + 20 * kInterval;
  std::string seen = secret_of(store);
  while (seen != "two" && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
    seen = secret_of(store);
  }
  EXPECT_EQ(seen, "two");
}

// Many media with ties on the delete time, some online (no delete time), at both ends.
Dataset with_media(int count) {
  Dataset data = testing::sample_dataset();
  data.pumpkin_media.clear();
  for (int i = 0; i < count; ++i) {
    PumpkinMedia media{1000 + (i * 7919) % count, "m" + std::to_string(i), std::nullopt};
    if (i % 5 != 0) media.delete_time = (i % 3 == 0 ? -1 : 1) * ((i * 37) % 400);
    data.pumpkin_media.push_back(media);
  }
  return data;
}

TEST(CachingRepositories, OfflineMediaOfAnyWindowAsTheStoreBelow) {
  TempFile file;
  for (const std::size_t bound : {std::size_t{100'000}, std::size_t{10}}) {  // kept; too many
    auto opened = open_sqlite(file.path(), std::chrono::milliseconds(0), bound);
    Store& store = *opened;
    auto plain = open_sqlite(file.path(), std::chrono::milliseconds(0));
    ASSERT_TRUE(vendors::import_dataset(store, with_media(300)));
    std::mt19937 random(7);
    std::uniform_int_distribution<EpochMs> edge(-450, 450);
    for (int i = 0; i < 300; ++i) {
      EpochMs from = edge(random);
      EpochMs to = edge(random);
      if (i % 10 == 0) to = from;  // empty
      const auto cached = pumpkin_repository(store).list_offline_media(from, to);
      const auto direct = make_sql_pumpkin_repository(*plain)->list_offline_media(from, to);
      ASSERT_TRUE(cached && direct);
      ASSERT_EQ(*cached, *direct) << "[" << from << ", " << to << ") bound " << bound;
    }
    // A write is seen by the next window.
    Dataset more;
    more.pumpkin_media.push_back({5, "new", 123});
    ASSERT_TRUE(vendors::import_dataset(store, more));
    const auto after = pumpkin_repository(store).list_offline_media(123, 124);
    ASSERT_TRUE(after);
    EXPECT_EQ(*after, *make_sql_pumpkin_repository(*plain)->list_offline_media(123, 124));
    EXPECT_NE(std::find(after->begin(), after->end(), PumpkinMedia{5, "new", 123}), after->end());
  }
}

TEST(CachingRepositories, AStoreThatCannotTellAGenerationIsPassedThrough) {
  // ":memory:" tells a generation too; a PostgreSQL store does not while its change listener is
  // not listening (postgres_generation_test.cpp). Here: an engine whose data_generation() is
  // nothing, in front of a repository that counts the lookups it is asked.
  class Counted final : public PolyvRepository {
   public:
    explicit Counted(Store& store) : inner_(make_sql_polyv_repository(store)) {}
    StoreResult<std::optional<PolyvAccountKeys>> find_account_by_user_id(
        std::string_view id) override {
      ++lookups;
      return inner_->find_account_by_user_id(id);
    }
    StoreResult<std::optional<PolyvAccountKeys>> find_account_by_app_id(
        std::string_view id) override {
      return inner_->find_account_by_app_id(id);
    }
    StoreResult<std::vector<Category>> list_categories(std::string_view id) override {
      return inner_->list_categories(id);
    }
    StoreResult<bool> has_sub_account(std::string_view id, std::string_view e) override {
      return inner_->has_sub_account(id, e);
    }
    StoreResult<Page<Video>> query_videos(const vendors::polyv::VideoQuery& q) override {
      return inner_->query_videos(q);
    }
    StoreResult<std::optional<std::string>> find_channel_owner(std::string_view id) override {
      return inner_->find_channel_owner(id);
    }
    StoreResult<Page<LiveSession>> query_sessions(const vendors::polyv::SessionQuery& q) override {
      return inner_->query_sessions(q);
    }
    StoreResult<std::optional<PolyvGroupKeys>> find_group(std::string_view id) override {
      return inner_->find_group(id);
    }
    StoreResult<Page<Allocation>> query_allocations(
        const vendors::polyv::AllocationQuery& q) override {
      return inner_->query_allocations(q);
    }
    int lookups = 0;

   private:
    std::unique_ptr<PolyvRepository> inner_;
  };
  auto sqlite = open_sqlite(":memory:", std::chrono::hours(1));
  ASSERT_TRUE(vendors::import_dataset(*sqlite, testing::sample_dataset()));
  Engine no_generation;
  auto inner = std::make_unique<Counted>(*sqlite);
  auto* counted = inner.get();
  CachingPolyvRepository store(std::move(inner), no_generation, 100);
  for (int i = 0; i < 3; ++i) EXPECT_EQ(secret_of(store), "secret-u1");
  EXPECT_EQ(counted->lookups, 3);
  EXPECT_EQ(store.stats().hits, 0U);
}

}  // namespace
}  // namespace mediagate::store
