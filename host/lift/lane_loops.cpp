#include "lane_loops.h"

#include <algorithm>
#include <optional>

#include "buffer_text.h"
#include "lane_facts.h"
#include "line_graph.h"
#include "line_liveness.h"
#include "loop_reroll_shape.h"
#include "text_pattern.h"

namespace switcheroo::lift {
namespace {

using reroll::block_end;
using reroll::strip;

// One loop's exit, as found: the lines to rewrite and the names they use.
struct LaneExit {
  size_t header = 0;  // `while True:`
  size_t end = 0;     // one past the loop's last line
  size_t mask_line = 0;
  std::string mask, test, mask_flag, exec_flag;
};

bool writes(const LineNode& line, const std::string& name) {
  return line.reads_everything ||
         std::find(line.writes.begin(), line.writes.end(), name) != line.writes.end();
}

// The loop's last three lines: `exec` cleared of the mask, and `if not (exec != 0): break`.
std::optional<LaneExit> exit_lines(const std::vector<std::string>& body, size_t header) {
  if (strip(body[header]) != "while True:") return std::nullopt;
  const size_t end = block_end(body, header), inner = indent_of(body[header]) + 4;
  if (end < header + 4 || indent_of(body[end - 3]) != inner ||
      strip(body[end - 2]) != "if not (exec != 0):" || indent_of(body[end - 2]) != inner ||
      strip(body[end - 1]) != "break")
    return std::nullopt;
  Bindings bound;
  const std::string line = strip(body[end - 3]);
  if (!matches(line, "exec, $F = u32(exec & ~u32($M)), int(u32(exec & ~u32($M)) != 0)", bound) &&
      !matches(line, "exec = u32(exec & ~u32($M))", bound))
    return std::nullopt;
  LaneExit exit{header, end, 0, bound['M'], "", "", bound.count('F') ? bound['F'] : ""};
  return exit;
}

// The loop's one write of the mask, `MASK = u32(TEST) | u32(MASK)` at the loop's level, its
// test last written as `TEST = int(...)` there; fills the exit's mask line and names.
bool find_mask_write(const std::vector<std::string>& body, const std::vector<LineNode>& lines,
                     LaneExit& exit) {
  const size_t inner = indent_of(body[exit.header]) + 4;
  std::optional<size_t> found;
  for (size_t i = exit.header + 1; i + 3 < exit.end; ++i) {
    if (lines[i].content == "continue" || writes(lines[i], "exec")) return false;
    if (!writes(lines[i], exit.mask)) continue;
    if (found || indent_of(body[i]) != inner) return false;
    found = i;
  }
  if (!found) return false;
  Bindings bound{{'M', exit.mask}};
  const std::string line = lines[*found].content;
  if (!matches(line, "$M, $F = u32($T) | u32($M), int(u32($T) | u32($M) != 0)", bound) &&
      !matches(line, "$M = u32($T) | u32($M)", bound))
    return false;
  exit.mask_line = *found;
  exit.test = bound['T'];
  exit.mask_flag = bound.count('F') ? bound['F'] : "";
  for (size_t i = *found; i-- > exit.header + 1;) {
    if (!writes(lines[i], exit.test)) continue;
    const auto assignment = buffers::read_assignment(lines[i].content);
    return indent_of(body[i]) == inner && assignment && assignment->targets.size() == 1 &&
           assignment->targets[0] == exit.test && is_lane_bit(assignment->values[0]);
  }
  return false;
}

// Whether the mask's last write before the loop is `MASK = 0` in the loop's own block.
bool mask_starts_zero(const std::vector<std::string>& body, const std::vector<LineNode>& lines,
                      const LaneExit& exit) {
  const size_t indent = indent_of(body[exit.header]);
  for (size_t i = exit.header; i-- > 0;) {
    if (indent_of(body[i]) < indent) return false;
    if (writes(lines[i], exit.mask))
      return indent_of(body[i]) == indent && lines[i].content == exit.mask + " = 0";
  }
  return false;
}

// The mask becomes a copy of the test (0 or 1); its flag stays where something reads it.
void rewrite(std::vector<std::string>& body, const LaneExit& exit, bool exec_read_after) {
  const std::string inner(indent_of(body[exit.header]) + 4, ' ');
  body[exit.mask_line] =
      inner + (exit.mask_flag.empty() ? exit.mask + " = " + exit.test
                                      : exit.mask + ", " + exit.mask_flag + " = " + exit.test +
                                            ", int(" + exit.test + " != 0)");
  std::vector<std::string> lines = {inner + "if " + exit.mask + ":"};
  if (exec_read_after) lines.push_back(inner + "    exec = 0");
  lines.push_back(inner + "    break");
  body.erase(body.begin() + static_cast<long>(exit.end - 3),
             body.begin() + static_cast<long>(exit.end));
  body.insert(body.begin() + static_cast<long>(exit.end - 3), lines.begin(), lines.end());
}

// The loop headed at line `header`, its exit rewritten unless it ends past `first_changed`.
std::optional<size_t> rewrite_at(std::vector<std::string>& body, const std::vector<LineNode>& lines,
                                 const LaneFacts& facts, const LiveNames& live, size_t header,
                                 size_t first_changed) {
  auto exit = exit_lines(body, header);
  if (!exit || !facts.exec_set(header) || exit->end > first_changed) return std::nullopt;
  if (!find_mask_write(body, lines, *exit) || !mask_starts_zero(body, lines, *exit))
    return std::nullopt;
  if (!exit->exec_flag.empty() && live.live_after(exit->end - 3, exit->exec_flag))
    return std::nullopt;
  if (!exit->mask_flag.empty() && !live.live_after(exit->mask_line, exit->mask_flag))
    exit->mask_flag.clear();
  rewrite(body, *exit, live.live_after(exit->end - 1, "exec"));
  return header;
}

}  // namespace

int write_lane_loop_exits(std::vector<std::string>& body, bool exec_starts_one) {
  return rewrite_lane_blocks(body, exec_starts_one, rewrite_at);
}

}  // namespace switcheroo::lift
