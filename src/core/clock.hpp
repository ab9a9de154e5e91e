// Time source. Nothing outside core reads the wall clock: every time-dependent rule
// (signature windows, replay horizons, rate-limit windows) asks a Clock, so tests can move time.
#pragma once

#include <atomic>
#include <cstdint>

namespace mediagate::core {

// Milliseconds since the Unix epoch.
using EpochMs = std::int64_t;

class Clock {
 public:
  virtual ~Clock() = default;
  virtual EpochMs now_ms() const = 0;
};

// The real wall clock.
class SystemClock final : public Clock {
 public:
  EpochMs now_ms() const override;
};

// A base clock (the wall clock, or a test's ManualClock) plus an adjustable offset; the sandbox can
// set or shift time with it.
class OffsetClock final : public Clock {
 public:
  explicit OffsetClock(const Clock& base) : base_(base) {}
  EpochMs now_ms() const override { return base_.now_ms() + offset_.load(); }
  void shift_by(std::int64_t delta_ms) { offset_.fetch_add(delta_ms); }
  void set_to(EpochMs at) { offset_.store(at - base_.now_ms()); }
  void reset() { offset_.store(0); }
  std::int64_t offset_ms() const { return offset_.load(); }

 private:
  const Clock& base_;
  std::atomic<std::int64_t> offset_{0};
};

// A clock that only moves when told to; for tests.
class ManualClock final : public Clock {
 public:
  explicit ManualClock(EpochMs start = 0) : now_(start) {}
  EpochMs now_ms() const override { return now_.load(); }
  void set(EpochMs at) { now_.store(at); }
  void advance(std::int64_t delta_ms) { now_.fetch_add(delta_ms); }

 private:
  std::atomic<EpochMs> now_;
};

}  // namespace mediagate::core
