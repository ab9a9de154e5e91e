#include "shared_state/redis_client.hpp"

#include <hiredis/hiredis.h>
#include <linux/futex.h>
#include <signal.h>
#include <sys/syscall.h>
#include <sys/time.h>
#include <unistd.h>

#include <algorithm>
#include <charconv>
#include <cstddef>
#include <optional>
#include <utility>

#include "auth/digest.hpp"
#include "core/blocking.hpp"
#include "shared_state/redis_protocol.hpp"

namespace mediagate::shared_state {
namespace {

timeval to_timeval(std::int64_t ms) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(ms / 1000);
  tv.tv_usec = static_cast<suseconds_t>((ms % 1000) * 1000);
  return tv;
}

// hiredis writes with write(2): a peer that closed the socket would raise SIGPIPE and end the
// process. Ignore it once, unless the program installed its own handler.
void ignore_sigpipe() {
  static std::once_flag once;
  std::call_once(once, [] {
    struct sigaction current {};
    if (sigaction(SIGPIPE, nullptr, &current) == 0 && current.sa_handler == SIG_DFL) {
      struct sigaction ignore {};
      ignore.sa_handler = SIG_IGN;
      sigemptyset(&ignore.sa_mask);
      sigaction(SIGPIPE, &ignore, nullptr);
    }
  });
}

}  // namespace

core::Expected<RedisEndpoint, std::string> parse_redis_url(std::string_view url) {
  constexpr std::string_view kScheme = "redis://";
  auto fail = [&] {
    return core::unexpected("expected redis://HOST:PORT[/DB], got " + std::string(url));
  };
  if (url.substr(0, kScheme.size()) != kScheme) return fail();
  std::string_view rest = url.substr(kScheme.size());
  if (rest.find('@') != std::string_view::npos) {
    return core::unexpected(std::string("redis URL: credentials are not supported"));
  }
  RedisEndpoint endpoint;
  std::string_view authority = rest.substr(0, rest.find('/'));
  if (authority.size() < rest.size()) {
    const std::string_view db = rest.substr(authority.size() + 1);
    if (!db.empty()) {
      const auto [ptr, ec] = std::from_chars(db.data(), db.data() + db.size(), endpoint.db);
      if (ec != std::errc{} || ptr != db.data() + db.size() || endpoint.db < 0) return fail();
    }
  }
  std::string_view host = authority;
  std::string_view port;
  if (!authority.empty() && authority.front() == '[') {
    const auto close = authority.find(']');
    if (close == std::string_view::npos) return fail();
    host = authority.substr(1, close - 1);
    const std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after.front() != ':') return fail();
      port = after.substr(1);
    }
  } else if (const auto colon = authority.rfind(':'); colon != std::string_view::npos) {
    host = authority.substr(0, colon);
    port = authority.substr(colon + 1);
    if (port.empty()) return fail();
  }
  if (host.empty()) return fail();
  endpoint.host = std::string(host);
  if (!port.empty()) {
    unsigned value = 0;
    const auto [ptr, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
    if (ec != std::errc{} || ptr != port.data() + port.size() || value == 0 || value > 65535) {
      return fail();
    }
    endpoint.port = static_cast<std::uint16_t>(value);
  }
  return endpoint;
}

RedisScript::RedisScript(std::string source)
    : source_(std::move(source)), sha1_(auth::hex_lower(auth::sha1(source_))) {}

RedisClient::RedisClient(RedisOptions options) : options_(std::move(options)) {
  if (options_.max_connections == 0) options_.max_connections = 1;
  ignore_sigpipe();
}

RedisClient::~RedisClient() {
  const std::lock_guard lock(mutex_);
  for (auto& lease : idle_) redisFree(lease.context);
  idle_.clear();
}

void RedisClient::drop_idle_locked() {
  ++generation_;
  for (auto& lease : idle_) redisFree(lease.context);
  open_ -= idle_.size();
  idle_.clear();
}

