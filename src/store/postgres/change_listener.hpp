// Learns promptly that another connection (another instance, `mediagate import`, plain SQL)
// changed the data of one PostgreSQL schema: a thread of its own holds one connection that
// LISTENs on the channel the schema's triggers notify (schema.hpp: install_change_tracking),
// and every poll interval also reads the schema's counter, in case a notification was missed
// or the connection died silently. Whenever the data may have changed, `changed` runs (on that
// thread): on a notification for the schema, on a counter that moved, and on every (re)connect
// (what was committed while no one listened is unknown). Its session is named after the
// store's with " (changes)" appended (pg_stat_activity.application_name).
//
// listening() is true only while notifications are certain to arrive: from a connect whose
// LISTEN took effect, until the connection fails or the poll finds it dead. A lost connection is
// replaced with a backoff (from 50 ms, doubling, up to the poll interval). Every wait (connect,
// query, backoff) ends early when the listener is destroyed, which joins the thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <string>
#include <thread>

namespace mediagate::store::postgres {

struct ChangeListenerOptions {
  std::chrono::milliseconds connect_timeout{5000};
  // One statement of the listener (the counter's read) may take this long, plus a second.
  std::chrono::milliseconds statement_timeout{10'000};
  // How often the counter is read while listening; also the longest backoff.
  std::chrono::milliseconds poll{1000};
};

class ChangeListener {
 public:
  // Starts the thread. `url` as PostgresStore::open takes it (its search_path names the schema).
  ChangeListener(std::string url, const ChangeListenerOptions& options,
                 std::function<void()> changed);
  ~ChangeListener();
  ChangeListener(const ChangeListener&) = delete;
  ChangeListener& operator=(const ChangeListener&) = delete;

  bool listening() const noexcept { return listening_.load(); }
  // Connections that reached the listening state, notifications for the schema received, and
  // polls that found the counter moved (for tests and diagnostics).
  std::uint64_t sessions() const noexcept { return sessions_.load(); }
  std::uint64_t notifications() const noexcept { return notifications_.load(); }
  std::uint64_t polled_changes() const noexcept { return polled_changes_.load(); }

 private:
  class Session;

  void run();
  // Waits up to `delay`; false when the listener is stopping.
  bool pause(std::chrono::milliseconds delay) const;

  const std::string url_;
  const ChangeListenerOptions options_;
  const std::function<void()> changed_;
  int wake_fd_ = -1;  // an eventfd: written once, to stop
  std::atomic<bool> stopping_{false};
  std::atomic<bool> listening_{false};
  std::atomic<std::uint64_t> sessions_{0};
  std::atomic<std::uint64_t> notifications_{0};
  std::atomic<std::uint64_t> polled_changes_{0};
  std::thread thread_;  // last: started when everything above is ready
};

}  // namespace mediagate::store::postgres
