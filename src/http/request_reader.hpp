// How the server reads a request off the wire (http/server.hpp has the rules): the Beast
// parser with the server's limits, the transport refusals (414, 431, 413, 400, 501) and the
// conversion to an http::Request. The server and the fuzz targets (fuzz/) share these, so that
// what is fuzzed is what is served.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/system/error_code.hpp>

#include "core/config.hpp"
#include "http/message.hpp"

namespace mediagate::http {

using RequestParser = boost::beast::http::request_parser<boost::beast::http::string_body>;

// The byte limits of core::HttpLimits as the parser applies them.
struct ReadLimits {
  std::size_t max_request_line = 0;
  std::size_t max_header = 0;
  std::uint64_t max_body = 0;
  std::uint32_t parser_header_limit = 0;  // request line and fields together

  static ReadLimits from(const core::HttpLimits& limits);
  // Before the header is read: the combined header limit, no body limit yet.
  void prepare_for_header(RequestParser& parser) const;
  // Once the header has passed refusal_for_header(): the body limit (chunked bodies).
  void prepare_for_body(RequestParser& parser) const;
};

// Feeds the parser what `buffer` holds, as Beast's http::async_read_header (`whole`: async_read)
// does between two reads, consuming what it takes: the read's outcome (no error once the header,
// or the whole message, is parsed; the parser's error) or nothing when more bytes must be read
// first. The server reads those itself, so that a request already in the buffer costs no
// asynchronous operation.
std::optional<boost::system::error_code> parse_buffered(RequestParser& parser,
                                                        boost::beast::flat_buffer& buffer,
                                                        bool whole);

// The transport answer for a failed read (414, 431, 413, 400), or 0 when the connection is
// simply closed (the peer left, a timeout). `unparsed` is what the parser has not consumed.
unsigned refusal_for_read_error(const boost::system::error_code& error, const RequestParser& parser,
                                std::string_view unparsed, const ReadLimits& limits);

// What the checks below and to_request() read in a request's fields, gathered in one walk
// over them (by the field's enum), where each lookup by name in Beast's fields is a search with
// case-insensitive string comparisons. "First" is the first field line of that name, the one
// Beast's find() and operator[] give. The views point into the message's fields.
struct HeaderFacts {
  std::size_t fields = 0;
  std::size_t section_length = 2;  // "name: value\r\n" each, plus the final CRLF
  std::size_t hosts = 0;
  std::string_view host;  // the first Host
  bool has_transfer_encoding = false;
  bool has_content_length = false;
  bool has_connection = false;
  std::string_view connection;    // the first Connection
  std::string_view content_type;  // the first Content-Type, or empty
  std::string_view expect;        // the first Expect, or empty

  // After the body has been read, again: a chunked body's trailer fields join the fields.
  static HeaderFacts of(
      const boost::beast::http::request<boost::beast::http::string_body>& message);
};

// The limits, in the order of decisions.md, then the target, Host and framing, once the header
// has been read; 0 if the request may be served. `facts` are those of the parser's message.
unsigned refusal_for_header(const RequestParser& parser, const HeaderFacts& facts,
                            const ReadLimits& limits);

// Whether the connection may stay open after this request is answered.
bool wants_keep_alive(const RequestParser& parser, const HeaderFacts& facts);

// The path and the query of a request target (RFC 9112 §3.2): in origin form
// ("/path?query") as they are; in absolute form ("http://host:port/path?query", §3.2.2) with the
// scheme and the authority taken off, an empty path being "/". Other forms keep the whole
// target as their path, which no route matches.
struct Target {
  std::string_view path;
  std::string_view query;
  bool has_query = false;
};

Target split_target(std::string_view target);

Request to_request(boost::beast::http::request<boost::beast::http::string_body>&& message,
                   const std::string& remote_address, const HeaderFacts& facts);

// Optional whitespace (SP, HTAB) off both ends.
std::string_view trim_whitespace(std::string_view text);

// What the server makes of `bytes` arriving on one connection, all at once and then the end of
// the stream: the requests it would serve (at most `max_requests`), in order, until a refusal
// (its status; the connection is then closed), a request that closes the connection, or the end
// of the input. For the fuzz targets and their replay tests.
struct ReadOutcome {
  std::vector<Request> requests;
  unsigned refusal = 0;
};
ReadOutcome read_requests(std::string_view bytes, const core::HttpLimits& limits,
                          std::size_t max_requests);

}  // namespace mediagate::http
