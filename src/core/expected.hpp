// A value or an error: the error-as-value type used on every data path.
// GCC 12 has no std::expected (C++23); this is the subset we need, with the same names and
// meaning, so that moving to std::expected later is a search-and-replace:
// - `and_then(f)`: f(value) returns the next Expected (same error type); an error passes on.
// - `transform(f)`: f(value) is the next value (a void f gives Expected<Ok, E>); an error
//   passes on.
// - `or_else(f)`: f(error) returns an Expected of the same value type; a value passes on.
// - `transform_error(f)`: f(error) is the next error; a value passes on.
// - `value_or(v)`: the value, or v.
// `Expected<Ok, E>` plays std::expected<void, E>: `and_then` and `transform` call a function
// that takes no argument (or one that takes the `Ok`, whichever it is).
//
// Where a chain reads worse than a sequence of statements, MG_TRY (below) propagates.
#pragma once

#include <functional>
#include <type_traits>
#include <utility>
#include <variant>

namespace mediagate::core {

template <class E>
class Unexpected {
 public:
  explicit Unexpected(E error) : error_(std::move(error)) {}
  E& error() & { return error_; }
  const E& error() const& { return error_; }
  E&& error() && { return std::move(error_); }

 private:
  E error_;
};

template <class E>
Unexpected<std::decay_t<E>> unexpected(E&& error) {
  return Unexpected<std::decay_t<E>>(std::forward<E>(error));
}

// Expected<Ok, E>: success carries nothing (std::expected<void, E>).
struct Ok {};

template <class T, class E>
class Expected;

namespace detail {

template <class X>
struct IsExpected : std::false_type {};
template <class T, class E>
struct IsExpected<Expected<T, E>> : std::true_type {};

// Calls f with the value, or with nothing when the value is an Ok and f takes nothing.
template <class F, class V>
decltype(auto) invoke_value(F&& f, V&& value) {
  if constexpr (std::is_same_v<std::remove_cvref_t<V>, Ok> && std::is_invocable_v<F>) {
    return std::invoke(std::forward<F>(f));
  } else {
    return std::invoke(std::forward<F>(f), std::forward<V>(value));
  }
}

template <class F, class V>
using ValueResult =
    std::remove_cvref_t<decltype(invoke_value(std::declval<F>(), std::declval<V>()))>;

}  // namespace detail

template <class T, class E>
class [[nodiscard]] Expected {
 public:
  using value_type = T;
  using error_type = E;

  Expected(T value) : storage_(std::in_place_index<0>, std::move(value)) {}  // NOLINT implicit
  template <class G>
  Expected(Unexpected<G> u)  // NOLINT implicit
      : storage_(std::in_place_index<1>, E(std::move(u).error())) {}

  bool has_value() const noexcept { return storage_.index() == 0; }
  explicit operator bool() const noexcept { return has_value(); }

