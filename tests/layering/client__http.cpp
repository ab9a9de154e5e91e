#include "client/base_url.hpp"  // its own layer: found

#include "http/server.hpp"  // the SDK never links the server: not found
