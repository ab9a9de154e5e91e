// Pumpkin's catalogue tables (migration 2) on every backend: media details, seasons and parts
// imported, exported, replaced, removed with their media, and read through the module's
// repository as /media/sync and /movie/sync need them.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "store_test_support.hpp"
#include "vendors/pumpkin/pumpkin_catalogue.hpp"
#include "vendors/pumpkin/pumpkin_entities.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"

namespace mediagate::store::testing {
namespace {

using vendors::pumpkin::batch_filter;
using vendors::pumpkin::CatalogueItem;
using vendors::pumpkin::full_filter;
using vendors::pumpkin::pumpkin_repository;

PumpkinMediaDetails series(std::int64_t id, EpochMs updated) {
  PumpkinMediaDetails d;
  d.movie_id = id;
  d.movie_type = "2";
  d.texts.movie_title = "标题";
  d.texts.movie_year = "2015";
  d.vertical_pic = "v.png";
  d.movie_duration = "01:30:00";
  d.create_time = 1000;
  d.update_time = updated;
  PumpkinSeason first;
  first.movie_id = id * 10 + 1;
  first.movie_name = "第1季";
  first.texts.movie_alias = "别名";
  first.parts = {{id * 100 + 1, "1"}, {id * 100 + 2, "2"}};
  PumpkinSeason second;
  second.movie_id = id * 10 + 2;
  second.movie_name = "第2季";
  second.parts = {{id * 100 + 3, "1"}};
  d.seasons = {first, second};
  return d;
}

PumpkinMediaDetails film(std::int64_t id, std::optional<EpochMs> updated) {
  PumpkinMediaDetails d;
  d.movie_id = id;
  d.texts.movie_name_english = "Film";
  d.update_time = updated;
  return d;
}

Dataset catalogue() {
  Dataset data;
  data.pumpkin_media = {{7, "seven", std::nullopt},
                        {5, "five", std::nullopt},
                        {9, "gone", 100},
                        {3, "bare", std::nullopt}};
  data.pumpkin_details = {series(5, 2000), film(7, 3000), film(9, 2500)};
  return data;
}

std::vector<std::int64_t> ids(const std::vector<CatalogueItem>& items) {
  std::vector<std::int64_t> out;
  for (const auto& item : items) out.push_back(item.media.movie_id);
  return out;
}

class PumpkinCatalogueStore : public BackendTest {
 protected:
  ImportSummary import(const Dataset& data) {
    return value_of(vendors::import_dataset(*store_, data));
  }
  std::vector<CatalogueItem> list(const vendors::pumpkin::CatalogueFilter& filter) {
    return value_of(pumpkin_repository(*store_).list_catalogue(filter));
  }
};

TEST_P(PumpkinCatalogueStore, ExportReturnsTheDetailsAndReimportChangesNothing) {
  import(catalogue());
  const auto exported = value_of(vendors::export_dataset(*store_));
  const std::vector<PumpkinMediaDetails> by_id = {series(5, 2000), film(7, 3000), film(9, 2500)};
  EXPECT_EQ(exported.pumpkin_details, by_id);
  EXPECT_EQ(import(catalogue()), ImportSummary{});
  EXPECT_EQ(import(exported), ImportSummary{});
}

TEST_P(PumpkinCatalogueStore, FullListsOnlineMediaByIdWithSeasonsAndParts) {
  import(catalogue());
  const auto items = list(full_filter());
  EXPECT_THAT(ids(items), ::testing::ElementsAre(3, 5, 7));
  ASSERT_EQ(items.size(), 3u);
  // A media without details: defaults, with its id.
  PumpkinMediaDetails bare;
  bare.movie_id = 3;
  EXPECT_EQ(items[0].details, bare);
  EXPECT_EQ(items[1].details, series(5, 2000));
  EXPECT_EQ(items[1].media, (PumpkinMedia{5, "five", std::nullopt}));
  EXPECT_EQ(items[2].details, film(7, 3000));
}

TEST_P(PumpkinCatalogueStore, BatchIsAHalfOpenWindowOnUpdateTimeOfOnlineMedia) {
  import(catalogue());
  EXPECT_THAT(ids(list(batch_filter(3000, 1000))), ::testing::ElementsAre(5));
  EXPECT_THAT(ids(list(batch_filter(3001, 1001))), ::testing::ElementsAre(5, 7));
  EXPECT_THAT(ids(list(batch_filter(3001, 1))), ::testing::ElementsAre(7));
  // 9 was updated at 2500 but is offline: never in a batch.
  EXPECT_THAT(ids(list(batch_filter(2600, 200))), ::testing::IsEmpty());
  EXPECT_EQ(list(batch_filter(2001, 1))[0].details, series(5, 2000));
}

TEST_P(PumpkinCatalogueStore, ReimportReplacesSeasonsAndPartsByPosition) {
  import(catalogue());
  Dataset change;
  change.pumpkin_media = {{5, "five", std::nullopt}};
  auto fewer = series(5, 2000);
  fewer.seasons.pop_back();
  fewer.seasons[0].parts.pop_back();
  fewer.seasons[0].parts[0].movie_number = "一";
  change.pumpkin_details = {fewer};
  EXPECT_EQ(import(change).pumpkin_media, 1);  // one media changed, in three tables
  EXPECT_EQ(list(full_filter())[1].details, fewer);
  // A media imported without details keeps the ones it has.
  Dataset media_only;
  media_only.pumpkin_media = {{5, "renamed", std::nullopt}};
  import(media_only);
  EXPECT_EQ(list(full_filter())[1].details, fewer);
}

TEST_P(PumpkinCatalogueStore, RemovingAMediaOrItsDetailsRemovesSeasonsAndParts) {
  import(catalogue());
  auto done = store_->transact([](EntityStore& s) -> StoreResult<Outcome> {
    EXPECT_TRUE(value_of(vendors::remove_entity(s, PumpkinMediaDetailsRef{5})));
    EXPECT_FALSE(value_of(vendors::pumpkin::PumpkinEntities(s).find_details(5)).has_value());
    EXPECT_FALSE(value_of(vendors::remove_entity(s, PumpkinMediaDetailsRef{3})));  // it had none
    EXPECT_TRUE(value_of(vendors::remove_entity(s, PumpkinMediaRef{7})));
    return Outcome::kCommit;
  });
  ASSERT_TRUE(done) << done.error().message;
  const auto exported = value_of(vendors::export_dataset(*store_));
  EXPECT_EQ(exported.pumpkin_details, std::vector<PumpkinMediaDetails>{film(9, 2500)});
  EXPECT_THAT(ids(list(full_filter())), ::testing::ElementsAre(3, 5));
}

INSTANTIATE_TEST_SUITE_P(Backends, PumpkinCatalogueStore, all_backends(),
                         [](const ::testing::TestParamInfo<StoreBackend>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace mediagate::store::testing
