// Polyv live v3: GET /live/v3/channel/session/data/list (vendor-spec §4) and
// GET /live/v3/channel/session/list (vendor-spec-breadth §2), MD5 sandwich (or SHA-256 with
// signatureMethod=SHA256).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "client/client_error.hpp"
#include "client/client_options.hpp"
#include "client/page_iterator.hpp"
#include "client/vendor_client.hpp"
#include "core/expected.hpp"
#include "vendors/polyv/polyv_app_credentials.hpp"

namespace mediagate::client {

struct LiveSession {
  std::string session_id{};
  std::string channel_id{};  // digits (a JSON number on the wire)
  std::string user_id{};
  std::int64_t start_time = 0;             // ms
  std::optional<std::int64_t> end_time{};  // nothing while live
  std::optional<std::string> custom_id{};

  friend bool operator==(const LiveSession&, const LiveSession&) = default;
};

// A live v3 page with its whole pagination block (vendor-spec §4.5), around `Session`s.
template <class Session>
struct LivePage : Page<Session> {
  std::int64_t limit = 0;  // items on this page
  std::int64_t next_page_number = 0;
  std::int64_t start_row = 0;
  std::int64_t end_row = 0;
  std::int64_t pre_page_number = 0;
  std::int64_t offset = 0;
  bool first_page = false;
  bool last_page = false;
};

// The page of GET /live/v3/channel/session/data/list.
using SessionPage = LivePage<LiveSession>;

// Unset fields are not sent (the vendor's defaults apply: the last 60 days, page 1, size 20).
struct SessionQuery {
  std::string channel_id{};
  std::optional<std::string> start_date{};  // "yyyy-MM-dd HH:mm:ss" or "yyyy-MM-dd"
  std::optional<std::string> end_date{};
  std::optional<std::int64_t> page{};
  std::optional<std::int64_t> page_size{};
  bool sha256 = false;  // signatureMethod=SHA256
  std::optional<std::string> request_id{};
};

// One session of GET /live/v3/channel/session/list (vendor-spec-breadth §2.3): no customId.
struct LiveSessionInfo {
  std::string channel_id{};  // digits (a JSON number on the wire)
  std::string session_id{};
  std::string user_id{};
  std::int64_t start_time = 0;             // ms
  std::optional<std::int64_t> end_time{};  // nothing while live

  friend bool operator==(const LiveSessionInfo&, const LiveSessionInfo&) = default;
};

// Its page: the same block as SessionPage.
using SessionInfoPage = LivePage<LiveSessionInfo>;

// The Java SDK's listChannelSessionInfo: the fields of SessionQuery, but no 60-day limit on
// the dates (unset: no bound). Unset fields are not sent.
using SessionInfoQuery = SessionQuery;

class PolyvLiveClient {
 public:
  PolyvLiveClient(ClientOptions options, PolyvAppCredentials credentials);

  // One page. appId and timestamp (from the clock) are added.
  core::Expected<SessionPage, ClientError> list_sessions(const SessionQuery& query);
  // Every session of `query` (its page and page_size are replaced), `page_size` per request.
  // The iterator calls this client: the client must outlive it.
  PageIterator<SessionPage> sessions(SessionQuery query, std::int64_t page_size = 20);

  // One page of GET /live/v3/channel/session/list (its own connection).
  core::Expected<SessionInfoPage, ClientError> list_session_info(const SessionInfoQuery& query);
  PageIterator<SessionInfoPage> session_info(SessionInfoQuery query, std::int64_t page_size = 20);

  VendorClient& vendor_client() { return client_; }
  VendorClient& info_vendor_client() { return info_client_; }
  int connections_opened() const {
    return client_.connections_opened() + info_client_.connections_opened();
  }

 private:
  VendorClient client_;
  VendorClient info_client_;  // /live/v3/channel/session/list
  std::string app_id_;
};

core::Expected<SessionPage, ClientError> decode_session_page(const ClientResponse& response);
core::Expected<SessionInfoPage, ClientError> decode_session_info_page(
    const ClientResponse& response);

}  // namespace mediagate::client
