#include "unmasked_blocks.h"

#include <algorithm>

#include "lane_facts.h"
#include "line_graph.h"
#include "line_liveness.h"

namespace switcheroo::lift {
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
  const LaneFacts facts(*lines, exec_starts_one);
  int removed = 0;
  // From the last, so that a nested test's block is dedented before its outer one's.
  for (size_t i = body.size(); i-- > 0;) {
    if (!facts.exec_set(i) || exec_test((*lines)[i].content) != 1) continue;
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
