// What iQiyi's endpoint reads from the store: a partner's MD5 key and one of its users.
// iqiyi_repository() gives the one a store keeps: SQL written once for both engines
// (iqiyi_queries.hpp), with the lookup cache in front where the store keeps one
// (caching_iqiyi_repository.hpp). A test puts a fake in its place (store::Repositories::put).
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "store/engine.hpp"
#include "vendors/iqiyi/iqiyi_model.hpp"

namespace mediagate::vendors::iqiyi {

class IqiyiRepository {
 public:
  virtual ~IqiyiRepository() = default;

  // The partner's MD5 key, if the partner exists.
  virtual store::StoreResult<std::optional<std::string>> find_md5_key(
      std::string_view partner_code) = 0;
  virtual store::StoreResult<std::optional<vendors::iqiyi::IqiyiUser>> find_user(
      std::string_view partner_code, std::string_view user_id, std::string_view area) = 0;
};

// The repository `engine` keeps for iQiyi, made on first use.
IqiyiRepository& iqiyi_repository(store::Engine& engine);

}  // namespace mediagate::vendors::iqiyi