  T& value() & { return std::get<0>(storage_); }
  const T& value() const& { return std::get<0>(storage_); }
  T&& value() && { return std::get<0>(std::move(storage_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T&& operator*() && { return std::move(*this).value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  E& error() & { return std::get<1>(storage_); }
  const E& error() const& { return std::get<1>(storage_); }
  E&& error() && { return std::get<1>(std::move(storage_)); }

  template <class U>
  T value_or(U&& fallback) const& {
    return has_value() ? value() : static_cast<T>(std::forward<U>(fallback));
  }
  template <class U>
  T value_or(U&& fallback) && {
    return has_value() ? std::move(*this).value() : static_cast<T>(std::forward<U>(fallback));
  }

  template <class F>
  auto and_then(F&& f) & {
    return and_then_impl(*this, std::forward<F>(f));
  }
  template <class F>
  auto and_then(F&& f) const& {
    return and_then_impl(*this, std::forward<F>(f));
  }
  template <class F>
  auto and_then(F&& f) && {
    return and_then_impl(std::move(*this), std::forward<F>(f));
  }

  template <class F>
  auto transform(F&& f) & {
    return transform_impl(*this, std::forward<F>(f));
  }
  template <class F>
  auto transform(F&& f) const& {
    return transform_impl(*this, std::forward<F>(f));
  }
  template <class F>
  auto transform(F&& f) && {
    return transform_impl(std::move(*this), std::forward<F>(f));
  }

  template <class F>
  auto or_else(F&& f) & {
    return or_else_impl(*this, std::forward<F>(f));
  }
  template <class F>
  auto or_else(F&& f) const& {
    return or_else_impl(*this, std::forward<F>(f));
  }
  template <class F>
  auto or_else(F&& f) && {
    return or_else_impl(std::move(*this), std::forward<F>(f));
  }

  template <class F>
  auto transform_error(F&& f) & {
    return transform_error_impl(*this, std::forward<F>(f));
  }
  template <class F>
  auto transform_error(F&& f) const& {
    return transform_error_impl(*this, std::forward<F>(f));
  }
  template <class F>
  auto transform_error(F&& f) && {
    return transform_error_impl(std::move(*this), std::forward<F>(f));
  }

 private:
  template <class Self, class F>
  static auto and_then_impl(Self&& self, F&& f) {
    using Next = detail::ValueResult<F, decltype(std::forward<Self>(self).value())>;
    static_assert(detail::IsExpected<Next>::value, "and_then: f must return an Expected");
    static_assert(std::is_same_v<typename Next::error_type, E>,
                  "and_then: f must return an Expected with the same error type");
    if (!self.has_value()) return Next(Unexpected<E>(std::forward<Self>(self).error()));
    return detail::invoke_value(std::forward<F>(f), std::forward<Self>(self).value());
  }

  template <class Self, class F>
  static auto transform_impl(Self&& self, F&& f) {
    using U = detail::ValueResult<F, decltype(std::forward<Self>(self).value())>;
    if constexpr (std::is_void_v<U>) {
      using Next = Expected<Ok, E>;
      if (!self.has_value()) return Next(Unexpected<E>(std::forward<Self>(self).error()));
      detail::invoke_value(std::forward<F>(f), std::forward<Self>(self).value());
      return Next(Ok{});
    } else {
      using Next = Expected<U, E>;
      if (!self.has_value()) return Next(Unexpected<E>(std::forward<Self>(self).error()));
      return Next(detail::invoke_value(std::forward<F>(f), std::forward<Self>(self).value()));
    }
  }

  template <class Self, class F>
  static auto or_else_impl(Self&& self, F&& f) {
    using Next =
        std::remove_cvref_t<std::invoke_result_t<F, decltype(std::forward<Self>(self).error())>>;
    static_assert(detail::IsExpected<Next>::value, "or_else: f must return an Expected");
    static_assert(std::is_same_v<typename Next::value_type, T>,
                  "or_else: f must return an Expected with the same value type");
    if (self.has_value()) return Next(std::forward<Self>(self).value());
    return std::invoke(std::forward<F>(f), std::forward<Self>(self).error());
  }

  template <class Self, class F>
  static auto transform_error_impl(Self&& self, F&& f) {
    using G =
        std::remove_cvref_t<std::invoke_result_t<F, decltype(std::forward<Self>(self).error())>>;
    using Next = Expected<T, G>;
    if (self.has_value()) return Next(std::forward<Self>(self).value());
    return Next(Unexpected<G>(std::invoke(std::forward<F>(f), std::forward<Self>(self).error())));
  }

  std::variant<T, E> storage_;
};

}  // namespace mediagate::core

// Propagation where a chain of and_then/transform reads worse than statements. Two forms:
//
//   MG_TRY(auto user, find_user(id));     // declares `user` from the value, or returns the error
//   MG_TRY_VOID(check(config));           // returns the error, if any
//
// They expand to statements (a declaration, an `if` that returns, the declaration of the
// value), not to an expression: standard C++, no GCC statement expression (the build is
// -Wpedantic, and clang-tidy parses the code too). Hence they are used only as whole
// statements at block scope, never as the body of an unbraced `if` or loop. The error is
// returned as `core::unexpected(error)`, so it converts to the enclosing function's error type
// where that type converts (e.g. a store error into the admin API's). Not for coroutines
// (`co_return`).
#define MG_TRY_CONCAT_INNER_(a, b) a##b
#define MG_TRY_CONCAT_(a, b) MG_TRY_CONCAT_INNER_(a, b)
#define MG_TRY_RESULT_ MG_TRY_CONCAT_(mg_try_result_, __LINE__)

// NOLINTBEGIN(bugprone-macro-parentheses): `declaration` is a declaration, not an expression.
#define MG_TRY(declaration, ...)                                             \
  auto MG_TRY_RESULT_ = (__VA_ARGS__);                                       \
  if (!MG_TRY_RESULT_) {                                                     \
    return ::mediagate::core::unexpected(std::move(MG_TRY_RESULT_).error()); \
  }                                                                          \
  declaration = std::move(MG_TRY_RESULT_).value()
// NOLINTEND(bugprone-macro-parentheses)

#define MG_TRY_VOID(...)                                                     \
  if (auto MG_TRY_RESULT_ = (__VA_ARGS__); !MG_TRY_RESULT_) {                \
    return ::mediagate::core::unexpected(std::move(MG_TRY_RESULT_).error()); \
  }                                                                          \
  static_assert(true, "MG_TRY_VOID is a statement: end it with a semicolon")
