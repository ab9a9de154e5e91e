// The storage suite: written once against the Store interface and instantiated for every
// backend (today SQLite; a PostgreSQL backend adds one INSTANTIATE_TEST_SUITE_P line).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>

#include "store_test_support.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"
#include "vendors/polyv/polyv_repository.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"

namespace mediagate::store::testing {
namespace {
using vendors::iqiyi::iqiyi_repository;
using vendors::polyv::AllocationQuery;
using vendors::polyv::polyv_repository;
using vendors::polyv::VideoOrder;
using vendors::polyv::VideoQuery;

using vendors::pumpkin::pumpkin_repository;

using ::testing::ElementsAre;
using ::testing::IsEmpty;

class StoreSuite : public BackendTest {
 protected:
  ImportSummary import(const Dataset& data) {
    return value_of(vendors::import_dataset(*store_, data));
  }
  void import_sample() { import(sample_dataset()); }
  Dataset exported() { return value_of(vendors::export_dataset(*store_)); }

  Page<Video> videos(VideoQuery query) {
    return value_of(polyv_repository(*store_).query_videos(query));
  }
  static VideoQuery u1(std::int64_t limit = 20) {
    VideoQuery query;
    query.user_id = "u1";
    query.limit = limit;
    return query;
  }

  Page<LiveSession> sessions(std::string channel, EpochMs from, EpochMs to, std::int64_t offset = 0,
                             std::int64_t limit = 20) {
    return value_of(
        polyv_repository(*store_).query_sessions({std::move(channel), from, to, offset, limit}));
  }

