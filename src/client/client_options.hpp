// What every vendor client is configured with, and each vendor's credentials.
#pragma once

#include <chrono>
#include <string>

#include "client/base_url.hpp"
#include "client/nonce_source.hpp"
#include "core/clock.hpp"

namespace mediagate::client {

struct ClientOptions {
  // Where to send requests: mediagate, or the vendor itself (kPolyvBaseUrl, ...).
  BaseUrl base_url = BaseUrl::http("127.0.0.1", 8080);
  // https base URLs: a PEM file of the CAs to trust instead of the system trust store (a private
  // CA, e.g. `mediagate cert`'s ca.pem); "" = the system's. The certificate is always verified.
  std::string ca_file{};
  // The limit for each step of a request: connect, write, read (and the TLS handshake).
  std::chrono::milliseconds timeout = std::chrono::seconds(10);
  // Timestamps (ptime, timestamp) are read from here; nullptr: the system clock. Must outlive
  // the client.
  const core::Clock* clock = nullptr;
  // Nonces and messageId UUIDs; nullptr: a RandomNonceSource owned by the client. Must
  // outlive the client.
  NonceSource* nonces = nullptr;
  // iQiyi: the appName of messageId = appName_UUID.
  std::string app_name = "mediagate";
};

struct PolyvVodCredentials {
  std::string userid{};      // the path segment of get-by-uploader
  std::string secret_key{};  // SHA1 rule
};

// Polyv live v3 (the account's appId) and group (the group master's appId) credentials.
struct PolyvAppCredentials {
  std::string app_id{};
  std::string app_secret{};  // MD5 sandwich rule
};

struct IqiyiCredentials {
  std::string partner_code{};
  std::string md5_key{};
};

struct PumpkinCredentials {
  std::string pid{};
  std::string access_secret{};  // HMAC-SHA1 key (with "&" appended by the rule)
};

}  // namespace mediagate::client
