#include "auth/replay_guard.hpp"

#include <sys/mman.h>

#include <algorithm>
#include <iterator>
#include <limits>
#include <map>
#include <mutex>
#include <new>
#include <utility>

namespace mediagate::auth {
namespace {

__extension__ using Wide = unsigned __int128;

constexpr core::EpochMs kMinInstant = std::numeric_limits<core::EpochMs>::min();
constexpr core::EpochMs kMaxInstant = std::numeric_limits<core::EpochMs>::max();
// Pairs are counted by the minute their use expires in (an "expiry minute").
constexpr std::int64_t kMinuteMs = 60'000;
// A std::map node holding one minute's count, as the allocator rounds it.
constexpr std::size_t kCounterBytes = 64;
constexpr std::size_t kMinSlots = 16;
constexpr std::size_t kFirstSlots = 1024;         // a shard's table at first (16 KiB)
constexpr std::size_t kMinShardBytes = 64 << 10;  // a smaller max_bytes gets fewer shards
constexpr std::int64_t kFullLogIntervalMs = 60'000;

core::EpochMs add_saturating(core::EpochMs a, std::int64_t b) {
  core::EpochMs sum = 0;
  if (__builtin_add_overflow(a, b, &sum)) return b > 0 ? kMaxInstant : kMinInstant;
  return sum;
}

std::int64_t minute_of(core::EpochMs instant) {
  return instant >= 0 ? instant / kMinuteMs : (instant + 1) / kMinuteMs - 1;
}

// A table holds at most 3/4 of its slots (linear probing stays short: ~8 probes on a miss).
bool fits(std::size_t used, std::size_t slots) {
  return used * 4 <= slots * 3;
}

}  // namespace

// One remembered pair: the second half of the pair's keyed hash (never 0) and the instant its
// use expires. 16 bytes.
struct Slot {
  std::uint64_t tag = 0;  // 0: empty
  core::EpochMs expires = 0;
};

// Slots in pages of their own (mmap): zero-filled (all empty) without a pass, counted in RSS
// only once touched, and given back to the system when the table is replaced.
class SlotArray {
 public:
  SlotArray() = default;
  // An array of `count` empty slots; empty() if the system has no memory for it.
  static SlotArray allocate(std::size_t count) {
    SlotArray array;
    void* pages = ::mmap(nullptr, count * sizeof(Slot), PROT_READ | PROT_WRITE,
                         MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (pages == MAP_FAILED) return array;
    array.slots_ = static_cast<Slot*>(pages);
    array.size_ = count;
    return array;
  }
  SlotArray(SlotArray&& other) noexcept
      : slots_(std::exchange(other.slots_, nullptr)), size_(std::exchange(other.size_, 0)) {}
  SlotArray& operator=(SlotArray&& other) noexcept {
    std::swap(slots_, other.slots_);
    std::swap(size_, other.size_);
    return *this;
  }
  SlotArray(const SlotArray&) = delete;
  SlotArray& operator=(const SlotArray&) = delete;
  ~SlotArray() {
    if (slots_ != nullptr) ::munmap(slots_, size_ * sizeof(Slot));
  }

  bool empty() const { return size_ == 0; }
  std::size_t size() const { return size_; }
  std::size_t bytes() const { return size_ * sizeof(Slot); }
  Slot& operator[](std::size_t i) { return slots_[i]; }
  const Slot& operator[](std::size_t i) const { return slots_[i]; }
  // Where a tag's probe sequence starts: its high bits scaled to the size (any size works).
  std::size_t home(std::uint64_t tag) const {
    return static_cast<std::size_t>((Wide{tag} * size_) >> 64);
  }
  std::size_t next(std::size_t i) const { return i + 1 == size_ ? 0 : i + 1; }
  // The first empty slot of `tag`'s probe sequence (a table is never full).
  std::size_t free_slot(std::uint64_t tag) const {
    std::size_t i = home(tag);
    while (slots_[i].tag != 0) i = next(i);
    return i;
  }

 private:
  Slot* slots_ = nullptr;
  std::size_t size_ = 0;
};

// One lock's share of the pairs. Every pair stored is either counted in the expiry minute it
// expires in (`minutes`), or, once that minute's last expiry has passed, in `dead`; a pass
// over the table (drop_dead) removes what is dead and counts the rest again.
struct InMemoryReplayGuard::Shard {
  struct Minute {
    std::size_t count = 0;
    core::EpochMs last_expiry = kMinInstant;  // of the pairs counted here
  };
  struct Span {  // [from, to)
    core::EpochMs from;
    core::EpochMs to;
  };