  Page<Allocation> allocations(AllocationQuery query) {
    return value_of(polyv_repository(*store_).query_allocations(query));
  }
  static AllocationQuery g1(std::vector<std::string> emails) {
    AllocationQuery query;
    query.app_id = "g1";
    query.emails = std::move(emails);
    return query;
  }
  static std::vector<std::string> all_g1_emails() { return {"e1@g.com", "e2@g.com", "e3@g.com"}; }
};

using EmailDate = std::pair<std::string, EpochMs>;

std::vector<EmailDate> emails_and_dates(const Page<Allocation>& page) {
  std::vector<EmailDate> out;
  for (const auto& a : page.items) out.emplace_back(a.email, a.date);
  return out;
}

std::vector<std::int64_t> movie_ids(const std::vector<PumpkinMedia>& media) {
  std::vector<std::int64_t> out;
  for (const auto& m : media) out.push_back(m.movie_id);
  return out;
}

// --- open, import, export -------------------------------------------------------------------

TEST_P(StoreSuite, EmptyStoreExportsAnEmptyDataset) {
  EXPECT_EQ(exported(), Dataset{});
}

TEST_P(StoreSuite, ReopeningAMigratedDatabaseKeepsItsData) {
  import_sample();
  auto second = backend_.open();  // migrations already applied: nothing to do
  ASSERT_NE(second, nullptr);
  EXPECT_EQ(value_of(vendors::export_dataset(*second)), sorted(sample_dataset()));
  second.reset();
  store_.reset();
  store_ = backend_.open();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(exported(), sorted(sample_dataset()));
}

TEST_P(StoreSuite, ExportReturnsWhatWasImportedInIdOrder) {
  import_sample();
  EXPECT_EQ(exported(), sorted(sample_dataset()));
}

TEST_P(StoreSuite, ImportingTheExportChangesNothing) {
  import_sample();
  const Dataset before = exported();
  EXPECT_EQ(import(before), ImportSummary{});
  EXPECT_EQ(exported(), before);
}

TEST_P(StoreSuite, ImportSummaryCountsInsertedRows) {
  const ImportSummary expected{.polyv_accounts = 2,
                               .videos = 6,
                               .categories = 5,
                               .channels = 2,
                               .sessions = 5,
                               .polyv_groups = 2,
                               .allocations = 4,
                               .iqiyi_partners = 1,
                               .iqiyi_users = 3,
                               .pumpkin_partners = 2,
                               .pumpkin_media = 4};
  EXPECT_EQ(import(sample_dataset()), expected);
  EXPECT_EQ(import(sample_dataset()), ImportSummary{});  // the same again changes nothing
}

TEST_P(StoreSuite, ReimportUpdatesChangedRowsAndAddsNewOnes) {
  import_sample();
  Dataset changed = sample_dataset();
  auto& account = changed.polyv_accounts[0];
  account.videos[2].title = "a new title";  // v02
  account.videos.push_back(account.videos[0]);
  account.videos.back().vid = "v06";
  account.sub_accounts.push_back("s3@u1.com");
  changed.iqiyi_partners[0].users[1].vod_coupons = 7;  // (user, CN)
  changed.polyv_groups[0].allocations[2].space = 1;    // same key, new value
  changed.pumpkin_media[1].delete_time = 10;           // movie 2 goes offline

  const ImportSummary summary = import(changed);
  EXPECT_EQ(summary,
            (ImportSummary{.videos = 2, .allocations = 1, .iqiyi_users = 1, .pumpkin_media = 1}));
  EXPECT_EQ(exported(), sorted(changed));
  EXPECT_TRUE(value_of(polyv_repository(*store_).has_sub_account("u1", "s3@u1.com")));
}

TEST_P(StoreSuite, ImportLeavesRowsAbsentFromTheDocumentAlone) {
  import_sample();
  Dataset partial;
  PolyvAccount account;
  account.keys = sample_dataset().polyv_accounts[0].keys;
  account.sub_accounts = {"s9@u1.com"};  // the two others are not listed
  partial.polyv_accounts.push_back(account);
  partial.iqiyi_partners.push_back({"P1", "md5-key", {}});
  partial.pumpkin_partners.push_back({"TEST", "access", {"/c"}});
  import(partial);

  Dataset expected = sample_dataset();
  expected.polyv_accounts[0].sub_accounts.push_back("s9@u1.com");
  expected.pumpkin_partners[0].actions.push_back("/c");
  EXPECT_EQ(exported(), sorted(expected));
}

TEST_P(StoreSuite, FailedImportOnAUniqueKeyChangesNothing) {
  import_sample();
  Dataset bad;
  PolyvAccount fresh;
  fresh.keys = {"u3", "owner@u3.com", "s", "app-u3", "as"};
  fresh.categories = {{1, "root", std::nullopt}};
  fresh.videos = {sample_dataset().polyv_accounts[1].videos[0]};
  fresh.videos[0].vid = "x01";
  fresh.videos[0].uploader_email = "owner@u3.com";
  PolyvAccount clash = fresh;
  clash.keys.user_id = "u4";
  clash.keys.app_id = "app-u1";  // u1's appId: unique violation after u3 was written
  clash.videos.clear();
  bad.polyv_accounts = {fresh, clash};

  const auto result = vendors::import_dataset(*store_, bad);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().message, ::testing::HasSubstr("UNIQUE"));
  EXPECT_EQ(value_of(polyv_repository(*store_).find_account_by_user_id("u3")), std::nullopt);
  EXPECT_EQ(exported(), sorted(sample_dataset()));
}

TEST_P(StoreSuite, FailedImportOnAMissingCategoryChangesNothing) {
  import_sample();
  Dataset bad = sample_dataset();
  bad.polyv_accounts[0].videos[0].title = "should not be stored";
  bad.polyv_accounts[0].videos[1].cataid = 999;  // no such category in u1
  ASSERT_FALSE(vendors::import_dataset(*store_, bad));
  EXPECT_EQ(exported(), sorted(sample_dataset()));
}

TEST_P(StoreSuite, FailedImportOnAnInvalidValueChangesNothing) {
  Dataset bad = sample_dataset();
  bad.pumpkin_media.push_back({99, "late", 1});
  bad.iqiyi_partners[0].users[0].area = "US";  // neither CN nor TW
  ASSERT_FALSE(vendors::import_dataset(*store_, bad));
  EXPECT_EQ(exported(), Dataset{});
  import_sample();  // the store is still usable
  EXPECT_EQ(exported(), sorted(sample_dataset()));
}

TEST_P(StoreSuite, ImportsManyVideosInOneTransaction) {
  Dataset big;
  PolyvAccount account = sample_dataset().polyv_accounts[0];
  account.channels.clear();
  for (int i = 0; i < 20'000; ++i) {
    Video v = account.videos[0];
    v.vid = "bulk" + std::to_string(100'000 + i);
    v.ptime = 10'000 + i % 1000;
    account.videos.push_back(v);
  }
  big.polyv_accounts.push_back(account);
  EXPECT_EQ(import(big).videos, 20'005);
  auto query = u1(3);
  query.order = VideoOrder::kPtimeDesc;
  const auto page = videos(query);
  EXPECT_EQ(page.total, 20'005);
  EXPECT_THAT(vids_of(page), ElementsAre("bulk100999", "bulk101999", "bulk102999"));
}

// Texts a loader's text format must escape (tab, newline, carriage return, backslash, its NULL
// marker \N written out), empty ones and non-ASCII ones, in every table the import may load
// set-wise, with a NULL beside an empty text and a "\N" text.
Dataset awkward_dataset() {
  const std::vector<std::string> texts = {
      "tab\there",
      "new\nline\n",
      "cr\rlf\r\n",
      "back\\slash \\t not a tab",
      "\\N",
      "\\\\N",
      "\\",
      "ends with a backslash\\",
      "",
      "\xc3\xa9t\xc3\xa9 \xe4\xb8\xad\xe6\x96\x87 \xf0\x9f\x8e\xac",
      " spaces \t\t and tabs ",
      "."};
  Dataset data = sample_dataset();
  auto& u1 = data.polyv_accounts[0];
  for (std::size_t i = 0; i < texts.size(); ++i) {
    const auto n = static_cast<std::int64_t>(i);
    u1.categories.push_back(
        {100 + n, texts[i], i % 2 == 0 ? std::optional<std::int64_t>{1} : std::nullopt});
    Video v = u1.videos[0];
    v.vid = "x" + std::to_string(10 + i) + texts[i];
    v.cataid = 100 + n;
    v.title = texts[i];
    v.context = texts[(i + 1) % texts.size()];
    v.tag = texts[(i + 2) % texts.size()];
    v.first_image = texts[(i + 3) % texts.size()];
    v.uploader_email = texts[(i + 4) % texts.size()];
    v.aac_link = i % 3 == 0 ? std::nullopt : std::optional<std::string>{texts[i]};
    u1.videos.push_back(v);
    u1.channels[0].sessions.push_back(
        {"z" + std::to_string(10 + i) + texts[i], 1000 + n,
         i % 2 == 0 ? std::optional<EpochMs>{} : std::optional<EpochMs>{2000 + n},
         i % 3 == 0 ? std::nullopt : std::optional<std::string>{texts[i]}});
    auto a = data.polyv_groups[0].allocations[0];
    a.date = 5000 + n;
    a.origin = texts[i];
    a.origin_text = texts[(i + 1) % texts.size()];
    a.space = i % 2 == 0 ? std::optional<std::int64_t>{} : std::optional<std::int64_t>{n};
    data.polyv_groups[0].allocations.push_back(a);
    data.iqiyi_partners[0].users.push_back({texts[i], i % 2 == 0 ? "CN" : "TW", n});
  }
  return data;
}

TEST_P(StoreSuite, AwkwardTextsRoundTripExactly) {
  const Dataset data = awkward_dataset();
  const ImportSummary expected{.polyv_accounts = 2,
                               .videos = 6 + 12,
                               .categories = 5 + 12,
                               .channels = 2,
                               .sessions = 5 + 12,
                               .polyv_groups = 2,
                               .allocations = 4 + 12,
                               .iqiyi_partners = 1,
                               .iqiyi_users = 3 + 12,
                               .pumpkin_partners = 2,
                               .pumpkin_media = 4};
  EXPECT_EQ(import(data), expected);
  EXPECT_EQ(exported(), sorted(data));
  EXPECT_EQ(import(data), ImportSummary{});  // nothing differs
  EXPECT_EQ(import(exported()), ImportSummary{});

  Dataset changed = data;
  auto& videos = changed.polyv_accounts[0].videos;
  videos[9].title = "tab\there, now changed";
  videos[13].aac_link = std::nullopt;                                 // "" -> NULL
  videos[14].aac_link = "\\N";                                        // NULL -> "\N"
  changed.polyv_accounts[0].channels[0].sessions[10].custom_id = "";  // NULL -> ""
  changed.polyv_groups[0].allocations[9].origin_text += "\n";
  changed.iqiyi_partners[0].users[14].vod_coupons = 99;
  EXPECT_EQ(import(changed),
            (ImportSummary{.videos = 3, .sessions = 1, .allocations = 1, .iqiyi_users = 1}));
  EXPECT_EQ(exported(), sorted(changed));
}

TEST_P(StoreSuite, AKeyListedTwiceInOneImportCountsAsTwoUpserts) {
  Dataset data = sample_dataset();
  PolyvAccount again = data.polyv_accounts[0];  // the same account once more, as the seed does
  again.sub_accounts.clear();
  again.channels[0].sessions = {{"s-a", 100, 150, std::nullopt}, {"s-b", 201, 250, std::nullopt}};
  again.videos = {again.videos[3], again.videos[0], again.videos[1]};
  again.videos[0].title = "v01 again";  // changed: counts once more
  again.videos.push_back(again.videos[1]);
  again.videos.back().vid = "v09";  // new
  data.polyv_accounts.push_back(again);
  data.iqiyi_partners.push_back({"P1", "md5-key", {{"user", "CN", 4}, {"user", "TW", 0}}});

  const auto summary = import(data);
  EXPECT_EQ(summary.polyv_accounts, 2);
  EXPECT_EQ(summary.categories, 5);
  EXPECT_EQ(summary.videos, 6 + 2);    // + v01 again, v09
  EXPECT_EQ(summary.sessions, 5 + 1);  // + s-b again
  EXPECT_EQ(summary.iqiyi_users, 3 + 1);
  Dataset expected = sample_dataset();
  auto& u1 = expected.polyv_accounts[0];
  u1.videos[3].title = "v01 again";
  u1.videos.push_back(u1.videos[0]);
  u1.videos.back().vid = "v09";
  u1.channels[0].sessions[2].start_time = 201;
  expected.iqiyi_partners[0].users[1].vod_coupons = 4;
  EXPECT_EQ(exported(), sorted(expected));
  // v01, s-b and (user, CN) twice each: the first version rewrites the stored second one, then
  // the second version rewrites it back.
  EXPECT_EQ(import(data), (ImportSummary{.videos = 2, .sessions = 2, .iqiyi_users = 2}));
}

TEST_P(StoreSuite, ManyRowsCountTheSameAcrossBatches) {
  Dataset data = sample_dataset();
  auto& u1 = data.polyv_accounts[0];
  for (int i = 0; i < 250; ++i) {
    Video v = u1.videos[static_cast<std::size_t>(i % 5)];
    v.vid = "m" + std::to_string(1000 + i);
    v.ptime = i;
    u1.videos.push_back(v);
    u1.channels[0].sessions.push_back({"n" + std::to_string(1000 + i), i, std::nullopt, "c"});
    data.iqiyi_partners[0].users.push_back({"m" + std::to_string(i), "CN", i});
  }
  EXPECT_EQ(import(data).videos, 6 + 250);
  EXPECT_EQ(import(data), ImportSummary{});
  for (const std::size_t i : {0UL, 2UL, 3UL, 4UL, 5UL, 6UL, 7UL, 99UL, 100UL, 101UL, 254UL})
    u1.videos[i].times += 1;
  u1.videos.push_back(u1.videos[7]);
  u1.videos.back().vid = "m9999";
  const auto summary = import(data);
  EXPECT_EQ(summary, (ImportSummary{.videos = 11 + 1}));
  EXPECT_EQ(exported(), sorted(data));
}

TEST_P(StoreSuite, AFailureInTheMiddleOfAnImportLeavesNothingOfIt) {
  import_sample();
  Dataset bad = sample_dataset();
  auto& account = bad.polyv_accounts[0];
  account.videos[0].title = "changed before the failure";
  for (int i = 0; i < 20; ++i) {
    Video v = account.videos[1];
    v.vid = "f" + std::to_string(100 + i);
    if (i == 13) v.status = "bad";  // not a status: a CHECK constraint refuses it
    account.videos.push_back(v);
  }
  account.channels[0].sessions.push_back({"late", 1, 2, "after the failed row"});
  const auto result = vendors::import_dataset(*store_, bad);
  ASSERT_FALSE(result);
  EXPECT_THAT(result.error().message, ::testing::HasSubstr("CHECK constraint failed"));
  EXPECT_EQ(exported(), sorted(sample_dataset()));
  EXPECT_EQ(videos(u1()).total, 5);
}

// --- Polyv accounts -------------------------------------------------------------------------

TEST_P(StoreSuite, FindsAccountsByUserIdAndAppId) {
  import_sample();
  const auto keys = sample_dataset().polyv_accounts[0].keys;
  EXPECT_EQ(value_of(polyv_repository(*store_).find_account_by_user_id("u1")), keys);
  EXPECT_EQ(value_of(polyv_repository(*store_).find_account_by_app_id("app-u1")), keys);
  EXPECT_EQ(value_of(polyv_repository(*store_).find_account_by_user_id("app-u1")), std::nullopt);
  EXPECT_EQ(value_of(polyv_repository(*store_).find_account_by_app_id("u1")), std::nullopt);
}

TEST_P(StoreSuite, ListsCategoriesOfOneAccountByCataid) {
  import_sample();
  const auto categories = value_of(polyv_repository(*store_).list_categories("u1"));
  std::vector<std::int64_t> ids;
  for (const auto& c : categories) ids.push_back(c.cataid);
  EXPECT_THAT(ids, ElementsAre(1, 2, 10, 11));
  EXPECT_EQ(categories[3], (Category{11, "grandchild", 10}));
  EXPECT_THAT(value_of(polyv_repository(*store_).list_categories("u2")),
              ElementsAre(Category{1, "u2 root", {}}));
  EXPECT_THAT(value_of(polyv_repository(*store_).list_categories("nobody")), IsEmpty());
}

TEST_P(StoreSuite, HasSubAccountOnlyForListedSubAccounts) {
  import_sample();
  EXPECT_TRUE(value_of(polyv_repository(*store_).has_sub_account("u1", "s1@u1.com")));
  EXPECT_FALSE(value_of(
      polyv_repository(*store_).has_sub_account("u1", "owner@u1.com")));  // the owner is not
  EXPECT_FALSE(value_of(polyv_repository(*store_).has_sub_account("u2", "s1@u1.com")));
  EXPECT_FALSE(value_of(polyv_repository(*store_).has_sub_account("nobody", "s1@u1.com")));
}

// --- query_videos ---------------------------------------------------------------------------

TEST_P(StoreSuite, VideosDefaultToPtimeAscendingTiesByVid) {
  import_sample();
  const auto page = videos(u1());
  EXPECT_EQ(page.total, 5);
  EXPECT_THAT(vids_of(page), ElementsAre("v05", "v01", "v02", "v03", "v04"));
  EXPECT_EQ(page.items[3], sample_dataset().polyv_accounts[0].videos[1]);  // every field
}

TEST_P(StoreSuite, VideosInEveryOrderBreakTiesByVidAscending) {
  import_sample();
  auto query = u1();
  query.order = VideoOrder::kPtimeDesc;
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("v04", "v02", "v03", "v01", "v05"));
  query.order = VideoOrder::kTimesAsc;
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("v04", "v02", "v03", "v01", "v05"));
  query.order = VideoOrder::kTimesDesc;
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("v05", "v01", "v02", "v03", "v04"));
}

TEST_P(StoreSuite, VideosOfOneAccountOnly) {
  import_sample();
  VideoQuery query;
  query.user_id = "u2";
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("w01"));
  query.user_id = "nobody";
  const auto none = videos(query);
  EXPECT_EQ(none.total, 0);
  EXPECT_THAT(none.items, IsEmpty());
}

