#include "store/sqlite/connection_pool.hpp"

namespace mediagate::store::sqlite {

ConnectionPool::Lease::~Lease() {
  if (connection_) pool_->release(std::move(connection_));
}

ConnectionPool::ConnectionPool(Opener opener, std::size_t max_connections)
    : opener_(std::move(opener)), max_connections_(max_connections == 0 ? 1 : max_connections) {}

StoreResult<ConnectionPool::Lease> ConnectionPool::acquire() {
  {
    std::unique_lock lock(mutex_);
    available_.wait(lock, [&] { return !idle_.empty() || opened_ < max_connections_; });
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return Lease(*this, std::move(connection));
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
  return Lease(*this, std::move(*connection));
}

std::size_t ConnectionPool::opened() const {
  std::lock_guard lock(mutex_);
  return opened_;
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
  {
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

}  // namespace mediagate::store::sqlite
