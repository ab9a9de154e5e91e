#include "vendors/pumpkin/sql_pumpkin_repository.hpp"

#include "store/sql_access.hpp"
#include "vendors/pumpkin/pumpkin_queries.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

using store::ReadKind;
using store::StoreResult;

class SqlPumpkinRepository final : public PumpkinRepository {
 public:
  explicit SqlPumpkinRepository(store::Engine& engine) noexcept : engine_(engine) {}

  StoreResult<std::optional<PumpkinPartner>> find_partner(std::string_view pid) override {
    // A partner and its actions: two statements, one snapshot.
    return store::read_sql<std::optional<PumpkinPartner>>(
        engine_, ReadKind::kSnapshot, [&](auto& db) { return queries::find_partner(db, pid); });
  }

  StoreResult<std::vector<PumpkinMedia>> list_offline_media(core::EpochMs from,
                                                            core::EpochMs to) override {
    return store::read_sql<std::vector<PumpkinMedia>>(engine_, ReadKind::kStatement, [&](auto& db) {
      return queries::offline_media(db, from, to);
    });
  }

  StoreResult<std::vector<CatalogueItem>> list_catalogue(const CatalogueFilter& filter) override {
    // Media, seasons and parts: three statements, one snapshot.
    return store::read_sql<std::vector<CatalogueItem>>(
        engine_, ReadKind::kSnapshot, [&](auto& db) { return queries::catalogue(db, filter); });
  }

 private:
  store::Engine& engine_;
};

}  // namespace

std::unique_ptr<PumpkinRepository> make_sql_pumpkin_repository(store::Engine& engine) {
  return std::make_unique<SqlPumpkinRepository>(engine);
}

}  // namespace mediagate::vendors::pumpkin
