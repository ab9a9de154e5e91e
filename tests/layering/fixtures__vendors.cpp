#include "fixtures/fixture_document.hpp"  // its own layer: found

#include "vendors/fixture_format.hpp"  // the format's machinery names no module: not found
