// What the replay guard's pieces cost, single-threaded (docs/benchmarks.md, "Replay memory"):
// the pair's keyed hash (our SipHash-2-4, against the keyed hashes OpenSSL offers), and
// InMemoryReplayGuard::first_use for fresh tokens and for replays, with the RSS it grew by.
// Not part of the build; from a release build tree (r=build/release/src):
//   g++ -std=c++20 -O2 -Isrc bench/replay_guard_cost.cpp $r/auth/libmediagate_auth.a \
//       $r/core/libmediagate_core.a -lcrypto -o /tmp/replay_guard_cost
//   /tmp/replay_guard_cost [pairs]
#include <openssl/core_names.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/params.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "auth/replay_guard.hpp"
#include "auth/siphash.hpp"

namespace {

using Clock = std::chrono::steady_clock;
using mediagate::auth::InMemoryReplayGuard;
using mediagate::auth::ReplayCheck;
using mediagate::auth::SipHasher;

long rss_kib() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::strtol(line.c_str() + 6, nullptr, 10);
  }
  return 0;
}

template <class Body>
double ns_per(std::size_t count, Body&& body) {
  const auto start = Clock::now();
  for (std::size_t i = 0; i < count; ++i) body(i);
  return std::chrono::duration<double, std::nano>(Clock::now() - start).count() /
         static_cast<double>(count);
}

volatile std::uint64_t sink;

}  // namespace

int main(int argc, char** argv) {
  const std::size_t pairs = argc > 1 ? std::strtoul(argv[1], nullptr, 10) : 2'000'000;
  const std::string scope = "iqiyi:T_Coupon_Pepsi";
  std::vector<std::string> tokens;
  tokens.reserve(pairs);
  for (std::size_t i = 0; i < pairs; ++i) {
    char id[64];
    std::snprintf(id, sizeof id, "myapp_3f2504e0-4f89-11d3-9a0c-%012zu", i);
    tokens.emplace_back(id);
  }
  const auto key = mediagate::auth::random_sip_key();
  const std::size_t hashes = 1'000'000;

  const double sip = ns_per(hashes, [&](std::size_t i) {
    sink = SipHasher(key, true)
               .update_u64(scope.size())
               .update(scope)
               .update(tokens[i % pairs])
               .finish128()
               .second;
  });

  unsigned char raw_key[32] = {1, 2, 3};
  unsigned char out[64];
  unsigned int out_len = 0;
  const double hmac = ns_per(hashes, [&](std::size_t i) {
    const std::string message = scope + tokens[i % pairs];
    HMAC(EVP_sha256(), raw_key, sizeof raw_key,
         reinterpret_cast<const unsigned char*>(message.data()), message.size(), out, &out_len);
    sink = out[0];
  });

  const auto evp_mac = [&](const char* name, std::size_t key_bytes, OSSL_PARAM* params) {
    EVP_MAC* mac = EVP_MAC_fetch(nullptr, name, nullptr);
    EVP_MAC_CTX* base = EVP_MAC_CTX_new(mac);
    EVP_MAC_init(base, raw_key, key_bytes, params);
    const double ns = ns_per(hashes, [&](std::size_t i) {
      EVP_MAC_CTX* ctx = EVP_MAC_CTX_dup(base);
      EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(scope.data()), scope.size());
      const auto& token = tokens[i % pairs];
      EVP_MAC_update(ctx, reinterpret_cast<const unsigned char*>(token.data()), token.size());
      std::size_t written = 0;
      EVP_MAC_final(ctx, out, &written, sizeof out);
      EVP_MAC_CTX_free(ctx);
      sink = out[0];
    });
    EVP_MAC_CTX_free(base);
    EVP_MAC_free(mac);
    return ns;
  };
  std::size_t size16 = 16;
  OSSL_PARAM sip_params[] = {OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size16),
                             OSSL_PARAM_construct_end()};
  const double openssl_sip = evp_mac("SIPHASH", 16, sip_params);
  OSSL_PARAM blake_params[] = {OSSL_PARAM_construct_size_t(OSSL_MAC_PARAM_SIZE, &size16),
                               OSSL_PARAM_construct_end()};
  const double blake = evp_mac("BLAKE2BMAC", 32, blake_params);

  const long rss_before = rss_kib();
  InMemoryReplayGuard guard;  // the default: 256 MiB at most, 16 locks
  constexpr mediagate::core::EpochMs kNow = 1'700'000'000'000;
  constexpr std::int64_t kDay = 86'400'000;
  std::size_t refused = 0;
  const double fresh = ns_per(pairs, [&](std::size_t i) {
    if (guard.first_use(scope, tokens[i], kNow + static_cast<std::int64_t>(i / 100), kDay) !=
        ReplayCheck::kFirstUse) {
      ++refused;
    }
  });
  const long rss_after = rss_kib();
  const double replay = ns_per(pairs, [&](std::size_t i) {
    if (guard.first_use(scope, tokens[(i * 7919) % pairs],
                        kNow + static_cast<std::int64_t>(pairs / 100),
                        kDay) != ReplayCheck::kReplay) {
      ++refused;
    }
  });
  const auto stats = guard.stats();

  std::printf(
      "keyed hash of a (20-byte scope, 42-byte messageId) pair, ns: SipHash-2-4 (ours) %.0f,"
      " OpenSSL SIPHASH %.0f, BLAKE2BMAC %.0f, HMAC-SHA256 %.0f\n",
      sip, openssl_sip, blake, hmac);
  std::printf("first_use, ns: %zu fresh tokens %.0f each, replays %.0f each (wrong answers: %zu)\n",
              pairs, fresh, replay, refused);
  std::printf(
      "guard: %zu pairs, %zu bytes (%.1f B/pair); RSS grew %ld KiB (%.1f B/pair)\n", stats.pairs,
      stats.bytes_used, static_cast<double>(stats.bytes_used) / static_cast<double>(stats.pairs),
      rss_after - rss_before,
      static_cast<double>(rss_after - rss_before) * 1024 / static_cast<double>(stats.pairs));
  return refused == 0 ? 0 : 1;
}
