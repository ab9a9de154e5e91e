#include "http/request_reader.hpp"

#include <algorithm>
#include <array>
#include <limits>
#include <tuple>
#include <utility>

#include <boost/asio/buffer.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/field.hpp>
#include <boost/beast/http/rfc7230.hpp>

namespace mediagate::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = boost::beast::http;
using boost::system::error_code;

namespace {

bool is_optional_whitespace(char c) {
  return c == ' ' || c == '\t';
}

std::size_t to_size(std::int64_t value) {
  return static_cast<std::size_t>(std::max<std::int64_t>(0, value));
}

void lower_in_place(std::string& text) {
  for (char& c : text) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
}

// "METHOD SP target SP HTTP/1.x", without the CRLF.
std::size_t request_line_length(const bhttp::request<bhttp::string_body>& request) {
  return request.method_string().size() + 1 + request.target().size() + 1 + 8;
}

// After error::header_limit: whether the request line is what overflowed (414) rather than the
// header fields (431). If the parser got the start line, it tells; otherwise the unparsed
// input begins with the request line.
bool request_line_overflowed(const RequestParser& parser, std::string_view input,
                             std::size_t max_line) {
  const auto& request = parser.get();
  if (!request.target().empty()) return request_line_length(request) > max_line;
  const auto newline = input.find('\n');
  std::size_t length = newline == std::string_view::npos ? input.size() : newline;
  if (newline != std::string_view::npos && length > 0 && input[length - 1] == '\r') --length;
  return length > max_line;
}

// RFC 9112 §6.1, §6.3: the transport answer a request's Transfer-Encoding calls for, 0 if none.
// The server decodes one coding, chunked: it must be the last and be applied once (else the
// body's length is unknown: 400), with no coding before it (not implemented: 501), and never
// together with Content-Length (a smuggling attempt; docs/decisions/http-conformance.md).
// The field lines are read as one list; empty list elements are ignored (RFC 9110 §5.6.1).
unsigned transfer_coding_refusal(const bhttp::request<bhttp::string_body>& request,
                                 const HeaderFacts& facts) {
  if (!facts.has_transfer_encoding) return 0;
  if (facts.has_content_length) return 400;
  const auto lines = request.equal_range(bhttp::field::transfer_encoding);
  std::size_t codings = 0;
  std::size_t chunked = 0;
  bool last_is_chunked = false;
  for (auto line = lines.first; line != lines.second; ++line) {
    std::string_view rest = line->value();
    while (!rest.empty()) {
      const auto comma = rest.find(',');
      const auto coding = trim_whitespace(rest.substr(0, comma));
      rest = comma == std::string_view::npos ? std::string_view{} : rest.substr(comma + 1);
      if (coding.empty()) continue;
      ++codings;
      last_is_chunked = beast::iequals(coding, "chunked");
      if (last_is_chunked) ++chunked;
    }
  }
  if (codings == 0 || !last_is_chunked || chunked > 1) return 400;
  return codings > 1 ? 501 : 0;
}

// RFC 3986 §2.2, §2.3, by byte value.
constexpr std::array<bool, 256> kUnreservedOrSubDelim = [] {
  std::array<bool, 256> table{};
  for (int c = 'a'; c <= 'z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = 'A'; c <= 'Z'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (int c = '0'; c <= '9'; ++c) table[static_cast<std::size_t>(c)] = true;
  for (const char c : std::string_view("-._~!$&'()*+,;=")) {
    table[static_cast<unsigned char>(c)] = true;
  }
  return table;
}();

bool is_unreserved_or_sub_delim(char c) {
  return kUnreservedOrSubDelim[static_cast<unsigned char>(c)];
}

bool is_hex_digit(char c) {
  return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

bool is_port(std::string_view port) {
  return std::all_of(port.begin(), port.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// Host = uri-host [ ":" port ] (RFC 9110 §7.2, RFC 3986 §3.2.2): an IP literal in brackets, or
// a reg-name (which covers IPv4 addresses) of unreserved characters, sub-delims and
// percent-escapes. An empty value is valid (a target without an authority).
bool is_valid_host(std::string_view host) {
  if (!host.empty() && host.front() == '[') {
    const auto close = host.find(']');
    if (close == std::string_view::npos || close == 1) return false;
    const auto literal = host.substr(1, close - 1);
    if (!std::all_of(literal.begin(), literal.end(),
                     [](char c) { return c == ':' || is_unreserved_or_sub_delim(c); })) {
      return false;
    }
    const auto rest = host.substr(close + 1);
    return rest.empty() || (rest.front() == ':' && is_port(rest.substr(1)));
  }
  const auto colon = host.find(':');
  if (colon != std::string_view::npos && !is_port(host.substr(colon + 1))) return false;
  const auto name = host.substr(0, colon);
  for (std::size_t i = 0; i < name.size(); ++i) {
    if (name[i] == '%') {
      if (i + 2 >= name.size() || !is_hex_digit(name[i + 1]) || !is_hex_digit(name[i + 2])) {
        return false;
      }
      i += 2;
    } else if (!is_unreserved_or_sub_delim(name[i])) {
      return false;
    }
  }
  return true;
}

// RFC 9112 §3.2: 400 for an HTTP/1.1 request without Host, and for any request with more than
// one Host or an invalid one; 0 otherwise.
unsigned host_refusal(const bhttp::request<bhttp::string_body>& request, const HeaderFacts& facts) {
  if (facts.hosts > 1 || (facts.hosts == 0 && request.version() >= 11)) return 400;
  if (facts.hosts == 1 && !is_valid_host(facts.host)) return 400;
  return 0;
}

// The length of the target's "http://" or "https://" (in any case), the absolute form's
// scheme; 0 for any other target (an origin-form one begins with '/').
std::size_t absolute_scheme_length(std::string_view target) {
  if (target.empty() || (target.front() != 'h' && target.front() != 'H')) return 0;
  for (const std::string_view scheme :
       {std::string_view("http://"), std::string_view("https://")}) {
    if (target.size() >= scheme.size() && beast::iequals(target.substr(0, scheme.size()), scheme)) {
      return scheme.size();
    }
  }
  return 0;
}

// RFC 9110 §4.2.4: userinfo in an absolute-form target is an error (400); 0 otherwise.
unsigned target_refusal(std::string_view target) {
  const std::size_t scheme = absolute_scheme_length(target);
  if (scheme == 0) return 0;
  const auto authority = target.substr(scheme);
  const auto end = authority.find_first_of("/?");
  return authority.substr(0, end).find('@') == std::string_view::npos ? 0 : 400;
}

bool is_http_error(const error_code& ec) {
  return ec.category() == bhttp::make_error_code(bhttp::error::bad_method).category();
}

}  // namespace

std::string_view trim_whitespace(std::string_view text) {
  while (!text.empty() && is_optional_whitespace(text.front())) text.remove_prefix(1);
  while (!text.empty() && is_optional_whitespace(text.back())) text.remove_suffix(1);
  return text;
}

Target split_target(std::string_view target) {
  if (const std::size_t scheme = absolute_scheme_length(target); scheme != 0) {
    const auto path_start = target.find_first_of("/?", scheme);
    target = path_start == std::string_view::npos ? std::string_view{} : target.substr(path_start);
    if (target.empty() || target.front() == '?') {
      Target root = split_target(target);
      root.path = "/";
      return root;
    }
  }
  const auto question = target.find('?');
  if (question == std::string_view::npos) return {target, {}, false};
  return {target.substr(0, question), target.substr(question + 1), true};
}

ReadLimits ReadLimits::from(const core::HttpLimits& limits) {
  ReadLimits read;
  read.max_request_line = to_size(limits.max_request_line_bytes);
  read.max_header = to_size(limits.max_header_bytes);
  read.max_body = static_cast<std::uint64_t>(std::max<std::int64_t>(0, limits.max_body_bytes));
  // The parser sees the request line and the fields together; the two limits are applied
  // separately once the header has been read (or has overflowed both).
  const std::size_t combined = read.max_request_line + read.max_header + 4;
  read.parser_header_limit = static_cast<std::uint32_t>(
      std::min<std::size_t>(combined, std::numeric_limits<std::uint32_t>::max()));
  return read;
}

void ReadLimits::prepare_for_header(RequestParser& parser) const {
  parser.header_limit(parser_header_limit);
  parser.body_limit(boost::none);  // applied once the header checks have passed
}

void ReadLimits::prepare_for_body(RequestParser& parser) const {
  parser.body_limit(max_body);  // for chunked bodies
}

std::optional<error_code> parse_buffered(RequestParser& parser, beast::flat_buffer& buffer,
                                         bool whole) {
  error_code error;
  while (whole ? !parser.is_done() : !parser.is_header_done()) {
    if (buffer.size() == 0) return std::nullopt;
    const std::size_t used = parser.put(buffer.data(), error);
    buffer.consume(used);
    if (error == bhttp::error::need_more) return std::nullopt;
    if (error) return error;
  }
  return error;
}

unsigned refusal_for_read_error(const error_code& error, const RequestParser& parser,
                                std::string_view unparsed, const ReadLimits& limits) {
  if (error == bhttp::error::header_limit) {
    return request_line_overflowed(parser, unparsed, limits.max_request_line) ? 414 : 431;
  }
  if (error == bhttp::error::body_limit) return 413;
  if (is_http_error(error) && error != bhttp::error::end_of_stream &&
      error != bhttp::error::partial_message) {
    return 400;
  }
  return 0;
}

HeaderFacts HeaderFacts::of(const bhttp::request<bhttp::string_body>& message) {
  HeaderFacts facts;
  bool has_content_type = false;
  bool has_expect = false;
  for (const auto& field : message) {
    const std::string_view value = field.value();
    ++facts.fields;
    facts.section_length += field.name_string().size() + 2 + value.size() + 2;
    switch (field.name()) {
      case bhttp::field::host:
        if (facts.hosts++ == 0) facts.host = value;
        break;
      case bhttp::field::transfer_encoding:
        facts.has_transfer_encoding = true;
        break;
      case bhttp::field::content_length:
        facts.has_content_length = true;
        break;
      case bhttp::field::connection:
        if (!facts.has_connection) facts.connection = value;
        facts.has_connection = true;
        break;
      case bhttp::field::content_type:
        if (!has_content_type) facts.content_type = value;
        has_content_type = true;
        break;
      case bhttp::field::expect:
        if (!has_expect) facts.expect = value;
        has_expect = true;
        break;
      default:
        break;
    }
  }
  return facts;
}

unsigned refusal_for_header(const RequestParser& parser, const HeaderFacts& facts,
                            const ReadLimits& limits) {
  const auto& message = parser.get();
  if (request_line_length(message) > limits.max_request_line) return 414;
  if (facts.section_length > limits.max_header) return 431;
  if (const unsigned target = target_refusal(message.target()); target != 0) return target;
  if (const unsigned host = host_refusal(message, facts); host != 0) return host;
  if (const unsigned framing = transfer_coding_refusal(message, facts); framing != 0) {
    return framing;
  }
  const auto content_length = parser.content_length();
  if (content_length && *content_length > limits.max_body) return 413;
  return 0;
}

bool wants_keep_alive(const RequestParser& parser, const HeaderFacts& facts) {
  const unsigned version = parser.get().version();
  // RFC 9112 §9.3: what Beast's keep_alive() decides, from the first Connection field line.
  const bool asked =
      version < 11
          ? facts.has_connection && bhttp::token_list{facts.connection}.exists("keep-alive")
          : !facts.has_connection || !bhttp::token_list{facts.connection}.exists("close");
  // RFC 9112 §6.1: Transfer-Encoding in an HTTP/1.0 request means its framing cannot be
  // trusted; it is answered, then the connection is closed.
  return asked && !(version < 11 && facts.has_transfer_encoding);
}

Request to_request(bhttp::request<bhttp::string_body>&& message, const std::string& remote_address,
                   const HeaderFacts& facts) {
  Request request;
  const std::string_view method = message.method_string();
  request.method.assign(method.data(), method.size());
  const Target target = split_target(message.target());
  request.path.assign(target.path.data(), target.path.size());
  if (target.has_query) request.query.assign(target.query.data(), target.query.size());
  request.content_type.assign(facts.content_type.data(), facts.content_type.size());
  request.remote_address = remote_address;
  // Each name and value built where it is stored, the name lower-cased there.
  request.headers.reserve(facts.fields);
  for (const auto& field : message) {
    const std::string_view name = field.name_string();
    const std::string_view value = field.value();
    auto& header = request.headers.emplace_back(std::piecewise_construct,
                                                std::forward_as_tuple(name.data(), name.size()),
                                                std::forward_as_tuple(value.data(), value.size()));
    lower_in_place(header.first);
  }
  request.body = std::move(message.body());
  return request;
}

namespace {

// Feeds `rest` to the parser until `done` holds, the input ends (then the end of stream is
// given) or an error; consumes what the parser took.
template <class Done>
error_code feed(RequestParser& parser, std::string_view& rest, Done done) {
  error_code error;
  while (!done()) {
    const std::size_t used = parser.put(asio::buffer(rest.data(), rest.size()), error);
    rest.remove_prefix(used);
    // Beast answers an empty buffer in the body state with neither bytes taken nor an error:
    // that is "need more" too, or the loop would spin forever (a fuzz finding).
    if (error == bhttp::error::need_more || (!error && used == 0)) {
      error = {};
      if (used > 0) continue;  // the parser took some: offer it the rest again
      parser.put_eof(error);
      if (!error && !done()) error = bhttp::error::partial_message;
      return error;
    }
    if (error) return error;
  }
  return error;
}

}  // namespace

ReadOutcome read_requests(std::string_view bytes, const core::HttpLimits& limits,
                          std::size_t max_requests) {
  const ReadLimits read = ReadLimits::from(limits);
  ReadOutcome outcome;
  std::string_view rest = bytes;
  while (outcome.requests.size() < max_requests && !rest.empty()) {
    RequestParser parser;
    read.prepare_for_header(parser);
    error_code error = feed(parser, rest, [&] { return parser.is_header_done(); });
    HeaderFacts facts = error ? HeaderFacts{} : HeaderFacts::of(parser.get());
    unsigned refusal = error ? refusal_for_read_error(error, parser, rest, read)
                             : refusal_for_header(parser, facts, read);
    if (error && refusal == 0) return outcome;  // the connection is closed without an answer
    if (refusal == 0 && !parser.is_done()) {
      read.prepare_for_body(parser);
      parser.eager(true);
      error = feed(parser, rest, [&] { return parser.is_done(); });
      if (error) {
        refusal = refusal_for_read_error(error, parser, rest, read);
        if (refusal == 0) return outcome;
      }
      facts = HeaderFacts::of(parser.get());  // with a chunked body's trailer fields
    }
    if (refusal != 0) {
      outcome.refusal = refusal;
      return outcome;
    }
    const bool keep_alive = wants_keep_alive(parser, facts);
    outcome.requests.push_back(to_request(parser.release(), "127.0.0.1", facts));
    if (!keep_alive) return outcome;
  }
  return outcome;
}

}  // namespace mediagate::http
