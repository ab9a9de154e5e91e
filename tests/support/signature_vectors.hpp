// tests/data/vectors.json, the signature vectors every signer, the SDK and the CLI are checked
// against: {"<kind>": [{"params": {...}, "secret": "...", ...}, ...], ...}.
// Header-only, so that unit and integration tests can both use it.
#pragma once

#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <fstream>
#include <sstream>
#include <string>

#include "core/params.hpp"

namespace mediagate::testing {

// The whole file; a test fails (and this throws on the empty text) when it cannot be read.
inline boost::json::object load_signature_vectors() {
  const std::string path = std::string(MEDIAGATE_SOURCE_DIR) + "/tests/data/vectors.json";
  std::ifstream in(path, std::ios::binary);
  EXPECT_TRUE(in) << "cannot open " << path;
  std::stringstream text;
  text << in.rdbuf();
  return boost::json::parse(text.str()).as_object();
}

// A vector's "params" as the signers take them.
inline core::ParamMap vector_params(const boost::json::object& vector) {
  core::ParamMap params;
  for (const auto& [name, value] : vector.at("params").as_object()) {
    params.emplace(std::string(name), std::string(value.as_string()));
  }
  return params;
}

}  // namespace mediagate::testing
