#include "vendors/pumpkin/pumpkin_signer.hpp"

#include <openssl/crypto.h>

#include <array>
#include <string>

#include "auth/constant_time.hpp"
#include "auth/digest.hpp"
#include "core/url_form.hpp"

namespace mediagate::vendors::pumpkin {
namespace {

constexpr std::array<std::string_view, 5> kSignedNames = {"pid", "version", "timestamp",
                                                          "signature_nonce", "format"};

bool is_fixed_name(std::string_view name) {
  for (const auto signed_name : kSignedNames) {
    if (name == signed_name) return true;
  }
  return false;
}

// Appends pe(name)=pe(value), after a '&' unless it is the first pair (a pair is never empty:
// it holds at least '=').
void append_pair(std::string& canonical, std::string_view name, std::string_view value) {
  if (!canonical.empty()) canonical.push_back('&');
  core::append_rfc3986(canonical, name);
  canonical.push_back('=');
  core::append_rfc3986(canonical, value);
}

// The string to sign of the set made of `params` without `sign`, `action` and the names `keep`
// refuses, plus `action` = `action_path` in its sorted place: what pumpkin_sign makes of
// pumpkin_signed_set (keep = the fixed names) or pumpkin_received_set (keep everything),
// without building the set or the canonical string (verification needs neither):
// pe(method) & "%2F" & pe(canonical), where a pair's '=' and the '&' between pairs are escaped
// once and its name and value twice. ParamMap iterates in the byte order the canonical string
// sorts by.
// `refused`, when given, is set to whether `keep` refused any name but `sign` and `action`.
template <class Keep>
std::string string_to_sign_from(const core::ParamMap& params, std::string_view action_path,
                                std::string_view method, Keep keep, bool* refused = nullptr) {
  std::string text;
  text.reserve(512);
  core::append_rfc3986(text, method);
  text += "&%2F&";
  bool first = true;
  const auto append = [&](std::string_view name, std::string_view value) {
    if (!first) text += "%26";
    first = false;
    core::append_rfc3986_twice(text, name);
    text += "%3D";
    core::append_rfc3986_twice(text, value);
  };
  bool action_written = false;
  for (const auto& [name, value] : params) {
    if (!action_written && std::string_view(name) >= kActionParam) {
      append(kActionParam, action_path);
      action_written = true;
    }
    if (name == kActionParam || name == auth::kSignParam) continue;
    if (!keep(name)) {
      if (refused != nullptr) *refused = true;
      continue;
    }
    append(name, value);
  }
  if (!action_written) append(kActionParam, action_path);
  return text;
}

std::string string_to_sign_of(std::string_view canonical, std::string_view method) {
  std::string text;
  text.reserve(method.size() + 5 + canonical.size() + canonical.size() / 2);
  core::append_rfc3986(text, method);
  text += "&%2F&";  // pe("/")
  core::append_rfc3986(text, canonical);
  return text;
}

std::string signature_of(std::string_view string_to_sign, std::string_view secret) {
  std::string key;
  key.reserve(secret.size() + 1);
  key.append(secret);
  key.push_back('&');
  auto signature = auth::base64_encode(auth::hmac_sha1(key, string_to_sign));
  OPENSSL_cleanse(key.data(), key.size());
  return signature;
}

}  // namespace

core::ParamMap pumpkin_signed_set(const core::ParamMap& request_params,
                                  std::string_view action_path) {
  core::ParamMap signed_set;
  for (const auto name : kSignedNames) {
    if (const auto* value = core::find_param(request_params, name)) {
      signed_set.emplace(name, *value);
    }
  }
  signed_set.insert_or_assign(std::string(kActionParam), std::string(action_path));
  return signed_set;
}

auth::SignatureTrace pumpkin_sign(const core::ParamMap& signed_set, std::string_view method,
                                  std::string_view secret) {
  auth::SignatureTrace trace;
  for (const auto& [name, value] : signed_set) {
    if (name == auth::kSignParam) continue;
    append_pair(trace.canonical, name, value);
  }
  trace.string_to_sign = string_to_sign_of(trace.canonical, method);
  trace.string_to_sign_redacted = trace.string_to_sign;  // the secret is only the HMAC key
  trace.signature = signature_of(trace.string_to_sign, secret);
  return trace;
}

bool pumpkin_verify(const core::ParamMap& signed_set, std::string_view method,
                    std::string_view secret, std::string_view received) {
  return auth::signature_matches(pumpkin_sign(signed_set, method, secret).signature, received);
}

core::ParamMap pumpkin_received_set(const core::ParamMap& request_params,
                                    std::string_view action_path) {
  core::ParamMap signed_set = request_params;
  signed_set.erase(std::string(auth::kSignParam));
  signed_set.insert_or_assign(std::string(kActionParam), std::string(action_path));
  return signed_set;
}

bool pumpkin_verify_any(const core::ParamMap& request_params, std::string_view action_path,
                        std::string_view method, std::string_view secret,
                        std::string_view received) {
  // A request carrying only the fixed names signs one string: both sets give it, so it is built
  // once and one HMAC answers for both (which set it is depends on the request alone, not on
  // the secret).
  bool has_other_names = false;
  const auto fixed =
      string_to_sign_from(request_params, action_path, method, is_fixed_name, &has_other_names);
  const bool fixed_matches = auth::signature_matches(signature_of(fixed, secret), received);
  if (!has_other_names) return fixed_matches;
  const auto every = string_to_sign_from(request_params, action_path, method,
                                         [](std::string_view) { return true; });
  const bool every_matches = auth::signature_matches(signature_of(every, secret), received);
  return fixed_matches | every_matches;  // both compared, no short circuit
}

}  // namespace mediagate::vendors::pumpkin
