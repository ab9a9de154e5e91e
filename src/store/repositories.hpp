// The repositories a store's modules made over it, one of each type, kept for the store's
// lifetime: a module asks for its repository with get_or_make(), which makes it on first use
// (and so may put a cache in front of it that lives as long as the store). A test puts its own
// in place first. Safe to use from several threads at once.
//
// Asked on every request (a handler's lookups), so a repository once made is found by an index
// given to each repository type on its first use and read without a lock (as
// core::ModuleSettings finds a section); making one, putting one, and types past the first
// kSlots take the mutex.
#pragma once

#include <array>
#include <atomic>
#include <cstddef>
#include <map>
#include <memory>
#include <mutex>
#include <typeindex>
#include <utility>

namespace mediagate::store {

class Repositories {
 public:
  // The repository of type `R`; made by `make()` (a std::unique_ptr<R>) if there is none yet.
  template <class R, class Make>
  R& get_or_make(Make&& make) {
    const std::size_t slot = slot_of<R>();
    if (slot < kSlots) {
      if (void* made = slots_[slot].load(std::memory_order_acquire)) return *static_cast<R*>(made);
    }
    const std::lock_guard lock(mutex_);
    auto [it, added] = made_.try_emplace(std::type_index(typeid(R)));
    if (added) {
      it->second = std::shared_ptr<R>(make());
      publish(slot, it->second.get());
    }
    return *static_cast<R*>(it->second.get());
  }

  // Puts `repository` in place of any repository of type `R` (tests: a fake).
  template <class R>
  void put(std::unique_ptr<R> repository) {
    const std::lock_guard lock(mutex_);
    auto& held = made_[std::type_index(typeid(R))];
    held = std::shared_ptr<R>(std::move(repository));
    publish(slot_of<R>(), held.get());
  }

 private:
  static constexpr std::size_t kSlots = 16;

  // Each repository type's place, given on its first use: the same in every Repositories of
  // the process.
  static std::size_t next_slot() {
    static std::atomic<std::size_t> next{0};
    return next.fetch_add(1);
  }
  template <class R>
  static std::size_t slot_of() {
    static const std::size_t slot = next_slot();
    return slot;
  }

  // With mutex_ held.
  void publish(std::size_t slot, void* repository) {
    if (slot < kSlots) slots_[slot].store(repository, std::memory_order_release);
  }

  std::mutex mutex_;
  std::map<std::type_index, std::shared_ptr<void>> made_;  // owns them; guarded by mutex_
  std::array<std::atomic<void*>, kSlots> slots_{};         // made_'s, by slot
};

}  // namespace mediagate::store
