// SipHash-2-4 against the paper's test vector and OpenSSL's SIPHASH MAC (64- and 128-bit
// outputs, every message length up to 3 blocks and a bit), in one piece and in several.
#include "auth/siphash.hpp"

#include <gtest/gtest.h>
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/params.h>

#include <array>
#include <cstdint>
#include <string>
#include <vector>

namespace mediagate::auth {
namespace {

// The paper's key: bytes 00 01 ... 0f.
constexpr SipKey kPaperKey{0x0706050403020100ULL, 0x0f0e0d0c0b0a0908ULL};

std::string counting_bytes(std::size_t length) {
  std::string bytes;
  for (std::size_t i = 0; i < length; ++i) bytes.push_back(static_cast<char>(i));
  return bytes;
}

// OpenSSL's SipHash-2-4 of `message`, `size` (8 or 16) bytes.
std::vector<unsigned char> openssl_siphash(const SipKey& key, const std::string& message,
                                           std::size_t size) {
  std::array<unsigned char, 16> raw{};
  for (int i = 0; i < 8; ++i) {
    raw[static_cast<std::size_t>(i)] = static_cast<unsigned char>(key.k0 >> (8 * i));
    raw[static_cast<std::size_t>(i + 8)] = static_cast<unsigned char>(key.k1 >> (8 * i));
  }
  EVP_MAC* mac = EVP_MAC_fetch(nullptr, "SIPHASH", nullptr);
  EVP_MAC_CTX* context = EVP_MAC_CTX_new(mac);
  OSSL_PARAM params[] = {OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size),
                         OSSL_PARAM_construct_end()};
  std::vector<unsigned char> out(size);
  std::size_t written = 0;
  const bool ok = EVP_MAC_init(context, raw.data(), raw.size(), params) == 1 &&
                  EVP_MAC_update(context, reinterpret_cast<const unsigned char*>(message.data()),
                                 message.size()) == 1 &&
                  EVP_MAC_final(context, out.data(), &written, out.size()) == 1 && written == size;
  EVP_MAC_CTX_free(context);
  EVP_MAC_free(mac);
  if (!ok) out.clear();
  return out;
}

std::vector<unsigned char> bytes_of(std::initializer_list<std::uint64_t> words) {
  std::vector<unsigned char> bytes;
  for (const auto word : words) {
    for (int i = 0; i < 8; ++i) bytes.push_back(static_cast<unsigned char>(word >> (8 * i)));
  }
  return bytes;
}

TEST(SipHash, PaperTestVector) {
  // Appendix A of the paper: the 15-byte message 00 01 ... 0e.
  EXPECT_EQ(SipHasher(kPaperKey, false).update(counting_bytes(15)).finish64(),
            0xa129ca6149be45e5ULL);
}

TEST(SipHash, AgreesWithOpenSsl) {
  const SipKey keys[] = {kPaperKey, random_sip_key()};
  for (const auto& key : keys) {
    for (std::size_t length = 0; length <= 33; ++length) {
      const auto message = counting_bytes(length);
      const auto narrow = openssl_siphash(key, message, 8);
      const auto wide = openssl_siphash(key, message, 16);
      ASSERT_EQ(narrow.size(), 8u);
      ASSERT_EQ(wide.size(), 16u);
      EXPECT_EQ(bytes_of({SipHasher(key, false).update(message).finish64()}), narrow) << length;
      const auto hash = SipHasher(key, true).update(message).finish128();
      EXPECT_EQ(bytes_of({hash.first, hash.second}), wide) << length;
    }
  }
}

TEST(SipHash, PiecesHashAsTheirConcatenation) {
  const auto key = random_sip_key();
  const auto message = counting_bytes(29);
  const auto whole = SipHasher(key, true).update(message).finish128();
  for (std::size_t a = 0; a <= message.size(); ++a) {
    for (std::size_t b = a; b <= message.size(); b += 3) {
      const auto pieces = SipHasher(key, true)
                              .update(std::string_view(message).substr(0, a))
                              .update(std::string_view(message).substr(a, b - a))
                              .update(std::string_view(message).substr(b))
                              .finish128();
      EXPECT_EQ(pieces.first, whole.first) << a << " " << b;
      EXPECT_EQ(pieces.second, whole.second) << a << " " << b;
    }
  }
  // update_u64 is 8 little-endian bytes.
  EXPECT_EQ(SipHasher(key, false).update_u64(0x0706050403020100ULL).finish64(),
            SipHasher(key, false).update(counting_bytes(8)).finish64());
}

TEST(SipHash, RandomKeysDiffer) {
  EXPECT_NE(random_sip_key(), random_sip_key());
}

}  // namespace
}  // namespace mediagate::auth