void RedisClient::note_failure(std::string_view why) {
  {
    const std::lock_guard lock(mutex_);
    drop_idle_locked();
    retry_at_ = SteadyClock::now() + std::chrono::milliseconds(options_.retry_interval_ms);
  }
  if (!failing_.exchange(true) && options_.log != nullptr) {
    const std::string address =
        options_.endpoint.host + ":" + std::to_string(options_.endpoint.port);
    options_.log->error("redis unavailable", {{"address", std::string_view{address}},
                                              {"detail", why},
                                              {"retry_in_ms", options_.retry_interval_ms}});
  }
}

void RedisClient::note_success() {
  if (failing_.exchange(false) && options_.log != nullptr) {
    const std::string address =
        options_.endpoint.host + ":" + std::to_string(options_.endpoint.port);
    options_.log->info("redis answers again", {{"address", std::string_view{address}}});
  }
}

core::Expected<RedisClient::Lease, RedisError> RedisClient::acquire() {
  const auto deadline = SteadyClock::now() + std::chrono::milliseconds(options_.command_timeout_ms);
  std::unique_lock lock(mutex_);
  for (;;) {
    if (SteadyClock::now() < retry_at_)
      return core::unexpected(RedisError::unavailable("redis: retrying later"));
    if (!idle_.empty()) {
      Lease lease = idle_.back();
      idle_.pop_back();
      lease.reused = true;
      return lease;
    }
    if (open_ < options_.max_connections) break;
    if (released_.wait_until(lock, deadline) == std::cv_status::timeout) {
      return core::unexpected(
          RedisError::unavailable("redis: no free connection before the timeout"));
    }
  }
  ++open_;
  const std::uint64_t generation = generation_;
  lock.unlock();

  auto give_back_slot = [&](std::string why) -> core::Expected<Lease, RedisError> {
    {
      const std::lock_guard relock(mutex_);
      --open_;
    }
    released_.notify_one();
    note_failure(why);
    return core::unexpected(RedisError::unavailable(std::move(why)));
  };
  const auto& endpoint = options_.endpoint;
  redisContext* context = redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port,
                                                  to_timeval(options_.connect_timeout_ms));
  if (context == nullptr) return give_back_slot("redis: cannot allocate a connection");
  if (context->err != 0) {
    std::string why = std::string("redis: connect: ") + context->errstr;
    redisFree(context);
    return give_back_slot(std::move(why));
  }
  if (redisSetTimeout(context, to_timeval(options_.command_timeout_ms)) != REDIS_OK) {
    redisFree(context);
    return give_back_slot("redis: cannot set the command timeout");
  }
  if (!options_.password.empty()) {
    const char* argv[] = {"AUTH", options_.password.data()};
    const std::size_t lengths[] = {4, options_.password.size()};
    auto* reply = static_cast<redisReply*>(redisCommandArgv(context, 2, argv, lengths));
    const bool ok = reply != nullptr && reply->type == REDIS_REPLY_STATUS;
    if (reply != nullptr) freeReplyObject(reply);
    if (!ok) {
      redisFree(context);
      return give_back_slot("redis: AUTH refused");
    }
  }
  if (endpoint.db != 0) {
    const std::string db = std::to_string(endpoint.db);
    auto* reply = static_cast<redisReply*>(redisCommand(context, "SELECT %s", db.c_str()));
    const bool ok = reply != nullptr && reply->type == REDIS_REPLY_STATUS;
    if (reply != nullptr) freeReplyObject(reply);
    if (!ok) {
      redisFree(context);
      return give_back_slot("redis: SELECT " + db + " failed");
    }
  }
  return Lease{context, generation, false};
}

void RedisClient::release(Lease lease, bool healthy) {
  {
    const std::lock_guard lock(mutex_);
    if (healthy && lease.generation == generation_) {
      idle_.push_back(lease);
      lease.context = nullptr;
    } else {
      --open_;
    }
  }
  if (lease.context != nullptr) redisFree(lease.context);
  released_.notify_one();
}

