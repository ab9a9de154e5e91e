// What Pumpkin's endpoints read from the store: a partner with the actions it may call, the
// media taken offline in a window, and the catalogue. pumpkin_repository() gives the one a store
// keeps: SQL written once for both engines (pumpkin_queries.hpp), with the lookup cache in front
// where the store keeps one (caching_pumpkin_repository.hpp). A test puts a fake in its place
// (store::Repositories::put).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "store/engine.hpp"
#include "vendors/pumpkin/pumpkin_catalogue.hpp"
#include "vendors/pumpkin/pumpkin_model.hpp"

namespace mediagate::vendors::pumpkin {

class PumpkinRepository {
 public:
  virtual ~PumpkinRepository() = default;

  // The partner with its actions (ordered), if it exists.
  virtual store::StoreResult<std::optional<vendors::pumpkin::PumpkinPartner>> find_partner(
      std::string_view pid) = 0;
  // Media with from <= delete_time < to, ordered by delete_time then movie_id.
  virtual store::StoreResult<std::vector<vendors::pumpkin::PumpkinMedia>> list_offline_media(
      core::EpochMs from, core::EpochMs to) = 0;
  // The catalogue the filter keeps, ordered by movie_id, each media with its details, seasons
  // and parts. Not pure, so that a test fake needs only the calls its test makes.
  virtual store::StoreResult<std::vector<CatalogueItem>> list_catalogue(
      const CatalogueFilter& filter);
};

// The repository `engine` keeps for Pumpkin, made on first use.
PumpkinRepository& pumpkin_repository(store::Engine& engine);

}  // namespace mediagate::vendors::pumpkin
