// SipHash-2-4 (Aumasson and Bernstein, "SipHash: a fast short-input PRF", 2012): a keyed hash
// for hash tables whose keys an adversary chooses. Without the 128-bit key nobody can aim
// collisions. Written here from the paper's description; checked against its test vector and
// against OpenSSL's SIPHASH MAC (tests/unit/auth/siphash_test.cpp).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace mediagate::auth {

struct SipKey {
  std::uint64_t k0 = 0;  // the key's first 8 bytes, little-endian
  std::uint64_t k1 = 0;  // its last 8 bytes
  friend bool operator==(const SipKey&, const SipKey&) = default;
};

// 16 bytes from OpenSSL's CSPRNG (RAND_bytes); throws std::runtime_error if it fails (only
// ever called while objects are built, at start-up).
SipKey random_sip_key();

struct SipHash128 {
  std::uint64_t first = 0;  // the output's first 8 bytes, little-endian
  std::uint64_t second = 0;
};

// Hashes a message given in pieces, as if they were concatenated. Not thread-safe; cheap to
// make (one per message).
class SipHasher {
 public:
  // `wide`: the 128-bit output variant (the initialisation and finalisation differ, so its
  // first half is not the 64-bit hash).
  SipHasher(const SipKey& key, bool wide);

  SipHasher& update(std::string_view bytes);
  SipHasher& update_u64(std::uint64_t value);  // as 8 little-endian bytes

  // The 64-bit hash (constructed with wide = false).
  std::uint64_t finish64();
  // The 128-bit hash (constructed with wide = true).
  SipHash128 finish128();

 private:
  void rounds(int count);  // SipRounds
  void compress(std::uint64_t block);
  void finish_blocks();

  std::uint64_t v0_, v1_, v2_, v3_;
  std::uint64_t tail_ = 0;      // the bytes of a block not yet complete, little-endian
  std::size_t tail_bytes_ = 0;  // how many (0..7)
  std::uint64_t length_ = 0;    // bytes absorbed in all
};

}  // namespace mediagate::auth
