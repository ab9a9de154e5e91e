#include "support/redis_process.hpp"

#include <signal.h>
#include <stdlib.h>

#include <array>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "support/test_server.hpp"

namespace mediagate::testing {

RedisProcess::RedisProcess() {
  std::string pattern =
      (std::filesystem::temp_directory_path() / "mediagate-redis-XXXXXX").string();
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  directory_ = pattern;
}

RedisProcess::~RedisProcess() {
  if (pid_ != 0) {
    resume();
    stop();
  }
  std::error_code ignored;
  std::filesystem::remove_all(directory_, ignored);
}

std::string RedisProcess::script(const std::string& arguments) const {
  const std::string command = source_path("scripts/redis-test-server.sh") + " " + arguments +
                              " 2>>" + directory_ + "/script.err";
  FILE* pipe = popen(command.c_str(), "r");
  if (pipe == nullptr) return {};
  std::string output;
  std::array<char, 256> buffer{};
  while (std::fgets(buffer.data(), buffer.size(), pipe) != nullptr) output += buffer.data();
  pclose(pipe);
  while (!output.empty() && (output.back() == '\n' || output.back() == '\r')) output.pop_back();
  return output;
}

bool RedisProcess::start() {
  const std::string url = script("start " + directory_ + " " + port_);
  if (url.rfind("redis://", 0) != 0) return false;
  url_ = url;
  port_ = url.substr(url.rfind(':') + 1);
  std::ifstream pid_file(directory_ + "/redis.pid");
  pid_file >> pid_;
  return pid_ > 0;
}

void RedisProcess::stop() {
  if (pid_ == 0) return;
  script("stop " + directory_);
  pid_ = 0;
}

void RedisProcess::pause() {
  if (pid_ != 0) kill(pid_, SIGSTOP);
}

void RedisProcess::resume() {
  if (pid_ != 0) kill(pid_, SIGCONT);
}

std::string RedisProcess::log() const {
  std::ifstream in(directory_ + "/redis.log");
  std::ostringstream text;
  text << in.rdbuf();
  std::ifstream err(directory_ + "/script.err");
  text << err.rdbuf();
  return text.str();
}

}  // namespace mediagate::testing
