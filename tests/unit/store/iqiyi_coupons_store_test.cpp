// iQiyi's VOD coupon uses (migration 3) on every backend: a use spends one coupon and records
// its 48-hour right from the given clock time, a repeat within the right spends nothing, a
// lapsed right needs a new coupon, no coupon or no user changes nothing, N threads on the last
// coupon spend exactly one, and removing a user or partner removes its uses.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <atomic>
#include <thread>
#include <vector>

#include "store_test_support.hpp"
#include "vendors/iqiyi/iqiyi_coupons.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"

namespace mediagate::store::testing {
namespace {

using vendors::iqiyi::coupon_holdings;
using vendors::iqiyi::CouponUseRequest;
using vendors::iqiyi::CouponUseResult;
using vendors::iqiyi::use_vod_coupon;

constexpr std::int64_t kRight = 172'800'000;
constexpr EpochMs kNow = 1'700'000'000'000;

template <class T>
T value_of(StoreResult<T> result) {
  if (!result) {
    ADD_FAILURE() << "store error: " << result.error().message;
    return T{};
  }
  return std::move(*result);
}

Dataset partner_with(std::int64_t coupons) {
  Dataset data;
  IqiyiPartner partner{"P", "key", {}};
  partner.users.push_back(IqiyiUser{"u1", "CN", coupons});
  partner.users.push_back(IqiyiUser{"u1", "TW", 0});
  data.iqiyi_partners.push_back(partner);
  return data;
}

class IqiyiCouponStore : public ::testing::TestWithParam<StoreBackend> {
 protected:
  void SetUp() override {
    MEDIAGATE_REQUIRE_BACKEND(GetParam());
    backend_ = GetParam().create();
    store_ = backend_.open();
    ASSERT_NE(store_, nullptr);
  }
  void TearDown() override {
    store_.reset();
    if (backend_.drop) backend_.drop();
  }
  vendors::iqiyi::CouponUseOutcome use(std::int64_t content, EpochMs now,
                                       std::string_view user = "u1", std::string_view area = "CN") {
    return value_of(use_vod_coupon(*store_, CouponUseRequest{.partner_code = "P",
                                                             .user_id = user,
                                                             .area = area,
                                                             .content_id = content,
                                                             .now = now,
                                                             .right_ms = kRight}));
  }
  std::int64_t balance() {
    auto user = value_of(vendors::iqiyi::iqiyi_repository(*store_).find_user("P", "u1", "CN"));
    return user ? user->vod_coupons : -1;
  }

