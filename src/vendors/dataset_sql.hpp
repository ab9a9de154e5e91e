// A whole dataset through one connection of the shared SQL layer (store/sql/backend.hpp), the
// modules' sections (vendors/<v>/<v>_writes.hpp) in the document's order: the one list of them
// (DatasetSections) is here. vendors/dataset_writes.hpp runs these inside the store's
// transactions; a test may run them on a connection of its own.
#pragma once

#include "store/sql/backend.hpp"
#include "store/sql/batched_writes.hpp"
#include "vendors/dataset.hpp"
#include "vendors/iqiyi/iqiyi_writes.hpp"
#include "vendors/polyv/polyv_writes.hpp"
#include "vendors/pumpkin/pumpkin_writes.hpp"

namespace mediagate::vendors {

template <class... Sections>
struct SectionList : Sections... {
  using Sections::remove...;

  template <store::sql::Backend B>
  static store::sql::Status import_rows(store::sql::BatchedWrites<B>& w, const Dataset& data,
                                        ImportSummary& summary) {
    store::sql::Status ok = core::Ok{};
    ((ok = ok ? Sections::import_rows(w, data, summary) : ok), ...);
    return ok;
  }

  template <store::sql::Backend B>
  static store::sql::Status export_rows(B& db, Dataset& data) {
    store::sql::Status ok = core::Ok{};
    ((ok = ok ? Sections::export_rows(db, data) : ok), ...);
    return ok;
  }
};

using DatasetSections =
    SectionList<polyv::DatasetSection, iqiyi::DatasetSection, pumpkin::DatasetSection>;

// Every row of `data` upserted through `db`, inside the caller's transaction. Rows present are
// updated, rows absent are left alone; the summary counts rows inserted or actually changed
// (re-importing identical data counts 0).
template <store::sql::Backend B>
store::StoreResult<ImportSummary> upsert_rows(B& db, const Dataset& data) {
  ImportSummary summary;
  store::sql::BatchedWrites<B> writes(db);
  if (auto ok = DatasetSections::import_rows(writes, data, summary); !ok) {
    return store::sql::propagate(ok);
  }
  if (auto ok = writes.flush(); !ok) return store::sql::propagate(ok);
  return summary;
}

// The whole database through `db`, inside the caller's snapshot, in a form upsert_rows() accepts
// back unchanged.
template <store::sql::Backend B>
store::StoreResult<Dataset> export_rows(B& db) {
  Dataset data;
  if (auto ok = DatasetSections::export_rows(db, data); !ok) return store::sql::propagate(ok);
  return data;
}

// Removes `entity` and its children through `db`; false if it did not exist.
template <store::sql::Backend B>
store::StoreResult<bool> remove_rows(B& db, const EntityRef& entity) {
  return std::visit([&](const auto& ref) { return DatasetSections::remove(db, ref); }, entity);
}

}  // namespace mediagate::vendors
