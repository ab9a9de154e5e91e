// The tests' own signing rules (support/vendor_rules) against every published vector, so
// that the integration tests' signatures are proven independently of the server's signers.
#include "support/vendor_rules.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "support/signature_vectors.hpp"

namespace mediagate::testing {
namespace {

Params params_of(const boost::json::value& vector) {
  Params params;
  for (const auto& [name, value] : vector.at("params").as_object()) {
    params[std::string(name)] = std::string(value.as_string());
  }
  return params;
}

std::string str(const boost::json::value& v, const char* key) {
  return std::string(v.at(key).as_string());
}

TEST(VendorRules, ReproduceEveryVector) {
  const auto all = load_signature_vectors();
  int checked = 0;
  for (const auto& v : all.at("polyv_vod_sha1").as_array()) {
    EXPECT_EQ(polyv_vod_sign(params_of(v), str(v, "secret")), str(v, "sign"));
    ++checked;
  }
  for (const auto& v : all.at("iqiyi_md5").as_array()) {
    EXPECT_EQ(iqiyi_sign(params_of(v), str(v, "secret")), str(v, "sign"));
    ++checked;
  }
  for (const auto& v : all.at("polyv_live_md5").as_array()) {
    EXPECT_EQ(polyv_live_sign(params_of(v), str(v, "secret")), str(v, "sign"));
    ++checked;
  }
  for (const auto& v : all.at("polyv_live_sha256").as_array()) {
    EXPECT_EQ(polyv_live_sign(params_of(v), str(v, "secret"), true), str(v, "sign"));
    ++checked;
  }
  for (const auto& v : all.at("pumpkin_hmac_sha1").as_array()) {
    EXPECT_EQ(pumpkin_sign(str(v, "method"), params_of(v), str(v, "secret")), str(v, "sign"));
    ++checked;
  }
  EXPECT_EQ(checked, 16);
}

}  // namespace
}  // namespace mediagate::testing
