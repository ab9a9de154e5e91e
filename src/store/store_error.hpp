// What every store call answers: a value, or a failure of the storage engine itself.
#pragma once

#include <string>

#include "core/expected.hpp"

namespace mediagate::store {

// A failure of the storage engine itself (I/O, corruption, lost connection). The message is
// for the operator's log; clients see their vendor's system-error envelope instead.
struct StoreError {
  std::string message;
};

template <class T>
using StoreResult = core::Expected<T, StoreError>;

}  // namespace mediagate::store
