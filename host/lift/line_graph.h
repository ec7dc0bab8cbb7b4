// The control flow of a lifted kernel's structured Python lines, one node per line: what each
// line reads and assigns, and which lines may run next (if/elif/else chains, `while` and `for`
// loops with `break` and `continue`, `return`). The flow-sensitive passes over the lines
// (faint_writes.h, value_names.h) are built on it.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

namespace switcheroo::lift {

struct LineNode {
  size_t indent = 0;
  std::string content;              // without the indentation and any comment
  std::vector<size_t> successors;   // line numbers; the number of lines is the kernel's exit
  std::vector<std::string> reads;   // names read, repeats included
  std::vector<std::string> writes;  // names assigned (a `for` header's counter included)
  bool kills = false;               // the writes happen whenever the line runs (not a `for`)
  bool reads_everything = false;    // a subroutine call, `name()`
  bool removable = false;           // a plain assignment without effect
};

/// The nodes of `body` (four spaces per level), linked; std::nullopt when a line cannot be
/// read: a header other than if/elif/else/while/for, a `break` outside a loop, a block that
/// is empty or indented unlike its header's.
std::optional<std::vector<LineNode>> build_line_graph(const std::vector<std::string>& body);

/// Whether a flow problem over `lines` lines with sets of `items` bits per line (names or
/// writes) is small enough to solve: the passes leave a body past it as it is, so that
/// lifting stays linear in the kernel's size (2^18 64-bit words, 2 MB: value naming stops
/// near 4,000 lines, faint writes near 50,000).
inline bool fits_flow_budget(size_t lines, size_t items) {
  return lines * (items / 64 + 1) <= (size_t{1} << 18);
}

/// The number of distinct names `lines` read or write.
size_t count_names(const std::vector<LineNode>& lines);

/// Which names may be read after each line, as bit sets over the lines' names, solved
/// backwards to a fixed point from empty sets. Plain liveness counts every read; `faint`
/// liveness ("strongly live") counts the reads of a removable assignment only where one of
/// its targets is live after it, so that a cycle of dead steps stays dead. A call `name()`
/// reads every name.
class LiveNames {
 public:
  LiveNames(const std::vector<LineNode>& lines, bool faint);

  /// Whether `name` may be read after line `line` runs.
  bool live_after(size_t line, const std::string& name) const;
  /// Whether one of the names line `line` writes may be read after it.
  bool writes_live_after(size_t line) const;

 private:
  using Bits = std::vector<uint64_t>;
  Bits live_out(size_t line) const;
  bool any_written(size_t line, const Bits& live) const;
  void solve(bool faint);

  const std::vector<LineNode>& lines_;
  std::unordered_map<std::string, size_t> names_;
  std::vector<std::vector<size_t>> reads_, writes_;
  std::vector<Bits> live_in_;
  size_t words_ = 1;
};

}  // namespace switcheroo::lift
