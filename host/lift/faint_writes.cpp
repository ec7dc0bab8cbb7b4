#include "faint_writes.h"

#include "line_graph.h"
#include "unread_writes.h"

#include <cstdint>
#include <unordered_map>

namespace switcheroo::lift {
namespace {

// A set of names as bits, one per name of the body.
using NameBits = std::vector<uint64_t>;

class FaintWrites {
 public:
  explicit FaintWrites(std::vector<LineNode> lines) : lines_(std::move(lines)) {
    for (const auto& line : lines_) {
      reads_.push_back(indices(line.reads));
      writes_.push_back(indices(line.writes));
    }
  }

  // Which lines to remove.
  std::vector<bool> removable_lines() {
    solve();
    std::vector<bool> remove(lines_.size(), false);
    for (size_t i = 0; i < lines_.size(); ++i)
      remove[i] = lines_[i].removable && !any_written_live(i, live_out(i));
    return remove;
  }

 private:
  std::vector<size_t> indices(const std::vector<std::string>& names) {
    std::vector<size_t> result;
    for (const auto& name : names)
      result.push_back(names_.emplace(name, names_.size()).first->second);
    return result;
  }

  NameBits live_out(size_t line) const {
    NameBits out(words(), 0);
    for (size_t successor : lines_[line].successors)
      if (successor < lines_.size())
        for (size_t w = 0; w < out.size(); ++w) out[w] |= live_in_[successor][w];
    return out;
  }

  bool any_written_live(size_t line, const NameBits& live) const {
    for (size_t name : writes_[line])
      if (live[name / 64] >> (name % 64) & 1) return true;
    return false;
  }

  // Live-in sets to a fixed point, from empty (so that a dead cycle stays dead), sweeping
  // backwards over the lines until nothing changes.
  void solve() {
    live_in_.assign(lines_.size(), NameBits(words(), 0));
    bool changed = true;
    while (changed) {
      changed = false;
      for (size_t i = lines_.size(); i-- > 0;) {
        const LineNode& line = lines_[i];
        NameBits live = live_out(i);
        if (line.reads_everything) {
          live.assign(words(), ~uint64_t{0});
        } else if (!line.removable || any_written_live(i, live)) {
          if (line.kills)
            for (size_t name : writes_[i]) live[name / 64] &= ~(uint64_t{1} << (name % 64));
          for (size_t name : reads_[i]) live[name / 64] |= uint64_t{1} << (name % 64);
        }
        if (live != live_in_[i]) {
          live_in_[i] = std::move(live);
          changed = true;
        }
      }
    }
  }

  size_t words() const { return names_.size() / 64 + 1; }

  std::vector<LineNode> lines_;
  std::vector<std::vector<size_t>> reads_, writes_;
  std::unordered_map<std::string, size_t> names_;
  std::vector<NameBits> live_in_;
};

}  // namespace

size_t remove_faint_writes(std::vector<std::string>& body) {
  auto lines = build_line_graph(body);
  if (!lines || lines->empty()) return 0;
  const std::vector<bool> remove = FaintWrites(std::move(*lines)).removable_lines();
  std::vector<std::string> kept;
  kept.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i)
    if (!remove[i]) kept.push_back(std::move(body[i]));
  const size_t removed = body.size() - kept.size();
  if (removed > 0) close_empty_blocks(kept);
  body.swap(kept);
  return removed;
}

}  // namespace switcheroo::lift
