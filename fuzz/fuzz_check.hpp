// What a fuzz target asserts: an invariant that does not hold aborts with a message, which
// libFuzzer records as a crash and the corpus replay test (replay_main.cpp) as a failure.
#pragma once

#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace mediagate::fuzz {

[[noreturn]] inline void fail(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, what);
  std::abort();
}

inline std::string_view as_text(const unsigned char* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace mediagate::fuzz

#define FUZZ_CHECK(condition) \
  ((condition) ? static_cast<void>(0) : ::mediagate::fuzz::fail(#condition, __FILE__, __LINE__))
