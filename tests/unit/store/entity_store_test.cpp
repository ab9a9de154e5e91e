// EntityStore (the admin API's entity-by-entity access), through Store::transact() and
// Store::snapshot(): pages and lookups per entity, removal with children, allocation updates
// in place, and one transaction per call (rollback undoes every write, nested imports too).
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <limits>

#include "store_test_support.hpp"
#include "vendors/iqiyi/iqiyi_entities.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"
#include "vendors/polyv/polyv_entities.hpp"
#include "vendors/polyv/polyv_repository.hpp"
#include "vendors/pumpkin/pumpkin_entities.hpp"
#include "vendors/pumpkin/pumpkin_repository.hpp"

namespace mediagate::store::testing {
namespace {
using vendors::iqiyi::iqiyi_repository;
using vendors::iqiyi::IqiyiEntities;
using vendors::polyv::polyv_repository;
using vendors::polyv::PolyvEntities;

using vendors::pumpkin::pumpkin_repository;
using vendors::pumpkin::PumpkinEntities;

using ::testing::ElementsAre;

const Range kAll{0, std::numeric_limits<std::int64_t>::max()};

class EntityStoreSuite : public BackendTest {
 protected:
  void SetUp() override {
    BackendTest::SetUp();
    if (stopped()) return;
    ASSERT_TRUE(vendors::import_dataset(*store_, sample_dataset()));
  }

