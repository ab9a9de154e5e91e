// Shared by the storage suite: the backends it runs against, a small known Dataset, and
// helpers to compare Datasets in the store's export order.
#pragma once

#include <gtest/gtest.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "store/store.hpp"
#include "vendors/dataset_writes.hpp"

namespace mediagate::store::testing {

// The modules' values and writes the store tests write through.
using core::EpochMs;
using vendors::Dataset;
using vendors::ImportSummary;
using vendors::iqiyi::IqiyiCouponUseEntry;
using vendors::iqiyi::IqiyiPartner;
using vendors::iqiyi::IqiyiPartnerRef;
using vendors::iqiyi::IqiyiUser;
using vendors::iqiyi::IqiyiUserRef;
using vendors::polyv::Allocation;
using vendors::polyv::AllocationRef;
using vendors::polyv::Category;
using vendors::polyv::CategoryRef;
using vendors::polyv::Channel;
using vendors::polyv::ChannelRef;
using vendors::polyv::GroupSubAccountRef;
using vendors::polyv::LiveSession;
using vendors::polyv::PolyvAccount;
using vendors::polyv::PolyvAccountKeys;
using vendors::polyv::PolyvAccountRef;
using vendors::polyv::PolyvGroup;
using vendors::polyv::PolyvGroupKeys;
using vendors::polyv::PolyvGroupRef;
using vendors::polyv::PolyvSubAccountRef;
using vendors::polyv::SessionRef;
using vendors::polyv::Video;
using vendors::polyv::VideoRef;
using vendors::pumpkin::PumpkinActionRef;
using vendors::pumpkin::PumpkinMedia;
using vendors::pumpkin::PumpkinMediaDetails;
using vendors::pumpkin::PumpkinMediaDetailsRef;
using vendors::pumpkin::PumpkinMediaRef;
using vendors::pumpkin::PumpkinPart;
using vendors::pumpkin::PumpkinPartner;
using vendors::pumpkin::PumpkinPartnerRef;
using vendors::pumpkin::PumpkinSeason;
using vendors::pumpkin::PumpkinTexts;

using StoreFactory = std::function<std::unique_ptr<Store>()>;

// One new, empty database: `open` opens a Store on it (each call another Store on the same
// database, e.g. to reopen it); `drop` removes it once every Store is closed.
struct BackendInstance {
  StoreFactory open;
  std::function<void()> drop;
};

// A storage backend under test. The suite is written once and instantiated per backend.
struct StoreBackend {
  std::string name;
  std::function<BackendInstance()> create;
  // Why the backend cannot run here (e.g. no server configured); empty when it can.
  std::function<std::string()> unavailable = [] { return std::string(); };
};

// SQLite on a fresh file in the system temp directory.
StoreBackend sqlite_file_backend();

// A path for an SQLite file in the system temp directory, unique in this process; the file and
// its WAL companions are removed when this goes out of scope.
class TempSqliteFile {
 public:
  explicit TempSqliteFile(const std::string& prefix = "mediagate_store_test");
  ~TempSqliteFile();
  TempSqliteFile(const TempSqliteFile&) = delete;
  TempSqliteFile& operator=(const TempSqliteFile&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

// PostgreSQL at $MEDIAGATE_TEST_POSTGRES_URL, each instance in a fresh schema (dropped
// afterwards). Unavailable when the variable is unset.
StoreBackend postgres_backend();

// The same, its stores loading every table the import can load set-wise that way (COPY, then
// one upsert per batch), in batches of `batch_rows`: small, so that any test's data crosses
// batch boundaries (store/sql/batched_writes.hpp).
StoreBackend postgres_set_wise_backend(std::size_t batch_rows = 3);

// The backends every suite runs against.
inline auto all_backends() {
  return ::testing::Values(sqlite_file_backend(), postgres_backend());
}

// Whether MEDIAGATE_TEST_REQUIRE_SERVICES=1 (CI: a missing server must not pass silently).
bool services_required();

// In SetUp(): skips the test when `backend` is unavailable, or fails it when services are
// required. Either way the test body does not run.
#define MEDIAGATE_REQUIRE_BACKEND(backend)                                                 \
  do {                                                                                     \
    if (const auto why_unavailable = (backend).unavailable(); !why_unavailable.empty()) {  \
      if (::mediagate::store::testing::services_required()) {                              \
        FAIL() << (backend).name                                                           \
               << " is required (MEDIAGATE_TEST_REQUIRE_SERVICES=1): " << why_unavailable; \
      }                                                                                    \
      GTEST_SKIP() << why_unavailable;                                                     \
    }                                                                                      \
  } while (false)

// The value of `result`; on a store error the test fails and this gives T{}.
template <class T>
T value_of(StoreResult<T> result) {
  if (!result) {
    ADD_FAILURE() << "store error: " << result.error().message;
    return T{};
  }
  return std::move(*result);
}

// A suite run once per backend (INSTANTIATE_TEST_SUITE_P with all_backends()): each test gets
// a fresh, empty database in `store_` (skipped or failed first as MEDIAGATE_REQUIRE_BACKEND
// says), dropped after it.
class BackendTest : public ::testing::TestWithParam<StoreBackend> {
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
  // Whether SetUp() stopped early: a subclass's SetUp() then does nothing more.
  static bool stopped() { return IsSkipped() || HasFatalFailure(); }

  BackendInstance backend_;
  std::unique_ptr<Store> store_;
};

// A fresh PostgreSQL schema at `server_url` (a postgresql:// URL): the URL of a store living
// in it, and a function that drops it.
struct PostgresSchema {
  std::string name;
  std::string url;
  std::function<void()> drop;
};
PostgresSchema create_postgres_schema(const std::string& server_url);

// Account u1 (two sub-accounts, a category tree, five videos with ties, channel 100 with four
// sessions), account u2 (one video, channel 200), groups g1 and g2 (forbidden), one iQiyi
// partner with two users, two Pumpkin partners and four media. Values are chosen so that every
// ordering has a tie to break.
Dataset sample_dataset();

// `data` with every list in export order (accounts by userId, videos by vid, ...).
// Allocations keep their order (export orders them by insertion id).
Dataset sorted(Dataset data);

std::vector<std::string> vids_of(const Page<Video>& page);
inline void PrintTo(const StoreBackend& backend, std::ostream* os) {
  *os << backend.name;
}
std::vector<std::string> session_ids_of(const Page<LiveSession>& page);

}  // namespace mediagate::store::testing

// Readable gtest failure messages (found by ADL, so in the model's namespaces).
namespace mediagate::vendors::polyv {
void PrintTo(const PolyvAccountKeys& keys, std::ostream* os);
void PrintTo(const Video& video, std::ostream* os);
void PrintTo(const Allocation& allocation, std::ostream* os);
}  // namespace mediagate::vendors::polyv
namespace mediagate::vendors {
void PrintTo(const ImportSummary& summary, std::ostream* os);
}  // namespace mediagate::vendors
