// `mediagate export` as an operator runs it (issue 13, item 6), on SQLite and (with
// MEDIAGATE_TEST_STORE=postgres) PostgreSQL: export -> import into a fresh store -> export gives
// the same bytes, also those of GET /admin/v1/export and whatever the batch size; a store after
// admin edits; importing the same file twice reports its rows unchanged; "-" and no FILE write
// to stdout; a failed export leaves no partial file; the progress bar only on a terminal.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <vector>

#include "store/postgres/connection.hpp"
#include "support/admin_client.hpp"
#include "support/test_server.hpp"

namespace mediagate::testing {
namespace {

struct CliRun {
  int exit_code = -1;
  std::string output;  // stdout (stderr too when `merged`)
};

// Runs `command` with /bin/sh (the binary is $MG), to completion.
CliRun shell(const std::string& command) {
  CliRun run;
  const std::string line = "MG='" + std::string(MEDIAGATE_BINARY) + "'; " + command;
  FILE* pipe = popen(line.c_str(), "r");
  if (pipe == nullptr) return run;
  std::array<char, 4096> buffer{};
  std::size_t n = 0;
  while ((n = std::fread(buffer.data(), 1, buffer.size(), pipe)) > 0)
    run.output.append(buffer.data(), n);
  const int status = pclose(pipe);
  run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return run;
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

class Export : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern =
        (std::filesystem::temp_directory_path() / "mediagate-export-XXXXXX").string();
    ASSERT_NE(mkdtemp(pattern.data()), nullptr);
    dir_ = pattern;
  }
  void TearDown() override {
    for (auto& drop : drops_) drop();
    std::filesystem::remove_all(dir_);
  }

  // A new empty store of the backend under test (MEDIAGATE_TEST_STORE).
  std::string fresh_store(const std::string& name) {
    const char* backend = std::getenv("MEDIAGATE_TEST_STORE");
    if (backend != nullptr && std::string(backend) == "postgres") {
      std::function<void()> drop;
      auto url = fresh_postgres_store(drop);
      drops_.push_back(std::move(drop));
      return url;
    }
    return "sqlite:" + dir_ + "/" + name + ".db";
  }
  std::string path(const std::string& name) const { return dir_ + "/" + name; }

  // `mediagate ARGS` (stderr to `stderr_file`, stdout captured).
  CliRun run_cli(const std::string& args, const std::string& stderr_file = "/dev/null") {
    return shell("\"$MG\" " + args + " 2>" + quoted(stderr_file));
  }
  static std::string quoted(const std::string& text) { return "'" + text + "'"; }

  // A store with the sample fixtures and seeded data enough for many batches.
  std::string seeded_store(const std::string& name) {
    const std::string url = fresh_store(name);
    auto imported = run_cli("import " + quoted(source_path("fixtures/sample.json")) + " --store " +
                            quoted(url));
    EXPECT_EQ(imported.exit_code, 0) << imported.output;
    auto seeded = run_cli(
        "seed --videos 1200 --sessions 500 --allocations 300 --media 300"
        " --users 300 --accounts 3 --groups 2 --store " +
        quoted(url));
    EXPECT_EQ(seeded.exit_code, 0) << seeded.output;
    return url;
  }

