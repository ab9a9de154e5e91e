// The cache of ordered ids behind query_videos and query_allocations (store/sqlite/rank_cache.hpp):
// the same pages as SQL's COUNT + OFFSET for every shape, rebuilt after writes of this store and
// of others, bounded.
#include <gmock/gmock.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.hpp"
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
using vendors::polyv::AllocationQuery;
using vendors::polyv::polyv_repository;
using vendors::polyv::VideoOrder;
using vendors::polyv::VideoQuery;
using vendors::polyv::VideoRef;

// A database file for one test, removed afterwards.
class TempFile : public testing::TempSqliteFile {
 public:
  TempFile() : TempSqliteFile("mediagate_ranks_test") {}
};

// The sample dataset plus `extra` videos of u1 with many ties on ptime and times, every
// status, category and uploader (owner included).
Dataset dataset_with(int extra, const std::string& prefix = "x") {
  Dataset data = testing::sample_dataset();
  auto& u1 = data.polyv_accounts[0];
  const std::vector<std::int64_t> cataids = {1, 2, 10, 11};
  const std::vector<std::string> statuses = {"61", "60", "10", "20", "50", "51", "-1"};
  const std::vector<std::string> uploaders = {"s1@u1.com", "s2@u1.com", "owner@u1.com"};
  for (int i = 0; i < extra; ++i) {
    Video v;
    v.vid = prefix + std::to_string(1000 + (i * 37) % extra);
    v.cataid = cataids[static_cast<std::size_t>(i % 4)];
    v.title = "t" + std::to_string(i);
    v.times = (i * 7) % 13;
    v.status = statuses[static_cast<std::size_t>(i % 7)];
    v.uploader_email = uploaders[static_cast<std::size_t>((i / 3) % 3)];
    v.ptime = 1000 + (i * 11) % 50;
    u1.videos.push_back(v);
  }
  auto& g1 = data.polyv_groups[0];
  const std::vector<std::string> types = {"live", "vod"};
  for (int i = 0; i < extra; ++i) {
    Allocation a;
    a.email = "e" + std::to_string(1 + i % 3) + "@g.com";
    a.date = 500 + (i * 13) % 40;  // ties on date: the insertion id decides
    a.type = types[static_cast<std::size_t>(i % 2)];
    a.origin = prefix + std::to_string(i);
    a.origin_text = "o";
    a.space = i;
    g1.allocations.push_back(a);
  }
  return data;
}

std::vector<VideoQuery> shapes() {
  std::vector<VideoQuery> out;
  for (int order = 1; order <= 4; ++order) {
    for (int filter = 0; filter < 5; ++filter) {
      VideoQuery q;
      q.user_id = "u1";
      q.order = static_cast<VideoOrder>(order);
      if (filter == 0) q.exclude_uploader_email = "owner@u1.com";
      if (filter == 1) q.uploader_email = "s1@u1.com";
      if (filter == 2) q.cataids = std::vector<std::int64_t>{1, 10, 11};
      if (filter == 3) {
        q.published_only = true;
        q.exclude_uploader_email = "owner@u1.com";
      }
      if (filter == 4) {
        q.cataids = std::vector<std::int64_t>{10};
        q.uploader_email = "s2@u1.com";
        q.published_only = true;
      }
      out.push_back(q);
    }
  }
  return out;
}

std::unique_ptr<SqliteStore> open(const std::string& path, SqliteOptions options = {}) {
  auto store = SqliteStore::open(path, options, vendors::module_schemas());
  EXPECT_TRUE(store) << store.error().message;
  return store ? std::move(*store) : nullptr;
}

Page<Video> page_of(SqliteStore& store, VideoQuery query, std::int64_t offset, std::int64_t limit) {
  query.offset = offset;
  query.limit = limit;
  auto page = polyv_repository(store).query_videos(query);
  EXPECT_TRUE(page) << page.error().message;
  return page ? *page : Page<Video>{};
}

