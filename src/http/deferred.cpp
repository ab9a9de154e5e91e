#include "http/deferred.hpp"

#include <utility>

namespace mediagate::http {
namespace {

class WholeOnHandlerThread final : public DeferredAnswer,
                                   public std::enable_shared_from_this<WholeOnHandlerThread> {
 public:
  explicit WholeOnHandlerThread(const std::function<Response(Request&)>& handler)
      : handler_(handler) {}

  void start(Request& request, DeferredServices& services,
             std::function<void(DeferredResult)> done) override {
    auto self = shared_from_this();
    services.offload(
        [self, &request] {
          // On a handler thread the handler may block, and must answer there: not an inline
          // start (a handler that honours may_defer would defer again).
          request.may_defer = false;
          try {
            self->result_.response.emplace(self->handler_(request));
          } catch (...) {
            self->result_.failure = std::current_exception();
          }
        },
        [self, done = std::move(done)](bool ran) {
          done(ran ? std::move(self->result_) : DeferredResult{});
        });
  }

 private:
  const std::function<Response(Request&)>& handler_;
  DeferredResult result_;
};

}  // namespace

std::shared_ptr<DeferredAnswer> on_handler_thread(
    const std::function<Response(Request&)>& handler) {
  return std::make_shared<WholeOnHandlerThread>(handler);
}

}  // namespace mediagate::http
