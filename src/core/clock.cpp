#include "core/clock.hpp"

#include <chrono>

namespace mediagate::core {

EpochMs SystemClock::now_ms() const {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

}  // namespace mediagate::core
