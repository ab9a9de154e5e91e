// One lookup answered from memory while the data stays the same: the rule every cache of
// store answers follows (the modules' caching repositories).
#pragma once

#include <utility>

#include "core/generation_cache.hpp"
#include "store/engine.hpp"

namespace mediagate::store {

// `load()`'s answer, from `cache` while `engine`'s data generation stays put. The generation is
// read before the data (see core/generation_cache.hpp); failures are not kept; an engine that
// tells no generation is asked every time.
template <class T, class Load>
StoreResult<T> cached_lookup(Engine& engine, core::GenerationCache<T>& cache,
                             const core::CacheKey& key, Load&& load) {
  const auto generation = engine.data_generation();
  if (!generation) return load();
  if (auto hit = cache.find(key.str(), *generation)) return std::move(*hit);
  auto loaded = load();
  if (loaded) cache.insert(key.str(), *generation, *loaded, 1);
  return loaded;
}

}  // namespace mediagate::store
