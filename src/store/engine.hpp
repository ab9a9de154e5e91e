// What a storage engine offers every module, naming none: its SQL connections, as the shared
// SQL layer's backend (store/sql/backend.hpp), for reads; the generation of its data, for
// caches; and the repositories the modules made over it. A module's repository is written once
// over the SQL layer (a generic lambda visiting the backend, store/sql_access.hpp) and so runs
// on SQLite and PostgreSQL alike. Store (store.hpp) is an Engine.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <variant>

#include "core/expected.hpp"
#include "store/repositories.hpp"
#include "store/store_error.hpp"

namespace mediagate::store {

namespace sqlite {
class Backend;
}
namespace postgres {
class Backend;
}

// One connection of the engine, as its backend of the shared SQL layer.
using SqlBackend = std::variant<sqlite::Backend*, postgres::Backend*>;

// How a read runs: one statement on its own, or several in one read snapshot (an entity and
// its children), or a page of sql::page_of (its rows and their total): a snapshot where the
// backend reads a page in several statements, one statement on its own where in one
// (sql::OneStatementPages: PostgreSQL, where a snapshot costs a BEGIN and a COMMIT more).
enum class ReadKind { kStatement, kSnapshot, kPage };

class Engine {
 public:
  Engine() = default;
  Engine(const Engine&) = delete;
  Engine& operator=(const Engine&) = delete;
  virtual ~Engine() = default;

  // Runs `body` on one of the engine's connections, read only, as `kind` says. Engines without
  // SQL (test doubles) answer with an error.
  virtual StoreResult<core::Ok> read(ReadKind /*kind*/,
                                     const std::function<StoreResult<core::Ok>(SqlBackend)>&) {
    return core::unexpected(core::Error::store("this store has no SQL engine"));
  }

  // A number that changes whenever the data this store serves may have changed: after every
  // write through this store at once, and after a write by another connection or process
  // within the store's change-check interval (SQLite: `store_change_check_ms`; PostgreSQL: as
  // soon as its NOTIFY arrives, see postgres/change_listener.hpp). Callers
  // that cache answers (the modules' caching repositories, the vendors' page cache) read it
  // BEFORE reading the data and keep an answer only while it stays the same. Nothing: this
  // store cannot tell (never cache its answers); also on a failure to look.
  virtual std::optional<std::uint64_t> data_generation() { return std::nullopt; }

  // Whether data_generation() tells one, after waiting up to `within` for a store that learns
  // it only once connected (PostgreSQL: its change listener, otherwise started by the first
  // data_generation() call, connects and listens). A server calls it before it accepts: until
  // then nothing is cached, and a first burst of requests would all go to the database.
  virtual bool await_data_generation(std::chrono::milliseconds /*within*/) {
    return data_generation().has_value();
  }

  // How many answers of each kind of lookup a module's repository may keep in memory, keyed on
  // data_generation() (0: keep none). Set where the store is opened (store_cached_lookups).
  virtual std::size_t cached_lookups() const { return 0; }

  // The repositories the modules made over this engine.
  Repositories& repositories() noexcept { return repositories_; }

 private:
  Repositories repositories_;
};

}  // namespace mediagate::store
