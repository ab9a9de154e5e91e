#include "store/postgres/change_listener.hpp"

#include <libpq-fe.h>
#include <poll.h>
#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <optional>
#include <stdexcept>
#include <utility>

#include "store/postgres/schema.hpp"

namespace mediagate::store::postgres {
namespace {

using Clock = std::chrono::steady_clock;

constexpr std::chrono::milliseconds kFirstBackoff{50};
constexpr std::chrono::milliseconds kClientGrace{1000};

int remaining_ms(Clock::time_point deadline) {
  const auto left =
      std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
  return static_cast<int>(std::clamp<long long>(left, 0, 1'000'000));
}

}  // namespace

// One connection of the listener: connect, LISTEN, read the counter, wait for notifications.
// Every wait also watches the listener's wake fd; a false/nothing answer means "lost or
// stopping": the caller drops the session.
class ChangeListener::Session {
 public:
  explicit Session(const ChangeListener& owner) : owner_(owner) {}
  ~Session() {
    if (conn_ != nullptr) PQfinish(conn_);
  }
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  bool connect() {
    const auto connect_seconds = std::to_string(
        std::max<std::int64_t>(2, (owner_.options_.connect_timeout.count() + 999) / 1000));
    const char* keywords[] = {"connect_timeout",     "keepalives",       "keepalives_idle",
                              "keepalives_interval", "keepalives_count", "application_name",
                              "client_encoding",     "dbname",           nullptr};
    const char* values[] = {connect_seconds.c_str(), "1",    "10", "5", "3", "mediagate", "UTF8",
                            owner_.url_.c_str(),     nullptr};
    conn_ = PQconnectStartParams(keywords, values, /*expand_dbname=*/1);
    if (conn_ == nullptr || PQstatus(conn_) == CONNECTION_BAD) return false;
    const auto deadline = Clock::now() + owner_.options_.connect_timeout;
    for (auto state = PGRES_POLLING_WRITING;;) {
      if (state == PGRES_POLLING_OK) break;
      if (state == PGRES_POLLING_FAILED) return false;
      if (wait(state == PGRES_POLLING_READING ? POLLIN : POLLOUT, deadline) != Wait::kReady) {
        return false;
      }
      state = PQconnectPoll(conn_);
    }
    PQsetNoticeProcessor(
        conn_, [](void*, const char*) {}, nullptr);
    return PQsetnonblocking(conn_, 1) == 0;
  }

  // Runs `sql` (simple protocol); the first column of the first row of the last result, "" if
  // it has none; nothing on any failure.
  std::optional<std::string> run(const std::string& sql) {
    if (PQsendQuery(conn_, sql.c_str()) == 0) return std::nullopt;
    const auto deadline = Clock::now() + owner_.options_.statement_timeout + kClientGrace;
    std::optional<std::string> value;
    bool failed = false;
    while (true) {
      const int flushed = PQflush(conn_);
      if (flushed < 0) return std::nullopt;
      if (flushed == 0 && PQisBusy(conn_) == 0) {
        PGresult* result = PQgetResult(conn_);
        if (result == nullptr) break;
        const auto status = PQresultStatus(result);
        if (status == PGRES_TUPLES_OK || status == PGRES_COMMAND_OK) {
          value = PQntuples(result) > 0 && PQnfields(result) > 0
                      ? std::string(PQgetvalue(result, 0, 0),
                                    static_cast<std::size_t>(PQgetlength(result, 0, 0)))
                      : std::string();
        } else {
          failed = true;
        }
        PQclear(result);
        continue;
      }
      if (wait(flushed == 1 ? POLLIN | POLLOUT : POLLIN, deadline) != Wait::kReady) {
        return std::nullopt;
      }
      if (PQconsumeInput(conn_) == 0) return std::nullopt;
    }
    if (failed || PQstatus(conn_) != CONNECTION_OK) return std::nullopt;
    return value;
  }

  // Notifications for `schema` received so far (the others are dropped).
  std::uint64_t take_notifications(const std::string& schema) {
    std::uint64_t count = 0;
    while (PGnotify* notify = PQnotifies(conn_)) {
      if (notify->extra != nullptr && schema == notify->extra) ++count;
      PQfreemem(notify);
    }
    return count;
  }

