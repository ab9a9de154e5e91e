// A string to sign that more than one signature rule builds: the parameters the rule keeps, in
// the map's (sorted) order, joined as "k1=v1&k2=v2…", then the secret appended directly. Each
// rule chooses which parameters it keeps, and the digest and text encoding of the signature.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "auth/signature_trace.hpp"
#include "core/params.hpp"

namespace mediagate::auth {

// canonical + secret, where canonical = name=value of every parameter but `sign` that
// `keep(name, value)` accepts, joined with '&': the string a verifier signs, written into one
// string sized once (a first pass adds up what it keeps).
template <class Keep>
std::string query_then_secret_text(const core::ParamMap& params, std::string_view secret,
                                   Keep keep) {
  const auto kept = [&keep](const auto& param) {
    return param.first != kSignParam &&
           keep(std::string_view(param.first), std::string_view(param.second));
  };
  std::size_t size = secret.size();
  for (const auto& param : params) {
    if (kept(param)) size += param.first.size() + param.second.size() + 2;  // '=' and '&'
  }
  std::string text;
  text.reserve(size);
  for (const auto& param : params) {
    if (!kept(param)) continue;
    if (!text.empty()) text.push_back('&');
    text += param.first;
    text.push_back('=');
    text += param.second;
  }
  text += secret;
  return text;
}

// The whole trace of the rule above: canonical, string_to_sign = canonical + secret (redacted:
// canonical + kRedactedSecret). `signature` is left empty: the rule digests string_to_sign itself.
template <class Keep>
SignatureTrace query_then_secret(const core::ParamMap& params, std::string_view secret, Keep keep) {
  SignatureTrace trace;
  trace.canonical = query_then_secret_text(params, {}, keep);
  trace.string_to_sign = trace.canonical;
  trace.string_to_sign += secret;
  trace.string_to_sign_redacted = trace.canonical;
  trace.string_to_sign_redacted += kRedactedSecret;
  return trace;
}

}  // namespace mediagate::auth
