#include "vendors/iqiyi/caching_iqiyi_repository.hpp"

#include <utility>

#include "store/cached_lookup.hpp"

namespace mediagate::vendors::iqiyi {

CachingIqiyiRepository::CachingIqiyiRepository(std::unique_ptr<IqiyiRepository> inner,
                                               store::Engine& engine, std::size_t max_entries)
    : inner_(std::move(inner)),
      engine_(engine),
      keys_({.max_entries = max_entries, .max_bytes = 0}),
      users_({.max_entries = max_entries, .max_bytes = 0}) {}

store::StoreResult<std::optional<std::string>> CachingIqiyiRepository::find_md5_key(
    std::string_view partner_code) {
  return store::cached_lookup(engine_, keys_, core::CacheKey("").add(partner_code),
                              [&] { return inner_->find_md5_key(partner_code); });
}

store::StoreResult<std::optional<vendors::iqiyi::IqiyiUser>> CachingIqiyiRepository::find_user(
    std::string_view partner_code, std::string_view user_id, std::string_view area) {
  return store::cached_lookup(engine_, users_,
                              core::CacheKey("").add(partner_code).add(user_id).add(area),
                              [&] { return inner_->find_user(partner_code, user_id, area); });
}

}  // namespace mediagate::vendors::iqiyi
