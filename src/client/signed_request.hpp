// The five endpoints, and how the SDK turns parameters into a signed request: what it
// generates (timestamps from the clock, nonces, messageIds), how it signs (the signers of
// src/auth, shared with the server), and what goes on the wire. Pure functions: no I/O.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "client/client_error.hpp"
#include "client/nonce_source.hpp"
#include "core/clock.hpp"
#include "core/expected.hpp"
#include "core/params.hpp"
#include "core/url_form.hpp"

namespace mediagate::client {

enum class Vendor { kPolyvVod, kPolyvLive, kPolyvGroup, kIqiyi, kPumpkin };

// "polyv-vod", "polyv-live", "polyv-group", "iqiyi", "pumpkin".
std::optional<Vendor> parse_vendor(std::string_view name);
std::string_view to_string(Vendor vendor);

inline constexpr std::string_view kPolyvVodPathTemplate = "/v2/video/{userid}/get-by-uploader";
inline constexpr std::string_view kPolyvLivePath = "/live/v3/channel/session/data/list";
inline constexpr std::string_view kPolyvGroupPath = "/v2/group/account/list-allocate-log";
inline constexpr std::string_view kIqiyiPath = "/vod/coupon/getVodCount.action";
inline constexpr std::string_view kPumpkinPath = "/media/offline_sync";

// The request path; Polyv VOD's {userid} is filled in (percent-encoded).
std::string vendor_path(Vendor vendor, std::string_view userid = {});

// The steps of a signature that are safe to show: the secret never appears.
struct SignatureSteps {
  std::string canonical{};                // the parameters as the vendor canonicalises them
  std::string string_to_sign_redacted{};  // the bytes hashed, the secret replaced by "<secret>"
  std::string signature{};                // as it goes on the wire (before form encoding)
};

// What to sign, for compute_signature (`mediagate sign`).
struct SignInput {
  Vendor vendor = Vendor::kPolyvVod;
  std::string method = "GET";  // Pumpkin signs it; the others ignore it
  core::ParamMap params{};     // a `sign` entry is ignored
  // Pumpkin: the path signed as `action` (empty: the offline_sync path). The server signs a
  // fixed set (pid, version, timestamp, signature_nonce, format, action = its path).
  std::string pumpkin_action{};
  // Pumpkin: sign every parameter as given instead, like the demo's generic helper
  // (vector P3 of vendor-spec §1.4).
  bool pumpkin_sign_all = false;
};

// Signs exactly what it is given (nothing is generated). Fails only on an empty secret or an
// unsupported Polyv live signatureMethod.
core::Expected<SignatureSteps, ClientError> compute_signature(const SignInput& input,
                                                              std::string_view secret);

// Adds what the SDK generates, where the caller has not given it (an explicit value, even an
// empty one, is kept):
//   polyv-vod    ptime = now (ms)
//   polyv-live   timestamp = now (ms)
//   polyv-group  timestamp = now (ms)
//   iqiyi        messageId = app_name + "_" + UUID; version = "1.0"
//   pumpkin      timestamp = now (ms); signature_nonce = 10 of [A-Za-z0-9]; format = "JSON";
//                version = "v1"; action = "/media/offline_sync" (as the vendor's demo sends)
void fill_generated(Vendor vendor, core::ParamMap& params, const core::Clock& clock,
                    NonceSource& nonces, std::string_view app_name = "mediagate");

// A request before signing.
struct RequestSpec {
  std::string method = "GET";  // POST only for iQiyi (a form body)
  core::ParamMap params{};     // no `sign` (the SDK computes it), no `jsonp`/`callback`
  std::string userid{};        // Polyv VOD: the path's {userid}
};

// A signed request, ready to send.
struct SignedRequest {
  Vendor vendor = Vendor::kPolyvVod;
  std::string method{};
  std::string path{};          // e.g. /v2/video/b0f7041324/get-by-uploader
  core::FormFields fields{};   // every parameter sent, in wire order, `sign` last
  std::string query{};         // GET: the form-encoded fields; POST: empty
  std::string body{};          // POST: the form-encoded fields
  std::string content_type{};  // POST: application/x-www-form-urlencoded;charset=UTF-8
  SignatureSteps steps{};

  // path, then '?' and the query when there is one.
  std::string target() const;
};

// Signs `spec` as given (call fill_generated first) with the vendor's rule. Refuses (without
// sending anything) an empty secret, a `sign`, `jsonp` or `callback` parameter (the SDK
// never asks for JSONP), POST for a vendor other than iQiyi, a Polyv VOD request without
// userid, and an unsupported live signatureMethod.
core::Expected<SignedRequest, ClientError> build_request(Vendor vendor, const RequestSpec& spec,
                                                         std::string_view secret);

}  // namespace mediagate::client
