// The result helpers every SQL backend's code uses (one definition, so that code calling
// propagate() on a result of any store type finds exactly one).
#pragma once

#include <utility>

#include "store/store.hpp"

namespace mediagate::store::sql {

using Status = StoreResult<core::Ok>;

// Passes the error of a failed result on as the caller's error.
template <class T>
core::Unexpected<StoreError> propagate(StoreResult<T>& result) {
  return core::unexpected(std::move(result).error());
}

}  // namespace mediagate::store::sql