  // Runs `body` over a snapshot, failing the test on a store error.
  template <class Body>
  void read(Body&& body) {
    auto done = store_->snapshot([&](EntityStore& s) -> StoreResult<core::Ok> {
      body(s);
      return core::Ok{};
    });
    ASSERT_TRUE(done) << done.error().message;
  }
  // Runs `body` in a write transaction committed (or rolled back) as `outcome` says.
  template <class Body>
  bool write(Body&& body, Outcome outcome = Outcome::kCommit) {
    auto done = store_->transact([&](EntityStore& s) -> StoreResult<Outcome> {
      body(s);
      return outcome;
    });
    EXPECT_TRUE(done) << done.error().message;
    return done && *done;
  }
};

TEST_P(EntityStoreSuite, PagesOfEveryListOrderedById) {
  read([](EntityStore& s) {
    auto accounts = value_of(PolyvEntities(s).list_accounts({1, 5}));
    EXPECT_EQ(accounts.total, 2);
    ASSERT_EQ(accounts.items.size(), 1u);
    EXPECT_EQ(accounts.items[0].user_id, "u2");
    EXPECT_THAT(value_of(PolyvEntities(s).list_sub_accounts("u1", kAll)).items,
                ElementsAre("s1@u1.com", "s2@u1.com"));
    auto categories = value_of(PolyvEntities(s).list_categories("u1", {0, 2}));
    EXPECT_EQ(categories.total, 4);
    EXPECT_EQ(categories.items[0].cataid, 1);
    EXPECT_EQ(categories.items[1].cataid, 2);
    EXPECT_THAT(value_of(PolyvEntities(s).list_channels("u1", kAll)).items, ElementsAre("100"));
    auto sessions = value_of(PolyvEntities(s).list_sessions("100", {0, 2}));
    EXPECT_EQ(sessions.total, 4);
    EXPECT_EQ(sessions.items[0].session_id, "s-d");  // newest first
    EXPECT_EQ(value_of(PolyvEntities(s).list_groups(kAll)).total, 2);
    EXPECT_THAT(value_of(PolyvEntities(s).list_group_sub_accounts("g1", {1, 1})).items,
                ElementsAre("e2@g.com"));
    auto allocations = value_of(PolyvEntities(s).list_allocations("g1", std::nullopt, kAll));
    ASSERT_EQ(allocations.items.size(), 4u);
    EXPECT_EQ(allocations.items[0].allocation.email, "e2@g.com");  // insertion order
    EXPECT_LT(allocations.items[0].id, allocations.items[1].id);
    EXPECT_EQ(
        value_of(PolyvEntities(s).list_allocations("g1", std::string("e1@g.com"), kAll)).total, 2);
    EXPECT_EQ(value_of(IqiyiEntities(s).list_partners(kAll)).items.at(0).partner_code, "P1");
    auto users = value_of(IqiyiEntities(s).list_users("P1", kAll)).items;
    ASSERT_EQ(users.size(), 3u);
    EXPECT_EQ(users[0].user_id, "another");
    EXPECT_EQ(users[1].area, "CN");
    auto partners = value_of(PumpkinEntities(s).list_partners(kAll)).items;
    ASSERT_EQ(partners.size(), 2u);
    EXPECT_EQ(partners[0].pid, "NOACT");
    EXPECT_THAT(partners[1].actions, ElementsAre("/b/other", "/media/offline_sync"));
    auto media = value_of(PumpkinEntities(s).list_media({0, 2}));
    EXPECT_EQ(media.total, 4);
    EXPECT_EQ(media.items[1].movie_id, 2);
    EXPECT_TRUE(value_of(PumpkinEntities(s).list_media({10, 2})).items.empty());
    EXPECT_TRUE(value_of(PumpkinEntities(s).list_media({0, 0})).items.empty());
  });
}

TEST_P(EntityStoreSuite, LookupsById) {
  read([](EntityStore& s) {
    EXPECT_EQ(value_of(PolyvEntities(s).find_account("u1"))->secret_key, "secret-u1");
    EXPECT_FALSE(value_of(PolyvEntities(s).find_account("nobody")));
    EXPECT_EQ(value_of(PolyvEntities(s).find_account_by_app_id("app-u2"))->user_id, "u2");
    EXPECT_TRUE(value_of(PolyvEntities(s).has_sub_account("u1", "s1@u1.com")));
    EXPECT_FALSE(value_of(PolyvEntities(s).has_sub_account("u2", "s1@u1.com")));
    auto video = value_of(PolyvEntities(s).find_video("w01"));
    ASSERT_TRUE(video);
    EXPECT_EQ(video->user_id, "u2");
    EXPECT_EQ(video->video.cataid, 1);
    EXPECT_EQ(value_of(PolyvEntities(s).find_channel_owner("200")),
              std::optional<std::string>("u2"));
    auto session = value_of(PolyvEntities(s).find_session("s-c"));
    ASSERT_TRUE(session);
    EXPECT_EQ(session->channel_id, "100");
    EXPECT_EQ(session->session.end_time, std::optional<EpochMs>(260));
    EXPECT_TRUE(value_of(PolyvEntities(s).find_group("g2"))->forbidden);
    EXPECT_TRUE(value_of(PolyvEntities(s).has_group_sub_account("g1", "e3@g.com")));
    auto first =
        value_of(PolyvEntities(s).list_allocations("g1", std::nullopt, {0, 1})).items.at(0);
    EXPECT_EQ(value_of(PolyvEntities(s).find_allocation("g1", first.id))->allocation,
              first.allocation);
    EXPECT_FALSE(value_of(PolyvEntities(s).find_allocation("g2", first.id)));
    EXPECT_EQ(value_of(PolyvEntities(s).find_allocation_id("g1", first.allocation)),
              std::optional(first.id));
    EXPECT_EQ(value_of(IqiyiEntities(s).find_partner("P1"))->md5_key, "md5-key");
    EXPECT_EQ(value_of(IqiyiEntities(s).find_user("P1", "user", "TW"))->vod_coupons, 0);
    EXPECT_EQ(value_of(PumpkinEntities(s).find_partner("TEST"))->actions.size(), 2u);
    EXPECT_EQ(value_of(PumpkinEntities(s).find_media(3))->delete_time, std::optional<EpochMs>(50));
    EXPECT_FALSE(value_of(PumpkinEntities(s).find_media(99)));
  });
}

TEST_P(EntityStoreSuite, RemovingAParentRemovesItsChildren) {
  EXPECT_TRUE(write([](EntityStore& s) {
    EXPECT_TRUE(value_of(vendors::remove_entity(s, PolyvAccountRef{"u1"})));
    EXPECT_FALSE(value_of(vendors::remove_entity(s, PolyvAccountRef{"u1"})));
    EXPECT_TRUE(value_of(vendors::remove_entity(s, PolyvGroupRef{"g1"})));
    EXPECT_TRUE(value_of(vendors::remove_entity(s, IqiyiPartnerRef{"P1"})));
    EXPECT_TRUE(value_of(vendors::remove_entity(s, PumpkinPartnerRef{"TEST"})));
  }));
  const auto data = value_of(vendors::export_dataset(*store_));
  ASSERT_EQ(data.polyv_accounts.size(), 1u);
  EXPECT_EQ(data.polyv_accounts[0].keys.user_id, "u2");
  ASSERT_EQ(data.polyv_groups.size(), 1u);
  EXPECT_TRUE(data.iqiyi_partners.empty());
  ASSERT_EQ(data.pumpkin_partners.size(), 1u);
  read([](EntityStore& s) {
    EXPECT_FALSE(value_of(PolyvEntities(s).find_video("v01")));
    EXPECT_FALSE(value_of(PolyvEntities(s).find_session("s-a")));
    EXPECT_FALSE(value_of(PolyvEntities(s).find_channel_owner("100")));
  });
}

TEST_P(EntityStoreSuite, RemovingOneEntity) {
  EXPECT_TRUE(write([](EntityStore& s) {
    EXPECT_TRUE(value_of(vendors::remove_entity(s, VideoRef{"v05"})));
    EXPECT_TRUE(value_of(vendors::remove_entity(s, SessionRef{"s-a"})));
    EXPECT_TRUE(value_of(vendors::remove_entity(s, ChannelRef{"200"})));  // with its session s-e
    EXPECT_TRUE(
        value_of(vendors::remove_entity(s, CategoryRef{"u1", 2})));  // v05 was its only video
    EXPECT_TRUE(value_of(vendors::remove_entity(s, PolyvSubAccountRef{"u1", "s2@u1.com"})));
    EXPECT_TRUE(value_of(vendors::remove_entity(s, IqiyiUserRef{"P1", "user", "TW"})));
    EXPECT_FALSE(value_of(vendors::remove_entity(s, IqiyiUserRef{"P1", "user", "TW"})));
    EXPECT_TRUE(value_of(vendors::remove_entity(s, PumpkinActionRef{"TEST", "/b/other"})));
    EXPECT_TRUE(value_of(vendors::remove_entity(s, PumpkinMediaRef{4})));
    const auto id = value_of(PolyvEntities(s).list_allocations("g1", std::string("e3@g.com"), kAll))
                        .items.at(0)
                        .id;
    EXPECT_TRUE(value_of(vendors::remove_entity(s, AllocationRef{"g1", id})));
    EXPECT_TRUE(value_of(vendors::remove_entity(s, GroupSubAccountRef{"g1", "e3@g.com"})));
  }));
  read([](EntityStore& s) {
    EXPECT_FALSE(value_of(PolyvEntities(s).find_video("v05")));
    EXPECT_FALSE(value_of(PolyvEntities(s).find_session("s-e")));
    EXPECT_EQ(value_of(PolyvEntities(s).list_categories("u1", kAll)).total, 3);
    EXPECT_THAT(value_of(PumpkinEntities(s).find_partner("TEST"))->actions,
                ElementsAre("/media/offline_sync"));
    EXPECT_EQ(value_of(PumpkinEntities(s).list_media(kAll)).total, 3);
    EXPECT_EQ(value_of(PolyvEntities(s).list_allocations("g1", std::nullopt, kAll)).total, 3);
    EXPECT_FALSE(value_of(PolyvEntities(s).has_group_sub_account("g1", "e3@g.com")));
  });
}

TEST_P(EntityStoreSuite, ACategoryStillReferencedCannotBeCommittedAway) {
  // Category 1 has videos and children: the deferred foreign keys refuse the commit.
  auto done = store_->transact([](EntityStore& s) -> StoreResult<Outcome> {
    auto removed = vendors::remove_entity(s, CategoryRef{"u1", 1});
    if (!removed) return core::unexpected(std::move(removed).error());
    return Outcome::kCommit;
  });
  EXPECT_FALSE(done);
  read([](EntityStore& s) {
    EXPECT_EQ(value_of(PolyvEntities(s).list_categories("u1", kAll)).total, 4);
  });
}

TEST_P(EntityStoreSuite, UpdateAnAllocationInPlace) {
  EXPECT_TRUE(write([](EntityStore& s) {
    auto record =
        value_of(PolyvEntities(s).list_allocations("g1", std::nullopt, {1, 1})).items.at(0);
    record.allocation.concurrences = 1;
    record.allocation.date = 4000;
    EXPECT_TRUE(value_of(PolyvEntities(s).update_allocation("g1", record.id, record.allocation)));
    EXPECT_FALSE(value_of(PolyvEntities(s).update_allocation("g2", record.id, record.allocation)));
    EXPECT_EQ(value_of(PolyvEntities(s).find_allocation("g1", record.id))->allocation,
              record.allocation);
    // Same place in the order.
    EXPECT_EQ(
        value_of(PolyvEntities(s).list_allocations("g1", std::nullopt, {1, 1})).items.at(0).id,
        record.id);
  }));
}

TEST_P(EntityStoreSuite, AReadSeesTheTransactionsOwnWritesAndRollbackUndoesThemAll) {
  EXPECT_FALSE(write(
      [](EntityStore& s) {
        Dataset more;
        more.pumpkin_media = {{77, "new", std::nullopt}};
        EXPECT_EQ(value_of(vendors::upsert_dataset(s, more)).pumpkin_media, 1);  // a nested import
        EXPECT_TRUE(value_of(PumpkinEntities(s).find_media(77)));
        EXPECT_TRUE(value_of(vendors::remove_entity(s, PolyvAccountRef{"u2"})));
      },
      Outcome::kRollback));
  read([](EntityStore& s) {
    EXPECT_FALSE(value_of(PumpkinEntities(s).find_media(77)));
    EXPECT_TRUE(value_of(PolyvEntities(s).find_account("u2")));
  });
}

TEST_P(EntityStoreSuite, AFailedNestedImportUndoesOnlyItselfAndTheCallerDecides) {
  EXPECT_TRUE(write([](EntityStore& s) {
    EXPECT_TRUE(value_of(vendors::remove_entity(s, PumpkinMediaRef{1})));
    Dataset clash;  // app-u2 belongs to u2: the UNIQUE constraint refuses it
    clash.pumpkin_media = {{78, "half", std::nullopt}};
    clash.polyv_accounts.push_back({{"u3", "e", "k", "app-u2", "s"}, {}, {}, {}, {}});
    EXPECT_FALSE(vendors::upsert_dataset(s, clash));
    EXPECT_FALSE(value_of(PumpkinEntities(s).find_media(78)));  // the nested import rolled back
  }));
  read([](EntityStore& s) {
    EXPECT_FALSE(value_of(PumpkinEntities(s).find_media(1)));  // the outer write committed
    EXPECT_FALSE(value_of(PolyvEntities(s).find_account("u3")));
  });
}

TEST_P(EntityStoreSuite, ASnapshotCannotWrite) {
  auto done = store_->snapshot([](EntityStore& s) -> StoreResult<core::Ok> {
    auto removed = vendors::remove_entity(s, PumpkinMediaRef{1});
    if (!removed) return core::unexpected(std::move(removed).error());
    return core::Ok{};
  });
  EXPECT_FALSE(done);
  read([](EntityStore& s) { EXPECT_TRUE(value_of(PumpkinEntities(s).find_media(1))); });
}

TEST_P(EntityStoreSuite, ExistingReadsAreUnchangedByTheRefactor) {
  EXPECT_EQ(value_of(polyv_repository(*store_).find_account_by_user_id("u1"))->app_id, "app-u1");
  EXPECT_EQ(value_of(polyv_repository(*store_).find_account_by_app_id("app-u1"))->user_id, "u1");
  EXPECT_TRUE(value_of(polyv_repository(*store_).has_sub_account("u1", "s2@u1.com")));
  EXPECT_EQ(value_of(polyv_repository(*store_).find_channel_owner("100")),
            std::optional<std::string>("u1"));
  EXPECT_TRUE(value_of(polyv_repository(*store_).find_group("g2"))->forbidden);
  EXPECT_EQ(value_of(iqiyi_repository(*store_).find_user("P1", "user", "CN"))->vod_coupons, 3);
  EXPECT_EQ(value_of(pumpkin_repository(*store_).find_partner("TEST"))->actions.size(), 2u);
}

INSTANTIATE_TEST_SUITE_P(Backends, EntityStoreSuite, all_backends(),
                         [](const ::testing::TestParamInfo<StoreBackend>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace mediagate::store::testing
