// The control flow of a lifted kernel's structured Python lines, one node per line: what each
// line reads and assigns, and which lines may run next (if/elif/else chains, `while` and `for`
// loops with `break` and `continue`, `return`). The flow-sensitive passes over the lines
// (faint_writes.h, value_names.h) are built on it.
#pragma once

#include <cstddef>
#include <optional>
#include <set>
#include <string>
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

/// The names each line's successors may read before writing them (plain liveness: every read
/// counts; a call `name()` reads every name of the lines).
std::vector<std::set<std::string>> live_after(const std::vector<LineNode>& lines);

}  // namespace switcheroo::lift
