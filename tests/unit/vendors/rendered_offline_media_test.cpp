// The offline media rendered once per data generation: a window's slice is byte for byte what
// rendering the window's media gives, a new generation or UTC offset renders again, and nothing
// is kept where the engine tells no generation or there are more media than its bound.
#include "vendors/pumpkin/rendered_offline_media.hpp"

#include <gtest/gtest.h>

#include <cstdint>
#include <random>
#include <string>
#include <vector>

namespace mediagate::vendors::pumpkin {
namespace {

using store::StoreResult;

class ScriptedEngine final : public store::Engine {
 public:
  std::optional<std::uint64_t> generation = 1;
  std::size_t bound = 100;
  std::optional<std::uint64_t> data_generation() override { return generation; }
  std::size_t cached_lookups() const override { return bound; }
};

class ListedMedia final : public PumpkinRepository {
 public:
  std::vector<vendors::pumpkin::PumpkinMedia> media;  // in delete-time order
  int list_calls = 0;
  bool fail = false;
  StoreResult<std::optional<vendors::pumpkin::PumpkinPartner>> find_partner(
      std::string_view) override {
    return std::optional<vendors::pumpkin::PumpkinPartner>{};
  }
  StoreResult<std::vector<vendors::pumpkin::PumpkinMedia>> list_offline_media(
      core::EpochMs from, core::EpochMs to) override {
    ++list_calls;
    if (fail) return core::unexpected(core::Error::store("disk I/O error"));
    std::vector<vendors::pumpkin::PumpkinMedia> kept;
    for (const auto& item : media) {
      if (item.delete_time && *item.delete_time >= from && *item.delete_time < to) {
        kept.push_back(item);
      }
    }
    return kept;
  }
};

// What the window's media give rendered one by one.
std::string rendered(ListedMedia& repository, const OfflineWindow& window, int utc_offset) {
  auto media = list_offline_media(repository, window);
  core::JsonWriter w;
  w.begin_array();
  for (const auto& item : *media) render_item(w, item, utc_offset);
  w.end_array();
  return w.str();
}

std::string joined(const RenderedOfflineMedia::Slice& slice) {
  return "[" + std::string(slice.json) + "]";
}

ListedMedia random_media(std::mt19937& random, int count) {
  ListedMedia repository;
  core::EpochMs time = 1'557'417'600'000;
  for (int i = 0; i < count; ++i) {
    time += static_cast<core::EpochMs>(random() % 3) * 60'000;  // equal times too
    std::string name = "片名 \"" + std::to_string(i) + "\"\n\\";
    repository.media.push_back({1000 + i, name, time});
  }
  return repository;
}

TEST(RenderedOfflineMedia, EveryWindowIsTheRenderingOfItsMedia) {
  std::mt19937 random(6122026);
  auto repository = random_media(random, 60);
  ScriptedEngine engine;
  RenderedOfflineMedia kept;
  const auto first = repository.media.front().delete_time.value();
  for (int round = 0; round < 500; ++round) {
    const auto from = first - 120'000 + static_cast<core::EpochMs>(random() % 200) * 30'000;
    const auto to = from + static_cast<core::EpochMs>(random() % 120) * 30'000 - 600'000;
    const OfflineWindow window{from, to};
    const int calls_before = repository.list_calls;
    auto slice = kept.window(repository, engine, window, 480);
    ASSERT_TRUE(slice && *slice) << round;
    ASSERT_EQ(repository.list_calls, calls_before + (round == 0 ? 1 : 0)) << "read once";
    const auto expected = rendered(repository, window, 480);
    ASSERT_EQ(joined(**slice), expected) << round << " [" << from << ", " << to << ")";
    ASSERT_EQ((*slice)->count, list_offline_media(repository, window)->size()) << round;
  }
}

TEST(RenderedOfflineMedia, ANewGenerationOrOffsetRendersAgain) {
  ListedMedia repository;
  repository.media = {{1, "a", 1000}, {2, "b", 2000}};
  ScriptedEngine engine;
  RenderedOfflineMedia kept;
  const OfflineWindow all{0, 10'000};
  EXPECT_EQ((*kept.window(repository, engine, all, 0))->count, 2u);
  repository.media.push_back({3, "c", 3000});
  EXPECT_EQ((*kept.window(repository, engine, all, 0))->count, 2u);  // same generation: kept
  engine.generation = 2;
  auto again = kept.window(repository, engine, all, 0);
  EXPECT_EQ((*again)->count, 3u);
  EXPECT_EQ(joined(**again), rendered(repository, all, 0));
  auto shifted = kept.window(repository, engine, all, 480);
  EXPECT_EQ(joined(**shifted), rendered(repository, all, 480));
  EXPECT_NE(joined(**shifted), joined(**again));
  EXPECT_EQ(repository.list_calls, 2 + 2 + 1);
}

TEST(RenderedOfflineMedia, NothingKeptWithoutAGenerationOrOverTheBound) {
  ListedMedia repository;
  repository.media = {{1, "a", 1000}, {2, "b", 2000}, {3, "c", 3000}};
  ScriptedEngine engine;
  RenderedOfflineMedia kept;
  engine.generation.reset();
  EXPECT_FALSE(*kept.window(repository, engine, {0, 10'000}, 0));
  engine.generation = 7;
  engine.bound = 0;
  EXPECT_FALSE(*kept.window(repository, engine, {0, 10'000}, 0));
  EXPECT_EQ(repository.list_calls, 0);
  engine.bound = 2;  // three media: too many, and not read again in this generation
  EXPECT_FALSE(*kept.window(repository, engine, {0, 10'000}, 0));
  EXPECT_FALSE(*kept.window(repository, engine, {0, 10'000}, 0));
  EXPECT_EQ(repository.list_calls, 1);
  repository.media.pop_back();
  engine.generation = 8;  // fits again
  auto slice = kept.window(repository, engine, {0, 10'000}, 0);
  ASSERT_TRUE(*slice);
  EXPECT_EQ((*slice)->count, 2u);
}

TEST(RenderedOfflineMedia, AStoreFailureIsAnError) {
  ListedMedia repository;
  repository.fail = true;
  ScriptedEngine engine;
  RenderedOfflineMedia kept;
  auto slice = kept.window(repository, engine, {0, 10}, 0);
  ASSERT_FALSE(slice);
  EXPECT_EQ(slice.error().message, "disk I/O error");
}

TEST(RenderedOfflineMedia, AnEmptyOrReversedWindowHasNoItems) {
  ListedMedia repository;
  repository.media = {{1, "a", 1000}};
  ScriptedEngine engine;
  RenderedOfflineMedia kept;
  auto reversed = kept.window(repository, engine, {5000, 10}, 0);
  EXPECT_EQ((*reversed)->count, 0u);
  EXPECT_EQ((*reversed)->json, "");
  auto before = kept.window(repository, engine, {0, 1000}, 0);  // 1000 itself is excluded
  EXPECT_EQ((*before)->count, 0u);
  auto exact = kept.window(repository, engine, {1000, 1001}, 0);
  EXPECT_EQ((*exact)->count, 1u);
}

}  // namespace
}  // namespace mediagate::vendors::pumpkin
