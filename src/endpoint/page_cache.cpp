#include "endpoint/page_cache.hpp"

#include <string>
#include <utility>
#include <vector>

namespace mediagate::endpoint {

std::shared_ptr<const std::string> PageCache::find(const PageTicket& ticket) {
  if (!ticket.generation) return nullptr;
  auto hit = pages_.find(ticket.key, *ticket.generation);
  return hit ? std::move(*hit) : nullptr;
}

std::shared_ptr<const std::string> PageCache::keep(PageTicket ticket, std::string data) {
  if (!ticket.generation) return std::make_shared<const std::string>(std::move(data));
  if (data.capacity() - data.size() > data.size() / 8) data.shrink_to_fit();
  const std::size_t bytes = ticket.key.size() + data.capacity();
  auto page = std::make_shared<const std::string>(std::move(data));
  pages_.insert(std::move(ticket.key), *ticket.generation, page, bytes);
  return page;
}

PageFill::~PageFill() {
  if (cache_ != nullptr) cache_->end_fill(key_);
}

std::string PageCache::fill_key(const PageTicket& ticket) {
  std::string key = std::to_string(*ticket.generation);
  key += '\n';
  key += ticket.key;
  return key;
}

PageCache::Join PageCache::join_fill(const PageTicket& ticket) {
  Join join;
  if (!ticket.generation) return join;
  std::string key = fill_key(ticket);
  const std::lock_guard lock(fills_mutex_);
  if (fills_.contains(key)) {
    join.another = true;
  } else if (fills_.size() < kMaxFills) {
    fills_.emplace(key, std::vector<std::function<void()>>{});
    join.claim.emplace(*this, std::move(key));
  }
  return join;
}

bool PageCache::wait_for_fill(const PageTicket& ticket, std::function<void()> resume) {
  if (!ticket.generation) return false;
  const std::lock_guard lock(fills_mutex_);
  const auto it = fills_.find(fill_key(ticket));
  if (it == fills_.end()) return false;
  it->second.push_back(std::move(resume));
  return true;
}

std::size_t PageCache::fills() const {
  const std::lock_guard lock(fills_mutex_);
  return fills_.size();
}

void PageCache::end_fill(const std::string& key) {
  std::vector<std::function<void()>> waiters;
  {
    const std::lock_guard lock(fills_mutex_);
    const auto it = fills_.find(key);
    if (it == fills_.end()) return;
    waiters = std::move(it->second);
    fills_.erase(it);
  }
  for (auto& resume : waiters) resume();  // outside the lock: a waiter may claim again
}

std::shared_ptr<const std::string> find_page(PageCache* cache, const PageTicket& ticket) {
  return cache != nullptr ? cache->find(ticket) : nullptr;
}

std::shared_ptr<const std::string> keep_page(PageCache* cache, PageTicket ticket,
                                             std::string data) {
  if (cache != nullptr) return cache->keep(std::move(ticket), std::move(data));
  return std::make_shared<const std::string>(std::move(data));
}

}  // namespace mediagate::endpoint
