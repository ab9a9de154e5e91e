// Randomised properties shared by every signer: order-insensitive, verify(sign(x)) holds, and
// changing any signed value changes the signature.
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <functional>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "auth/query_then_secret.hpp"
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

using Pairs = std::vector<std::pair<std::string, std::string>>;

// ASCII letters and digits, reserved and special characters, and multi-byte UTF-8.
const std::array<std::string, 24> kPieces = {"a",        "Z",
                                             "0",        "_",
                                             "-",        ".",
                                             "~",        " ",
                                             "&",        "=",
                                             "+",        "%",
                                             "/",        "?",
                                             "#",        "*",
                                             ":",        ",",
                                             "'",        "\xE4\xB8\xAD",
                                             "\xC3\xA9", "\xF0\x9F\x98\x80",
                                             "%2F",      "="};

std::string random_text(std::mt19937& rng, int min_pieces, int max_pieces) {
  std::uniform_int_distribution<int> length(min_pieces, max_pieces);
  std::uniform_int_distribution<std::size_t> piece(0, kPieces.size() - 1);
  std::string text;
  for (int i = length(rng); i > 0; --i) text += kPieces[piece(rng)];
  return text;
}

Pairs random_pairs(std::mt19937& rng) {
  std::uniform_int_distribution<int> count(1, 8);
  Pairs pairs;
  for (int i = count(rng); i > 0; --i) {
    std::string name = random_text(rng, 1, 4);
    if (name == kSignParam || name == kCallbackParam) continue;
    if (std::any_of(pairs.begin(), pairs.end(), [&](const auto& p) { return p.first == name; })) {
      continue;
    }
    pairs.emplace_back(std::move(name), random_text(rng, 0, 6));
  }
  return pairs;
}

core::ParamMap to_map(const Pairs& pairs) {
  core::ParamMap map;
  for (const auto& [name, value] : pairs) map.emplace(name, value);
  return map;
}

struct Scheme {
  const char* name;
  std::function<std::string(const core::ParamMap&, std::string_view)> sign;
  std::function<bool(const core::ParamMap&, std::string_view, std::string_view)> verify;
};

std::vector<Scheme> schemes() {
  return {
      {"polyv_vod", [](const auto& p, auto s) { return polyv_vod_sign(p, s).signature; },
       [](const auto& p, auto s, auto r) { return polyv_vod_verify(p, s, r); }},
      {"polyv_live_md5", [](const auto& p, auto s) { return polyv_live_sign(p, s).signature; },
       [](const auto& p, auto s, auto r) { return polyv_live_verify(p, s, r); }},
      {"polyv_live_sha256",
       [](const auto& p, auto s) { return polyv_live_sign(p, s, PolyvDigest::kSha256).signature; },
       [](const auto& p, auto s, auto r) {
         return polyv_live_verify(p, s, r, PolyvDigest::kSha256);
       }},
      {"iqiyi", [](const auto& p, auto s) { return iqiyi_sign(p, s).signature; },
       [](const auto& p, auto s, auto r) { return iqiyi_verify(p, s, r); }},
      {"pumpkin", [](const auto& p, auto s) { return pumpkin_sign(p, "GET", s).signature; },
       [](const auto& p, auto s, auto r) { return pumpkin_verify(p, "GET", s, r); }},
  };
}

TEST(SignerProperties, OrderInsensitiveVerifiableAndValueSensitive) {
  std::mt19937 rng(20240517);
  const auto all = schemes();
  for (int round = 0; round < 300; ++round) {
    auto pairs = random_pairs(rng);
    const std::string secret = random_text(rng, 1, 6);
    const auto map = to_map(pairs);
    std::shuffle(pairs.begin(), pairs.end(), rng);
    const auto shuffled = to_map(pairs);

    for (const auto& scheme : all) {
      SCOPED_TRACE(std::string(scheme.name) + " round " + std::to_string(round));
      const auto signature = scheme.sign(map, secret);
      ASSERT_FALSE(signature.empty());
      EXPECT_EQ(scheme.sign(shuffled, secret), signature);
      EXPECT_TRUE(scheme.verify(map, secret, signature));
      EXPECT_TRUE(scheme.verify(shuffled, secret, signature));

      // Polyv's default form does not sign blank values, so only changes to a non-blank value
      // are visible to it; every change below leaves a non-empty value that differs from the
      // original (one that is only spaces is skipped for Polyv: its forms C and D sign it).
      for (const auto& [name, value] : map) {
        auto changed = map;
        changed[name] = value + random_text(rng, 1, 2);
        if (std::string_view(scheme.name).starts_with("polyv_live") && polyv_blank(changed[name])) {
          continue;
        }
        EXPECT_NE(scheme.sign(changed, secret), signature) << "value of " << name;
        EXPECT_FALSE(scheme.verify(changed, secret, signature));
        if (!value.empty()) {
          std::string same_length = value;
          same_length.back() = same_length.back() == 'a' ? 'b' : 'a';
          changed[name] = same_length;
          EXPECT_NE(scheme.sign(changed, secret), signature) << "value of " << name;
        }
      }
      EXPECT_FALSE(scheme.verify(map, secret + "x", signature));
    }
  }
}

