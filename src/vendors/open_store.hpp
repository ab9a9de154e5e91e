// The store with every module's tables: the one list of the modules' schemas, and the
// open_store() that hands it to the engine. What the server, the commands and the tests open.
#pragma once

#include <memory>
#include <span>
#include <string_view>

#include "store/module_schema.hpp"
#include "store/store.hpp"

namespace mediagate::vendors {

// Every module's schema, in the order their migrations are applied.
std::span<const store::ModuleSchema> module_schemas();

// store::open_store over module_schemas().
store::StoreResult<std::unique_ptr<store::Store>> open_store(
    std::string_view url, const store::StoreOptions& options = {});

}  // namespace mediagate::vendors
