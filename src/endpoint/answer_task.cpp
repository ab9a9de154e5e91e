#include "endpoint/answer_task.hpp"

#include <array>
#include <new>

namespace mediagate::endpoint {
namespace {

// A few spare frames per thread, each of the size it was freed with: a thread answering
// synchronously frees each answer's frame before it allocates the next one of the same
// endpoint, so an answer allocates no frame once each endpoint's is there.
class SpareFrames {
 public:
  SpareFrames() = default;
  SpareFrames(const SpareFrames&) = delete;
  SpareFrames& operator=(const SpareFrames&) = delete;
  ~SpareFrames() {
    for (const auto& slot : slots_) ::operator delete(slot.block);
  }

  void* take(std::size_t size) {
    for (auto& slot : slots_) {
      if (slot.block != nullptr && slot.size == size) return std::exchange(slot.block, nullptr);
    }
    return nullptr;
  }
  bool keep(void* block, std::size_t size) {
    for (auto& slot : slots_) {
      if (slot.block == nullptr) {
        slot = {block, size};
        return true;
      }
    }
    return false;
  }

 private:
  struct Slot {
    void* block = nullptr;
    std::size_t size = 0;
  };
  std::array<Slot, 8> slots_{};
};

thread_local SpareFrames spare_frames;

}  // namespace

void* AnswerTask::promise_type::operator new(std::size_t size) {
  if (void* block = spare_frames.take(size)) return block;
  return ::operator new(size);
}

void AnswerTask::promise_type::operator delete(void* frame, std::size_t size) noexcept {
  if (!spare_frames.keep(frame, size)) ::operator delete(frame);
}

}  // namespace mediagate::endpoint
