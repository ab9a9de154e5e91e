// A bounded pool of PostgreSQL connections: opened lazily up to a maximum, handed out under a
// mutex, returned when the Lease ends. A caller finding every connection busy waits, at most
// `wait` (then fails: never a hang). A connection that comes back broken or still inside a
// transaction is closed instead of kept, and with it every idle one (after a lost server they
// are all stale); the next acquire() opens a fresh connection.
#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/postgres/connection.hpp"

namespace mediagate::store::postgres {

class ConnectionPool {
 public:
  using Opener = std::function<StoreResult<std::unique_ptr<Connection>>()>;

  // The exclusive use of one connection until destroyed.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection, bool fresh) noexcept
        : pool_(&pool), connection_(std::move(connection)), fresh_(fresh) {}
    ~Lease();
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

  ConnectionPool(Opener opener, std::size_t max_connections, std::chrono::milliseconds wait);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  StoreResult<Lease> acquire();

  std::size_t opened() const;
  std::size_t idle() const;

 private:
  void release(std::unique_ptr<Connection> connection);

  Opener opener_;
  std::size_t max_connections_;
  std::chrono::milliseconds wait_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t opened_ = 0;  // idle + leased + being opened
};

}  // namespace mediagate::store::postgres
