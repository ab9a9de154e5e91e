#include "auth/digest.hpp"

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <array>
#include <random>
#include <string>
#include <thread>
#include <vector>

namespace mediagate::auth {
namespace {

TEST(Digest, KnownAnswers) {
  EXPECT_EQ(hex_lower(md5("")), "d41d8cd98f00b204e9800998ecf8427e");
  EXPECT_EQ(hex_lower(md5("abc")), "900150983cd24fb0d6963f7d28e17f72");
  EXPECT_EQ(hex_lower(sha1("abc")), "a9993e364706816aba3e25717850c26c9cd0d89d");
  EXPECT_EQ(hex_lower(sha256("abc")),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(md5("x").size(), 16u);
  EXPECT_EQ(sha1("x").size(), 20u);
  EXPECT_EQ(sha256("x").size(), 32u);
}

TEST(Digest, HmacSha1Rfc2202) {
  EXPECT_EQ(hex_lower(hmac_sha1("Jefe", "what do ya want for nothing?")),
            "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
  EXPECT_EQ(hex_lower(hmac_sha1(std::string(20, '\x0b'), "Hi There")),
            "b617318655057264e28bc0b6fb378c8ef146be00");
  // A key longer than the block size is hashed first (RFC 2202 case 6).
  EXPECT_EQ(hex_lower(hmac_sha1(std::string(80, '\xaa'),
                                "Test Using Larger Than Block-Size Key - Hash Key First")),
            "aa4ae5e15272d00e95705637ce8a3b55ed402112");
  EXPECT_EQ(hex_lower(hmac_sha1("", "")), "fbdb1d1b18aa6c08324b7d64b71fb76370690e1d");
}

// Our HMAC-SHA1 (RFC 2104 over the fetched SHA-1) against OpenSSL's own HMAC, for random keys
// on both sides of the block size (64 bytes) and random messages, NUL bytes included.
TEST(Digest, HmacSha1IsOpenSslsHmac) {
  std::mt19937 rng(7);
  for (int round = 0; round < 400; ++round) {
    std::string key(rng() % 150, '\0');
    for (auto& c : key) c = static_cast<char>(rng() % 256);
    std::string message(rng() % 300, '\0');
    for (auto& c : message) c = static_cast<char>(rng() % 256);
    std::array<unsigned char, EVP_MAX_MD_SIZE> expected{};
    std::size_t size = 0;
    ASSERT_NE(EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA1", nullptr, key.data(), key.size(),
                        reinterpret_cast<const unsigned char*>(message.data()), message.size(),
                        expected.data(), expected.size(), &size),
              nullptr);
    EXPECT_EQ(hmac_sha1(key, message),
              std::string(reinterpret_cast<const char*>(expected.data()), size))
        << "key " << key.size() << " bytes, message " << message.size() << " bytes";
  }
}

std::string openssl_hmac_sha1(std::string_view key, std::string_view message) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  std::size_t size = 0;
  if (EVP_Q_mac(nullptr, "HMAC", nullptr, "SHA1", nullptr, key.data(), key.size(),
                reinterpret_cast<const unsigned char*>(message.data()), message.size(), out.data(),
                out.size(), &size) == nullptr) {
    return "(OpenSSL failed)";
  }
  return {reinterpret_cast<const char*>(out.data()), size};
}

std::string openssl_digest(const char* name, std::string_view data) {
  std::array<unsigned char, EVP_MAX_MD_SIZE> out{};
  std::size_t size = 0;
  if (EVP_Q_digest(nullptr, name, nullptr, data.data(), data.size(), out.data(), &size) != 1) {
    return "(OpenSSL failed)";
  }
  return {reinterpret_cast<const char*>(out.data()), size};
}

// The digests hash on the stack with libcrypto's own functions: against EVP for random input
// of every length around the block boundaries.
TEST(Digest, EachDigestIsOpenSslsEvpDigest) {
  std::mt19937 rng(11);
  for (std::size_t length = 0; length < 300; ++length) {
    std::string data(length, '\0');
    for (auto& c : data) c = static_cast<char>(rng() % 256);
    EXPECT_EQ(md5(data), openssl_digest("MD5", data)) << length;
    EXPECT_EQ(sha1(data), openssl_digest("SHA1", data)) << length;
    EXPECT_EQ(sha256(data), openssl_digest("SHA256", data)) << length;
  }
}

// Each thread keeps the padded-key state of the last key: the same key again, keys taking
// turns, a key and its prefix, keys differing only in their last byte, two long keys (kept by their
// hash), a key and the same key with a trailing NUL (one K0, so one HMAC), and a key longer than
// the block between two short ones all give OpenSSL's HMAC.
TEST(Digest, HmacSha1KeptKeyStateFollowsEveryChangeOfKey) {
  const std::string long_key(100, 'k');
  const std::vector<std::string> keys = {"secret&",
                                         "secret&",
                                         "other&",
                                         "secret&",
                                         "secret",
                                         "secre",
                                         long_key,
                                         "secret&",
                                         long_key,
                                         long_key,
                                         std::string(100, 'j'),
                                         std::string("ab\0", 3),
                                         "ab",
                                         "",
                                         std::string(64, 'x'),
                                         std::string(65, 'x'),
                                         std::string(64, 'x'),
                                         std::string(63, 'x') + "y",
                                         "0123456789abcdef-1&",
                                         "0123456789abcdef-2&"};
  int round = 0;
  for (const auto& key : keys) {
    const std::string message = "GET&%2F&round%3D" + std::to_string(round++);
    EXPECT_EQ(hmac_sha1(key, message), openssl_hmac_sha1(key, message))
        << "key of " << key.size() << " bytes, round " << round;
  }
  EXPECT_EQ(hmac_sha1(std::string("ab\0", 3), "m"), hmac_sha1("ab", "m"));
}

// Threads signing with different keys at once do not see each other's kept key.
TEST(Digest, HmacSha1ThreadsKeepTheirOwnKey) {
  constexpr std::size_t kThreads = 4;
  constexpr int kRounds = 2000;
  std::vector<int> wrong(kThreads, 0);
  std::vector<std::thread> threads;
  for (std::size_t t = 0; t < kThreads; ++t) {
    threads.emplace_back([t, &wrong] {
      const std::string key = "key-of-thread-" + std::to_string(t);
      const std::string expected = openssl_hmac_sha1(key, "message");
      for (int i = 0; i < kRounds; ++i) {
        if (hmac_sha1(key, "message") != expected) ++wrong[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (std::size_t t = 0; t < kThreads; ++t) EXPECT_EQ(wrong[t], 0) << "thread " << t;
}

TEST(Digest, BinaryInputWithNulBytes) {
  const std::string with_nul("a\0b", 3);
  EXPECT_NE(md5(with_nul), md5("a"));
  EXPECT_EQ(hex_lower(sha1(with_nul)), hex_lower(sha1(std::string("a\0b", 3))));
}

TEST(Hex, UpperAndLower) {
  const std::string bytes("\x00\x01\x7f\x80\xab\xff", 6);
  EXPECT_EQ(hex_upper(bytes), "00017F80ABFF");
  EXPECT_EQ(hex_lower(bytes), "00017f80abff");
  EXPECT_EQ(hex_upper(""), "");
}

// hex writes a digest's worth on the stack and anything longer into the string: both against
// the digit-by-digit rule, on every length around the switch.
TEST(Hex, EveryLengthIsTheDigitByDigitRule) {
  std::mt19937 rng(7);
  for (std::size_t length = 0; length <= 2 * EVP_MAX_MD_SIZE + 3; ++length) {
    std::string bytes;
    for (std::size_t i = 0; i < length; ++i) bytes.push_back(static_cast<char>(rng() % 256));
    std::string upper;
    std::string lower;
    for (const char ch : bytes) {
      const auto byte = static_cast<unsigned char>(ch);
      upper += "0123456789ABCDEF"[byte >> 4U];
      upper += "0123456789ABCDEF"[byte & 0x0FU];
      lower += "0123456789abcdef"[byte >> 4U];
      lower += "0123456789abcdef"[byte & 0x0FU];
    }
    EXPECT_EQ(hex_upper(bytes), upper) << length;
    EXPECT_EQ(hex_lower(bytes), lower) << length;
  }
}

// base64_encode writes in place: against OpenSSL's EVP_EncodeBlock on random bytes of every
// length up to a few groups past a digest's (each remainder of three included).
TEST(Base64, AgreesWithOpenSsl) {
  std::mt19937 rng(64);
  for (std::size_t length = 0; length <= 70; ++length) {
    std::string bytes;
    for (std::size_t i = 0; i < length; ++i) bytes.push_back(static_cast<char>(rng() % 256));
    std::string expected(4 * ((length + 2) / 3) + 1, '\0');
    const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(expected.data()),
                                        reinterpret_cast<const unsigned char*>(bytes.data()),
                                        static_cast<int>(length));
    expected.resize(static_cast<std::size_t>(written));
    EXPECT_EQ(base64_encode(bytes), expected) << length;
  }
}

TEST(Base64, Rfc4648Vectors) {
  EXPECT_EQ(base64_encode(""), "");
  EXPECT_EQ(base64_encode("f"), "Zg==");
  EXPECT_EQ(base64_encode("fo"), "Zm8=");
  EXPECT_EQ(base64_encode("foo"), "Zm9v");
  EXPECT_EQ(base64_encode("foob"), "Zm9vYg==");
  EXPECT_EQ(base64_encode("fooba"), "Zm9vYmE=");
  EXPECT_EQ(base64_encode("foobar"), "Zm9vYmFy");
}

TEST(Base64, StandardAlphabetWithPlusAndSlash) {
  EXPECT_EQ(base64_encode(std::string("\xfb\xff\xbf", 3)), "+/+/");
  EXPECT_EQ(base64_encode(std::string("\x00\x00\x00", 3)), "AAAA");
  EXPECT_EQ(base64_encode(std::string("\xff", 1)), "/w==");
}

TEST(Digest, SelfTestPasses) {
  EXPECT_TRUE(digests_available());
}

}  // namespace
}  // namespace mediagate::auth
