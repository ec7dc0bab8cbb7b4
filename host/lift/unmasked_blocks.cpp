#include "unmasked_blocks.h"

#include <algorithm>

#include "line_graph.h"
#include "line_liveness.h"

namespace switcheroo::lift {
namespace {

bool writes_exec(const LineNode& line) {
  return line.reads_everything ||
         std::find(line.writes.begin(), line.writes.end(), "exec") != line.writes.end();
}

// Which way a header tests the mask: 1 when its block runs only with `exec` set, -1 when
// only with it clear (so control passing the block has it set), 0 for any other line.
int exec_test(const std::string& content) {
  if (content == "if exec:" || content == "if not (exec == 0):" || content == "if exec != 0:")
    return 1;
  if (content == "if not exec:" || content == "if exec == 0:" || content == "if not (exec != 0):")
    return -1;
  return 0;
}

}  // namespace

// A forward "must" problem: every path from the start having last written `exec = 1` (or
// nothing, when the prologue set it) or passed a test that it is set.
std::vector<bool> exec_is_set(const std::vector<LineNode>& lines, bool exec_starts_one) {
  const size_t count = lines.size();
  std::vector<std::vector<size_t>> predecessors(count);
  for (size_t i = 0; i < count; ++i)
    for (size_t next : lines[i].successors)
      if (next < count) predecessors[next].push_back(i);
  // What holds on the edge from line `from` to line `to`.
  const auto on_edge = [&](const std::vector<bool>& before, size_t from, size_t to) {
    const int test = exec_test(lines[from].content);
    if ((test == 1 && to == from + 1) || (test == -1 && to != from + 1)) return true;
    if (!writes_exec(lines[from])) return static_cast<bool>(before[from]);
    return lines[from].content == "exec = 1";
  };
  std::vector<bool> set(count, true);
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < count; ++i) {
      bool value = i == 0 ? exec_starts_one : true;
      for (size_t from : predecessors[i]) value = value && on_edge(set, from, i);
      if (value != set[i]) {
        set[i] = value;
        changed = true;
      }
    }
  }
  return set;
}

namespace {

// The line after the block `header` heads.
size_t block_end(const std::vector<std::string>& body, size_t header) {
  const size_t indent = indent_of(body[header]);
  size_t next = header + 1;
  while (next < body.size() && indent_of(body[next]) > indent) ++next;
  return next;
}

}  // namespace

int remove_unmasked_exec_tests(std::vector<std::string>& body, bool exec_starts_one) {
  const auto lines = build_line_graph(body);
  if (!lines || lines->empty()) return 0;
  const std::vector<bool> set = exec_is_set(*lines, exec_starts_one);
  int removed = 0;
  // From the last, so that a nested test's block is dedented before its outer one's.
  for (size_t i = body.size(); i-- > 0;) {
    if (!set[i] || exec_test((*lines)[i].content) != 1) continue;
    const size_t end = block_end(body, i);
    if (end < body.size() && indent_of(body[end]) == indent_of(body[i])) {
      const std::string next = body[end].substr(indent_of(body[end]));
      if (next == "else:" || next.rfind("elif ", 0) == 0) continue;
    }
    for (size_t k = i + 1; k < end; ++k) body[k].erase(0, 4);
    body.erase(body.begin() + static_cast<long>(i));
    ++removed;
  }
  return removed;
}

}  // namespace switcheroo::lift