TEST_P(StoreSuite, VideosFilteredByCategoryList) {
  import_sample();
  auto query = u1();
  query.cataids = std::vector<std::int64_t>{10, 11};
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("v02", "v03"));
  query.cataids = std::vector<std::int64_t>{1};  // u2 also has a category 1: not included
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("v01", "v04"));
  query.cataids = std::vector<std::int64_t>{999};
  EXPECT_EQ(videos(query).total, 0);
  query.cataids = std::vector<std::int64_t>{};  // an empty list matches nothing
  EXPECT_EQ(videos(query).total, 0);

  std::vector<std::int64_t> many;
  for (std::int64_t id = 1'000'000; id < 1'005'000; ++id) many.push_back(id);
  many.push_back(2);
  many.push_back(-1);
  many.push_back(INT64_MAX);
  query.cataids = many;
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("v05"));
}

TEST_P(StoreSuite, VideosFilteredByUploader) {
  import_sample();
  auto query = u1();
  query.uploader_email = "s1@u1.com";
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("v01", "v02"));
  query.uploader_email = "nobody@u1.com";
  EXPECT_EQ(videos(query).total, 0);
  query.uploader_email.reset();
  query.exclude_uploader_email = "owner@u1.com";
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("v01", "v02", "v03"));
}

TEST_P(StoreSuite, VideosFilteredByPublishedStatus) {
  import_sample();
  auto query = u1();
  query.published_only = true;  // "60" and "61"; "20" and "-1" are left out
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("v05", "v01", "v02"));
  query.exclude_uploader_email = "owner@u1.com";
  query.cataids = std::vector<std::int64_t>{1, 10, 11};
  query.order = VideoOrder::kTimesDesc;
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("v01", "v02"));
}

