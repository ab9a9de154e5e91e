// What every vendor client is configured with (each vendor's credentials are declared beside its
// typed client, in src/vendors/<vendor>/).
#pragma once

#include <chrono>
#include <string>

#include "client/base_url.hpp"
#include "client/nonce_source.hpp"
#include "core/clock.hpp"

namespace mediagate::client {

struct ClientOptions {
  // Where to send requests: mediagate, or the vendor itself (VendorDescriptor::default_base_url).
  BaseUrl base_url = BaseUrl::http("127.0.0.1", 8080);
  // https base URLs: a PEM file of the CAs to trust instead of the system trust store (a private
  // CA, e.g. `mediagate cert`'s ca.pem); "" = the system's. The certificate is always verified.
  std::string ca_file{};
  // The limit for each step of a request: connect, write, read (and the TLS handshake).
  std::chrono::milliseconds timeout = std::chrono::seconds(10);
  // Generated timestamps are read from here; nullptr: the system clock. Must outlive
  // the client.
  const core::Clock* clock = nullptr;
  // Generated nonces and UUIDs; nullptr: a RandomNonceSource owned by the client. Must
  // outlive the client.
  NonceSource* nonces = nullptr;
  // The prefix of generated ids (GenerationSources::app_name), e.g. appName_UUID.
  std::string app_name = "mediagate";
};

}  // namespace mediagate::client