namespace {

// A call's state word, waited on with futex(2) directly. Not std::condition_variable: a woken
// call would take the batch mutex again just to leave (a second wake-up when the sender still
// holds it). Not std::atomic::wait: libstdc++ spins with sched_yield first, which on a loaded
// core is a context switch per turn.
enum : std::uint32_t { kWaiting, kSending, kDone };

void wait_while(std::atomic<std::uint32_t>& state, std::uint32_t value) {
  while (state.load(std::memory_order_acquire) == value) {
    syscall(SYS_futex, reinterpret_cast<std::uint32_t*>(&state), FUTEX_WAIT_PRIVATE, value, nullptr,
            nullptr, 0);
  }
}

// Stores `value` and wakes the thread waiting on `state`. The waiter may see the value and
// leave (its Call goes off its stack) before the wake-up is made: FUTEX_WAKE only names the
// address to the kernel and reads nothing there, so a late one wakes nobody, or makes a later
// wait on the same address look again (every wait above re-checks its value).
void set_and_wake(std::atomic<std::uint32_t>& state, std::uint32_t value) {
  auto* word = reinterpret_cast<std::uint32_t*>(&state);
  state.store(value, std::memory_order_release);
  syscall(SYS_futex, word, FUTEX_WAKE_PRIVATE, 1, nullptr, nullptr, 0);
}

}  // namespace

// One call on its way: its arguments, then its outcome (written by the thread that sends it,
// before its state becomes kDone). Lives on the calling thread's stack.
struct RedisClient::Call {
  const std::vector<std::string>* argv = nullptr;
  std::optional<core::Expected<RedisReply, RedisError>> outcome;
  std::atomic<std::uint32_t> state{kWaiting};
};

core::Expected<RedisReply, RedisError> RedisClient::run(const std::vector<std::string>& argv) {
  core::check_may_block();  // an io thread gives the step to a handler thread instead
  Call call;
  call.argv = &argv;
  if (options_.max_batch <= 1) {  // no batching: each call on its own pooled connection
    send_batch({&call});
    return std::move(*call.outcome);
  }
  std::unique_lock lock(batch_mutex_);
  waiting_.push_back(&call);
  if (sending_) {
    lock.unlock();
    wait_while(call.state, kWaiting);
    if (call.state.load(std::memory_order_acquire) == kDone) return std::move(*call.outcome);
    lock.lock();  // kSending: this thread sends the next batch
  } else {
    sending_ = true;
  }
  // `call` is the oldest waiting, so it is in the batch taken.
  const std::size_t count = std::min(waiting_.size(), options_.max_batch);
  std::vector<Call*> batch(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(count));
  waiting_.erase(waiting_.begin(), waiting_.begin() + static_cast<std::ptrdiff_t>(count));
  lock.unlock();
  try {
    send_batch(batch);
  } catch (...) {  // e.g. out of memory: the others must not wait for ever
    for (Call* each : batch) {
      if (!each->outcome)
        each->outcome = core::unexpected(RedisError::unavailable("redis: failed"));
    }
  }
  lock.lock();
  Call* next = waiting_.empty() ? nullptr : waiting_.front();
  if (next == nullptr) sending_ = false;  // else it stays set: `next` sends, nobody else
  lock.unlock();
  for (Call* other : batch) {
    if (other != &call) set_and_wake(other->state, kDone);
  }
  // `next` waits until told, so it is still there.
  if (next != nullptr) set_and_wake(next->state, kSending);
  return std::move(*call.outcome);
}

