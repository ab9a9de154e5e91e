#include "core/clock.hpp"  // its own layer: found

#include "store/store.hpp"  // the store is above http: not found
