// The `mediagate` binary as an operator runs it: help texts, import, config validation, and
// serve stopping cleanly on SIGTERM.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <regex>
#include <thread>

#include "client/http_client.hpp"
#include "store/store.hpp"
#include "support/test_server.hpp"
#include "vendors/iqiyi/iqiyi_repository.hpp"
#include "vendors/open_store.hpp"

namespace mediagate::testing {
namespace {

struct Run {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs the binary with `args` to completion (bounded by the test timeout).
// `environment`: NAME=VALUE assignments (space-separated) for the binary only.
Run run_binary(const std::string& args, const std::string& environment = {}) {
  Run run;
  const std::string command = (environment.empty() ? "" : "env " + environment + " ") +
                              std::string(MEDIAGATE_BINARY) + " " + args + " 2>&1";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) run.output += buffer.data();
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

// Waits up to 5 s (100 x 50 ms) for `pid` to exit, then SIGKILLs it. What waitpid reaped (0:
// nothing, in time) and the status it gave.
struct Reaped {
  pid_t pid = 0;
  int status = 0;
};
Reaped reap_within_5s(pid_t pid) {
  Reaped reaped;
  for (int i = 0; i < 100 && reaped.pid == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    reaped.pid = waitpid(pid, &reaped.status, WNOHANG);
  }
  if (reaped.pid == 0) kill(pid, SIGKILL);
  return reaped;
}

class Cli : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "mediagate-cli-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override { std::filesystem::remove_all(dir_); }
  std::string write(const std::string& name, const std::string& text) {
    const std::string path = dir_ + "/" + name;
    std::ofstream(path) << text;
    return path;
  }
  std::string dir_;
};

TEST_F(Cli, HelpForEachCommand) {
  for (const char* args :
       {"help", "serve --help", "import --help", "seed --help", "sign --help", "call --help"}) {
    const auto run = run_binary(args);
    EXPECT_EQ(run.exit_code, 0) << args;
    EXPECT_NE(run.output.find("Usage: mediagate"), std::string::npos) << args;
  }
  EXPECT_EQ(run_binary("frobnicate").exit_code, 2);
  EXPECT_EQ(run_binary("serve --no-such-flag").exit_code, 2);
}

TEST_F(Cli, ImportReportsTheJsonPathAndChangesNothingOnError) {
  const std::string store = "sqlite:" + dir_ + "/s.db";
  const auto good =
      run_binary("import " + source_path("fixtures/sample.json") + " --store " + store);
  ASSERT_EQ(good.exit_code, 0) << good.output;
  EXPECT_NE(good.output.find("4 videos"), std::string::npos) << good.output;

  // A document that renames a video but also has an error is refused whole.
  const auto bad = write("bad.json", R"({"pumpkin":{"media":[{"movie_id":1,"movie_name":"x",
    "delete_time":"2019-13-01 00:00:00"}]},"iqiyi":{"partners":[{"partnerCode":"T_Coupon_Pepsi",
    "md5Key":"changed","users":[]}]}})");
  const auto refused = run_binary("import " + bad + " --store " + store);
  EXPECT_EQ(refused.exit_code, 1);
  EXPECT_NE(refused.output.find("$.pumpkin.media[0].delete_time"), std::string::npos)
      << refused.output;
  auto opened = vendors::open_store(store);
  ASSERT_TRUE(opened);
  auto key = vendors::iqiyi::iqiyi_repository(**opened).find_md5_key("T_Coupon_Pepsi");
  ASSERT_TRUE(key);
  EXPECT_EQ(**key, "1234567890");

  const auto unknown = write("unknown.json", R"({"polyv":{"acounts":[]}})");
  const auto run = run_binary("import " + unknown + " --store " + store);
  EXPECT_EQ(run.exit_code, 1);
  EXPECT_NE(run.output.find("$.polyv.acounts"), std::string::npos) << run.output;
}

TEST_F(Cli, ConfigWithUnknownKeyIsRefusedAtStartUp) {
  const auto config = write("c.json", R"({"listen":"127.0.0.1:0","limits":{"max_bodybytes":1}})");
  const auto run = run_binary("serve --config " + config);
  EXPECT_EQ(run.exit_code, 2);
  EXPECT_NE(run.output.find("limits.max_bodybytes: unknown setting"), std::string::npos)
      << run.output;
  const auto env = run_binary("serve --print-config --set limits.max_body_bytes=7");
  EXPECT_EQ(env.exit_code, 0);
  EXPECT_NE(env.output.find(R"("max_body_bytes":7)"), std::string::npos) << env.output;
}

TEST_F(Cli, TheDemoScriptsVariablesAreNotSettings) {
  // MEDIAGATE_DEMO_LISTEN=127.0.0.1:9090 ./scripts/serve-demo.sh: the script's own variable
  // reaches the server it starts, which used to stop with "unknown setting".
  const std::string args = " serve --print-config --listen 127.0.0.1:9090";
  const auto plain = run_binary(args);
  ASSERT_EQ(plain.exit_code, 0) << plain.output;
  const auto demo = run_binary(args, "MEDIAGATE_DEMO_LISTEN=127.0.0.1:9090");
  EXPECT_EQ(demo.exit_code, 0) << demo.output;
  EXPECT_EQ(demo.output, plain.output);
  // A misspelt setting is still refused.
  const auto typo = run_binary(args, "MEDIAGATE_LIMITS_MAX_BODYBYTES=1");
  EXPECT_NE(typo.exit_code, 0);
  EXPECT_NE(typo.output.find("MEDIAGATE_LIMITS_MAX_BODYBYTES: unknown setting"), std::string::npos)
      << typo.output;
}