  enum class Wait { kReady, kTimeout, kLost };
  // Waits until the socket is ready for `events` or `deadline`; kLost when the socket is gone
  // or the listener stops.
  Wait wait(short events, Clock::time_point deadline) {
    pollfd fds[2] = {{PQsocket(conn_), events, 0}, {owner_.wake_fd_, POLLIN, 0}};
    if (fds[0].fd < 0) return Wait::kLost;
    while (true) {
      if (owner_.stopping_.load()) return Wait::kLost;
      const int ready = ::poll(fds, 2, remaining_ms(deadline));
      if (ready < 0 && errno == EINTR) continue;
      if (ready < 0 || fds[1].revents != 0) return Wait::kLost;
      return ready == 0 ? Wait::kTimeout : Wait::kReady;
    }
  }

  // Reads what arrived without blocking; false when the connection is lost.
  bool consume() { return PQconsumeInput(conn_) != 0 && PQstatus(conn_) == CONNECTION_OK; }

 private:
  const ChangeListener& owner_;
  PGconn* conn_ = nullptr;
};

ChangeListener::ChangeListener(std::string url, const ChangeListenerOptions& options,
                               std::function<void()> changed)
    : url_(std::move(url)), options_(options), changed_(std::move(changed)) {
  wake_fd_ = ::eventfd(0, EFD_CLOEXEC | EFD_NONBLOCK);
  if (wake_fd_ < 0) throw std::runtime_error("postgres: cannot create the listener's eventfd");
  thread_ = std::thread([this] { run(); });
}

ChangeListener::~ChangeListener() {
  stopping_.store(true);
  const std::uint64_t one = 1;
  [[maybe_unused]] const auto written = ::write(wake_fd_, &one, sizeof one);
  thread_.join();
  ::close(wake_fd_);
}

bool ChangeListener::pause(std::chrono::milliseconds delay) const {
  pollfd fd{wake_fd_, POLLIN, 0};
  const auto deadline = Clock::now() + delay;
  while (!stopping_.load()) {
    const int ready = ::poll(&fd, 1, remaining_ms(deadline));
    if (ready == 0) return true;
    if (ready < 0 && errno == EINTR) continue;
    return false;
  }
  return false;
}

void ChangeListener::run() {
  const auto longest = std::max(kFirstBackoff, options_.poll);
  auto backoff = kFirstBackoff;
  while (!stopping_.load()) {
    {
      Session session(*this);
      std::optional<std::string> schema;
      std::optional<std::string> seen;
      // LISTEN first and on its own: once it has committed, every later commit notifies this
      // session, and the counter read after it sees every earlier one.
      if (session.connect() &&
          session.run("SELECT set_config('application_name',"
                      " current_setting('application_name') || ' (changes)', false); LISTEN " +
                      std::string(kChangeChannel)) &&
          (schema = session.run("SELECT current_schema()")) &&
          (seen = session.run("SELECT generation FROM mediagate_data_generation"))) {
        changed_();  // whatever happened while no one listened
        listening_.store(true);
        sessions_.fetch_add(1);
        backoff = kFirstBackoff;
        auto next_poll = Clock::now() + options_.poll;
        while (true) {
          if (const auto received = session.take_notifications(*schema); received > 0) {
            notifications_.fetch_add(received);
            changed_();
          }
          if (Clock::now() >= next_poll) {
            const auto counter = session.run("SELECT generation FROM mediagate_data_generation");
            if (!counter) break;
            if (*counter != *seen) {
              seen = counter;
              polled_changes_.fetch_add(1);
              changed_();
            }
            next_poll = Clock::now() + options_.poll;
            continue;  // the read may have brought notifications
          }
          const auto waited = session.wait(POLLIN, next_poll);
          if (waited == Session::Wait::kLost) break;
          if (waited == Session::Wait::kReady && !session.consume()) break;
        }
        listening_.store(false);
      }
    }
    if (!pause(backoff)) break;
    backoff = std::min(backoff * 2, longest);
  }
  listening_.store(false);
}

}  // namespace mediagate::store::postgres
