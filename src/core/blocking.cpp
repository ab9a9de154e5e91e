#include "core/blocking.hpp"

namespace mediagate::core {
namespace {

thread_local bool forbidden = false;

}  // namespace

bool blocking_forbidden() noexcept {
  return forbidden;
}

NoBlockingHere::NoBlockingHere() noexcept : was_(forbidden) {
  forbidden = true;
}

NoBlockingHere::~NoBlockingHere() {
  forbidden = was_;
}

}  // namespace mediagate::core