TEST(RankCache, EveryShapeAndOffsetAnswersAsSql) {
  TempFile file;
  auto cached = open(file.path());
  ASSERT_TRUE(vendors::import_dataset(*cached, dataset_with(300)));
  auto plain = open(file.path(), {.cache_ranks = false});
  for (const auto& shape : shapes()) {
    const auto expected_all = page_of(*plain, shape, 0, 1000);
    ASSERT_GT(expected_all.total, 0);
    for (const std::int64_t offset :
         {0L, 1L, 7L, expected_all.total - 3, expected_all.total, expected_all.total + 5}) {
      for (const std::int64_t limit : {0L, 1L, 20L}) {
        const auto expected = page_of(*plain, shape, offset, limit);
        const auto got = page_of(*cached, shape, offset, limit);
        EXPECT_EQ(got.total, expected.total) << offset << " " << limit;
        EXPECT_EQ(got.items, expected.items) << offset << " " << limit;
      }
    }
  }
  EXPECT_EQ(cached->cached_rank_lists(), shapes().size());
}

TEST(RankCache, AllocationPagesAnswerAsSql) {
  TempFile file;
  auto cached = open(file.path());
  ASSERT_TRUE(vendors::import_dataset(*cached, dataset_with(200)));
  auto plain = open(file.path(), {.cache_ranks = false});
  std::vector<AllocationQuery> queries;
  AllocationQuery all;
  all.app_id = "g1";
  all.emails = {"e1@g.com", "e3@g.com"};
  queries.push_back(all);
  AllocationQuery typed = all;
  typed.type = "vod";
  typed.from = 510;
  typed.to = 530;
  queries.push_back(typed);
  for (auto query : queries) {
    for (const std::int64_t offset : {0L, 5L, 60L, 500L}) {
      query.offset = offset;
      query.limit = 20;
      const auto expected = polyv_repository(*plain).query_allocations(query);
      const auto got = polyv_repository(*cached).query_allocations(query);
      ASSERT_TRUE(expected && got);
      EXPECT_GT(expected->total, 0);
      EXPECT_EQ(got->total, expected->total);
      EXPECT_EQ(got->items, expected->items);
    }
  }
}

TEST(RankCache, WritesOfThisStoreAndOfAnotherProcessAreSeen) {
  TempFile file;
  auto store = open(file.path());
  ASSERT_TRUE(vendors::import_dataset(*store, dataset_with(50)));
  const VideoQuery shape = shapes()[1];  // ptime asc, uploader s1
  const auto before = page_of(*store, shape, 0, 1000);

  // This store's import.
  ASSERT_TRUE(vendors::import_dataset(*store, dataset_with(80)));
  auto after = page_of(*store, shape, 0, 1000);
  EXPECT_GT(after.total, before.total);
  EXPECT_EQ(after.items.size(), static_cast<std::size_t>(after.total));

  // Another store on the same file (as another process would): a new video and a removal.
  {
    auto other = open(file.path());
    ASSERT_TRUE(vendors::import_dataset(*other, dataset_with(120, "y")));
  }
  auto third = page_of(*store, shape, 0, 1000);
  EXPECT_GT(third.total, after.total);

  // This store's transaction, removing what the list had.
  const std::string gone = third.items.front().vid;
  auto removed = store->transact([&](EntityStore& entities) -> StoreResult<Outcome> {
    auto done = vendors::remove_entity(entities, VideoRef{gone});
    if (!done) return core::unexpected(done.error());
    return Outcome::kCommit;
  });
  ASSERT_TRUE(removed) << removed.error().message;
  const auto last = page_of(*store, shape, 0, 1000);
  EXPECT_EQ(last.total, third.total - 1);
  EXPECT_THAT(testing::vids_of(last), ::testing::Not(::testing::Contains(gone)));
}

TEST(RankCache, StaysWithinItsLimitsAndServesLargerShapesBySql) {
  TempFile file;
  auto store = open(file.path(), {.ranks = {.max_lists = 3, .max_ids = 100}});
  ASSERT_TRUE(vendors::import_dataset(*store, dataset_with(300)));
  auto plain = open(file.path(), {.cache_ranks = false});
  for (const auto& shape : shapes()) {
    const auto got = page_of(*store, shape, 40, 20);
    const auto expected = page_of(*plain, shape, 40, 20);
    EXPECT_EQ(got.total, expected.total);
    EXPECT_EQ(got.items, expected.items);
    EXPECT_LE(store->cached_rank_lists(), 3U);
    EXPECT_LE(store->cached_rank_ids(), 100U);
  }
}

}  // namespace
}  // namespace mediagate::store::sqlite
