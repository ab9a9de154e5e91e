// The shared_state tests' way to the test Redis (tests/support/redis_env.hpp): the client
// options for it, or the test skipped (failed when services are required).
#pragma once

#include <gtest/gtest.h>

#include "shared_state/redis_client.hpp"
#include "support/redis_env.hpp"

// In a test body or SetUp: declares `options`, a RedisOptions whose endpoint is the test Redis,
// the other settings at their defaults.
#define MEDIAGATE_NEED_REDIS_OPTIONS(options)                                                \
  MEDIAGATE_NEED_REDIS(options##_url);                                                       \
  const auto options##_endpoint = ::mediagate::shared_state::parse_redis_url(options##_url); \
  ASSERT_TRUE(options##_endpoint) << options##_endpoint.error();                             \
  ::mediagate::shared_state::RedisOptions options;                                           \
  options.endpoint = *options##_endpoint
