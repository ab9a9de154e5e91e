#include "vendors/iqiyi/sql_iqiyi_repository.hpp"

#include "store/sql_access.hpp"
#include "vendors/iqiyi/iqiyi_queries.hpp"

namespace mediagate::vendors::iqiyi {
namespace {

using store::ReadKind;
using store::StoreResult;

class SqlIqiyiRepository final : public IqiyiRepository {
 public:
  explicit SqlIqiyiRepository(store::Engine& engine) noexcept : engine_(engine) {}

  StoreResult<std::optional<std::string>> find_md5_key(std::string_view partner_code) override {
    return store::read_sql<std::optional<std::string>>(
        engine_, ReadKind::kStatement,
        [&](auto& db) { return queries::md5_key(db, partner_code); });
  }

  StoreResult<std::optional<IqiyiUser>> find_user(std::string_view partner_code,
                                                  std::string_view user_id,
                                                  std::string_view area) override {
    return store::read_sql<std::optional<IqiyiUser>>(engine_, ReadKind::kStatement, [&](auto& db) {
      return queries::find_user(db, partner_code, user_id, area);
    });
  }

 private:
  store::Engine& engine_;
};

}  // namespace

std::unique_ptr<IqiyiRepository> make_sql_iqiyi_repository(store::Engine& engine) {
  return std::make_unique<SqlIqiyiRepository>(engine);
}

}  // namespace mediagate::vendors::iqiyi
