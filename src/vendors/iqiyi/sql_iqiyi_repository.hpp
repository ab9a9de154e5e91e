// IqiyiRepository over a store's SQL engine (iqiyi_queries.hpp, on either backend). The class
// is private to its .cpp: each query is written once, with its body, and callers (the
// repository index, tests) hold it as an IqiyiRepository.
#pragma once

#include <memory>

#include "vendors/iqiyi/iqiyi_repository.hpp"

namespace mediagate::vendors::iqiyi {

std::unique_ptr<IqiyiRepository> make_sql_iqiyi_repository(store::Engine& engine);

}  // namespace mediagate::vendors::iqiyi
