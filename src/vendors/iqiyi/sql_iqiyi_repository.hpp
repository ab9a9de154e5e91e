// IqiyiRepository over a store's SQL engine (iqiyi_queries.hpp, on either backend).
#pragma once

#include "vendors/iqiyi/iqiyi_repository.hpp"

namespace mediagate::vendors::iqiyi {

class SqlIqiyiRepository final : public IqiyiRepository {
 public:
  explicit SqlIqiyiRepository(store::Engine& engine) noexcept : engine_(engine) {}

  store::StoreResult<std::optional<std::string>> find_md5_key(
      std::string_view partner_code) override;
  store::StoreResult<std::optional<vendors::iqiyi::IqiyiUser>> find_user(
      std::string_view partner_code, std::string_view user_id, std::string_view area) override;

 private:
  store::Engine& engine_;
};

}  // namespace mediagate::vendors::iqiyi
