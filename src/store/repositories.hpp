// The repositories a store's modules made over it, one of each type, kept for the store's
// lifetime: a module asks for its repository with get_or_make(), which makes it on first use
// (and so may put a cache in front of it that lives as long as the store). A test puts its own
// in place first. Safe to use from several threads at once.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <shared_mutex>
#include <typeindex>
#include <utility>

namespace mediagate::store {

class Repositories {
 public:
  // The repository of type `R`; made by `make()` (a std::unique_ptr<R>) if there is none yet.
  template <class R, class Make>
  R& get_or_make(Make&& make) {
    {
      const std::shared_lock lock(mutex_);
      const auto it = made_.find(std::type_index(typeid(R)));
      if (it != made_.end()) return *static_cast<R*>(it->second.get());
    }
    const std::unique_lock lock(mutex_);
    auto [it, added] = made_.try_emplace(std::type_index(typeid(R)));
    if (added) it->second = std::shared_ptr<R>(make());
    return *static_cast<R*>(it->second.get());
  }

  // Puts `repository` in place of any repository of type `R` (tests: a fake).
  template <class R>
  void put(std::unique_ptr<R> repository) {
    const std::unique_lock lock(mutex_);
    made_[std::type_index(typeid(R))] = std::shared_ptr<R>(std::move(repository));
  }

 private:
  std::shared_mutex mutex_;
  std::map<std::type_index, std::shared_ptr<void>> made_;
};

}  // namespace mediagate::store
