// Demo data of any size for all five APIs, generated deterministically: the same options give
// byte-identical data on every machine and compiler, and the data does not depend on the batch
// size either. Every item is a pure function of (seed, sizes, anchor, its index), so the
// generator streams: it hands out vendors::Datasets of at most `batch_rows` generated rows each,
// and memory stays bounded for any size.
//
// What it makes (docs/operations.md, "Demo data at scale") is each module's
// (vendors/<vendor>/<vendor>_demo.hpp): Polyv accounts, channels and groups, iQiyi partners and
// users, Pumpkin partners and media. The first account, group and partners carry
// fixtures/sample.json's credentials, so the README's signed requests work against seeded data.
// The PRNG and the batching every part shares are fixtures/demo_random.hpp and
// fixtures/demo_batches.hpp; which streams there are, and in which order, is demo_generator.cpp.
//
// A batch is a valid import on its own only after the first one (which holds every account,
// category, sub-account, channel and partner); all batches together (merge_demo_batch) form a
// document that passes parse_fixture's validation (vendors/fixture_format.hpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.hpp"
#include "vendors/dataset.hpp"

namespace mediagate::vendors {

struct DemoSize {
  std::int64_t videos = 10'000;
  std::int64_t sessions = 10'000;
  std::int64_t allocations = 10'000;
  std::int64_t iqiyi_users = 10'000;
  std::int64_t pumpkin_media = 10'000;
  std::int64_t accounts = 4;          // Polyv accounts, >= 1
  std::int64_t groups = 3;            // Polyv groups with allocations (+ 1 forbidden), >= 1
  std::int64_t iqiyi_partners = 2;    // >= 1
  std::int64_t pumpkin_partners = 3;  // >= 2 (TEST_PID and NO_MEDIA_PID, then more)
};

// 2026-01-01 00:00:00 UTC+8: the default end of the generated timeline.
inline constexpr core::EpochMs kDefaultDemoAnchor = 1'767'196'800'000;

struct DemoOptions {
  DemoSize size;
  std::uint64_t seed = 1;
  core::EpochMs anchor = kDefaultDemoAnchor;  // every generated instant is before it
  std::int64_t batch_rows = 50'000;           // generated rows per batch, >= 1
};

// A problem with the options (a negative size, a size the id schemes cannot hold, ...).
std::optional<std::string> check_demo_options(const DemoOptions& options);

// The kinds of generated rows, in the order the generator emits them.
enum class DemoStream { kSkeleton, kVideos, kSessions, kAllocations, kIqiyiUsers, kPumpkinMedia };

const char* demo_stream_name(DemoStream stream);

class DemoGenerator {
 public:
  // `options` must pass check_demo_options.
  explicit DemoGenerator(const DemoOptions& options);
  ~DemoGenerator();
  DemoGenerator(const DemoGenerator&) = delete;
  DemoGenerator& operator=(const DemoGenerator&) = delete;

  // The next batch, or nothing once everything was generated. The first batch holds the
  // skeleton: accounts (keys, sub-accounts, categories, channels), groups (keys,
  // sub-accounts), partners (keys, actions); then the rows of each stream in turn.
  std::optional<vendors::Dataset> next();

  // Rows generated so far and in all: videos + sessions + allocations + users + media, plus
  // one for the skeleton.
  std::int64_t rows_done() const noexcept;
  std::int64_t rows_total() const noexcept;
  // The stream the next batch starts with.
  DemoStream stream() const noexcept;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

// Appends `batch` to `into`, merging accounts, channels, groups and partners by id, so that
// merging every batch in order gives one Dataset (independent of the batch size).
void merge_demo_batch(vendors::Dataset& into, vendors::Dataset&& batch);

// Every batch merged: for tests and small sizes.
vendors::Dataset generate_demo_dataset(const DemoOptions& options);

}  // namespace mediagate::vendors
