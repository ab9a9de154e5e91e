#include "store/postgres/connection_pool.hpp"

namespace mediagate::store::postgres {

ConnectionPool::Lease::~Lease() {
  if (connection_) pool_->release(std::move(connection_));
}

ConnectionPool::ConnectionPool(Opener opener, std::size_t max_connections,
                               std::chrono::milliseconds wait)
    : opener_(std::move(opener)),
      max_connections_(max_connections == 0 ? 1 : max_connections),
      wait_(wait) {}

StoreResult<ConnectionPool::Lease> ConnectionPool::acquire() {
  {
    std::unique_lock lock(mutex_);
    if (!available_.wait_for(lock, wait_,
                             [&] { return !idle_.empty() || opened_ < max_connections_; })) {
      return core::unexpected(StoreError{"postgres: all " + std::to_string(max_connections_) +
                                         " pooled connections stayed busy for " +
                                         std::to_string(wait_.count()) + " ms"});
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
    return propagate(connection);
  }
  return Lease(*this, std::move(*connection), true);
}

std::size_t ConnectionPool::opened() const {
  std::lock_guard lock(mutex_);
  return opened_;
}

std::size_t ConnectionPool::idle() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
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
}

}  // namespace mediagate::store::postgres
