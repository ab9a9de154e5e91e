#include "endpoint/pipeline.hpp"

namespace mediagate::endpoint {

void log_failure(const Context& context, std::string_view endpoint, std::string_view vendor,
                 std::string_view partner, const Refusal& refusal) {
  if (refusal.verdict == Verdict::kStoreUnavailable) {
    context.log.error("store failure", {{"endpoint", endpoint},
                                        {"vendor", vendor},
                                        {"partner", partner},
                                        {"detail", std::string_view{refusal.internal}}});
    return;
  }
  context.log.error(refusal.internal.empty() ? std::string_view{"shared state unavailable"}
                                             : std::string_view{refusal.internal},
                    {{"endpoint", endpoint}, {"vendor", vendor}, {"partner", partner}});
}

}  // namespace mediagate::endpoint
