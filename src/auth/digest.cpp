#include "auth/digest.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
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

struct MdCtxFree {
  void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
};

// HMAC-SHA1 as RFC 2104 defines it, over the SHA-1 fetched once: H((K0 ^ opad) || H((K0 ^ ipad)
// || message)). OpenSSL's EVP_MAC looked the digest up by name and built a MAC context on every
// call, which cost twice the hashing itself (docs/benchmarks.md, session 13). The key's
// derivatives are cleansed before returning.
std::optional<std::string> try_hmac_sha1(std::string_view key, std::string_view message) {
  constexpr std::size_t kBlockSize = 64;  // SHA-1's block
  const EVP_MD* md = sha1_md();
  if (md == nullptr) return std::nullopt;
  const std::unique_ptr<EVP_MD_CTX, MdCtxFree> ctx(EVP_MD_CTX_new());
  if (!ctx) return std::nullopt;
  std::array<unsigned char, kBlockSize> key_block{};  // K0: the key, or its hash, zero-padded
  std::array<unsigned char, kBlockSize> padded{};
  Bytes inner{};
  Bytes out{};
  unsigned int inner_size = 0;
  unsigned int out_size = 0;
  bool ok = true;
  if (key.size() > kBlockSize) {
    unsigned int hashed = 0;
    ok = EVP_Digest(bytes_of(key), key.size(), key_block.data(), &hashed, md, nullptr) == 1;
  } else if (!key.empty()) {
    std::memcpy(key_block.data(), key.data(), key.size());
  }
  const auto hash_with = [&](unsigned char pad, const unsigned char* data, std::size_t size,
                             unsigned char* digest, unsigned int* digest_size) {
    for (std::size_t i = 0; i < kBlockSize; ++i) {
      padded[i] = static_cast<unsigned char>(key_block[i] ^ pad);
    }
    return EVP_DigestInit_ex2(ctx.get(), md, nullptr) == 1 &&
           EVP_DigestUpdate(ctx.get(), padded.data(), padded.size()) == 1 &&
           EVP_DigestUpdate(ctx.get(), data, size) == 1 &&
           EVP_DigestFinal_ex(ctx.get(), digest, digest_size) == 1;
  };
  ok = ok && hash_with(0x36, bytes_of(message), message.size(), inner.data(), &inner_size);
  ok = ok && hash_with(0x5c, inner.data(), inner_size, out.data(), &out_size);
  OPENSSL_cleanse(key_block.data(), key_block.size());
  OPENSSL_cleanse(padded.data(), padded.size());
  OPENSSL_cleanse(inner.data(), inner.size());
  if (!ok) return std::nullopt;
  return to_string(out, out_size);
}

std::string or_stop(std::optional<std::string> result, const char* algorithm) {
  if (!result) {
    std::fprintf(stderr, "mediagate: OpenSSL cannot compute %s; stopping\n", algorithm);
    std::abort();
  }
  return std::move(*result);
}

std::string hex(std::string_view bytes, const char* digits) {
  // Written into a buffer, then copied once: a digest's worth fits on the stack; more is
  // written in place into a string sized once.
  const auto write = [&](char* out) {
    for (const char ch : bytes) {
      const auto byte = static_cast<unsigned char>(ch);
      *out++ = digits[byte >> 4U];
      *out++ = digits[byte & 0x0FU];
    }
  };
  constexpr std::size_t kLargestDigest = EVP_MAX_MD_SIZE;
  if (bytes.size() <= kLargestDigest) {
    std::array<char, 2 * kLargestDigest> buffer;  // (written up to 2 * size, read no further)
    write(buffer.data());
    return {buffer.data(), 2 * bytes.size()};
  }
  std::string out(2 * bytes.size(), '\0');
  write(out.data());
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
  // Sized once, then written in place (a push_back per character cost a call and a capacity
  // check each: 860 instructions for one HMAC-SHA1).
  std::string out((bytes.size() + 2) / 3 * 4, '\0');
  char* next = out.data();
  std::size_t i = 0;
  const auto at = [&](std::size_t k) {
    return static_cast<std::uint32_t>(static_cast<unsigned char>(bytes[k]));
  };
  for (; i + 3 <= bytes.size(); i += 3) {
    const std::uint32_t group = (at(i) << 16U) | (at(i + 1) << 8U) | at(i + 2);
    next[0] = kAlphabet[(group >> 18U) & 0x3FU];
    next[1] = kAlphabet[(group >> 12U) & 0x3FU];
    next[2] = kAlphabet[(group >> 6U) & 0x3FU];
    next[3] = kAlphabet[group & 0x3FU];
    next += 4;
  }
  const std::size_t rest = bytes.size() - i;
  if (rest > 0) {
    std::uint32_t group = at(i) << 16U;
    if (rest == 2) group |= at(i + 1) << 8U;
    next[0] = kAlphabet[(group >> 18U) & 0x3FU];
    next[1] = kAlphabet[(group >> 12U) & 0x3FU];
    next[2] = rest == 2 ? kAlphabet[(group >> 6U) & 0x3FU] : '=';
    next[3] = '=';
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
