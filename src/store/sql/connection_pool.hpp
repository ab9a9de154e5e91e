// A bounded pool of one backend's connections: opened lazily up to a maximum, handed out under
// a mutex, returned when the Lease ends. A caller finding every connection busy waits: as long
// as it takes (SQLite's readers), or at most `wait` and then fails, never a hang (PostgreSQL).
// A connection that can break (has broken() and in_transaction(), as PostgreSQL's) is checked
// when it comes back: a broken one is closed, and with it every idle one (after a lost server
// they are all stale), and one still inside a transaction is closed instead of kept; the next
// acquire() opens a fresh connection. Connections are closed outside the lock.
#pragma once

#include <chrono>
#include <concepts>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "store/store.hpp"

namespace mediagate::store::sql {

template <class Connection>
class ConnectionPool {
 public:
  using Opener = std::function<StoreResult<std::unique_ptr<Connection>>()>;

  // The exclusive use of one connection until destroyed.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection, bool fresh) noexcept
        : pool_(&pool), connection_(std::move(connection)), fresh_(fresh) {}
    ~Lease() {
      if (connection_) pool_->release(std::move(connection_));
    }
    Lease(Lease&& other) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;

    Connection& operator*() const noexcept { return *connection_; }
    Connection* operator->() const noexcept { return connection_.get(); }
    // Opened for this lease (not reused from the idle list).
    bool fresh() const noexcept { return fresh_; }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
    bool fresh_;
  };

  // `wait`: how long acquire() waits for a connection when all are busy (nothing: no limit);
  // `name` starts the message of that failure.
  ConnectionPool(Opener opener, std::size_t max_connections,
                 std::optional<std::chrono::milliseconds> wait = std::nullopt,
                 std::string name = "store")
      : opener_(std::move(opener)),
        max_connections_(max_connections == 0 ? 1 : max_connections),
        wait_(wait),
        name_(std::move(name)) {}
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  StoreResult<Lease> acquire() {
    {
      std::unique_lock lock(mutex_);
      const auto can_take = [&] { return !idle_.empty() || opened_ < max_connections_; };
      if (!wait_) {
        available_.wait(lock, can_take);
      } else if (!available_.wait_for(lock, *wait_, can_take)) {
        return core::unexpected(core::Error::store(
            name_ + ": all " + std::to_string(max_connections_) +
            " pooled connections stayed busy for " + std::to_string(wait_->count()) + " ms"));
      }
      if (!idle_.empty()) {
        auto connection = std::move(idle_.back());
        idle_.pop_back();
        return Lease(*this, std::move(connection), false);
      }
      ++opened_;  // reserve the slot; open outside the lock
    }
    auto connection = opener_();
    if (!connection) {
      {
        std::lock_guard lock(mutex_);
        --opened_;
      }
      available_.notify_one();
      return core::unexpected(std::move(connection).error());
    }
    return Lease(*this, std::move(*connection), true);
  }

  // Connections open (idle, leased or being opened), and idle.
  std::size_t opened() const {
    std::lock_guard lock(mutex_);
    return opened_;
  }
  std::size_t idle() const {
    std::lock_guard lock(mutex_);
    return idle_.size();
  }

 private:
  static constexpr bool kCanBreak = requires(const Connection& c) {
    { c.broken() } -> std::same_as<bool>;
    { c.in_transaction() } -> std::same_as<bool>;
  };

  void release(std::unique_ptr<Connection> connection) {
    if constexpr (kCanBreak) {
      std::vector<std::unique_ptr<Connection>> closing;  // closed outside the lock
      {
        std::lock_guard lock(mutex_);
        if (connection->broken()) {
          closing.push_back(std::move(connection));
          opened_ -= 1 + idle_.size();
          for (auto& stale : idle_) closing.push_back(std::move(stale));
          idle_.clear();
        } else if (connection->in_transaction()) {  // a transaction left open: not reusable
          closing.push_back(std::move(connection));
          --opened_;
        } else {
          idle_.push_back(std::move(connection));
        }
      }
      available_.notify_all();
    } else {
      {
        std::lock_guard lock(mutex_);
        idle_.push_back(std::move(connection));
      }
      available_.notify_one();
    }
  }

  Opener opener_;
  std::size_t max_connections_;
  std::optional<std::chrono::milliseconds> wait_;
  std::string name_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t opened_ = 0;  // idle + leased + being opened
};

}  // namespace mediagate::store::sql