// The verifiers build their string to sign alone (query_then_secret_text) rather than the whole
// trace: on random parameters (empty values, `sign` and `callback` among them) the text is the
// trace's string_to_sign, and the signatures they accept are exactly the traces' signatures.
TEST(SignerProperties, StringToSignAloneIsTheTracesOne) {
  std::mt19937 rng(20261207);
  for (int round = 0; round < 500; ++round) {
    auto map = to_map(random_pairs(rng));
    if (round % 3 == 0) map.insert_or_assign(std::string(kSignParam), random_text(rng, 0, 3));
    if (round % 4 == 0) map.insert_or_assign(std::string(kCallbackParam), random_text(rng, 0, 3));
    if (round % 5 == 0) map.insert_or_assign(random_text(rng, 1, 2), "");
    const std::string secret = random_text(rng, 0, 6);
    SCOPED_TRACE("round " + std::to_string(round));
    const auto every = [](std::string_view, std::string_view) { return true; };
    const auto non_empty = [](std::string_view, std::string_view value) { return !value.empty(); };
    EXPECT_EQ(query_then_secret_text(map, secret, every),
              query_then_secret(map, secret, every).string_to_sign);
    EXPECT_EQ(query_then_secret_text(map, secret, non_empty),
              query_then_secret(map, secret, non_empty).string_to_sign);

    const auto vod = polyv_vod_sign(map, secret).signature;
    EXPECT_EQ(polyv_vod_signature(map, secret), vod);
    EXPECT_TRUE(polyv_vod_verify(map, secret, vod));
    EXPECT_FALSE(polyv_vod_verify(map, secret, polyv_vod_sign(map, secret + "x").signature));

    const auto with_callback = iqiyi_sign(map, secret, IqiyiCallback::kSigned).signature;
    const auto without_callback = iqiyi_sign(map, secret, IqiyiCallback::kExcluded).signature;
    EXPECT_TRUE(iqiyi_verify(map, secret, with_callback));
    EXPECT_TRUE(iqiyi_verify(map, secret, without_callback));
    EXPECT_FALSE(iqiyi_verify(map, secret, iqiyi_sign(map, secret + "x").signature));
  }
}

// polyv_live_verify builds one canonical string when the four forms must coincide (no blank
// value, no signatureMethod) and each form's otherwise: on random parameters with and without
// those, it accepts exactly the four forms' signatures.
TEST(SignerProperties, PolyvLiveAcceptsEveryFormsSignatureAndNoOther) {
  std::mt19937 rng(1207);
  for (int round = 0; round < 400; ++round) {
    auto map = to_map(random_pairs(rng));
    if (round % 3 == 0) map.insert_or_assign(std::string(kSignatureMethodParam), "SHA256");
    if (round % 4 == 0) map.insert_or_assign(random_text(rng, 1, 2), round % 8 == 0 ? "" : " ");
    if (round % 5 == 0) map.insert_or_assign(std::string(kSignParam), "");
    const std::string secret = random_text(rng, 1, 6);
    SCOPED_TRACE("round " + std::to_string(round));
    for (const auto digest : {PolyvDigest::kMd5, PolyvDigest::kSha256}) {
      for (const auto form : kPolyvSignForms) {
        const auto signature = polyv_live_sign(map, secret, digest, form).signature;
        EXPECT_TRUE(polyv_live_verify(map, secret, signature, digest));
        EXPECT_TRUE(polyv_live_verify_form(map, secret, signature, digest, form));
        EXPECT_FALSE(polyv_live_verify(map, secret + "x", signature, digest));
      }
    }
  }
}

}  // namespace
}  // namespace mediagate::auth
