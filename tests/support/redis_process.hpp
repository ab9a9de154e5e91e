// A Redis of a test's own (scripts/redis-test-server.sh), for fault tests that stop, restart,
// pause and resume it by pid without disturbing the Redis other tests share.
#pragma once

#include <string>

namespace mediagate::testing {

class RedisProcess {
 public:
  RedisProcess();   // a temporary directory; nothing started yet
  ~RedisProcess();  // stops the server (by pid) and removes the directory
  RedisProcess(const RedisProcess&) = delete;
  RedisProcess& operator=(const RedisProcess&) = delete;

  // Starts redis-server; on a free port the first time, then on the same port again (so that
  // a server configured with url() finds it after a restart). False on failure (see log()).
  bool start();
  void stop();    // SIGTERM, waited for (bounded)
  void pause();   // SIGSTOP: connections are accepted by the kernel, nothing is answered
  void resume();  // SIGCONT
  const std::string& url() const { return url_; }
  const std::string& directory() const { return directory_; }
  std::string log() const;

 private:
  std::string script(const std::string& command_line) const;
  std::string directory_;
  std::string url_;
  std::string port_;
  int pid_ = 0;
};

}  // namespace mediagate::testing
