#include "vendors/fixture_export.hpp"

#include <optional>
#include <string>
#include <utility>

#include "fixtures/fixture_stream.hpp"
#include "store/sql_access.hpp"
#include "vendors/fixture_sections.hpp"
#include "vendors/iqiyi/iqiyi_fixture.hpp"
#include "vendors/polyv/polyv_fixture.hpp"
#include "vendors/pumpkin/pumpkin_fixture.hpp"

namespace mediagate::vendors {
namespace {

// The document, section by section, in export_fixture()'s order and layout.
template <class B>
class DocumentWriter {
 public:
  DocumentWriter(B& db, const FixtureExportOptions& options, const FixtureSink& sink,
                 const FixtureProgress& progress)
      : reader_(db, options.batch),
        offset_(options.utc_offset_minutes),
        progress_(progress),
        w_([this, &sink](std::string_view text) {
          if (!failed_ && !sink(text)) failed_ = true;
        }) {}

  store::sql::Status run() {
    auto total = reader_.rows_total();
    if (!total) return store::sql::propagate(total);
    total_ = *total;
    if (progress_) progress_(0, total_);
    w_.begin_object();
    w_.begin_object("polyv");
    if (auto ok = list("accounts",
                       [&] { return reader_.accounts(entity_writer(&DocumentWriter::account)); });
        !ok) {
      return ok;
    }
    if (auto ok =
            list("groups", [&] { return reader_.groups(entity_writer(&DocumentWriter::group)); });
        !ok) {
      return ok;
    }
    w_.end();
    w_.begin_object("iqiyi");
    if (auto ok = list(
            "partners",
            [&] { return reader_.iqiyi_partners(entity_writer(&DocumentWriter::iqiyi_partner)); });
        !ok) {
      return ok;
    }
    w_.end();
    w_.begin_object("pumpkin");
    if (auto ok =
            list("partners",
                 [&] {
                   return reader_.pumpkin_partners(entity_writer(&DocumentWriter::pumpkin_partner));
                 });
        !ok) {
      return ok;
    }
    if (auto ok = list("media",
                       [&] {
                         return reader_.pumpkin_media(
                             [&](vendors::pumpkin::PumpkinMedia&& media,
                                 std::optional<vendors::pumpkin::PumpkinMediaDetails>&& details) {
                               return pumpkin_media(media, details);
                             });
                       });
        !ok) {
      return ok;
    }
    w_.end();
    w_.end();
    return written();
  }

  std::int64_t rows() const noexcept { return reader_.rows_read(); }

 private:
  // `key`: [ what `body()` writes ].
  template <class Body>
  store::sql::Status list(std::string_view key, Body&& body) {
    w_.begin_array(key);
    if (auto ok = body(); !ok) return ok;
    w_.end();
    return written();
  }

  // A callback of the reader that writes one entity with `write`.
  template <class Entity>
  auto entity_writer(store::sql::Status (DocumentWriter::*write)(const Entity&)) {
    return [this, write](Entity&& entity) { return (this->*write)(entity); };
  }

  // Stops the export at the first failed write (disk full, a closed pipe).
  store::sql::Status written() {
    if (progress_) progress_(reader_.rows_read(), total_);
    if (failed_) return core::unexpected(core::Error::store("export: the output failed"));
    return core::Ok{};
  }

  void text(std::string_view key, std::string_view value) {
    w_.write(key, [&](core::JsonWriter& j) { j.value(value); });
  }

  // A list of strings (sub-accounts, actions).
  template <class Read>
  store::sql::Status strings(std::string_view key, Read&& read) {
    return list(key, [&] {
      return read([&](std::string&& item) -> store::sql::Status {
        text({}, item);
        return core::Ok{};
      });
    });
  }

  store::sql::Status account(const vendors::polyv::PolyvAccountKeys& keys) {
    w_.begin_object();
    text("userId", keys.user_id);
    text("email", keys.email);
    text("secretKey", keys.secret_key);
    text("appId", keys.app_id);
    text("appSecret", keys.app_secret);
    const std::string& id = keys.user_id;
    if (auto ok =
            strings("subAccounts", [&](auto&& item) { return reader_.sub_accounts(id, item); });
        !ok) {
      return ok;
    }
    if (auto ok = list("categories",
                       [&] {
                         return reader_.categories(
                             id, [&](vendors::polyv::Category&& c) -> store::sql::Status {
                               w_.object({}, [&](core::JsonWriter& j) {
                                 polyv::write_category_fields(j, c);
                               });
                               return core::Ok{};
                             });
                       });
        !ok) {
      return ok;
    }
    if (auto ok =
            list("videos",
                 [&] {
                   return reader_.videos(id, [&](vendors::polyv::Video&& v) -> store::sql::Status {
                     w_.object({}, [&](core::JsonWriter& j) { polyv::write_video_fields(j, v); });
                     return written();
                   });
                 });
        !ok) {
      return ok;
    }
    if (auto ok = list("channels",
                       [&] {
                         return reader_.channels(
                             id, [&](std::string&& channel) { return this->channel(channel); });
                       });
        !ok) {
      return ok;
    }
    w_.end();
    return written();
  }

