// What every store call answers: a value, or a failure of the storage engine itself.
#pragma once

#include "core/error.hpp"
#include "core/expected.hpp"

namespace mediagate::store {

// A failure of the storage engine itself (I/O, corruption, lost connection): a core::Error of
// kind kStore, made with core::Error::store("…"). The message is for the operator's log; clients
// see their vendor's system-error envelope instead, and the admin API its own words.
using StoreError = core::Error;

template <class T>
using StoreResult = core::Expected<T, StoreError>;

}  // namespace mediagate::store
