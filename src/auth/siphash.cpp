#include "auth/siphash.hpp"

#include <openssl/rand.h>

#include <array>
#include <stdexcept>

namespace mediagate::auth {
namespace {

constexpr std::uint64_t rotl(std::uint64_t x, int bits) {
  return (x << bits) | (x >> (64 - bits));
}

std::uint64_t load_le(const unsigned char* bytes) {
  std::uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | bytes[i];
  return value;
}

}  // namespace

SipKey random_sip_key() {
  std::array<unsigned char, 16> bytes{};
  if (RAND_bytes(bytes.data(), static_cast<int>(bytes.size())) != 1) {
    throw std::runtime_error("RAND_bytes failed");
  }
  return SipKey{load_le(bytes.data()), load_le(bytes.data() + 8)};
}

// The paper's initialisation: the key XORed with "somepseudorandomlygeneratedbytes".
SipHasher::SipHasher(const SipKey& key, bool wide)
    : v0_(key.k0 ^ 0x736f6d6570736575ULL),
      v1_(key.k1 ^ 0x646f72616e646f6dULL),
      v2_(key.k0 ^ 0x6c7967656e657261ULL),
      v3_(key.k1 ^ 0x7465646279746573ULL) {
  if (wide) v1_ ^= 0xee;
}

void SipHasher::rounds(int count) {
  for (int round = 0; round < count; ++round) {
    v0_ += v1_;
    v1_ = rotl(v1_, 13);
    v1_ ^= v0_;
    v0_ = rotl(v0_, 32);
    v2_ += v3_;
    v3_ = rotl(v3_, 16);
    v3_ ^= v2_;
    v0_ += v3_;
    v3_ = rotl(v3_, 21);
    v3_ ^= v0_;
    v2_ += v1_;
    v1_ = rotl(v1_, 17);
    v1_ ^= v2_;
    v2_ = rotl(v2_, 32);
  }
}

// Two SipRounds per message block (the "2" of SipHash-2-4).
void SipHasher::compress(std::uint64_t block) {
  v3_ ^= block;
  rounds(2);
  v0_ ^= block;
}

SipHasher& SipHasher::update(std::string_view bytes) {
  length_ += bytes.size();
  std::size_t at = 0;
  // Complete a pending partial block first.
  while (tail_bytes_ != 0 && at < bytes.size()) {
    tail_ |= std::uint64_t{static_cast<unsigned char>(bytes[at++])} << (8 * tail_bytes_);
    if (++tail_bytes_ == 8) {
      compress(tail_);
      tail_ = 0;
      tail_bytes_ = 0;
    }
  }
  const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
  for (; at + 8 <= bytes.size(); at += 8) compress(load_le(data + at));
  for (; at < bytes.size(); ++at) tail_ |= std::uint64_t{data[at]} << (8 * tail_bytes_++);
  return *this;
}

SipHasher& SipHasher::update_u64(std::uint64_t value) {
  std::array<char, 8> bytes{};
  for (auto& byte : bytes) {
    byte = static_cast<char>(value & 0xff);
    value >>= 8;
  }
  return update(std::string_view(bytes.data(), bytes.size()));
}

// The last block: the remaining bytes, and the message length (mod 256) in the top byte.
void SipHasher::finish_blocks() {
  compress(tail_ | (length_ << 56));
  tail_ = 0;
  tail_bytes_ = 0;
}

std::uint64_t SipHasher::finish64() {
  finish_blocks();
  v2_ ^= 0xff;
  rounds(4);  // the "4" of SipHash-2-4
  return v0_ ^ v1_ ^ v2_ ^ v3_;
}

SipHash128 SipHasher::finish128() {
  finish_blocks();
  v2_ ^= 0xee;
  rounds(4);
  SipHash128 out;
  out.first = v0_ ^ v1_ ^ v2_ ^ v3_;
  v1_ ^= 0xdd;
  rounds(4);
  out.second = v0_ ^ v1_ ^ v2_ ^ v3_;
  return out;
}

}  // namespace mediagate::auth
