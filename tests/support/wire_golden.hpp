// The machinery of the wire golden test (tests/integration/wire_golden_test.cpp): a case is one
// request, built from a valid signed request of an endpoint and a Tweak; its answer is recorded
// as one line of tests/data/wire/golden.jsonl (format in tests/data/wire/README.md) and compared
// byte for byte with the recorded one.
#pragma once

#include <functional>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "client/http_client.hpp"
#include "core/clock.hpp"
#include "core/params.hpp"
#include "support/test_server.hpp"

namespace mediagate::testing::wire {

// A parameter value in Tweak that removes the parameter instead.
inline constexpr const char* kDrop = "\x01drop";
inline constexpr const char* kFormContentType = "application/x-www-form-urlencoded";

// What a case expects, checked before any golden comparison: a success or a vendor error
// envelope (for the five endpoints), an injected fault (anything), or an HTTP-level answer of
// the router or the transport (404, 405, 413, ...).
enum class Kind { kSuccess, kError, kFault, kHttp };
std::string_view to_string(Kind kind);

// One request, as sent.
struct Case {
  std::string name;      // "<server>/<label>", unique
  std::string endpoint;  // polyv-vod, polyv-live(-info), polyv-group, iqiyi, pumpkin or routing
  Kind kind = Kind::kSuccess;
  std::string method{"GET"};
  std::string target{};
  std::string body{};
  std::string content_type{};
  client::HeaderList headers{};
  bool raw_socket = false;         // sent on a fresh socket: a connection reset is an answer
  std::function<void()> before{};  // run just before sending (admin calls, clock moves, drops)
};

// What came back.
struct Answer {
  unsigned status = 0;
  client::HeaderList headers;  // lowercase names, in the order received
  std::string body;
  bool reset = false;
};

// How one endpoint is called validly: its path, credential, base parameters and signer.
struct Api {
  std::string endpoint;
  std::string path;
  std::string secret;
  // A valid request's parameters (no sign); `tag` makes nonces and messageIds unique.
  std::function<core::ParamMap(const std::string& tag, core::EpochMs now)> base;
  std::function<std::string(const core::ParamMap&, const std::string& secret)> sign;
};

// How a case departs from a valid request.
struct Tweak {
  core::ParamMap set{};    // before signing: changed, added, or removed (kDrop)
  core::ParamMap after{};  // after signing, so unsigned; "sign" here replaces the signature
  std::string secret{};    // sign with this instead of the account's secret
  std::function<std::string(std::string)> resign{};  // rewrites the computed signature
  std::string raw{};                                 // appended verbatim to the encoded query
  std::string path{};                                // instead of the endpoint's path
  std::string method{"GET"};
  bool form_body = false;            // the parameters go in a form body (iQiyi POST)...
  std::set<std::string> in_query{};  // ...except these, which stay in the query
  std::string raw_body{};            // appended verbatim to the body
  std::string content_type{};        // default: form when form_body
  client::HeaderList headers{};
};

// The cases of one server, in the order they are sent.
class Cases {
 public:
  Cases(std::string server, core::EpochMs now) : server_(std::move(server)), now_(now) {}

  core::EpochMs now() const { return now_; }
  // The instant later requests are signed at (the server's clock is moved by a `before`).
  void set_now(core::EpochMs now) { now_ = now; }
  std::string at(std::int64_t delta_ms) const { return std::to_string(now_ + delta_ms); }

  // A request to `api`: a valid one, changed by `tweak`. The label names it (and, through the
  // Api's base, its nonce or messageId); the reference is valid until the next add.
  Case& add(const Api& api, const std::string& label, Kind kind, const Tweak& tweak = {});
  // A request given as is.
  Case& add_raw(const std::string& endpoint, const std::string& label, Kind kind,
                std::string method, std::string target);

  std::vector<Case>& list() { return list_; }

 private:
  Case& push(const std::string& label, Case c);

  std::string server_;
  core::EpochMs now_;
  std::vector<Case> list_;
};

// Runs the case's `before`, sends it and reads the answer (a transport failure throws).
// `server`, `date` and `content-length` are left out of the headers.
Answer send(TestServer& server, client::HttpClient& http, const Case& c);

// The vendor's own verdict in an answer of `endpoint`: a success or an error envelope (nothing
// for other endpoints or a reset connection).
std::optional<Kind> verdict(const std::string& endpoint, const Answer& answer);

// The case and its answer as one line of the golden file.
std::string golden_line(const Case& c, const Answer& answer);

// The golden file: (case name, line), in file order. Throws if it cannot be read.
std::vector<std::pair<std::string, std::string>> read_golden(const std::string& path);

// Where two byte strings part, with what follows on each side.
std::string first_difference(std::string_view expected, std::string_view actual);

// Field by field: which parts of two golden lines differ (request, status, headers, body).
std::string describe_mismatch(const std::string& expected_line, const std::string& actual_line);

}  // namespace mediagate::testing::wire
