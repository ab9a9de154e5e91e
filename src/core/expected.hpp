// A value or an error: the error-as-value type used on every data path.
// GCC 12 has no std::expected (C++23); this is the subset we need, with the same names,
// so that moving to std::expected later is a search-and-replace.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

namespace mediagate::core {

template <class E>
class Unexpected {
 public:
  explicit Unexpected(E error) : error_(std::move(error)) {}
  E& error() & { return error_; }
  E&& error() && { return std::move(error_); }

 private:
  E error_;
};

template <class E>
Unexpected<std::decay_t<E>> unexpected(E&& error) {
  return Unexpected<std::decay_t<E>>(std::forward<E>(error));
}

template <class T, class E>
class [[nodiscard]] Expected {
 public:
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
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  E& error() & { return std::get<1>(storage_); }
  const E& error() const& { return std::get<1>(storage_); }
  E&& error() && { return std::get<1>(std::move(storage_)); }

 private:
  std::variant<T, E> storage_;
};

// Expected<void, E>: success carries nothing.
struct Ok {};

}  // namespace mediagate::core
