#include "progress.h"

#include <algorithm>
#include <iostream>

#include <unistd.h>

namespace switcheroo::cli {

namespace {
constexpr std::size_t kBarWidth = 30;
constexpr std::size_t kLabelWidth = 24;
constexpr std::size_t kLineWidth = kBarWidth + kLabelWidth + 24;
}  // namespace

bool is_terminal(const std::ostream& err) {
  return &err == &std::cerr && ::isatty(STDERR_FILENO) != 0;
}

void ProgressBar::advance(const std::string& label) {
  ++done_;
  if (!shown_) return;
  const std::size_t filled = total_ == 0 ? kBarWidth : std::min(done_, total_) * kBarWidth / total_;
  // The label's end names the item best (a file's name after its folders).
  const std::string shown =
      label.size() > kLabelWidth ? label.substr(label.size() - kLabelWidth) : label;
  err_ << "\r[" << std::string(filled, '#') << std::string(kBarWidth - filled, ' ') << "] "
       << done_ << '/' << total_ << ' ' << shown << std::string(kLabelWidth - shown.size(), ' ')
       << std::flush;
  drawn_ = true;
}

void ProgressBar::clear() {
  if (!drawn_) return;
  err_ << '\r' << std::string(kLineWidth, ' ') << '\r' << std::flush;
  drawn_ = false;
}

}  // namespace switcheroo::cli