  std::mutex mutex;
  SlotArray slots;
  std::size_t max_slots = kMinSlots;
  std::size_t max_pairs = 0;
  std::size_t max_minutes = 1;  // counters at most; beyond, a pair shares a later one
  std::size_t used = 0;         // slots holding a pair
  std::size_t dead = 0;         // of those, pairs known expired (their minute has passed)
  std::map<std::int64_t, Minute> minutes;
  Minute* recent[2] = {nullptr, nullptr};  // the counters last used (two scopes alternate)
  std::int64_t recent_minute[2] = {0, 0};
  // The latest call's time. A pair is live while its expiry is at or after it, and not in a
  // dead span: when the clock steps back from T to t, the pairs that had expired by T stay
  // forgotten (as if dropped at T), which [t, T) records without a pass over the table.
  core::EpochMs now = kMinInstant;
  std::vector<Span> dead_spans;

  std::size_t live() const { return used - dead; }

  bool in_dead_span(core::EpochMs instant) const {
    return std::any_of(dead_spans.begin(), dead_spans.end(),
                       [&](const Span& s) { return s.from <= instant && instant < s.to; });
  }
  bool is_dead(core::EpochMs expires) const { return expires < now || in_dead_span(expires); }

  // Moves the shard's time to `at`; the minutes that have wholly passed count as dead.
  void advance(core::EpochMs at) {
    if (at < now) {
      dead_spans.push_back({at, now});
      merge_spans();
    } else if (at > now && !dead_spans.empty()) {
      std::erase_if(dead_spans, [&](const Span& s) { return s.to <= at; });
      for (auto& span : dead_spans) span.from = std::max(span.from, at);
    }
    now = at;
    while (!minutes.empty() && minutes.begin()->second.last_expiry < now) {
      forget_recent(&minutes.begin()->second);
      dead += minutes.begin()->second.count;
      minutes.erase(minutes.begin());
    }
  }

  void merge_spans() {
    std::sort(dead_spans.begin(), dead_spans.end(),
              [](const Span& a, const Span& b) { return a.from < b.from; });
    std::vector<Span> merged;
    for (const auto& span : dead_spans) {
      if (!merged.empty() && span.from <= merged.back().to) {
        merged.back().to = std::max(merged.back().to, span.to);
      } else {
        merged.push_back(span);
      }
    }
    dead_spans = std::move(merged);
  }

  void forget_recent(const Minute* counter) {
    for (auto*& r : recent) {
      if (r == counter) r = nullptr;
    }
  }

  // Counts a new pair in its expiry minute's counter (or, with max_minutes counters already,
  // in the next later one, or the latest: either stays live at least as long as the pair).
  void count(core::EpochMs expires) {
    const std::int64_t minute = minute_of(expires);
    Minute* counter = nullptr;
    for (std::size_t i = 0; i < 2; ++i) {
      if (recent[i] != nullptr && recent_minute[i] == minute) counter = recent[i];
    }
    if (counter == nullptr) {
      auto it = minutes.lower_bound(minute);
      if (it == minutes.end() || it->first != minute) {
        if (minutes.size() < max_minutes) {
          it = minutes.emplace_hint(it, minute, Minute{});
        } else if (it == minutes.end()) {
          it = std::prev(it);
        }
      }
      counter = &it->second;
      if (it->first == minute) {
        recent[1] = recent[0];
        recent_minute[1] = recent_minute[0];
        recent[0] = counter;
        recent_minute[0] = minute;
      }
    }
    ++counter->count;
    counter->last_expiry = std::max(counter->last_expiry, expires);
  }

