// The web console (/console/ on the admin listener, docs/sandbox.md "Web console"): static
// files from src/admin/console/, compiled into the binary at build time
// (cmake/embed_files.cmake), so that `mediagate serve` needs nothing installed beside it. The
// files are served without the admin token (they hold no data); everything they show comes
// from the admin API, which the page calls with the token the operator types once.
#pragma once

#include <span>
#include <string_view>

#include "http/message.hpp"

namespace mediagate::admin {

struct EmbeddedFile {
  std::string_view name;   // e.g. "index.html"; no folders
  std::string_view bytes;  // the file as it was at build time
  std::string_view etag;   // "\"<16 hex digits of its SHA-256>\"", quotes included
};

// The console's files (defined in the generated console_files.cpp).
std::span<const EmbeddedFile> console_files();

// Whether `path` is the console's: "/console" or below "/console/".
bool is_console_path(std::string_view path);

// The Content-Type of a file by its extension (UTF-8 for text; octet-stream when unknown).
std::string_view content_type_of(std::string_view name);

// The Content-Security-Policy every console answer carries: scripts, styles and requests from
// the admin listener itself only, no inline script or style, no frames, no forms elsewhere.
inline constexpr std::string_view kConsolePolicy =
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

// Answers a request for a console path from `files`: "/console" redirects (301) to
// "/console/", which is index.html; "/console/NAME" is that file (HEAD too, as GET), with its type,
// the policy, no-sniff, no-referrer, `Cache-Control: no-cache` and its ETag (a matching
// If-None-Match: 304); anything else 404, a method other than GET 405 (the admin API's JSON
// errors).
http::Response serve_console(const http::Request& request, std::span<const EmbeddedFile> files);

}  // namespace mediagate::admin