TEST_P(StoreSuite, VideoPagesCountEveryMatch) {
  import_sample();
  auto query = u1(2);
  auto page = videos(query);
  EXPECT_EQ(page.total, 5);
  EXPECT_THAT(vids_of(page), ElementsAre("v05", "v01"));
  query.offset = 2;
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("v02", "v03"));
  query.offset = 4;
  EXPECT_THAT(vids_of(videos(query)), ElementsAre("v04"));
  query.offset = 5;  // past the end: no items, the true total
  page = videos(query);
  EXPECT_EQ(page.total, 5);
  EXPECT_THAT(page.items, IsEmpty());
  query.offset = 0;
  query.limit = 0;
  page = videos(query);
  EXPECT_EQ(page.total, 5);
  EXPECT_THAT(page.items, IsEmpty());
}

// --- Polyv live -----------------------------------------------------------------------------

TEST_P(StoreSuite, FindsTheOwnerOfAChannel) {
  import_sample();
  EXPECT_EQ(value_of(polyv_repository(*store_).find_channel_owner("100")), "u1");
  EXPECT_EQ(value_of(polyv_repository(*store_).find_channel_owner("200")), "u2");
  EXPECT_EQ(value_of(polyv_repository(*store_).find_channel_owner("300")), std::nullopt);
}