  // Counts the stored pairs again by expiry minute (after a pass dropped the dead ones).
  void recount() {
    minutes.clear();
    recent[0] = recent[1] = nullptr;
    if (used == 0) return;
    std::int64_t low = std::numeric_limits<std::int64_t>::max();
    std::int64_t high = std::numeric_limits<std::int64_t>::min();
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (slots[i].tag == 0) continue;
      const auto minute = minute_of(slots[i].expires);
      low = std::min(low, minute);
      high = std::max(high, minute);
    }
    if (high - low < (std::int64_t{1} << 20)) {
      // The usual case (the minutes of a day or so): a flat array, no lookups.
      std::vector<Minute> flat(static_cast<std::size_t>(high - low + 1));
      for (std::size_t i = 0; i < slots.size(); ++i) {
        if (slots[i].tag == 0) continue;
        auto& m = flat[static_cast<std::size_t>(minute_of(slots[i].expires) - low)];
        ++m.count;
        m.last_expiry = std::max(m.last_expiry, slots[i].expires);
      }
      for (std::size_t k = 0; k < flat.size(); ++k) {
        if (flat[k].count != 0) {
          minutes.emplace_hint(minutes.end(), low + static_cast<std::int64_t>(k), flat[k]);
        }
      }
    } else {
      for (std::size_t i = 0; i < slots.size(); ++i) {
        if (slots[i].tag == 0) continue;
        auto& m = minutes[minute_of(slots[i].expires)];
        ++m.count;
        m.last_expiry = std::max(m.last_expiry, slots[i].expires);
      }
    }
    if (minutes.size() > max_minutes) {
      // Merge runs of neighbouring minutes into the run's last one.
      const std::size_t run = (minutes.size() + max_minutes - 1) / max_minutes;
      std::map<std::int64_t, Minute> merged;
      Minute sum;
      std::size_t in_run = 0;
      for (auto it = minutes.begin(); it != minutes.end(); ++it) {
        sum.count += it->second.count;
        sum.last_expiry = std::max(sum.last_expiry, it->second.last_expiry);
        if (++in_run == run || std::next(it) == minutes.end()) {
          merged.emplace_hint(merged.end(), it->first, sum);
          sum = Minute{};
          in_run = 0;
        }
      }
      minutes = std::move(merged);
    }
  }

  // Drops every dead pair, in place: empties their slots, then moves each pair that an
  // emptied slot now separates from its home back along its probe sequence.
  void drop_dead() {
    // A slot empty before any is emptied: no probe sequence runs through it, so every pair
    // after it has its home after it (going round the table), not before.
    std::size_t start = 0;
    while (slots[start].tag != 0) ++start;
    std::size_t dropped = 0;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (slots[i].tag != 0 && is_dead(slots[i].expires)) {
        slots[i] = Slot{};
        ++dropped;
      }
    }
    used -= dropped;
    if (dropped != 0) {
      // In order from there, each pair not at its home is put back at the first empty slot
      // from its home, which is never past where it was; the sequences of the pairs already
      // met lie behind, and are only ever filled, never emptied, by what follows.
      for (std::size_t step = 1, i = slots.next(start); step < slots.size();
           ++step, i = slots.next(i)) {
        if (slots[i].tag == 0 || slots.home(slots[i].tag) == i) continue;
        const Slot moved = slots[i];
        slots[i] = Slot{};
        slots[slots.free_slot(moved.tag)] = moved;
      }
    }
    dead = 0;
    dead_spans.clear();
    recount();
    // A table much larger than what it holds (after a peak) is given back.
    const std::size_t smallest = std::min(max_slots, kFirstSlots);
    if (slots.size() > smallest && used * 16 < slots.size() * 3) {
      resize(std::max(smallest, used * 2));
    }
  }

  // Moves the live pairs to a table of `size` slots (the dead ones are dropped). False, and
  // nothing changed, if the system has no memory for it.
  bool resize(std::size_t size) {
    SlotArray bigger = SlotArray::allocate(size);
    if (bigger.empty()) return false;
    std::size_t kept = 0;
    for (std::size_t i = 0; i < slots.size(); ++i) {
      if (slots[i].tag == 0 || is_dead(slots[i].expires)) continue;
      bigger[bigger.free_slot(slots[i].tag)] = slots[i];
      ++kept;
    }
    slots = std::move(bigger);
    used = kept;
    dead = 0;
    dead_spans.clear();
    recount();
    return true;
  }

  std::size_t bytes() const { return slots.bytes() + minutes.size() * kCounterBytes; }
};

