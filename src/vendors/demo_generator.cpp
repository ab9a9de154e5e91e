#include "vendors/demo_generator.hpp"

#include <tuple>
#include <utility>

#include "fixtures/demo_batches.hpp"
#include "vendors/iqiyi/iqiyi_demo.hpp"
#include "vendors/polyv/polyv_demo.hpp"
#include "vendors/pumpkin/pumpkin_demo.hpp"

namespace mediagate::vendors {
namespace {

// What the modules' id schemes hold (a session id is 50 bits, a user id 32, ...).
constexpr std::int64_t kMaxRows = 1'000'000'000;
constexpr std::int64_t kMaxEntities = 10'000;

}  // namespace

std::optional<std::string> check_demo_options(const DemoOptions& o) {
  const auto& s = o.size;
  const std::pair<const char*, std::int64_t> rows[] = {{"videos", s.videos},
                                                       {"sessions", s.sessions},
                                                       {"allocations", s.allocations},
                                                       {"iqiyi users", s.iqiyi_users},
                                                       {"pumpkin media", s.pumpkin_media}};
  for (const auto& [name, value] : rows) {
    if (value < 0 || value > kMaxRows) {
      return std::string(name) + " must be between 0 and " + std::to_string(kMaxRows);
    }
  }
  const std::tuple<const char*, std::int64_t, std::int64_t> entities[] = {
      {"accounts", s.accounts, 1},
      {"groups", s.groups, 1},
      {"iqiyi partners", s.iqiyi_partners, 1},
      {"pumpkin partners", s.pumpkin_partners, 2}};
  for (const auto& [name, value, least] : entities) {
    if (value < least || value > kMaxEntities) {
      return std::string(name) + " must be between " + std::to_string(least) + " and " +
             std::to_string(kMaxEntities);
    }
  }
  if (o.batch_rows < 1) return std::string("batch size must be at least 1");
  // Year 2000 to year 9000: room for 3 years of history and 4-digit dates.
  if (o.anchor < 946'684'800'000 || o.anchor > 221'845'392'000'000) {
    return std::string("anchor must be between 2000 and 9000");
  }
  return std::nullopt;
}

const char* demo_stream_name(DemoStream stream) {
  switch (stream) {
    case DemoStream::kSkeleton:
      return "accounts";
    case DemoStream::kVideos:
      return "videos";
    case DemoStream::kSessions:
      return "sessions";
    case DemoStream::kAllocations:
      return "allocations";
    case DemoStream::kIqiyiUsers:
      return "iqiyi users";
    case DemoStream::kPumpkinMedia:
      return "pumpkin media";
  }
  return "";
}

struct DemoGenerator::State {
  polyv::PolyvDemo polyv;
  iqiyi::IqiyiDemo iqiyi;
  pumpkin::PumpkinDemo pumpkin;
  // The streams in DemoStream's order.
  fixtures::DemoBatches<Dataset> batches;

  explicit State(const DemoOptions& o)
      : polyv(o.seed, o.anchor,
              {.accounts = o.size.accounts,
               .groups = o.size.groups,
               .videos = o.size.videos,
               .sessions = o.size.sessions,
               .allocations = o.size.allocations}),
        iqiyi(o.seed, o.anchor, {.partners = o.size.iqiyi_partners, .users = o.size.iqiyi_users}),
        pumpkin(o.seed, o.anchor,
                {.partners = o.size.pumpkin_partners, .media = o.size.pumpkin_media}),
        batches(
            {
                {1,
                 [this](vendors::Dataset& batch, std::int64_t) {
                   polyv.skeleton(batch);
                   iqiyi.skeleton(batch);
                   pumpkin.skeleton(batch);
                 }},
                {o.size.videos,
                 [this](vendors::Dataset& batch, std::int64_t i) { polyv.video(batch, i); }},
                {o.size.sessions,
                 [this](vendors::Dataset& batch, std::int64_t i) { polyv.session(batch, i); }},
                {o.size.allocations,
                 [this](vendors::Dataset& batch, std::int64_t i) { polyv.allocation(batch, i); }},
                {o.size.iqiyi_users,
                 [this](vendors::Dataset& batch, std::int64_t i) { iqiyi.user(batch, i); }},
                {o.size.pumpkin_media,
                 [this](vendors::Dataset& batch, std::int64_t i) { pumpkin.media(batch, i); }},
            },
            o.batch_rows, [this] {
              polyv.start_batch();
              iqiyi.start_batch();
            }) {}
};

DemoGenerator::DemoGenerator(const DemoOptions& options)
    : state_(std::make_unique<State>(options)) {}

DemoGenerator::~DemoGenerator() = default;

std::optional<vendors::Dataset> DemoGenerator::next() {
  return state_->batches.next();
}

std::int64_t DemoGenerator::rows_done() const noexcept {
  return state_->batches.rows_done();
}

std::int64_t DemoGenerator::rows_total() const noexcept {
  return state_->batches.rows_total();
}

DemoStream DemoGenerator::stream() const noexcept {
  return static_cast<DemoStream>(state_->batches.stream());
}

void merge_demo_batch(vendors::Dataset& into, vendors::Dataset&& batch) {
  polyv::merge_demo_rows(into, batch);
  iqiyi::merge_demo_rows(into, batch);
  pumpkin::merge_demo_rows(into, batch);
}

vendors::Dataset generate_demo_dataset(const DemoOptions& options) {
  vendors::Dataset all;
  DemoGenerator generator(options);
  while (auto batch = generator.next()) merge_demo_batch(all, std::move(*batch));
  return all;
}

}  // namespace mediagate::vendors