TEST_P(StoreSuite, SessionsByStartTimeDescendingTiesBySessionId) {
  import_sample();
  const auto page = sessions("100", 0, 1000);
  EXPECT_EQ(page.total, 4);
  EXPECT_THAT(session_ids_of(page), ElementsAre("s-d", "s-b", "s-c", "s-a"));
  EXPECT_EQ(page.items[0], (LiveSession{"s-d", 300, std::nullopt, "custom-d"}));
  EXPECT_EQ(page.items[1], (LiveSession{"s-b", 200, 250, std::nullopt}));
}

TEST_P(StoreSuite, SessionRangeIsInclusiveAtBothEnds) {
  import_sample();
  EXPECT_THAT(session_ids_of(sessions("100", 100, 300)), ElementsAre("s-d", "s-b", "s-c", "s-a"));
  EXPECT_THAT(session_ids_of(sessions("100", 200, 200)), ElementsAre("s-b", "s-c"));
  EXPECT_THAT(session_ids_of(sessions("100", 101, 299)), ElementsAre("s-b", "s-c"));
  EXPECT_EQ(sessions("100", 301, 1000).total, 0);
  EXPECT_THAT(session_ids_of(sessions("200", 0, 1000)), ElementsAre("s-e"));
  EXPECT_EQ(sessions("999", 0, 1000).total, 0);
}

