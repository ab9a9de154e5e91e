#include "support/vendor_rules.hpp"

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include <cctype>
#include <cstdio>
#include <vector>

namespace mediagate::testing {
namespace {

std::string hex(const unsigned char* data, unsigned length, bool upper) {
  std::string out;
  char byte[3];
  for (unsigned i = 0; i < length; ++i) {
    std::snprintf(byte, sizeof byte, upper ? "%02X" : "%02x", data[i]);
    out += byte;
  }
  return out;
}

std::string digest(const EVP_MD* md, const std::string& text, bool upper) {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  EVP_Digest(text.data(), text.size(), out, &length, md, nullptr);
  return hex(out, length, upper);
}

std::string percent(const std::string& raw, bool space_as_plus) {
  std::string out;
  char escaped[4];
  for (const char ch : raw) {
    const auto c = static_cast<unsigned char>(ch);
    if (std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~') {
      out.push_back(static_cast<char>(c));
    } else if (c == ' ' && space_as_plus) {
      out.push_back('+');
    } else {
      std::snprintf(escaped, sizeof escaped, "%%%02X", c);
      out += escaped;
    }
  }
  return out;
}

}  // namespace

std::string polyv_vod_sign(const Params& params, const std::string& secret_key) {
  std::string plain;
  for (const auto& [name, value] : params) {
    if (name == "sign" || value.empty()) continue;
    if (!plain.empty()) plain += '&';
    plain += name + "=" + value;
  }
  return digest(EVP_sha1(), plain + secret_key, true);
}

std::string polyv_live_sign(const Params& params, const std::string& app_secret, bool sha256) {
  std::string plain = app_secret;
  for (const auto& [name, value] : params) {
    if (name == "sign" || value.empty()) continue;
    plain += name + value;
  }
  plain += app_secret;
  return digest(sha256 ? EVP_sha256() : EVP_md5(), plain, true);
}

std::string polyv_live_sign_form(const Params& params, const std::string& app_secret, bool sha256,
                                 bool keep_blank, bool sign_method) {
  std::string plain = app_secret;
  for (const auto& [name, value] : params) {
    if (name == "sign" || (!sign_method && name == "signatureMethod")) continue;
    bool blank = true;
    for (const char c : value) blank = blank && static_cast<unsigned char>(c) <= 0x20;
    if (!keep_blank && blank) continue;
    plain += name + value;
  }
  plain += app_secret;
  return digest(sha256 ? EVP_sha256() : EVP_md5(), plain, true);
}

std::string iqiyi_sign(const Params& params, const std::string& md5_key) {
  std::string plain;
  for (const auto& [name, value] : params) {
    if (name == "sign") continue;
    if (!plain.empty()) plain += '&';
    plain += name + "=" + value;
  }
  return digest(EVP_md5(), plain + md5_key, false);
}

std::string pumpkin_sign(const std::string& method, const Params& params,
                         const std::string& access_secret) {
  std::string canonical;
  for (const auto& [name, value] : params) {
    if (!canonical.empty()) canonical += '&';
    canonical += percent(name, false) + "=" + percent(value, false);
  }
  const std::string to_sign =
      percent(method, false) + "&" + percent("/", false) + "&" + percent(canonical, false);
  const std::string key = access_secret + "&";
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned length = 0;
  HMAC(EVP_sha1(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(to_sign.data()), to_sign.size(), mac, &length);
  std::vector<unsigned char> b64(4 * ((length + 2) / 3) + 1);
  EVP_EncodeBlock(b64.data(), mac, static_cast<int>(length));
  return std::string(reinterpret_cast<char*>(b64.data()));
}

std::string form_query(const Params& params) {
  std::string query;
  for (const auto& [name, value] : params) {
    if (!query.empty()) query += '&';
    query += percent(name, true) + "=" + percent(value, true);
  }
  return query;
}

}  // namespace mediagate::testing
