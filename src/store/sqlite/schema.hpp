// The SQLite schema of mediagate, as migrations. Append a migration to change it; never edit
// one that has shipped.
#pragma once

#include <span>

#include "store/sqlite/migrations.hpp"

namespace mediagate::store::sqlite {

std::span<const Migration> schema_migrations();

}  // namespace mediagate::store::sqlite