TEST_P(StoreSuite, SessionPagesCountEveryMatch) {
  import_sample();
  auto page = sessions("100", 0, 1000, 1, 2);
  EXPECT_EQ(page.total, 4);
  EXPECT_THAT(session_ids_of(page), ElementsAre("s-b", "s-c"));
  page = sessions("100", 0, 1000, 4, 2);
  EXPECT_EQ(page.total, 4);
  EXPECT_THAT(page.items, IsEmpty());
}

// --- Polyv group ----------------------------------------------------------------------------

TEST_P(StoreSuite, FindsGroups) {
  import_sample();
  EXPECT_EQ(value_of(polyv_repository(*store_).find_group("g1")),
            (PolyvGroupKeys{"g1", "group-secret", false}));
  EXPECT_EQ(value_of(polyv_repository(*store_).find_group("g2")),
            (PolyvGroupKeys{"g2", "banned-secret", true}));
  EXPECT_EQ(value_of(polyv_repository(*store_).find_group("g3")), std::nullopt);
}

TEST_P(StoreSuite, AllocationsByDateDescendingTiesByInsertionOrder) {
  import_sample();
  const auto page = allocations(g1(all_g1_emails()));
  EXPECT_EQ(page.total, 4);
  // e2 and e1 share a date; e2's record was imported first.
  EXPECT_THAT(emails_and_dates(page),
              ElementsAre(EmailDate{"e2@g.com", 3000}, EmailDate{"e1@g.com", 3000},
                          EmailDate{"e1@g.com", 2000}, EmailDate{"e3@g.com", 1000}));
  EXPECT_EQ(page.items[2], sample_dataset().polyv_groups[0].allocations[2]);  // every field
  import_sample();  // re-importing keeps the insertion ids
  EXPECT_EQ(allocations(g1(all_g1_emails())).items, page.items);
}

