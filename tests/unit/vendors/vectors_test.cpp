// Every vector of tests/data/vectors.json, reproduced by the signers.
#include <gtest/gtest.h>

#include <boost/json.hpp>
#include <string>

#include "support/signature_vectors.hpp"
#include "vendors/iqiyi/iqiyi_signer.hpp"
#include "vendors/polyv/polyv_live_signer.hpp"
#include "vendors/polyv/polyv_vod_signer.hpp"
#include "vendors/pumpkin/pumpkin_signer.hpp"

namespace mediagate::auth {
namespace {

// The five signers live in their vendors' modules.
using namespace vendors::iqiyi;    // NOLINT(google-build-using-namespace)
using namespace vendors::polyv;    // NOLINT(google-build-using-namespace)
using namespace vendors::pumpkin;  // NOLINT(google-build-using-namespace)

namespace json = boost::json;

std::string string_at(const json::object& vector, std::string_view name) {
  return std::string(vector.at(name).as_string());
}

// Checks one vector; returns whether it was of a known kind.
bool check_vector(std::string_view kind, const json::object& vector) {
  const auto params = testing::vector_params(vector);
  const auto secret = string_at(vector, "secret");
  const auto sign = string_at(vector, "sign");
  const auto expect_plain = [&](const SignatureTrace& trace) {
    if (const auto* plain = vector.if_contains("plain")) {
      EXPECT_EQ(trace.string_to_sign, plain->as_string());
    }
  };

  if (kind == "polyv_vod_sha1") {
    const auto trace = polyv_vod_sign(params, secret);
    EXPECT_EQ(trace.signature, sign);
    expect_plain(trace);
    EXPECT_TRUE(polyv_vod_verify(params, secret, sign));
    return true;
  }
  if (kind == "iqiyi_md5") {
    const auto trace = iqiyi_sign(params, secret);  // `callback`, when present, signed
    EXPECT_EQ(trace.signature, sign);
    expect_plain(trace);
    EXPECT_TRUE(iqiyi_verify(params, secret, sign));
    return true;
  }
  if (kind == "polyv_live_md5" || kind == "polyv_live_sha256") {
    const auto digest = polyv_digest_from_params(params);
    EXPECT_TRUE(digest.has_value());
    if (!digest) return true;
    EXPECT_EQ(*digest, kind == "polyv_live_sha256" ? PolyvDigest::kSha256 : PolyvDigest::kMd5);
    const auto trace = polyv_live_sign(params, secret, *digest);  // live and group alike
    EXPECT_EQ(trace.signature, sign);
    expect_plain(trace);
    EXPECT_TRUE(polyv_live_verify(params, secret, sign, *digest));
    return true;
  }
  if (kind == "pumpkin_hmac_sha1") {
    const auto method = string_at(vector, "method");
    const auto trace = pumpkin_sign(params, method, secret);
    EXPECT_EQ(trace.signature, sign);
    expect_plain(trace);
    EXPECT_TRUE(pumpkin_verify(params, method, secret, sign));
    return true;
  }
  return false;
}

TEST(Vectors, EverySignerReproducesEveryVector) {
  const auto vectors = testing::load_signature_vectors();
  int checked = 0;
  for (const auto& [kind, list] : vectors) {
    for (const auto& item : list.as_array()) {
      const auto& vector = item.as_object();
      SCOPED_TRACE(std::string(kind) + " " + json::serialize(vector.at("params")));
      EXPECT_TRUE(check_vector(kind, vector)) << "unknown vector kind " << kind;
      ++checked;
    }
  }
  EXPECT_EQ(checked, 16);
}

TEST(Vectors, GroupVectorsUseTheLiveSigner) {
  const auto vectors = testing::load_signature_vectors();
  int group = 0;
  for (const auto& item : vectors.at("polyv_live_md5").as_array()) {
    const auto& vector = item.as_object();
    const auto* endpoint = vector.if_contains("endpoint");
    if (endpoint == nullptr || endpoint->as_string() != "group") continue;
    EXPECT_EQ(
        polyv_live_sign(testing::vector_params(vector), string_at(vector, "secret")).signature,
        string_at(vector, "sign"));
    ++group;
  }
  EXPECT_EQ(group, 2);
}

TEST(Vectors, PumpkinDemoVectorsMatchTheServersSignedSet) {
  // P1 and P2 are the offline_sync scenario: the server's own signed set must give the same
  // signature even when the request carries extra parameters and no `action`.
  const auto vectors = testing::load_signature_vectors();
  int checked = 0;
  for (const auto& item : vectors.at("pumpkin_hmac_sha1").as_array()) {
    const auto& vector = item.as_object();
    auto request = testing::vector_params(vector);
    if (request.at("action") != "/media/offline_sync") continue;
    request.erase("action");
    request.emplace("mode", "full");
    request.emplace("sign", string_at(vector, "sign"));
    const auto signed_set = pumpkin_signed_set(request, "/media/offline_sync");
    EXPECT_TRUE(pumpkin_verify(signed_set, string_at(vector, "method"), string_at(vector, "secret"),
                               string_at(vector, "sign")));
    ++checked;
  }
  EXPECT_EQ(checked, 2);
}

}  // namespace
}  // namespace mediagate::auth
