// A store::Store whose every call fails as "not used by this test": a fake that a test needs as
// its endpoint::Context's store derives from it and answers only what the test uses; a module's
// repository fake is put in its repositories() instead (store::Repositories::put).
#pragma once

#include "store/store.hpp"

namespace mediagate::testing {

class UnusedStore : public store::Store {
 protected:
  template <class T>
  static store::StoreResult<T> unused() {
    return core::unexpected(core::Error::store("not used by this test"));
  }
};

}  // namespace mediagate::testing
