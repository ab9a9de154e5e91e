#include "store/engine.hpp"  // its own layer: found

#include "vendors/modules.hpp"  // the store knows no vendor: not found
