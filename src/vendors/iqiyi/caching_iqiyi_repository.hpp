// An IqiyiRepository in front of another that answers from memory while the engine's data
// generation stays the same (store/cached_lookup.hpp): partner keys and users. An engine that
// tells no generation is passed through.
#pragma once

#include <cstddef>
#include <memory>

#include "core/generation_cache.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"

namespace mediagate::vendors::iqiyi {

class CachingIqiyiRepository final : public IqiyiRepository {
 public:
  // Keeps at most `max_entries` answers of each lookup.
  CachingIqiyiRepository(std::unique_ptr<IqiyiRepository> inner, store::Engine& engine,
                         std::size_t max_entries);

  store::StoreResult<std::optional<std::string>> find_md5_key(
      std::string_view partner_code) override;
  store::StoreResult<std::optional<vendors::iqiyi::IqiyiUser>> find_user(
      std::string_view partner_code, std::string_view user_id, std::string_view area) override;

 private:
  std::unique_ptr<IqiyiRepository> inner_;
  store::Engine& engine_;
  core::GenerationCache<std::optional<std::string>> keys_;
  core::GenerationCache<std::optional<vendors::iqiyi::IqiyiUser>> users_;
};

}  // namespace mediagate::vendors::iqiyi
