// A small pool of read connections: opened lazily (up to a maximum), handed out under a mutex,
// returned when the Lease ends. A caller finding every connection busy waits for one.
#pragma once

#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "store/sqlite/connection.hpp"

namespace mediagate::store::sqlite {

class ConnectionPool {
 public:
  using Opener = std::function<StoreResult<std::unique_ptr<Connection>>()>;

  // The exclusive use of one connection until destroyed.
  class Lease {
   public:
    Lease(ConnectionPool& pool, std::unique_ptr<Connection> connection) noexcept
        : pool_(&pool), connection_(std::move(connection)) {}
    ~Lease();
    Lease(Lease&& other) noexcept = default;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    Lease& operator=(Lease&&) = delete;

    Connection& operator*() const noexcept { return *connection_; }
    Connection* operator->() const noexcept { return connection_.get(); }

   private:
    ConnectionPool* pool_;
    std::unique_ptr<Connection> connection_;
  };

  ConnectionPool(Opener opener, std::size_t max_connections);
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  StoreResult<Lease> acquire();

  std::size_t opened() const;

 private:
  void release(std::unique_ptr<Connection> connection);

  Opener opener_;
  std::size_t max_connections_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  std::size_t opened_ = 0;  // idle + leased + being opened
};

}  // namespace mediagate::store::sqlite