TEST_P(StoreSuite, AllocationsFilteredByEmailTypeAndDates) {
  import_sample();
  EXPECT_THAT(emails_and_dates(allocations(g1({"e1@g.com"}))),
              ElementsAre(EmailDate{"e1@g.com", 3000}, EmailDate{"e1@g.com", 2000}));
  auto query = g1(all_g1_emails());
  query.type = "vod";
  EXPECT_THAT(emails_and_dates(allocations(query)),
              ElementsAre(EmailDate{"e1@g.com", 2000}, EmailDate{"e3@g.com", 1000}));
  query.type.reset();
  query.from = 2000;
  query.to = 3000;  // inclusive at both ends
  EXPECT_EQ(allocations(query).total, 3);
  query.to = 2000;
  EXPECT_THAT(emails_and_dates(allocations(query)), ElementsAre(EmailDate{"e1@g.com", 2000}));
  query.from.reset();
  EXPECT_EQ(allocations(query).total, 2);
}

TEST_P(StoreSuite, AllocationsOfOtherEmailsOrGroupsMatchNothing) {
  import_sample();
  EXPECT_EQ(allocations(g1({})).total, 0);
  EXPECT_EQ(allocations(g1({"owner@u1.com", "quote\"and\\backslash", "\x01"})).total, 0);
  auto query = g1(all_g1_emails());
  query.app_id = "g2";
  EXPECT_EQ(allocations(query).total, 0);
}

TEST_P(StoreSuite, AllocationPagesCountEveryMatch) {
  import_sample();
  auto query = g1(all_g1_emails());
  query.offset = 1;
  query.limit = 2;
  const auto page = allocations(query);
  EXPECT_EQ(page.total, 4);
  EXPECT_THAT(emails_and_dates(page),
              ElementsAre(EmailDate{"e1@g.com", 3000}, EmailDate{"e1@g.com", 2000}));
}

// --- iQiyi, Pumpkin -------------------------------------------------------------------------

TEST_P(StoreSuite, FindsIqiyiPartnersAndUsersByArea) {
  import_sample();
  EXPECT_EQ(value_of(iqiyi_repository(*store_).find_md5_key("P1")), "md5-key");
  EXPECT_EQ(value_of(iqiyi_repository(*store_).find_md5_key("P2")), std::nullopt);
  EXPECT_EQ(value_of(iqiyi_repository(*store_).find_user("P1", "user", "CN")),
            (IqiyiUser{"user", "CN", 3}));
  EXPECT_EQ(value_of(iqiyi_repository(*store_).find_user("P1", "user", "TW")),
            (IqiyiUser{"user", "TW", 0}));
  EXPECT_EQ(value_of(iqiyi_repository(*store_).find_user("P1", "another", "TW")), std::nullopt);
  EXPECT_EQ(value_of(iqiyi_repository(*store_).find_user("P2", "user", "CN")), std::nullopt);
}

