// What GET /metrics answers: every writer the composition root added, in order, each writing
// whole families (observe/exposition.hpp). Writers run on the scraping thread and read
// counters others update; they must not block serving threads.
#pragma once

#include <functional>
#include <string>
#include <utility>
#include <vector>

#include "observe/exposition.hpp"

namespace mediagate::observe {

class MetricsPage {
 public:
  using Writer = std::function<void(Exposition&)>;

  // Start-up only.
  void add(Writer writer) { writers_.push_back(std::move(writer)); }

  std::string render() const {
    Exposition out;
    for (const auto& writer : writers_) writer(out);
    return std::move(out).take();
  }

 private:
  std::vector<Writer> writers_;
};

}  // namespace mediagate::observe
