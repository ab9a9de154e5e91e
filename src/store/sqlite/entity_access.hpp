// EntityStore over one SQLite connection: the shared SQL layer's EntityAccess (store/sql/) on
// SQLite's backend. SqliteStore's own reads reuse it and the pieces of its video query.
#pragma once

#include <string>
#include <vector>

#include "store/sql/entity_access.hpp"
#include "store/sql/rows.hpp"
#include "store/sqlite/backend.hpp"

namespace mediagate::store::sqlite {

// Constructed from (Connection&[, bulk_import_videos]), as Backend.
using ConnectionEntityStore = sql::EntityAccess<Backend>;

// The pieces of a get-by-uploader query SqliteStore's cached path shares with query_videos.
using sql::kVideoColumns;
using sql::video_of;
using sql::video_order;
inline std::string video_filter(const VideoQuery& query, std::vector<Param>& params) {
  return sql::video_filter<Backend>(query, params);
}

}  // namespace mediagate::store::sqlite

// Instantiated once, in entity_access.cpp.
extern template class mediagate::store::sql::EntityAccess<mediagate::store::sqlite::Backend>;
