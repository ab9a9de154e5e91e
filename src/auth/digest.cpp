// OpenSSL's low-level digest functions (MD5_Init, SHA1_Init, SHA256_Init, ...) are deprecated
// since 3.0 but built into every 3.x libcrypto; they hash on a context on the stack. The EVP
// interface of OpenSSL 3.0 allocates a provider context on every EVP_DigestInit_ex2 and a whole
// EVP_MD_CTX in every EVP_Digest, which cost more than hashing a request's signed text
// (docs/benchmarks.md, session 18). Only this file uses them.
#define OPENSSL_SUPPRESS_DEPRECATED
#include "auth/digest.hpp"

#include <openssl/crypto.h>
#include <openssl/md5.h>
#include <openssl/sha.h>

#include <array>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <optional>
#include <utility>

namespace mediagate::auth {
namespace {

// OpenSSL wants a valid pointer even for zero bytes.
const unsigned char* bytes_of(std::string_view text) {
  static constexpr unsigned char kNothing = 0;
  return text.empty() ? &kNothing : reinterpret_cast<const unsigned char*>(text.data());
}

template <std::size_t N>
std::string to_string(const std::array<unsigned char, N>& bytes) {
  return {reinterpret_cast<const char*>(bytes.data()), N};
}

// One digest over a context on the stack: Init, Update, Final (each returns 1 on success; they
// cannot fail for in-memory input, but a 0 is not turned into a digest).
template <std::size_t N, class Context, class Init, class Update, class Final>
std::optional<std::string> try_digest(std::string_view data, Init init, Update update,
                                      Final final) {
  Context context;
  std::array<unsigned char, N> out{};
  const bool ok = init(&context) == 1 && update(&context, bytes_of(data), data.size()) == 1 &&
                  final(out.data(), &context) == 1;
  OPENSSL_cleanse(&context, sizeof context);
  if (!ok) return std::nullopt;
  return to_string(out);
}

std::optional<std::string> try_md5(std::string_view data) {
  return try_digest<MD5_DIGEST_LENGTH, MD5_CTX>(data, MD5_Init, MD5_Update, MD5_Final);
}
std::optional<std::string> try_sha1(std::string_view data) {
  return try_digest<SHA_DIGEST_LENGTH, SHA_CTX>(data, SHA1_Init, SHA1_Update, SHA1_Final);
}
std::optional<std::string> try_sha256(std::string_view data) {
  return try_digest<SHA256_DIGEST_LENGTH, SHA256_CTX>(data, SHA256_Init, SHA256_Update,
                                                      SHA256_Final);
}

// HMAC-SHA1 as RFC 2104 defines it: H((K0 ^ opad) || H((K0 ^ ipad) || message)), K0 being the
// key zero-padded to SHA-1's block (or its hash when longer). The SHA-1 states after the two
// padded key blocks depend on the key alone, so each thread keeps them for the last key it saw
// (a partner's requests come with the same secret): a signature then hashes the message and
// the inner digest, three blocks for a vendor's typical signed text instead of five. What is
// kept (the key, to recognise it, and the pads, which sign as the key does) is as sensitive as
// the key itself: it lives as long as the thread, as the partner's secret does in the lookup
// cache it came from, and is cleansed when replaced and at the thread's end.
class HmacSha1Pads {
 public:
  static constexpr std::size_t kBlockSize = SHA_CBLOCK;  // 64

  HmacSha1Pads() = default;
  HmacSha1Pads(const HmacSha1Pads&) = delete;
  HmacSha1Pads& operator=(const HmacSha1Pads&) = delete;
  ~HmacSha1Pads() { forget(); }

  // Makes the pads those of `key`, unless they already are.
  bool set_key(std::string_view key) {
    // The last key again: compared as given (up to a block) or by its hash (longer), in
    // constant time for its length.
    if (valid_ && key.size() <= kBlockSize && key.size() == key_size_ &&
        CRYPTO_memcmp(bytes_of(key), key_block_.data(), key.size()) == 0) {
      return true;
    }
    std::array<unsigned char, kBlockSize> block{};  // K0: the key, or its hash, zero-padded
    std::size_t size = key.size();
    bool ok = true;
    if (key.size() > kBlockSize) {
      ok = try_sha1_into(key, block.data());
      size = kHashedKey;
    } else if (!key.empty()) {
      std::memcpy(block.data(), key.data(), key.size());
    }
    if (ok && valid_ && size == kHashedKey && key_size_ == kHashedKey &&
        CRYPTO_memcmp(block.data(), key_block_.data(), SHA_DIGEST_LENGTH) == 0) {
      OPENSSL_cleanse(block.data(), block.size());
      return true;
    }
    forget();
    ok = ok && absorb(block, 0x36, &inner_) && absorb(block, 0x5c, &outer_);
    if (ok) {
      key_block_ = block;
      key_size_ = size;
      valid_ = true;
    }
    OPENSSL_cleanse(block.data(), block.size());
    if (!ok) forget();
    return ok;
  }

