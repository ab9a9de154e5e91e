// The admin API's errors: an HTTP status, a stable machine-readable code, a message for the
// operator and the field at fault (a JSON path such as "$.videos[0].cataid", or the name of a
// path or query parameter). Rendered as {"error":…,"message":…,"field":…|null}.
//
// An AdminError is the admin API's answer, as endpoint::Refusal is a vendor's: it carries what
// goes on the wire (status, code). What failed below it is a core::Error, which converts into
// one where it is returned (a store failure: 500, its message logged, never shown; an invalid
// entity: 400 with the field at fault), so a handler propagates store and decoder errors as they
// are.
#pragma once

#include <string>
#include <utility>

#include "core/error.hpp"
#include "core/expected.hpp"
#include "http/message.hpp"
#include "store/store.hpp"

namespace mediagate::admin {

struct AdminError {
  unsigned status = 400;
  std::string code;     // e.g. "invalid_field", "not_found", "conflict"
  std::string message;  // shown to the client
  std::string field;    // empty: none
  std::string detail;   // logged only (a storage failure's own message)

  AdminError(unsigned status_, std::string code_, std::string message_, std::string field_ = {})
      : status(status_),
        code(std::move(code_)),
        message(std::move(message_)),
        field(std::move(field_)) {}
  // What failed below the admin API: a store failure (500 "store_error", its message logged,
  // never shown), an invalid entity (400 with the field at fault, see fixture_error), anything
  // else a 500 whose message is logged.
  AdminError(core::Error error);  // NOLINT(google-explicit-constructor): propagation
};

template <class T>
using AdminResult = core::Expected<T, AdminError>;

inline AdminError bad_request(std::string code, std::string message, std::string field = {}) {
  return {400, std::move(code), std::move(message), std::move(field)};
}
inline AdminError not_found(std::string message, std::string field = {}) {
  return {404, "not_found", std::move(message), std::move(field)};
}
inline AdminError conflict(std::string message, std::string field = {}) {
  return {409, "conflict", std::move(message), std::move(field)};
}
// Well-formed, but not consistent with the stored data (a missing category, a cycle...).
inline AdminError unprocessable(std::string message, std::string field = {}) {
  return {422, "invalid_reference", std::move(message), std::move(field)};
}

// {"error":…,"message":…,"field":…} with the error's status, tagged for the access log.
http::Response render_error(const AdminError& error);

}  // namespace mediagate::admin
