#include "endpoint/page_cache.hpp"

#include <string>
#include <utility>

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

std::shared_ptr<const std::string> find_page(PageCache* cache, const PageTicket& ticket) {
  return cache != nullptr ? cache->find(ticket) : nullptr;
}

std::shared_ptr<const std::string> keep_page(PageCache* cache, PageTicket ticket,
                                             std::string data) {
  if (cache != nullptr) return cache->keep(std::move(ticket), std::move(data));
  return std::make_shared<const std::string>(std::move(data));
}

}  // namespace mediagate::endpoint
