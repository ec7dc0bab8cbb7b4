#include "lane_ifs.h"

#include <algorithm>
#include <optional>

#include "lane_facts.h"
#include "line_graph.h"
#include "line_liveness.h"
#include "loop_reroll_shape.h"
#include "text_pattern.h"

namespace switcheroo::lift {
namespace {

using reroll::block_end;

bool names(const std::vector<std::string>& list, const std::string& name) {
  return std::find(list.begin(), list.end(), name) != list.end();
}

// One divergent if, as found: the save's line and the restore's.
struct LaneIf {
  size_t save_line = 0, restore_line = 0;  // at a kernel's end, the line after the block
  LaneSave save;
  LaneRestore restore;
  bool ends_kernel = false;  // no restore: the kernel returns after the block
};

// Whether the block's lines (after its header, before the restore) leave the mask and `exec`
// as they were and cannot leave the block but by its end (a `break` or `continue` of a loop
// inside the block stays in it).
bool block_keeps_masks(const std::vector<LineNode>& lines, const LaneIf& lane) {
  std::vector<size_t> loops;  // the indentation of the loops inside the block around line i
  for (size_t i = lane.save_line + 2; i < lane.restore_line; ++i) {
    const LineNode& line = lines[i];
    while (!loops.empty() && line.indent <= loops.back()) loops.pop_back();
    if (starts_with(line.content, "while ") || starts_with(line.content, "for "))
      loops.push_back(line.indent);
    const bool leaves = line.content == "break" || line.content == "continue";
    if (line.reads_everything || (leaves && loops.empty()) || starts_with(line.content, "return") ||
        names(line.reads, lane.save.mask) || names(line.writes, lane.save.mask))
      return false;
    if (names(line.writes, "exec") && line.content != "exec = 1") return false;
  }
  return true;
}

std::optional<LaneIf> find_lane_if(const std::vector<std::string>& body,
                                   const std::vector<LineNode>& lines, const LaneFacts& facts,
                                   size_t save_line) {
  auto save = read_lane_save(lines[save_line].content);
  if (!save || save_line + 2 >= body.size() || !facts.exec_set(save_line) ||
      !(is_name(save->test) ? facts.is_bit(save_line, save->test) : is_lane_bit(save->test)))
    return std::nullopt;
  const size_t indent = indent_of(body[save_line]), header = save_line + 1;
  if (indent_of(body[header]) != indent || exec_test(lines[header].content) != 1)
    return std::nullopt;
  const size_t end = block_end(body, header);
  if ((end == body.size() && indent == 4) ||
      (end < body.size() && indent_of(body[end]) == indent && lines[end].content == "return")) {
    LaneIf lane{save_line, end, *save, {}, true};
    if (!block_keeps_masks(lines, lane)) return std::nullopt;
    return lane;
  }
  if (end >= body.size() || indent_of(body[end]) != indent) return std::nullopt;
  auto restore = read_lane_restore(lines[end].content);
  if (!restore || (save->mask.empty() ? !facts.is_set_mask(save_line, restore->mask)
                                      : restore->mask != save->mask))
    return std::nullopt;
  save->mask = restore->mask;
  LaneIf lane{save_line, end, *save, *restore};
  if (!block_keeps_masks(lines, lane)) return std::nullopt;
  return lane;
}

// The save goes (its flag, where read, is the test), the header tests the test, and the
// restore sets `exec` (and its flag, where read) to 1.
void rewrite(std::vector<std::string>& body, const LaneIf& lane, bool save_flag_read,
             bool restore_flag_read) {
  const std::string indent(indent_of(body[lane.save_line]), ' ');
  if (!lane.ends_kernel)
    body[lane.restore_line] = indent + (restore_flag_read ? "exec, " + lane.restore.flag + " = 1, 1"
                                                          : std::string("exec = 1"));
  Bindings inner;
  const bool comparison = is_lane_bit(lane.save.test) && matches(lane.save.test, "int(@A)", inner);
  body[lane.save_line + 1] = indent + "if " + (comparison ? inner['A'] : lane.save.test) + ":";
  if (save_flag_read)
    body[lane.save_line] = indent + lane.save.flag + " = " + lane.save.test;
  else
    body.erase(body.begin() + static_cast<long>(lane.save_line));
}

// The if whose save is line `i`, folded unless its restore is at or past `first_changed`.
std::optional<size_t> fold_at(std::vector<std::string>& body, const std::vector<LineNode>& lines,
                              const LaneFacts& facts, const LiveNames& live, size_t i,
                              size_t first_changed) {
  const auto lane = find_lane_if(body, lines, facts, i);
  if (!lane || lane->restore_line >= first_changed) return std::nullopt;
  // The saved mask unread after the restore, or, at a kernel's end, after the save.
  if (lane->ends_kernel ? !lane->save.mask.empty() && live.live_after(i, lane->save.mask)
                        : live.live_after(lane->restore_line, lane->save.mask))
    return std::nullopt;
  const bool save_flag_read =
      !lane->save.flag.empty() && live.live_after(lane->save_line, lane->save.flag);
  const bool restore_flag_read =
      !lane->restore.flag.empty() && live.live_after(lane->restore_line, lane->restore.flag);
  rewrite(body, *lane, save_flag_read, restore_flag_read);
  return i;
}

}  // namespace

int fold_lane_ifs(std::vector<std::string>& body, bool exec_starts_one) {
  return rewrite_lane_blocks(body, exec_starts_one, fold_at);
}

}  // namespace switcheroo::lift
