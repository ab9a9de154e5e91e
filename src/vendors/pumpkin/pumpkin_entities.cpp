#include "vendors/pumpkin/pumpkin_entities.hpp"

#include "store/sql_access.hpp"
#include "vendors/pumpkin/pumpkin_queries.hpp"

namespace mediagate::vendors::pumpkin {

using store::StoreResult;

StoreResult<store::Page<vendors::pumpkin::PumpkinPartner>> PumpkinEntities::list_partners(
    store::Range range) {
  return store::in_transaction<store::Page<vendors::pumpkin::PumpkinPartner>>(
      entities_, [&](auto& db) { return queries::partners(db, range); });
}

StoreResult<std::optional<vendors::pumpkin::PumpkinPartner>> PumpkinEntities::find_partner(
    std::string_view pid) {
  return store::in_transaction<std::optional<vendors::pumpkin::PumpkinPartner>>(
      entities_, [&](auto& db) { return queries::find_partner(db, pid); });
}

StoreResult<store::Page<vendors::pumpkin::PumpkinMedia>> PumpkinEntities::list_media(
    store::Range range) {
  return store::in_transaction<store::Page<vendors::pumpkin::PumpkinMedia>>(
      entities_, [&](auto& db) { return queries::media(db, range); });
}

StoreResult<std::optional<vendors::pumpkin::PumpkinMedia>> PumpkinEntities::find_media(
    std::int64_t movie_id) {
  return store::in_transaction<std::optional<vendors::pumpkin::PumpkinMedia>>(
      entities_, [&](auto& db) { return queries::find_media(db, movie_id); });
}

StoreResult<std::optional<vendors::pumpkin::PumpkinMediaDetails>> PumpkinEntities::find_details(
    std::int64_t movie_id) {
  return store::in_transaction<std::optional<vendors::pumpkin::PumpkinMediaDetails>>(
      entities_, [&](auto& db) { return queries::find_details(db, movie_id); });
}

}  // namespace mediagate::vendors::pumpkin
