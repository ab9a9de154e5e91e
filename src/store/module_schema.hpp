// A module's tables, as the migrations that make them: what a vendor module hands the store
// engine (vendors/<v>/<v>_schema.cpp), which applies them without knowing whose they are.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

namespace mediagate::store {

// One migration of a module: a script per dialect that make the same tables, keys and indexes.
// Append a step to change a module's tables; never edit one that has shipped.
struct SchemaStep {
  std::int64_t version;         // strictly increasing through the module's steps, from 1
  std::string_view sqlite;      // a script of one or more statements
  std::string_view postgres;    // the same, in PostgreSQL's dialect
  std::int64_t global_version;  // the version of the one global list this step was part of
                                // before modules owned their tables (1..3); 0 for a later step
  // Statements both dialects run as written (indexes), after the dialect's script, in the same
  // transaction: stated once, so the two scripts cannot drift apart on them.
  std::string_view both = {};
};

// A module's name (its key in the migration ledger: never renamed) and its steps.
struct ModuleSchema {
  std::string_view module;
  std::span<const SchemaStep> steps;
};

}  // namespace mediagate::store