  std::optional<std::string> sign(std::string_view message) const {
    SHA_CTX context = inner_;
    std::array<unsigned char, SHA_DIGEST_LENGTH> inner_digest{};
    std::array<unsigned char, SHA_DIGEST_LENGTH> out{};
    bool ok = SHA1_Update(&context, bytes_of(message), message.size()) == 1 &&
              SHA1_Final(inner_digest.data(), &context) == 1;
    context = outer_;
    ok = ok && SHA1_Update(&context, inner_digest.data(), inner_digest.size()) == 1 &&
         SHA1_Final(out.data(), &context) == 1;
    OPENSSL_cleanse(&context, sizeof context);
    OPENSSL_cleanse(inner_digest.data(), inner_digest.size());
    if (!ok) return std::nullopt;
    return to_string(out);
  }

 private:
  static bool try_sha1_into(std::string_view data, unsigned char* out) {
    SHA_CTX context;
    const bool ok = SHA1_Init(&context) == 1 &&
                    SHA1_Update(&context, bytes_of(data), data.size()) == 1 &&
                    SHA1_Final(out, &context) == 1;
    OPENSSL_cleanse(&context, sizeof context);
    return ok;
  }

  // `state` = SHA-1 after the block K0 ^ pad.
  static bool absorb(const std::array<unsigned char, kBlockSize>& key_block, unsigned char pad,
                     SHA_CTX* state) {
    std::array<unsigned char, kBlockSize> padded{};
    for (std::size_t i = 0; i < kBlockSize; ++i) {
      padded[i] = static_cast<unsigned char>(key_block[i] ^ pad);
    }
    const bool ok = SHA1_Init(state) == 1 && SHA1_Update(state, padded.data(), kBlockSize) == 1;
    OPENSSL_cleanse(padded.data(), padded.size());
    return ok;
  }

  void forget() {
    OPENSSL_cleanse(key_block_.data(), key_block_.size());
    OPENSSL_cleanse(&inner_, sizeof inner_);
    OPENSSL_cleanse(&outer_, sizeof outer_);
    key_size_ = 0;
    valid_ = false;
  }

  static constexpr std::size_t kHashedKey = static_cast<std::size_t>(-1);

  std::array<unsigned char, kBlockSize> key_block_{};  // K0 of the kept key
  std::size_t key_size_ = 0;                           // its length, or kHashedKey
  SHA_CTX inner_{};
  SHA_CTX outer_{};
  bool valid_ = false;
};

std::optional<std::string> try_hmac_sha1(std::string_view key, std::string_view message) {
  thread_local HmacSha1Pads pads;
  if (!pads.set_key(key)) return std::nullopt;
  return pads.sign(message);
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
  constexpr std::size_t kLargestDigest = 64;  // SHA-512's
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
  return or_stop(try_md5(data), "MD5");
}
std::string sha1(std::string_view data) {
  return or_stop(try_sha1(data), "SHA-1");
}
std::string sha256(std::string_view data) {
  return or_stop(try_sha256(data), "SHA-256");
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
  const auto md5_abc = try_md5("abc");
  const auto sha1_abc = try_sha1("abc");
  const auto sha256_abc = try_sha256("abc");
  const auto hmac = try_hmac_sha1("Jefe", "what do ya want for nothing?");  // RFC 2202 case 2
  return md5_abc && hex_lower(*md5_abc) == "900150983cd24fb0d6963f7d28e17f72" && sha1_abc &&
         hex_lower(*sha1_abc) == "a9993e364706816aba3e25717850c26c9cd0d89d" && sha256_abc &&
         hex_lower(*sha256_abc) ==
             "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" &&
         hmac && hex_lower(*hmac) == "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79";
}

}  // namespace mediagate::auth
