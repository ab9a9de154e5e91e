#include "endpoint/pipeline.hpp"  // its own layer: found

#include "admin/admin_api.hpp"  // the pipeline is below the operator API: not found
