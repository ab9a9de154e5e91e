// PolyvRepository over a store's SQL engine (polyv_queries.hpp, on either backend). The pages
// of videos and allocations use the backend's lists of ordered ids where it keeps them
// (SQLite's rank cache). The class is private to its .cpp: each query is written once, with
// its body, and callers (the repository index, tests) hold it as a PolyvRepository.
#pragma once

#include <memory>

#include "vendors/polyv/polyv_repository.hpp"

namespace mediagate::vendors::polyv {

std::unique_ptr<PolyvRepository> make_sql_polyv_repository(store::Engine& engine);

}  // namespace mediagate::vendors::polyv