InMemoryReplayGuard::InMemoryReplayGuard(ReplayGuardSettings settings)
    : key_(settings.key ? *settings.key : random_sip_key()),
      max_bytes_(settings.max_bytes),
      log_(settings.log) {
  const std::size_t count = std::clamp<std::size_t>(settings.max_bytes / kMinShardBytes, 1,
                                                    std::max<std::size_t>(1, settings.shards));
  const std::size_t shard_bytes = settings.max_bytes / count;
  // 1/16 of a shard's bytes is for its expiry-minute counters (a day's minutes take 92 KiB).
  const std::size_t counter_bytes = shard_bytes / 16;
  const std::size_t max_slots =
      std::max<std::size_t>(kMinSlots, (shard_bytes - counter_bytes) / sizeof(Slot));
  const std::size_t max_entries =
      settings.max_entries == std::numeric_limits<std::size_t>::max()
          ? settings.max_entries
          : std::max<std::size_t>(1, (settings.max_entries + count - 1) / count);
  shards_.reserve(count);
  for (std::size_t i = 0; i < count; ++i) {
    auto shard = std::make_unique<Shard>();
    shard->max_slots = max_slots;
    shard->max_pairs = std::min(max_entries, max_slots * 3 / 4);
    shard->max_minutes = std::max<std::size_t>(1, counter_bytes / kCounterBytes);
    shard->slots = SlotArray::allocate(std::min(max_slots, kFirstSlots));
    if (shard->slots.empty()) throw std::bad_alloc();
    capacity_pairs_ += shard->max_pairs;
    shards_.push_back(std::move(shard));
  }
}

InMemoryReplayGuard::~InMemoryReplayGuard() = default;

InMemoryReplayGuard::Insert InMemoryReplayGuard::record(Shard& shard, std::uint64_t tag,
                                                        core::EpochMs now,
                                                        core::EpochMs expires_at) {
  shard.advance(now);
  // Mostly expired pairs are dropped at once (and a shard that held only those is emptied).
  if (shard.dead != 0 && shard.dead * 2 >= shard.used) shard.drop_dead();

  for (std::size_t i = shard.slots.home(tag); shard.slots[i].tag != 0; i = shard.slots.next(i)) {
    if (shard.slots[i].tag == tag && !shard.is_dead(shard.slots[i].expires)) return Insert::kReplay;
  }

  // The new pair must not fall in a dead span (it would count as forgotten).
  if (shard.in_dead_span(expires_at)) shard.drop_dead();
  if (shard.live() >= shard.max_pairs && shard.dead != 0) shard.drop_dead();
  if (shard.live() >= shard.max_pairs) return Insert::kFull;
  if (!fits(shard.used + 1, shard.slots.size())) {
    // Room: drop the dead pairs when they are worth a pass, else grow by half, else (at the
    // largest table) drop whatever is dead.
    if (shard.dead != 0 && shard.dead * 8 >= shard.used) shard.drop_dead();
    if (!fits(shard.used + 1, shard.slots.size())) {
      const std::size_t size = shard.slots.size();
      if (size < shard.max_slots) {
        shard.resize(std::min(shard.max_slots, std::max(size + size / 2, kMinSlots)));
      } else if (shard.dead != 0) {
        shard.drop_dead();
      }
    }
    if (!fits(shard.used + 1, shard.slots.size())) return Insert::kFull;
  }
  shard.slots[shard.slots.free_slot(tag)] = Slot{tag, expires_at};
  ++shard.used;
  shard.count(expires_at);
  return Insert::kDone;
}

ReplayCheck InMemoryReplayGuard::first_use(std::string_view scope, std::string_view token,
                                           core::EpochMs now, std::int64_t horizon_ms) {
  // The pair's keyed hash; its length prefix makes (scope, token) unambiguous.
  const SipHash128 hash =
      SipHasher(key_, true).update_u64(scope.size()).update(scope).update(token).finish128();
  Shard& shard = *shards_[static_cast<std::uint32_t>(hash.first) % shards_.size()];
  const std::uint64_t tag = hash.second != 0 ? hash.second : 1;
  const auto expires_at = add_saturating(now, std::max<std::int64_t>(horizon_ms, 0));

  Insert outcome;
  {
    const std::lock_guard lock(shard.mutex);
    const auto live_before = static_cast<std::int64_t>(shard.live());
    outcome = record(shard, tag, now, expires_at);
    const auto change = static_cast<std::int64_t>(shard.live()) - live_before;
    if (change != 0) live_pairs_.fetch_add(change, std::memory_order_relaxed);
  }
  report(outcome, now);
  switch (outcome) {
    case Insert::kDone:
      return ReplayCheck::kFirstUse;
    case Insert::kReplay:
      return ReplayCheck::kReplay;
    case Insert::kFull:
      break;
  }
  return ReplayCheck::kUnavailable;  // full: fail closed
}

