#include "auth/digest.hpp"

#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>
#include <optional>
#include <utility>

namespace mediagate::auth {
namespace {

using Bytes = std::array<unsigned char, EVP_MAX_MD_SIZE>;

// OpenSSL wants a valid pointer even for zero bytes.
const unsigned char* bytes_of(std::string_view text) {
  static constexpr unsigned char kNothing = 0;
  return text.empty() ? &kNothing : reinterpret_cast<const unsigned char*>(text.data());
}

std::string to_string(const Bytes& bytes, std::size_t size) {
  return {reinterpret_cast<const char*>(bytes.data()), size};
}

// Fetched once per process (explicit fetches avoid a provider look-up on every call).
const EVP_MD* fetched_md(const char* name) {
  return EVP_MD_fetch(nullptr, name, nullptr);
}

std::optional<std::string> try_digest(std::string_view data, const EVP_MD* md) {
  if (md == nullptr) return std::nullopt;
  Bytes out{};
  unsigned int size = 0;
  if (EVP_Digest(bytes_of(data), data.size(), out.data(), &size, md, nullptr) != 1) {
    return std::nullopt;
  }
  return to_string(out, size);
}

const EVP_MD* md5_md() {
  static const EVP_MD* const kMd = fetched_md("MD5");
  return kMd;
}
const EVP_MD* sha1_md() {
  static const EVP_MD* const kMd = fetched_md("SHA1");
  return kMd;
}
const EVP_MD* sha256_md() {
  static const EVP_MD* const kMd = fetched_md("SHA256");
  return kMd;
}

struct MacCtxFree {
  void operator()(EVP_MAC_CTX* ctx) const { EVP_MAC_CTX_free(ctx); }
};

std::optional<std::string> try_hmac_sha1(std::string_view key, std::string_view message) {
  static EVP_MAC* const kMac = EVP_MAC_fetch(nullptr, OSSL_MAC_NAME_HMAC, nullptr);
  if (kMac == nullptr) return std::nullopt;
  const std::unique_ptr<EVP_MAC_CTX, MacCtxFree> ctx(EVP_MAC_CTX_new(kMac));
  if (!ctx) return std::nullopt;
  char digest_name[] = "SHA1";
  const std::array<OSSL_PARAM, 2> params{
      OSSL_PARAM_construct_utf8_string(OSSL_MAC_PARAM_DIGEST, digest_name, 0),
      OSSL_PARAM_construct_end()};
  Bytes out{};
  std::size_t size = 0;
  if (EVP_MAC_init(ctx.get(), bytes_of(key), key.size(), params.data()) != 1 ||
      EVP_MAC_update(ctx.get(), bytes_of(message), message.size()) != 1 ||
      EVP_MAC_final(ctx.get(), out.data(), &size, out.size()) != 1) {
    return std::nullopt;
  }
  return to_string(out, size);
}

std::string or_stop(std::optional<std::string> result, const char* algorithm) {
  if (!result) {
    std::fprintf(stderr, "mediagate: OpenSSL cannot compute %s; stopping\n", algorithm);
    std::abort();
  }
  return std::move(*result);
}

std::string hex(std::string_view bytes, const char* digits) {
  std::string out;
  out.reserve(bytes.size() * 2);
  for (const char ch : bytes) {
    const auto byte = static_cast<unsigned char>(ch);
    out.push_back(digits[byte >> 4U]);
    out.push_back(digits[byte & 0x0FU]);
  }
  return out;
}

}  // namespace

std::string md5(std::string_view data) {
  return or_stop(try_digest(data, md5_md()), "MD5");
}
std::string sha1(std::string_view data) {
  return or_stop(try_digest(data, sha1_md()), "SHA-1");
}
std::string sha256(std::string_view data) {
  return or_stop(try_digest(data, sha256_md()), "SHA-256");
}
std::string hmac_sha1(std::string_view key, std::string_view message) {
  return or_stop(try_hmac_sha1(key, message), "HMAC-SHA1");
}

std::string hex_upper(std::string_view bytes) {
  return hex(bytes, "0123456789ABCDEF");
}
std::string hex_lower(std::string_view bytes) {
  return hex(bytes, "0123456789abcdef");
}

std::string base64_encode(std::string_view bytes) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  out.reserve((bytes.size() + 2) / 3 * 4);
  std::size_t i = 0;
  const auto at = [&](std::size_t k) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k]));
  };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = (at(i) << 16U) | (at(i + 1) << 8U) | at(i + 2);
    out.push_back(kAlphabet[(group >> 18U) & 0x3FU]);
    out.push_back(kAlphabet[(group >> 12U) & 0x3FU]);
    out.push_back(kAlphabet[(group >> 6U) & 0x3FU]);
    out.push_back(kAlphabet[group & 0x3FU]);
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t group = at(i) << 16U;
    if (rest == 2) group |= at(i + 1) << 8U;
    out.push_back(kAlphabet[(group >> 18U) & 0x3FU]);
    out.push_back(kAlphabet[(group >> 12U) & 0x3FU]);
    out.push_back(rest == 2 ? kAlphabet[(group >> 6U) & 0x3FU] : '=');
    out.push_back('=');
  }
  return out;
}

bool digests_available() {
  const auto md5_abc = try_digest("abc", md5_md());
  const auto sha1_abc = try_digest("abc", sha1_md());
  const auto sha256_abc = try_digest("abc", sha256_md());
  const auto hmac = try_hmac_sha1("Jefe", "what do ya want for nothing?");  // RFC 2202 case 2
  return md5_abc && hex_lower(*md5_abc) == "900150983cd24fb0d6963f7d28e17f72" && sha1_abc &&
         hex_lower(*sha1_abc) == "a9993e364706816aba3e25717850c26c9cd0d89d" && sha256_abc &&
         hex_lower(*sha256_abc) ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" &&
         hmac && hex_lower(*hmac) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79";
}

}  // namespace mediagate::auth
