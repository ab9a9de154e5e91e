// Whether a thread may block: forbidden for a scope, nested, per thread.
#include "core/blocking.hpp"

#include <gtest/gtest.h>

#include <thread>

namespace mediagate::core {
namespace {

TEST(Blocking, ForbiddenOnlyWithinTheScopeAndNested) {
  EXPECT_FALSE(blocking_forbidden());
  EXPECT_NO_THROW(check_may_block());
  {
    const NoBlockingHere outer;
    EXPECT_TRUE(blocking_forbidden());
    EXPECT_THROW(check_may_block(), WouldBlock);
    {
      const NoBlockingHere inner;
      EXPECT_TRUE(blocking_forbidden());
    }
    EXPECT_TRUE(blocking_forbidden());  // the inner scope restored the outer's
  }
  EXPECT_FALSE(blocking_forbidden());
}

TEST(Blocking, EachThreadHasItsOwn) {
  const NoBlockingHere here;
  bool there = true;
  std::thread([&] { there = blocking_forbidden(); }).join();
  EXPECT_FALSE(there);
  EXPECT_TRUE(blocking_forbidden());
}

}  // namespace
}  // namespace mediagate::core
