// The vendors' signature rules re-implemented for the tests, straight from the seed documents
// (the PHP/Java examples), independently of src/auth: if the server's signer drifts from the
// vendor's rule, the integration tests fail. Proven against the vectors in vendor_rules_test.
#pragma once

#include <map>
#include <string>

namespace mediagate::testing {

using Params = std::map<std::string, std::string>;

// Seed 001: non-empty params sorted, "k=v" joined by '&', secretkey appended, SHA1, upper hex.
std::string polyv_vod_sign(const Params& params, const std::string& secret_key);

// Polyv buildSign: secret + k1v1k2v2... + secret, MD5 (or SHA-256), upper hex.
std::string polyv_live_sign(const Params& params, const std::string& app_secret,
                            bool sha256 = false);

// The same rule in one of the canonical forms the vendors' SDKs produce (vendor-spec-breadth
// §2.4): blank values (empty or only bytes <= 0x20) kept as the bare key or dropped,
// signatureMethod signed or left out. (keep_blank=false, sign_method=true) is form A.
std::string polyv_live_sign_form(const Params& params, const std::string& app_secret, bool sha256,
                                 bool keep_blank, bool sign_method);

// Seed 002: all params (empty kept) sorted, "k=v" joined by '&', key appended, MD5, lower hex.
std::string iqiyi_sign(const Params& params, const std::string& md5_key);

// Pumpkin demo: HMAC-SHA1(secret + "&", METHOD&%2F&pe(canonical)), Base64.
std::string pumpkin_sign(const std::string& method, const Params& params,
                         const std::string& access_secret);

// application/x-www-form-urlencoded query in map order (what a PHP http_build_query sends).
std::string form_query(const Params& params);

}  // namespace mediagate::testing
