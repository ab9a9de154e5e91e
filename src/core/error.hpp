// The one error type of the data paths (docs/architecture.md, "Errors"): what failed, a
// message that may be shown, a detail for the log, and the field at fault.
//
//   return core::unexpected(core::Error::store("sqlite: disk I/O error"));
//   return core::unexpected(core::Error::config("threads: expected 1 to 1024"));
//   return core::unexpected(core::Error{"$.items[0].count", "expected an integer"});
//
// The names modules use at their call sites are aliases of it (store::StoreError,
// core::ConfigError, fixtures::FixtureError, shared_state::RedisError, client::TransportError),
// so a store failure propagates into the admin API or the CLI without a conversion of its own.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace mediagate::core {

struct Error {
  // What failed. Named `kind` rather than `code`: a "code" in this code base is what goes on the
  // wire (a vendor's code, the admin API's "error"), which the boundary chooses from the kind.
  enum class Kind : std::uint8_t {
    kInvalid,      // what was given is wrong at `path` (a fixture document, an entity, a body)
    kConfig,       // a setting is missing, malformed or out of range (its name in the message)
    kStore,        // the storage engine failed: I/O, corruption, a lost connection, a refusal
    kUnavailable,  // shared state (Redis) gave no answer: the outcome is unknown
    kReply,        // shared state answered with an error (e.g. OOM under noeviction)
    kTransport,    // an HTTP exchange got no answer: connect, write or read failed
    kTimeout,      // an HTTP exchange's step ran out of time
  };

  Kind kind = Kind::kInvalid;
  // The field at fault, empty when none: a JSON path ("$.section.items[3].parent";
  // "$" for the whole document) or a parameter's name.
  std::string path;
  // What is wrong, in a sentence a client or an operator may be shown (a store's or Redis's own
  // message is for the operator: the vendor and admin boundaries show their own words instead).
  std::string message;
  // For the log only, never shown to a client; never a secret either.
  std::string detail;

  // Nothing said yet (a reader fills it in as it fails).
  Error() = default;
  // The input is wrong at `path` (kind kInvalid): what the fixture format's decoders report.
  Error(std::string path_, std::string message_)
      : path(std::move(path_)), message(std::move(message_)) {}

  static Error invalid(std::string path, std::string message) {
    return {std::move(path), std::move(message)};
  }
  static Error config(std::string message) { return of(Kind::kConfig, std::move(message)); }
  static Error store(std::string message) { return of(Kind::kStore, std::move(message)); }
  static Error unavailable(std::string message) {
    return of(Kind::kUnavailable, std::move(message));
  }
  static Error reply(std::string message) { return of(Kind::kReply, std::move(message)); }
  static Error transport(std::string message) { return of(Kind::kTransport, std::move(message)); }
  static Error timeout(std::string message) { return of(Kind::kTimeout, std::move(message)); }

  // The same error with a detail for the log.
  Error with_detail(std::string text) && {
    detail = std::move(text);
    return std::move(*this);
  }
  // The same error, its message prefixed (where it happened: "fixtures: ", "admin.").
  Error prefixed(std::string_view prefix) && {
    message.insert(0, prefix);
    return std::move(*this);
  }

  friend bool operator==(const Error&, const Error&) = default;

 private:
  static Error of(Kind kind, std::string message) {
    Error error({}, std::move(message));
    error.kind = kind;
    return error;
  }
};

std::string_view to_string(Error::Kind kind);

// For transform_error where the caller's error is a sentence (the CLI's, the listeners'): the
// error's message, or the text itself, after `prefix` ("store: ", "admin.").
//   MG_TRY(auto store, open_store(url).transform_error(core::prefix_message("store: ")));
inline auto prefix_message(std::string prefix) {
  return [prefix = std::move(prefix)]<class E>(E&& error) -> std::string {
    if constexpr (std::is_same_v<std::remove_cvref_t<E>, Error>) {
      return prefix + error.message;
    } else {
      return prefix + std::string(std::forward<E>(error));
    }
  };
}

}  // namespace mediagate::core
