// The SDK as a project outside this tree uses it: `cmake --install` of this build into a
// temporary prefix, a small consumer configured with find_package(mediagateClient) and
// linked to mediagate::vendor_clients (the vendors' typed clients over mediagate::client),
// built, and run against a live mediagate. About two seconds.
#include <gtest/gtest.h>
#include <sys/wait.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "support/test_server.hpp"

namespace mediagate::testing {
namespace {

namespace fs = std::filesystem;

struct Command {
  int exit_code = -1;
  std::string output;
};

Command run(const std::string& command) {
  Command result;
  FILE* pipe = popen((command + " 2>&1").c_str(), "r");
  if (pipe == nullptr) return result;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) result.output += buffer.data();
  const int status = pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return result;
}

std::string quoted(const fs::path& path) {
  return "'" + path.string() + "'";
}

constexpr const char* kConsumerCMake = R"(cmake_minimum_required(VERSION 3.25)
project(sdk_consumer LANGUAGES CXX)
set(CMAKE_CXX_STANDARD 20)
find_package(mediagateClient 0.1 REQUIRED)
add_executable(consumer main.cpp)
target_link_libraries(consumer PRIVATE mediagate::vendor_clients)
)";

constexpr const char* kConsumerMain = R"(#include <cstdlib>
#include <iostream>

#include "core/clock.hpp"
#include "vendors/polyv/polyv_vod_client.hpp"
#include "vendors/polyv/polyv_vod_descriptor.hpp"

// consumer BASE_URL NOW_MS: the seed's VOD signature, then one call.
int main(int argc, char** argv) {
  using namespace mediagate;
  if (argc != 3) return 2;
  client::SignInput input;
  input.vendor = &vendors::polyv::polyv_vod_descriptor();
  input.params = {{"format", "json"}, {"ptime", "1492591990000"},
                  {"vid", "382839019131be68715e9455f8d0971a_3"}};
  std::cout << client::compute_signature(input, "tIQp4ATe9Z")->signature << "\n";
  const core::ManualClock clock(std::atoll(argv[2]));
  client::ClientOptions options;
  options.base_url = client::BaseUrl::parse(argv[1]).value();
  options.clock = &clock;
  client::PolyvVodClient vod(options, {"b0f7041324", "tIQp4ATe9Z"});
  const auto page = vod.get_by_uploader();
  if (!page) {
    std::cout << page.error().describe() << "\n";
    return 1;
  }
  std::cout << page->total_items << " videos, first " << page->contents.at(0).vid << "\n";
  return 0;
}
)";

TEST(ClientInstall, FindPackageConsumerBuildsAndCallsALiveServer) {
  // MEDIAGATE_BINARY is <build>/src/cli/mediagate.
  const fs::path build = fs::path(MEDIAGATE_BINARY).parent_path().parent_path().parent_path();
  std::string pattern = (fs::temp_directory_path() / "mediagate-sdk-install-XXXXXX").string();
  ASSERT_NE(mkdtemp(pattern.data()), nullptr);
  const fs::path root(pattern);
  const fs::path prefix = root / "prefix";
  const fs::path source = root / "consumer";
  const fs::path binary = root / "consumer-build";
  fs::create_directories(source);
  std::ofstream(source / "CMakeLists.txt") << kConsumerCMake;
  std::ofstream(source / "main.cpp") << kConsumerMain;

  const auto install = run("cmake --install " + quoted(build) + " --prefix " + quoted(prefix));
  ASSERT_EQ(install.exit_code, 0) << install.output;
  EXPECT_TRUE(fs::exists(prefix / "lib/cmake/mediagateClient/mediagateClientConfig.cmake"));
  EXPECT_TRUE(fs::exists(prefix / "include/vendors/polyv/polyv_vod_client.hpp"));

  std::string flags;
#if defined(__SANITIZE_ADDRESS__)
  // This build's libraries are instrumented: the consumer must link the runtimes too.
  flags = " -DCMAKE_CXX_FLAGS='-fsanitize=address,undefined'";
#endif
  const auto configure =
      run("cmake -S " + quoted(source) + " -B " + quoted(binary) +
          " -DCMAKE_BUILD_TYPE=Debug -DCMAKE_PREFIX_PATH=" + quoted(prefix) + flags);
  ASSERT_EQ(configure.exit_code, 0) << configure.output;
  const auto compile = run("cmake --build " + quoted(binary));
  ASSERT_EQ(compile.exit_code, 0) << compile.output;

  TestServer server;
  const auto consumer =
      run(quoted(binary / "consumer") + " http://127.0.0.1:" + std::to_string(server.port()) + " " +
          std::to_string(server.clock().now_ms()));
  EXPECT_EQ(consumer.exit_code, 0) << consumer.output;
  EXPECT_EQ(consumer.output,
            "50BF9B165630A8047EB1D17D95A469CC51FF754E\n"
            "3 videos, first b0f7041324d864436f410f581444542a_b\n");

  std::error_code ignored;
  fs::remove_all(root, ignored);
}

}  // namespace
}  // namespace mediagate::testing
