// The series of one metric family whose label values are only known while serving (an HTTP
// route and status, a vendor's code): a fixed number of slots, each found by a 64-bit key
// that the caller packs exactly from its labels (never a hash, so two series never share a
// slot). Finding or adding a series is lock-free (a compare-and-swap claims an empty slot);
// the labels' text is built once, by the thread that adds the series. When every slot is
// taken, find_or_add answers nullptr and the caller counts the observation elsewhere
// (bounded memory, bounded label values).
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace mediagate::observe {

template <class Value>
class SeriesTable {
 public:
  explicit SeriesTable(std::size_t capacity)
      : capacity_(capacity), slots_(std::make_unique<Slot[]>(capacity)) {}

  // The value of series `key` (not 0), added with the labels `labels()` returns (a string
  // such as `a="x",b="y"`) when it is new; nullptr when the table is full.
  template <class Labels>
  Value* find_or_add(std::uint64_t key, Labels&& labels) {
    std::size_t at = static_cast<std::size_t>((key * 0x9E3779B97F4A7C15ULL) >> 32U) % capacity_;
    for (std::size_t probes = 0; probes < capacity_; ++probes, at = (at + 1) % capacity_) {
      Slot& slot = slots_[at];
      std::uint64_t seen = slot.key.load(std::memory_order_acquire);
      if (seen == 0 && slot.key.compare_exchange_strong(seen, key, std::memory_order_acq_rel)) {
        slot.labels = labels();
        slot.ready.store(true, std::memory_order_release);
        return &slot.value;
      }
      if (seen == key) return &slot.value;
    }
    return nullptr;
  }

  // Calls `visit(labels, value)` for every series whose labels are written.
  template <class Visit>
  void for_each(Visit&& visit) const {
    for (std::size_t i = 0; i < capacity_; ++i) {
      const Slot& slot = slots_[i];
      if (slot.ready.load(std::memory_order_acquire)) visit(slot.labels, slot.value);
    }
  }

 private:
  struct Slot {
    std::atomic<std::uint64_t> key{0};
    std::atomic<bool> ready{false};
    std::string labels;
    Value value{};
  };
  std::size_t capacity_;
  std::unique_ptr<Slot[]> slots_;
};

}  // namespace mediagate::observe
