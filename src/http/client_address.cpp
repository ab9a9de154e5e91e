#include "http/client_address.hpp"

#include <algorithm>
#include <boost/asio/ip/address.hpp>
#include <optional>

#include "core/numbers.hpp"

namespace mediagate::http {
namespace {

namespace ip = boost::asio::ip;

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t");
  return text.substr(first, last - first + 1);
}

// An IP literal, with IPv4-mapped IPv6 turned into IPv4; nullopt for anything else.
std::optional<ip::address> parse_address(std::string_view text) {
  boost::system::error_code ec;
  auto address = ip::make_address(std::string(text), ec);
  if (ec) return std::nullopt;
  if (address.is_v6() && address.to_v6().is_v4_mapped()) {
    return ip::address(ip::make_address_v4(ip::v4_mapped, address.to_v6()));
  }
  return address;
}

TrustedProxies::Range to_range(const ip::address& address, unsigned prefix) {
  TrustedProxies::Range range;
  range.v6 = address.is_v6();
  range.prefix = prefix;
  if (range.v6) {
    range.bytes = address.to_v6().to_bytes();
  } else {
    const auto v4 = address.to_v4().to_bytes();
    std::copy(v4.begin(), v4.end(), range.bytes.begin());
  }
  return range;
}

bool in_range(const TrustedProxies::Range& range, const ip::address& address) {
  if (range.v6 != address.is_v6()) return false;
  const TrustedProxies::Range candidate = to_range(address, 0);
  unsigned bits = range.prefix;
  for (std::size_t i = 0; bits > 0; ++i, bits = bits >= 8 ? bits - 8 : 0) {
    const unsigned mask = bits >= 8 ? 0xFFu : (0xFFu << (8 - bits)) & 0xFFu;
    if ((range.bytes[i] & mask) != (candidate.bytes[i] & mask)) return false;
  }
  return true;
}

}  // namespace

core::Expected<TrustedProxies, std::string> TrustedProxies::parse(
    const std::vector<std::string>& list) {
  TrustedProxies result;
  for (const auto& raw : list) {
    const std::string_view entry = trim(raw);
    const auto slash = entry.find('/');
    const auto address = parse_address(entry.substr(0, slash));
    const auto bad = [&](std::string_view why) {
      return core::unexpected("\"" + std::string(raw) + "\": " + std::string(why));
    };
    if (!address) return bad("not an IP address or CIDR range");
    // A mapped IPv6 address is matched as IPv4; a mapped range's prefix counts only IPv4 bits.
    const bool mapped =
        address->is_v4() && entry.substr(0, slash).find(':') != std::string_view::npos;
    const unsigned max_bits = address->is_v4() ? 32 : 128;
    unsigned prefix = max_bits;
    if (slash != std::string_view::npos) {
      const std::string_view digits = entry.substr(slash + 1);
      const auto value = core::parse_int64(digits);
      if (digits.empty() || digits.size() > 3 ||
          !std::all_of(digits.begin(), digits.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
          !value) {
        return bad("the prefix length must be a number");
      }
      const std::int64_t limit = mapped ? 128 : max_bits;
      if (*value > limit) return bad("the prefix length is too long");
      if (mapped) {
        if (*value < 96) return bad("an IPv4-mapped range needs a prefix length of at least 96");
        prefix = static_cast<unsigned>(*value - 96);
      } else {
        prefix = static_cast<unsigned>(*value);
      }
    }
    result.ranges_.push_back(to_range(*address, prefix));
  }
  return result;
}

bool TrustedProxies::contains(std::string_view address) const {
  const auto parsed = parse_address(trim(address));
  if (!parsed) return false;
  return std::any_of(ranges_.begin(), ranges_.end(),
                     [&](const Range& range) { return in_range(range, *parsed); });
}

std::string TrustedProxies::client_address(
    std::string_view peer, const std::vector<std::string_view>& x_forwarded_for) const {
  if (ranges_.empty() || !contains(peer)) return std::string(peer);
  std::string client = parse_address(trim(peer))->to_string();
  const auto trusted = [&](const ip::address& address) {
    return std::any_of(ranges_.begin(), ranges_.end(),
                       [&](const Range& range) { return in_range(range, address); });
  };
  // Right to left: the last header line first, each line's entries from its end.
  for (auto line = x_forwarded_for.rbegin(); line != x_forwarded_for.rend(); ++line) {
    std::string_view rest = *line;
    while (!rest.empty()) {
      const auto comma = rest.rfind(',');
      const std::string_view entry =
          trim(comma == std::string_view::npos ? rest : rest.substr(comma + 1));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(0, comma);
      if (entry.empty()) continue;
      const auto address = parse_address(entry);
      if (!address) return client;  // garbled: keep the last address we could trust
      client = address->to_string();
      if (!trusted(*address)) return client;
    }
  }
  return client;  // every address trusted: the left-most one
}

}  // namespace mediagate::http