  store::sql::Status channel(const std::string& channel_id) {
    w_.begin_object();
    text("channelId", channel_id);
    if (auto ok = list(
            "sessions",
            [&] {
              return reader_.sessions(
                  channel_id, [&](vendors::polyv::LiveSession&& s) -> store::sql::Status {
                    w_.object({}, [&](core::JsonWriter& j) { polyv::write_session_fields(j, s); });
                    return written();
                  });
            });
        !ok) {
      return ok;
    }
    w_.end();
    return core::Ok{};
  }

  store::sql::Status group(const vendors::polyv::PolyvGroupKeys& keys) {
    w_.begin_object();
    text("appId", keys.app_id);
    text("appSecret", keys.app_secret);
    w_.write("forbidden", [&](core::JsonWriter& j) { j.value(keys.forbidden); });
    if (auto ok =
            strings("subAccounts",
                    [&](auto&& item) { return reader_.group_sub_accounts(keys.app_id, item); });
        !ok) {
      return ok;
    }
    if (auto ok = list("allocations",
                       [&] {
                         return reader_.allocations(
                             keys.app_id,
                             [&](vendors::polyv::Allocation&& a) -> store::sql::Status {
                               w_.object({}, [&](core::JsonWriter& j) {
                                 polyv::write_allocation_fields(j, a, offset_);
                               });
                               return written();
                             });
                       });
        !ok) {
      return ok;
    }
    w_.end();
    return written();
  }

  store::sql::Status iqiyi_partner(const vendors::iqiyi::IqiyiPartner& partner) {
    w_.begin_object();
    text("partnerCode", partner.partner_code);
    text("md5Key", partner.md5_key);
    if (auto ok = list("users",
                       [&] {
                         return reader_.iqiyi_users(
                             partner.partner_code,
                             [&](vendors::iqiyi::IqiyiUser&& u) -> store::sql::Status {
                               w_.object({}, [&](core::JsonWriter& j) {
                                 iqiyi::write_iqiyi_user_fields(j, u);
                               });
                               return written();
                             });
                       });
        !ok) {
      return ok;
    }
    // Only when there are any, as vendors::export_dataset() reads them.
    bool uses_open = false;
    if (auto ok = reader_.iqiyi_coupon_uses(
            partner.partner_code,
            [&](vendors::iqiyi::IqiyiCouponUseEntry&& use) -> store::sql::Status {
              if (!uses_open) {
                w_.begin_array("couponUses");
                uses_open = true;
              }
              w_.object({},
                        [&](core::JsonWriter& j) { iqiyi::write_iqiyi_coupon_use_fields(j, use); });
              return written();
            });
        !ok) {
      return ok;
    }
    if (uses_open) w_.end();
    w_.end();
    return written();
  }

  store::sql::Status pumpkin_partner(const vendors::pumpkin::PumpkinPartner& partner) {
    w_.begin_object();
    text("pid", partner.pid);
    text("accessSecret", partner.access_secret);
    if (auto ok = strings("actions",
                          [&](auto&& item) { return reader_.pumpkin_actions(partner.pid, item); });
        !ok) {
      return ok;
    }
    w_.end();
    return written();
  }

  store::sql::Status pumpkin_media(
      const vendors::pumpkin::PumpkinMedia& media,
      const std::optional<vendors::pumpkin::PumpkinMediaDetails>& details) {
    w_.object({}, [&](core::JsonWriter& j) {
      pumpkin::write_media_fields(j, media, offset_);
      if (details) {
        j.key("details");
        pumpkin::write_media_details(j, *details, offset_);
      }
    });
    return written();
  }

  fixture_sections::SectionReader<B> reader_;
  int offset_;
  const FixtureProgress& progress_;
  bool failed_ = false;
  std::int64_t total_ = 0;
  fixtures::FixtureStreamWriter w_;
};

}  // namespace

store::StoreResult<std::int64_t> export_fixture_document(store::Engine& store,
                                                         const FixtureExportOptions& options,
                                                         const FixtureSink& sink,
                                                         const FixtureProgress& progress) {
  std::int64_t rows = 0;
  auto done = store.read(store::ReadKind::kSnapshot, [&](store::SqlBackend backend) {
    return store::on_backend<core::Ok>(backend, [&](auto& db) -> store::sql::Status {
      DocumentWriter writer(db, options, sink, progress);
      auto ok = writer.run();
      rows = writer.rows();
      return ok;
    });
  });
  if (!done) return core::unexpected(std::move(done).error());
  return rows;
}

}  // namespace mediagate::vendors