TEST_P(StoreSuite, FindsPumpkinPartnersWithTheirActions) {
  import_sample();
  EXPECT_EQ(value_of(pumpkin_repository(*store_).find_partner("TEST")),
            (PumpkinPartner{"TEST", "access", {"/b/other", "/media/offline_sync"}}));
  EXPECT_EQ(value_of(pumpkin_repository(*store_).find_partner("NOACT")),
            (PumpkinPartner{"NOACT", "other", {}}));
  EXPECT_EQ(value_of(pumpkin_repository(*store_).find_partner("test")), std::nullopt);
}

TEST_P(StoreSuite, OfflineMediaInAHalfOpenWindowByDeleteTimeThenMovieId) {
  import_sample();
  EXPECT_THAT(movie_ids(value_of(pumpkin_repository(*store_).list_offline_media(50, 101))),
              ElementsAre(3, 1, 4));
  EXPECT_THAT(movie_ids(value_of(pumpkin_repository(*store_).list_offline_media(50, 100))),
              ElementsAre(3));
  EXPECT_THAT(movie_ids(value_of(pumpkin_repository(*store_).list_offline_media(51, 101))),
              ElementsAre(1, 4));
  EXPECT_THAT(value_of(pumpkin_repository(*store_).list_offline_media(0, 50)), IsEmpty());
  EXPECT_EQ(value_of(pumpkin_repository(*store_).list_offline_media(100, 101))[0],
            (PumpkinMedia{1, "one", 100}));
}

// --- concurrency ----------------------------------------------------------------------------

TEST_P(StoreSuite, ConcurrentReadsWhileImporting) {
  import_sample();
  std::atomic<int> failures{0};
  std::atomic<bool> stop{false};

  std::thread writer([&] {
    Dataset data = sample_dataset();
    for (int i = 0; i < 20 && !stop; ++i) {
      data.polyv_accounts[0].videos[2].title = "title " + std::to_string(i);
      if (!vendors::import_dataset(*store_, data)) ++failures;
    }
  });
  std::vector<std::thread> readers;
  for (int t = 0; t < 8; ++t) {
    readers.emplace_back([&, t] {
      for (int i = 0; i < 60; ++i) {
        bool ok = true;
        switch ((t + i) % 5) {
          case 0: {
            auto page = polyv_repository(*store_).query_videos(u1(2));
            ok = page && page->total == 5 && page->items.size() == 2 && page->items[0].vid == "v05";
            break;
          }
          case 1: {
            auto page = polyv_repository(*store_).query_sessions({"100", 0, 1000, 0, 20});
            ok = page && page->total == 4 && page->items.size() == 4;
            break;
          }
          case 2: {
            auto page = polyv_repository(*store_).query_allocations(g1(all_g1_emails()));
            ok = page && page->total == 4 && page->items[0].email == "e2@g.com";
            break;
          }
          case 3: {
            auto user = iqiyi_repository(*store_).find_user("P1", "user", "CN");
            auto key = polyv_repository(*store_).find_account_by_app_id("app-u2");
            ok = user && *user && (*user)->vod_coupons == 3 && key && *key;
            break;
          }
          default: {
            auto all = vendors::export_dataset(*store_);
            ok =
                all && all->polyv_accounts.size() == 2 && all->polyv_accounts[0].videos.size() == 5;
            break;
          }
        }
        if (!ok) ++failures;
      }
    });
  }
  for (auto& reader : readers) reader.join();
  stop = true;
  writer.join();
  EXPECT_EQ(failures.load(), 0);
}

INSTANTIATE_TEST_SUITE_P(Backends, StoreSuite, all_backends(),
                         [](const ::testing::TestParamInfo<StoreBackend>& param_info) {
                           return param_info.param.name;
                         });
// The import's set-wise path on every test above (PostgreSQL; batches of 3 rows).
INSTANTIATE_TEST_SUITE_P(SetWise, StoreSuite, ::testing::Values(postgres_set_wise_backend()),
                         [](const ::testing::TestParamInfo<StoreBackend>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace mediagate::store::testing