void RedisClient::send_batch(const std::vector<Call*>& batch) {
  auto fail_from = [&](std::size_t first, const RedisError& error) {
    for (std::size_t i = first; i < batch.size(); ++i) batch[i]->outcome = core::unexpected(error);
  };
  // A pooled connection may have died while idle (Redis restarted, or closed it): then no
  // command of the batch ran, and one retry on a new connection is safe.
  for (int attempt = 0; attempt < 2; ++attempt) {
    auto lease = acquire();
    if (!lease) return fail_from(0, lease.error());
    redisContext* context = lease->context;
    std::vector<const char*> pointers;
    std::vector<std::size_t> lengths;
    bool appended = true;
    for (const Call* call : batch) {
      pointers.clear();
      lengths.clear();
      for (const auto& arg : *call->argv) {
        pointers.push_back(arg.data());
        lengths.push_back(arg.size());
      }
      if (redisAppendCommandArgv(context, static_cast<int>(pointers.size()), pointers.data(),
                                 lengths.data()) != REDIS_OK) {
        appended = false;
        break;
      }
    }
    batches_sent_.fetch_add(1, std::memory_order_relaxed);
    calls_sent_.fetch_add(batch.size(), std::memory_order_relaxed);
    if (!appended) {
      release(*lease, false);
      return fail_from(0, RedisError::unavailable("redis: cannot format a command"));
    }
    for (std::size_t i = 0; i < batch.size(); ++i) {
      void* raw = nullptr;
      if (redisGetReply(context, &raw) != REDIS_OK || raw == nullptr) {
        const int err = context->err;
        std::string why = std::string("redis: ") + context->errstr;
        const bool stale = i == 0 && lease->reused &&
                           (err == REDIS_ERR_EOF || err == REDIS_ERR_IO) &&
                           why.find("temporarily unavailable") == std::string::npos;
        release(*lease, false);
        if (stale && attempt == 0) {
          // Its idle siblings are as old: open a new connection for the retry.
          const std::lock_guard lock(mutex_);
          drop_idle_locked();
          break;
        }
        note_failure(why);
        return fail_from(i, RedisError::unavailable(std::move(why)));
      }
      auto* reply = static_cast<redisReply*>(raw);
      if (reply->type == REDIS_REPLY_ERROR) {
        auto error = RedisError::reply(std::string(reply->str, reply->len));
        // NOSCRIPT is handled by eval(); anything else (OOM with noeviction, a wrong database)
        // is the operator's business.
        if (options_.log != nullptr && error.message.rfind("NOSCRIPT", 0) != 0) {
          options_.log->error("redis error reply", {{"detail", std::string_view{error.message}}});
        }
        batch[i]->outcome = core::unexpected(std::move(error));
      } else {
        batch[i]->outcome = to_reply(*reply);
      }
      freeReplyObject(reply);
      if (i + 1 == batch.size()) {
        release(*lease, true);
        note_success();
        return;
      }
    }
  }
  fail_from(0, RedisError::unavailable("redis: unreachable"));
}

core::Expected<RedisReply, RedisError> RedisClient::command(const std::vector<std::string>& argv) {
  return run(argv);
}

core::Expected<RedisReply, RedisError> RedisClient::eval(const RedisScript& script,
                                                         const std::vector<std::string>& keys,
                                                         const std::vector<std::string>& args) {
  std::vector<std::string> argv = evalsha_argv(script, keys, args);
  auto reply = run(argv);
  if (reply || reply.error().kind != RedisError::Kind::kReply ||
      reply.error().message.rfind("NOSCRIPT", 0) != 0) {
    return reply;
  }
  MG_TRY_VOID(run({"SCRIPT", "LOAD", script.source()}));
  reply = run(argv);
  if (reply || reply.error().kind != RedisError::Kind::kReply ||
      reply.error().message.rfind("NOSCRIPT", 0) != 0) {
    return reply;
  }
  // Flushed again in between (SCRIPT FLUSH by someone else): send the source itself.
  argv[0] = "EVAL";
  argv[1] = script.source();
  return run(argv);
}

}  // namespace mediagate::shared_state
