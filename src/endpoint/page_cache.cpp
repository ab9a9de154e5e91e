#include "endpoint/page_cache.hpp"

#include <utility>

namespace mediagate::endpoint {

std::shared_ptr<const std::string> PageCache::find(const PageTicket& ticket) {
  if (!ticket.generation) return nullptr;
  auto hit = pages_.find(ticket.key, *ticket.generation);
  return hit ? std::move(*hit) : nullptr;
}

void PageCache::keep(PageTicket ticket, std::string_view data) {
  if (!ticket.generation) return;
  const std::size_t bytes = ticket.key.size() + data.size();
  pages_.insert(std::move(ticket.key), *ticket.generation,
                std::make_shared<const std::string>(data), bytes);
}

std::shared_ptr<const std::string> find_page(PageCache* cache, const PageTicket& ticket) {
  return cache != nullptr ? cache->find(ticket) : nullptr;
}

void keep_page(PageCache* cache, PageTicket ticket, std::string_view data) {
  if (cache != nullptr) cache->keep(std::move(ticket), data);
}

}  // namespace mediagate::endpoint