// Outside any shard's lock (stats() takes each in turn).
void InMemoryReplayGuard::report(Insert outcome, core::EpochMs now) {
  const auto live = static_cast<double>(live_pairs_.load(std::memory_order_relaxed));
  const auto capacity = static_cast<double>(capacity_pairs_);
  if (outcome == Insert::kFull) {
    refused_full_.fetch_add(1, std::memory_order_relaxed);
    // Once a minute by the callers' clock while refusals last (and again if it stepped back).
    auto last = full_logged_at_.load();
    const bool due = last == kMinInstant || now < last || now - last >= kFullLogIntervalMs;
    if (due && full_logged_at_.compare_exchange_strong(last, now) && log_ != nullptr) {
      const auto s = stats();
      log_->error("replay guard full: new tokens are refused until remembered ones expire",
                  {{"pairs", static_cast<std::int64_t>(s.pairs)},
                   {"capacity_pairs", static_cast<std::int64_t>(s.capacity_pairs)},
                   {"bytes_used", static_cast<std::int64_t>(s.bytes_used)},
                   {"max_bytes", static_cast<std::int64_t>(s.max_bytes)},
                   {"refused", static_cast<std::int64_t>(s.refused_full)},
                   {"setting", std::string_view{"shared_state.memory.replay_max_bytes"}}});
    }
    return;
  }
  if (live >= 0.8 * capacity) {
    // A load first: above 80 % every call passes here, and the flag is shared by the threads.
    if (!warned_.load(std::memory_order_relaxed) && !warned_.exchange(true) && log_ != nullptr) {
      const auto s = stats();
      log_->warn("replay guard 80 % full",
                 {{"pairs", static_cast<std::int64_t>(s.pairs)},
                  {"capacity_pairs", static_cast<std::int64_t>(s.capacity_pairs)},
                  {"bytes_used", static_cast<std::int64_t>(s.bytes_used)},
                  {"max_bytes", static_cast<std::int64_t>(s.max_bytes)},
                  {"fill_ratio", s.fill_ratio},
                  {"setting", std::string_view{"shared_state.memory.replay_max_bytes"}}});
    }
  } else if (live < 0.75 * capacity && warned_.load(std::memory_order_relaxed)) {
    warned_.store(false);  // warn again when it comes back
  }
}

std::size_t InMemoryReplayGuard::size() const {
  std::size_t total = 0;
  for (const auto& shard : shards_) {
    const std::lock_guard lock(shard->mutex);
    total += shard->used;
  }
  return total;
}

void InMemoryReplayGuard::sweep(core::EpochMs now) {
  for (auto& shard : shards_) {
    const std::lock_guard lock(shard->mutex);
    const auto live_before = static_cast<std::int64_t>(shard->live());
    shard->advance(now);
    shard->drop_dead();
    live_pairs_.fetch_add(static_cast<std::int64_t>(shard->live()) - live_before,
                          std::memory_order_relaxed);
  }
}

ReplayGuardStats InMemoryReplayGuard::stats() const {
  ReplayGuardStats s;
  for (const auto& shard : shards_) {
    const std::lock_guard lock(shard->mutex);
    s.pairs += shard->live();
    s.stored += shard->used;
    s.bytes_used += shard->bytes();
  }
  s.capacity_pairs = capacity_pairs_;
  s.max_bytes = max_bytes_;
  s.fill_ratio = capacity_pairs_ == 0
                     ? 1.0
                     : static_cast<double>(s.pairs) / static_cast<double>(capacity_pairs_);
  s.refused_full = refused_full_.load(std::memory_order_relaxed);
  return s;
}

ReplayGuardStats InMemoryReplayGuard::stats(core::EpochMs now) {
  for (auto& shard : shards_) {
    const std::lock_guard lock(shard->mutex);
    if (now <= shard->now) continue;
    const auto live_before = static_cast<std::int64_t>(shard->live());
    shard->advance(now);
    live_pairs_.fetch_add(static_cast<std::int64_t>(shard->live()) - live_before,
                          std::memory_order_relaxed);
  }
  return stats();
}

std::uint64_t InMemoryReplayGuard::key_id() const {
  return SipHasher(key_, false).update("mediagate replay guard key id").finish64();
}

}  // namespace mediagate::auth
