// Polyv's tables, as the migrations the store engine applies (store/module_schema.hpp). Append a
// step to change them; never edit one that has shipped.
#pragma once

#include "store/module_schema.hpp"

namespace mediagate::vendors::polyv {

store::ModuleSchema polyv_schema();

}  // namespace mediagate::vendors::polyv