  std::string dir_;
  std::vector<std::function<void()>> drops_;
};

TEST_F(Export, ExportImportExportGivesTheSameBytesWhateverTheBatch) {
  const std::string a = seeded_store("a");
  ASSERT_EQ(run_cli("export " + quoted(path("a.json")) + " --store " + quoted(a)).exit_code, 0);
  const std::string first = read_file(path("a.json"));
  ASSERT_GT(first.size(), 100'000u);
  // Batches of 7 rows: every keyset boundary in the middle of some list.
  ASSERT_EQ(
      run_cli("export " + quoted(path("a7.json")) + " --batch 7 --store " + quoted(a)).exit_code,
      0);
  EXPECT_TRUE(read_file(path("a7.json")) == first) << "batch size changed the bytes";

  const std::string b = fresh_store("b");
  const auto imported = run_cli("import " + quoted(path("a.json")) + " --store " + quoted(b));
  ASSERT_EQ(imported.exit_code, 0) << imported.output;
  ASSERT_EQ(run_cli("export " + quoted(path("b.json")) + " --store " + quoted(b)).exit_code, 0);
  EXPECT_TRUE(read_file(path("b.json")) == first) << "the re-imported store exports otherwise";
}

TEST_F(Export, TheBytesOfTheAdminExportAfterAdminEdits) {
  TestServer server{{}, {source_path("fixtures/sample.json")}, kToken};
  AdminClient admin{server};
  // Edits of every kind: a new media with a percent sign and a quote, a changed video, a
  // deleted channel, a new group allocation's sub-account, an iQiyi user's coupons.
  ASSERT_EQ(
      admin
          .post("/pumpkin/media",
                R"({"movie_id":777001,"movie_name":"100% \"new\" \u4e2d","delete_time":null})")
          .status,
      201u);
  const auto videos = parsed(admin.get("/polyv/accounts/b0f7041324/videos"));
  auto video = videos.at("items").as_array().at(0).as_object();
  const std::string vid(video.at("vid").as_string());
  video["title"] = "edited title";
  const auto put = admin.put("/polyv/accounts/b0f7041324/videos/" + vid, json::serialize(video));
  ASSERT_EQ(put.status, 200u) << put.body;
  const auto channels = parsed(admin.get("/polyv/accounts/b0f7041324/channels"));
  ASSERT_FALSE(channels.at("items").as_array().empty());
  const std::string channel(channels.at("items").as_array().at(0).at("channelId").as_string());
  ASSERT_EQ(admin.del("/polyv/accounts/b0f7041324/channels/" + channel).status, 204u);

  const auto exported = admin.get("/export");
  ASSERT_EQ(exported.status, 200u);
  const auto run =
      run_cli("export " + quoted(path("edited.json")) + " --store " + quoted(server.store_url()));
  ASSERT_EQ(run.exit_code, 0) << run.output;
  const std::string streamed = read_file(path("edited.json"));
  EXPECT_NE(streamed.find(R"("movie_name": "100% \"new\" )"), std::string::npos);
  EXPECT_NE(streamed.find(R"("title": "edited title")"), std::string::npos);
  EXPECT_EQ(streamed.find("\"channelId\": \"" + channel + "\""), std::string::npos);
  EXPECT_TRUE(streamed == exported.body) << "mediagate export and GET /admin/v1/export differ";
}

TEST_F(Export, ImportingTheSameFileTwiceReportsItsRowsUnchanged) {
  const std::string a = fresh_store("a");
  ASSERT_EQ(
      run_cli("import " + quoted(source_path("fixtures/sample.json")) + " --store " + quoted(a))
          .exit_code,
      0);
  ASSERT_EQ(run_cli("export " + quoted(path("a.json")) + " --store " + quoted(a)).exit_code, 0);
  const std::string b = fresh_store("b");
  const auto first = run_cli("import " + quoted(path("a.json")) + " --store " + quoted(b));
  ASSERT_EQ(first.exit_code, 0);
  EXPECT_EQ(first.output, path("a.json") +
                              ": imported 1 polyv accounts, 3 categories, 4 videos, 1 channels, "
                              "5 sessions, 2 groups, 3 allocations, 1 iqiyi partners, "
                              "2 iqiyi users, 2 pumpkin partners, 5 pumpkin media\n");
  const auto second = run_cli("import " + quoted(path("a.json")) + " --store " + quoted(b));
  ASSERT_EQ(second.exit_code, 0);
  EXPECT_EQ(second.output, path("a.json") +
                               ": nothing changed; unchanged: 1 polyv accounts, 3 categories, "
                               "4 videos, 1 channels, 5 sessions, 2 groups, 3 allocations, "
                               "1 iqiyi partners, 2 iqiyi users, 2 pumpkin partners, "
                               "5 pumpkin media\n");
}

// A load of 1000 rows or more leaves PostgreSQL's tables vacuumed and analyzed (its autovacuum
// would otherwise do it under traffic); a smaller one leaves them to it. SQLite: nothing to see
// but the same output and no warning.
TEST_F(Export, ALoadOfAThousandRowsOrMoreLeavesTheTablesVacuumedAndAnalyzed) {
  const std::string url = fresh_store("a");
  const bool postgres = url.starts_with("postgres");
  const auto unsettled = [&]() -> std::string {
    auto count = store::postgres::run_once(
        url,
        "SELECT count(*) FROM pg_stat_user_tables WHERE schemaname = current_schema() AND "
        "(last_vacuum IS NULL OR last_analyze IS NULL)");
    return count && *count ? **count : "(failed)";
  };
  const auto small = run_cli("import " + quoted(source_path("fixtures/sample.json")) + " --store " +
                             quoted(url) + " 2>&1");
  ASSERT_EQ(small.exit_code, 0) << small.output;
  EXPECT_EQ(small.output.find("warning"), std::string::npos) << small.output;
  if (postgres) {
    EXPECT_GT(std::stoi(unsettled()), 0);  // (a failed query throws: a failure too)
  }
  const auto seeded = run_cli(
      "seed --videos 1200 --sessions 10 --allocations 10 --media 10"
      " --users 10 --store " +
      quoted(url) + " 2>&1");
  ASSERT_EQ(seeded.exit_code, 0) << seeded.output;
  EXPECT_EQ(seeded.output.find("warning"), std::string::npos) << seeded.output;
  if (postgres) {
    EXPECT_EQ(unsettled(), "0");
  }
}

TEST_F(Export, DashOrNoFileWritesToStdoutAndOnlyTheDocument) {
  const std::string a = fresh_store("a");
  ASSERT_EQ(
      run_cli("import " + quoted(source_path("fixtures/sample.json")) + " --store " + quoted(a))
          .exit_code,
      0);
  ASSERT_EQ(run_cli("export " + quoted(path("a.json")) + " --store " + quoted(a)).exit_code, 0);
  const std::string file = read_file(path("a.json"));
  const auto dash = run_cli("export - --store " + quoted(a), path("dash.err"));
  ASSERT_EQ(dash.exit_code, 0);
  EXPECT_TRUE(dash.output == file);
  // Not a terminal: no progress bar, one line saying what was written.
  const std::string said = read_file(path("dash.err"));
  EXPECT_EQ(said.find('\r'), std::string::npos) << said;
  EXPECT_NE(said.find("exported "), std::string::npos) << said;
  EXPECT_NE(said.find(" rows to stdout"), std::string::npos) << said;
  const auto none = run_cli("export --store " + quoted(a));
  ASSERT_EQ(none.exit_code, 0);
  EXPECT_TRUE(none.output == file);
}

TEST_F(Export, AFailedExportLeavesNoPartialFileAndSaysWhy) {
  const std::string a = seeded_store("a");
  // An earlier export stays as it was.
  std::ofstream(path("out.json")) << "earlier";
  // Files larger than 256 blocks (128 KiB in dash, beyond SQLite's 32 KiB -shm) are refused
  // (EFBIG, the signal ignored): the document's write fails midway.
  const auto big = shell("trap '' XFSZ; ulimit -f 256; \"$MG\" export " + quoted(path("out.json")) +
                         " --store " + quoted(a) + " 2>&1");
  EXPECT_EQ(big.exit_code, 1) << big.output;
  EXPECT_NE(big.output.find("mediagate export: cannot write " + path("out.json")),
            std::string::npos)
      << big.output;
  EXPECT_EQ(read_file(path("out.json")), "earlier");
  for (const auto& entry : std::filesystem::directory_iterator(dir_)) {
    EXPECT_EQ(entry.path().filename().string().find(".export-"), std::string::npos)
        << "left behind: " << entry.path();
  }
  // stdout that cannot be written.
  const auto full = shell("\"$MG\" export - --store " + quoted(a) + " 2>&1 >/dev/full");
  EXPECT_EQ(full.exit_code, 1);
  EXPECT_NE(full.output.find("mediagate export: cannot write to stdout"), std::string::npos)
      << full.output;
  // A directory that does not exist; a store that cannot be opened.
  const auto nowhere =
      run_cli("export " + quoted(path("no/such/dir/x.json")) + " --store " + quoted(a),
              path("nowhere.err"));
  EXPECT_EQ(nowhere.exit_code, 1);
  EXPECT_NE(read_file(path("nowhere.err")).find("cannot create a temporary file in"),
            std::string::npos);
  EXPECT_EQ(run_cli("export - --store nosuchscheme:x").exit_code, 1);
  EXPECT_EQ(run_cli("export a b").exit_code, 2);
  EXPECT_EQ(run_cli("export --batch 0").exit_code, 2);
}

TEST_F(Export, AProgressBarOnATerminal) {
  const std::string a = seeded_store("a");
  // script(1) gives the command a terminal; stdout goes to the file, stderr to the terminal.
  const auto run = shell("script -qec \"\\\"$MG\\\" export '" + path("tty.json") + "' --store '" +
                         a + "'\" /dev/null");
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("\r"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("] 100%"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find(" rows"), std::string::npos) << run.output;
}

TEST_F(Export, HelpSaysHowToMoveAStore) {
  const auto help = run_cli("export --help");
  EXPECT_EQ(help.exit_code, 0);
  EXPECT_NE(help.output.find("Usage: mediagate export [FILE|-]"), std::string::npos);
  EXPECT_NE(help.output.find("mediagate import store.json --store postgresql://"),
            std::string::npos);
}

}  // namespace
}  // namespace mediagate::testing
