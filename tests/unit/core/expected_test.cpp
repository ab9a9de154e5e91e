#include "core/expected.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace mediagate::core {
namespace {

using IntResult = Expected<int, std::string>;
using VoidResult = Expected<Ok, std::string>;

IntResult half(int n) {
  if (n % 2 != 0) return unexpected(std::string("odd"));
  return n / 2;
}

TEST(Expected, AndThenCallsTheNextStepWithTheValue) {
  const IntResult eight = 8;
  auto two = eight.and_then(half).and_then(half);
  ASSERT_TRUE(two);
  EXPECT_EQ(*two, 2);
}

TEST(Expected, AndThenPassesTheFirstErrorOnAndCallsNothingAfterIt) {
  int calls = 0;
  auto result = IntResult(6).and_then(half).and_then(half).and_then([&](int n) -> IntResult {
    ++calls;
    return n;
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error(), "odd");
  EXPECT_EQ(calls, 0);
}

TEST(Expected, AndThenMayChangeTheValueType) {
  auto text = IntResult(4).and_then([](int n) -> Expected<std::string, std::string> {
    return std::string(static_cast<std::size_t>(n), 'x');
  });
  ASSERT_TRUE(text);
  EXPECT_EQ(*text, "xxxx");
}

TEST(Expected, TransformMapsTheValueAndKeepsTheError) {
  auto doubled = IntResult(21).transform([](int n) { return n * 2; });
  ASSERT_TRUE(doubled);
  EXPECT_EQ(*doubled, 42);

  auto failed =
      IntResult(unexpected(std::string("no"))).transform([](int n) { return std::to_string(n); });
  static_assert(std::is_same_v<decltype(failed), Expected<std::string, std::string>>);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error(), "no");
}

TEST(Expected, TransformWithAVoidFunctionGivesOk) {
  int seen = 0;
  auto done = IntResult(7).transform([&](int n) { seen = n; });
  static_assert(std::is_same_v<decltype(done), VoidResult>);
  EXPECT_TRUE(done);
  EXPECT_EQ(seen, 7);
}

TEST(Expected, OkPlaysVoidFunctionsTakeNoArgument) {
  int calls = 0;
  auto next = VoidResult(Ok{}).and_then([&]() -> IntResult { return ++calls; });
  ASSERT_TRUE(next);
  EXPECT_EQ(*next, 1);
  auto mapped = VoidResult(Ok{}).transform([] { return 5; });
  ASSERT_TRUE(mapped);
  EXPECT_EQ(*mapped, 5);
  // A function that takes the Ok is accepted too.
  auto with_ok = VoidResult(Ok{}).transform([](Ok) { return 6; });
  EXPECT_EQ(*with_ok, 6);

  auto failed = VoidResult(unexpected(std::string("down"))).and_then([&]() -> VoidResult {
    ++calls;
    return Ok{};
  });
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error(), "down");
  EXPECT_EQ(calls, 1);
}

TEST(Expected, OrElseRecoversFromTheErrorAndLeavesAValueAlone) {
  auto recovered =
      IntResult(unexpected(std::string("odd"))).or_else([](const std::string& error) -> IntResult {
        return static_cast<int>(error.size());
      });
  ASSERT_TRUE(recovered);
  EXPECT_EQ(*recovered, 3);

  int calls = 0;
  auto kept = IntResult(1).or_else([&](const std::string&) -> IntResult { return ++calls; });
  EXPECT_EQ(*kept, 1);
  EXPECT_EQ(calls, 0);

  auto changed = IntResult(unexpected(std::string("odd")))
                     .or_else([](const std::string& error) -> Expected<int, int> {
                       return unexpected(static_cast<int>(error.size()));
                     });
  ASSERT_FALSE(changed);
  EXPECT_EQ(changed.error(), 3);
}

TEST(Expected, TransformErrorMapsOnlyTheError) {
  auto mapped = IntResult(unexpected(std::string("odd"))).transform_error([](std::string e) {
    return e + "!";
  });
  ASSERT_FALSE(mapped);
  EXPECT_EQ(mapped.error(), "odd!");
  auto value = IntResult(3).transform_error([](const std::string& e) { return e.size(); });
  static_assert(std::is_same_v<decltype(value), Expected<int, std::size_t>>);
  EXPECT_EQ(*value, 3);
}

TEST(Expected, ValueOr) {
  EXPECT_EQ(IntResult(3).value_or(9), 3);
  EXPECT_EQ(IntResult(unexpected(std::string("x"))).value_or(9), 9);
  const IntResult kept = 4;
  EXPECT_EQ(kept.value_or(0), 4);
}

TEST(Expected, RvalueChainsMoveOnlyValues) {
  using Owned = Expected<std::unique_ptr<int>, std::string>;
  auto result = Owned(std::make_unique<int>(5))
                    .and_then([](std::unique_ptr<int> p) -> Owned {
                      *p += 1;
                      return p;
                    })
                    .transform([](std::unique_ptr<int> p) { return *p; });
  ASSERT_TRUE(result);
  EXPECT_EQ(*result, 6);
  auto fallback = Owned(unexpected(std::string("x"))).value_or(std::make_unique<int>(1));
  EXPECT_EQ(*fallback, 1);
}

// MG_TRY: the value, or the error returned at once, converted to the caller's error type.
struct Wider {
  std::string text;
  Wider(std::string t) : text(std::move(t)) {}  // NOLINT implicit: the conversion under test
};

Expected<int, Wider> sum_of_halves(int a, int b, int* reached) {
  MG_TRY(const int x, half(a));
  *reached = 1;
  MG_TRY(auto y, half(b));
  *reached = 2;
  return x + y;
}

Expected<Ok, std::string> checks(int a, int* reached) {
  MG_TRY_VOID(half(a));
  *reached = 1;
  MG_TRY_VOID(VoidResult(Ok{}));
  *reached = 2;
  return Ok{};
}

TEST(Expected, TryDeclaresTheValueOrReturnsTheError) {
  int reached = 0;
  auto sum = sum_of_halves(4, 6, &reached);
  ASSERT_TRUE(sum);
  EXPECT_EQ(*sum, 5);
  EXPECT_EQ(reached, 2);

  reached = 0;
  auto failed = sum_of_halves(4, 5, &reached);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error().text, "odd");
  EXPECT_EQ(reached, 1);
}

TEST(Expected, TryVoidReturnsTheErrorOrGoesOn) {
  int reached = 0;
  EXPECT_TRUE(checks(2, &reached));
  EXPECT_EQ(reached, 2);
  reached = 0;
  auto failed = checks(3, &reached);
  ASSERT_FALSE(failed);
  EXPECT_EQ(failed.error(), "odd");
  EXPECT_EQ(reached, 0);
}

}  // namespace
}  // namespace mediagate::core
