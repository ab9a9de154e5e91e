#include "core/clock.hpp"  // its own layer: found

#include "http/router.hpp"  // core links nothing of ours: not found