  BackendInstance backend_;
  std::unique_ptr<Store> store_;
};

TEST_P(IqiyiCouponStore, AUseSpendsOneAndRecordsTheRightFromTheGivenTime) {
  ASSERT_TRUE(vendors::import_dataset(*store_, partner_with(2)));
  const auto first = use(10, kNow);
  EXPECT_EQ(first.result, CouponUseResult::kConsumed);
  EXPECT_EQ(first.use,
            (vendors::iqiyi::IqiyiCouponUse{first.use.id, "u1", "CN", 10, kNow, kNow + kRight}));
  EXPECT_GT(first.use.id, 0);
  EXPECT_EQ(balance(), 1);
  // Within the right: the same record, nothing spent.
  const auto again = use(10, kNow + kRight - 1);
  EXPECT_EQ(again.result, CouponUseResult::kHeld);
  EXPECT_EQ(again.use, first.use);
  EXPECT_EQ(balance(), 1);
  // Lapsed: a new coupon.
  const auto later = use(10, kNow + kRight);
  EXPECT_EQ(later.result, CouponUseResult::kConsumed);
  EXPECT_GT(later.use.id, first.use.id);
  EXPECT_EQ(later.use.vod_deadline, kNow + 2 * kRight);
  EXPECT_EQ(balance(), 0);
  // None left: nothing changes.
  EXPECT_EQ(use(11, kNow + kRight).result, CouponUseResult::kNoCoupon);
  EXPECT_EQ(balance(), 0);
  const auto holdings = value_of(coupon_holdings(*store_, "P", "u1", "CN"));
  ASSERT_TRUE(holdings);
  EXPECT_EQ(holdings->balance, 0);
  EXPECT_EQ(holdings->uses, (std::vector<vendors::iqiyi::IqiyiCouponUse>{first.use, later.use}));
}

TEST_P(IqiyiCouponStore, UnknownUserOrEmptyBalanceChangesNothing) {
  ASSERT_TRUE(vendors::import_dataset(*store_, partner_with(1)));
  EXPECT_EQ(use(10, kNow, "nobody").result, CouponUseResult::kNoUser);
  EXPECT_EQ(use(10, kNow, "u1", "TW").result, CouponUseResult::kNoCoupon);
  EXPECT_FALSE(value_of(coupon_holdings(*store_, "P", "nobody", "CN")).has_value());
  const auto tw = value_of(coupon_holdings(*store_, "P", "u1", "TW"));
  ASSERT_TRUE(tw);
  EXPECT_TRUE(tw->uses.empty());
  EXPECT_EQ(balance(), 1);
}

TEST_P(IqiyiCouponStore, ParallelUsesOfTheLastCouponSpendExactlyOne) {
  ASSERT_TRUE(vendors::import_dataset(*store_, partner_with(1)));
  constexpr int kThreads = 8;
  std::atomic<int> consumed{0};
  std::atomic<int> held{0};
  std::atomic<int> other{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    // Half on the same content, half on others: still one coupon in all.
    threads.emplace_back([&, i] {
      auto outcome =
          use_vod_coupon(*store_, CouponUseRequest{.partner_code = "P",
                                                   .user_id = "u1",
                                                   .area = "CN",
                                                   .content_id = i % 2 == 0 ? 10 : 20 + i,
                                                   .now = kNow,
                                                   .right_ms = kRight});
      if (!outcome) {
        ++other;
      } else if (outcome->result == CouponUseResult::kConsumed) {
        ++consumed;
      } else if (outcome->result == CouponUseResult::kHeld ||
                 outcome->result == CouponUseResult::kNoCoupon) {
        ++held;
      } else {
        ++other;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(consumed.load(), 1);
  EXPECT_EQ(held.load(), kThreads - 1);
  EXPECT_EQ(other.load(), 0);
  EXPECT_EQ(balance(), 0);
  EXPECT_EQ(value_of(coupon_holdings(*store_, "P", "u1", "CN"))->uses.size(), 1u);
}

TEST_P(IqiyiCouponStore, RemovingTheUserOrPartnerRemovesItsUses) {
  ASSERT_TRUE(vendors::import_dataset(*store_, partner_with(2)));
  use(10, kNow);
  auto done = store_->transact([](EntityStore& s) -> StoreResult<Outcome> {
    EXPECT_TRUE(value_of(vendors::remove_entity(s, IqiyiUserRef{"P", "u1", "CN"})));
    return Outcome::kCommit;
  });
  ASSERT_TRUE(done) << done.error().message;
  ASSERT_TRUE(vendors::import_dataset(*store_, partner_with(2)));
  EXPECT_TRUE(value_of(coupon_holdings(*store_, "P", "u1", "CN"))->uses.empty());
  use(10, kNow);
  done = store_->transact([](EntityStore& s) -> StoreResult<Outcome> {
    EXPECT_TRUE(value_of(vendors::remove_entity(s, IqiyiPartnerRef{"P"})));
    return Outcome::kCommit;
  });
  ASSERT_TRUE(done) << done.error().message;
  EXPECT_FALSE(value_of(coupon_holdings(*store_, "P", "u1", "CN")).has_value());
}

// --- coupon uses in the fixture format (import, export) ---------------------------------------

Dataset partner_with_uses() {
  Dataset data = partner_with(2);
  data.iqiyi_partners[0].coupon_uses = {
      IqiyiCouponUseEntry{"u1", "CN", 10, kNow - 1000, kNow - 1000 + kRight},
      IqiyiCouponUseEntry{"u1", "CN", 11, kNow - 500, kNow - 500 + kRight},
      IqiyiCouponUseEntry{"u1", "TW", 12, kNow - 2 * kRight, kNow - kRight},  // lapsed
  };
  return data;
}

TEST_P(IqiyiCouponStore, ImportedUsesExportAsTheyWereAndReimportingChangesNothing) {
  const Dataset data = partner_with_uses();
  const auto summary = value_of(vendors::import_dataset(*store_, data));
  EXPECT_EQ(summary,
            (ImportSummary{.iqiyi_partners = 1, .iqiyi_users = 2, .iqiyi_coupon_uses = 3}));
  EXPECT_EQ(value_of(vendors::export_dataset(*store_)), sorted(data));
  EXPECT_EQ(value_of(vendors::import_dataset(*store_, data)), ImportSummary{});
  EXPECT_EQ(value_of(vendors::import_dataset(*store_, value_of(vendors::export_dataset(*store_)))),
            ImportSummary{});
  EXPECT_EQ(value_of(vendors::export_dataset(*store_)), sorted(data));
}

TEST_P(IqiyiCouponStore, ReimportingAUseWithAnotherDeadlineUpdatesIt) {
  ASSERT_TRUE(vendors::import_dataset(*store_, partner_with_uses()));
  Dataset changed = partner_with_uses();
  changed.iqiyi_partners[0].coupon_uses[1].vod_deadline += 1;
  changed.iqiyi_partners[0].coupon_uses.push_back(
      IqiyiCouponUseEntry{"u1", "CN", 10, kNow, kNow + kRight});  // the same content, later
  EXPECT_EQ(value_of(vendors::import_dataset(*store_, changed)),
            (ImportSummary{.iqiyi_coupon_uses = 2}));
  EXPECT_EQ(value_of(vendors::export_dataset(*store_)), sorted(changed));
}

TEST_P(IqiyiCouponStore, AnImportedUseIsAnOpenRightAndSpendsNothing) {
  ASSERT_TRUE(vendors::import_dataset(*store_, partner_with_uses()));
  EXPECT_EQ(balance(), 2);
  const auto repeat = use(11, kNow);
  EXPECT_EQ(repeat.result, CouponUseResult::kHeld);
  EXPECT_EQ(repeat.use.vod_deadline, kNow - 500 + kRight);
  EXPECT_EQ(balance(), 2);
  const auto holdings = value_of(coupon_holdings(*store_, "P", "u1", "CN"));
  ASSERT_TRUE(holdings.has_value());
  EXPECT_EQ(holdings->uses.size(), 2u);
}

TEST_P(IqiyiCouponStore, UsesRecordedByTheEndpointAreExported) {
  ASSERT_TRUE(vendors::import_dataset(*store_, partner_with(2)));
  use(10, kNow);
  use(11, kNow + 5);
  const Dataset exported = value_of(vendors::export_dataset(*store_));
  ASSERT_EQ(exported.iqiyi_partners.size(), 1u);
  EXPECT_THAT(
      exported.iqiyi_partners[0].coupon_uses,
      ::testing::ElementsAre(IqiyiCouponUseEntry{"u1", "CN", 10, kNow, kNow + kRight},
                             IqiyiCouponUseEntry{"u1", "CN", 11, kNow + 5, kNow + 5 + kRight}));
  EXPECT_EQ(exported.iqiyi_partners[0].users[0].vod_coupons, 0);
  // Into another store: the same uses, the same balances.
  store_.reset();
  if (backend_.drop) backend_.drop();
  backend_ = GetParam().create();
  store_ = backend_.open();
  ASSERT_NE(store_, nullptr);
  EXPECT_EQ(value_of(vendors::import_dataset(*store_, exported)).iqiyi_coupon_uses, 2);
  EXPECT_EQ(value_of(vendors::export_dataset(*store_)), exported);
}

INSTANTIATE_TEST_SUITE_P(Backends, IqiyiCouponStore, all_backends(),
                         [](const ::testing::TestParamInfo<StoreBackend>& param_info) {
                           return param_info.param.name;
                         });

}  // namespace
}  // namespace mediagate::store::testing
