// The Redis the test suites share: scripts/test.sh starts one (scripts/redis-test-server.sh)
// and exports MEDIAGATE_TEST_REDIS_URL. Without it, tests that need Redis are skipped with a
// message, unless MEDIAGATE_TEST_REQUIRE_SERVICES=1 (set by test.sh): then they fail.
// Header-only, so that unit and integration tests can both use it.
#pragma once

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <optional>
#include <string>

namespace mediagate::testing {

inline std::optional<std::string> test_redis_url() {
  const char* url = std::getenv("MEDIAGATE_TEST_REDIS_URL");
  if (url == nullptr || *url == '\0') return std::nullopt;
  return std::string(url);
}

inline bool services_required() {
  const char* required = std::getenv("MEDIAGATE_TEST_REQUIRE_SERVICES");
  return required != nullptr && std::string(required) == "1";
}

// A key prefix no other test (or concurrent test process) uses.
inline std::string fresh_redis_prefix() {
  static std::atomic<int> counter{0};
  return "mediagate-test:" + std::to_string(getpid()) + ":" + std::to_string(++counter) + ":";
}

}  // namespace mediagate::testing

// In a test body or SetUp: `url` becomes the Redis URL, or the test is skipped (or fails when
// services are required).
#define MEDIAGATE_NEED_REDIS(url)                                                          \
  const auto url##_optional = ::mediagate::testing::test_redis_url();                      \
  if (!url##_optional) {                                                                   \
    if (::mediagate::testing::services_required()) {                                       \
      FAIL() << "MEDIAGATE_TEST_REDIS_URL is unset but MEDIAGATE_TEST_REQUIRE_SERVICES=1"; \
    }                                                                                      \
    GTEST_SKIP() << "no Redis: set MEDIAGATE_TEST_REDIS_URL (scripts/test.sh does)";       \
  }                                                                                        \
  const std::string url = *url##_optional