TEST_F(Cli, ServeAnswersAndStopsCleanlyOnSigterm) {
  const std::string log = dir_ + "/serve.log";
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    FILE* out = std::freopen(log.c_str(), "w", stderr);
    (void)out;
    execl(MEDIAGATE_BINARY, "mediagate", "serve", "--listen", "127.0.0.1:0", "--store",
          ("sqlite:" + dir_ + "/serve.db").c_str(), "--fixtures",
          source_path("fixtures/sample.json").c_str(), "--set", "access_log=off",
          static_cast<char*>(nullptr));
    _exit(127);
  }
  // The server prints its port once it listens.
  unsigned short port = 0;
  const std::regex port_line(R"(\(port (\d+)\))");
  for (int i = 0; i < 100 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    std::ifstream in(log);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::smatch match;
    if (std::regex_search(text, match, port_line)) {
      port = static_cast<unsigned short>(std::stoi(match[1]));
    }
  }
  ASSERT_NE(port, 0);
  client::HttpClient client("127.0.0.1", port);
  const auto health = client.get("/healthz");
  ASSERT_TRUE(health);
  EXPECT_EQ(health->status, 200u);
  ASSERT_EQ(kill(pid, SIGTERM), 0);
  const auto [reaped, status] = reap_within_5s(pid);
  ASSERT_EQ(reaped, pid) << "server did not stop within 5 s of SIGTERM";
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// Issue 17's workflow with the real binary: `mediagate cert`, `serve --tls-cert --tls-key`, a
// keep-alive HTTPS client, a renewal (`cert` again: the CA is reused) and SIGHUP: the open
// connection continues, the server log says the pair was reloaded.
TEST_F(Cli, CertServeOverTlsAndReloadOnSighup) {
  const std::string tls = dir_ + "/tls";
  const auto made = run_binary("cert --out " + tls);
  ASSERT_EQ(made.exit_code, 0) << made.output;
  namespace fs = std::filesystem;
  for (const char* key : {"/ca.key", "/server.key"}) {
    EXPECT_EQ(fs::status(tls + key).permissions() & fs::perms::all,
              fs::perms::owner_read | fs::perms::owner_write)
        << key;
  }
  const std::string log = dir_ + "/serve-tls.log";
  const pid_t pid = fork();
  ASSERT_GE(pid, 0);
  if (pid == 0) {
    FILE* out = std::freopen(log.c_str(), "w", stderr);
    (void)out;
    execl(MEDIAGATE_BINARY, "mediagate", "serve", "--listen", "127.0.0.1:0", "--store",
          ("sqlite:" + dir_ + "/serve-tls.db").c_str(), "--tls-cert", (tls + "/server.pem").c_str(),
          "--tls-key", (tls + "/server.key").c_str(), "--set", "access_log=off", "--set",
          "admin.enabled=false", static_cast<char*>(nullptr));
    _exit(127);
  }
  auto read_log = [&log] {
    std::ifstream in(log);
    return std::string((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  };
  unsigned short port = 0;
  const std::regex port_line(R"(\(port (\d+)\))");
  for (int i = 0; i < 100 && port == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    const std::string text = read_log();
    std::smatch match;
    if (std::regex_search(text, match, port_line)) {
      port = static_cast<unsigned short>(std::stoi(match[1]));
    }
  }
  ASSERT_NE(port, 0) << read_log();
  client::HttpClient kept("localhost", port, std::chrono::seconds(5),
                          client::TlsClientOptions{true, tls + "/ca.pem", {}});
  const auto before = kept.get("/healthz");
  ASSERT_TRUE(before) << before.error();
  EXPECT_EQ(before->status, 200u);

  const auto renewed = run_binary("cert --out " + tls);
  ASSERT_EQ(renewed.exit_code, 0) << renewed.output;
  EXPECT_NE(renewed.output.find("reused"), std::string::npos) << renewed.output;
  ASSERT_EQ(kill(pid, SIGHUP), 0);
  bool reloaded = false;
  for (int i = 0; i < 100 && !reloaded; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
    reloaded = read_log().find("TLS certificate reloaded") != std::string::npos;
  }
  EXPECT_TRUE(reloaded) << read_log();
  const auto after = kept.get("/healthz");
  ASSERT_TRUE(after) << after.error();
  EXPECT_EQ(kept.connections_opened(), 1);
  client::HttpClient fresh("localhost", port, std::chrono::seconds(5),
                           client::TlsClientOptions{true, tls + "/ca.pem", {}});
  const auto renewed_answer = fresh.get("/healthz");
  ASSERT_TRUE(renewed_answer) << renewed_answer.error();
  EXPECT_EQ(read_log().find("PRIVATE KEY"), std::string::npos);

  ASSERT_EQ(kill(pid, SIGTERM), 0);
  const auto [reaped, status] = reap_within_5s(pid);
  ASSERT_EQ(reaped, pid) << "server did not stop within 5 s of SIGTERM";
  EXPECT_TRUE(WIFEXITED(status) && WEXITSTATUS(status) == 0);
}

}  // namespace
}  // namespace mediagate::testing
