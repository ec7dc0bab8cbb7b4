// A progress bar on standard error for runs that work through many items (`swhost ci`'s ops,
// `swhost convert`'s files), drawn only where standard error is a terminal, so logs and pipes
// get the run's output alone.
#pragma once

#include <cstddef>
#include <ostream>
#include <string>

namespace switcheroo::cli {

/// Whether `err` is standard error and that is a terminal.
bool is_terminal(const std::ostream& err);

class ProgressBar {
 public:
  /// A bar over `total` items on `err`, drawn only when `shown`.
  ProgressBar(std::ostream& err, std::size_t total, bool shown)
      : err_(err), total_(total), shown_(shown) {}
  ProgressBar(const ProgressBar&) = delete;
  ProgressBar& operator=(const ProgressBar&) = delete;
  ~ProgressBar() { clear(); }

  /// One more item done, `label` naming it.
  void advance(const std::string& label);
  /// Erases the bar, before anything else is written to the terminal.
  void clear();

 private:
  std::ostream& err_;
  std::size_t total_;
  std::size_t done_ = 0;
  bool shown_;
  bool drawn_ = false;
};

}  // namespace switcheroo::cli
