// PumpkinRepository over a store's SQL engine (pumpkin_queries.hpp, on either backend). The
// class is private to its .cpp: each query is written once, with its body, and callers (the
// repository index, tests) hold it as a PumpkinRepository.
#pragma once

#include <memory>

#include "vendors/pumpkin/pumpkin_repository.hpp"

namespace mediagate::vendors::pumpkin {

std::unique_ptr<PumpkinRepository> make_sql_pumpkin_repository(store::Engine& engine);

}  // namespace mediagate::vendors::pumpkin
