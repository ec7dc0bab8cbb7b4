#include "lane_facts.h"

#include <algorithm>

#include "buffer_text.h"
#include "line_graph.h"
#include "line_liveness.h"
#include "text_pattern.h"

namespace switcheroo::lift {
namespace {

// Names tracked at most, so that the facts stay a few bits per line.
constexpr size_t kMaxNames = 32;

void track(std::vector<std::string>& names, const std::string& name) {
  if (names.size() < kMaxNames && std::find(names.begin(), names.end(), name) == names.end())
    names.push_back(name);
}

}  // namespace

std::optional<LaneSave> read_lane_save(const std::string& statement) {
  Bindings bound;
  if (matches(statement, "$M, exec, $F = exec, u32($T) & exec, int(u32($T) & exec != 0)", bound))
    return LaneSave{bound['M'], bound['T'], bound['F']};
  bound.clear();
  if (matches(statement, "$M, exec = exec, u32($T) & exec", bound))
    return LaneSave{bound['M'], bound['T'], ""};
  bound.clear();
  if (matches(statement, "exec = exec & @T", bound)) return LaneSave{"", bound['T'], ""};
  return std::nullopt;
}

std::optional<LaneRestore> read_lane_restore(const std::string& statement) {
  Bindings bound;
  if (matches(statement, "exec, $F = u32(exec) | u32($M), int(u32(exec) | u32($M) != 0)", bound))
    return LaneRestore{bound['M'], bound['F']};
  bound.clear();
  if (matches(statement, "exec = u32(exec) | u32($M)", bound)) return LaneRestore{bound['M'], ""};
  return std::nullopt;
}

int exec_test(const std::string& content) {
  if (content == "if exec:" || content == "if not (exec == 0):" || content == "if exec != 0:")
    return 1;
  if (content == "if not exec:" || content == "if exec == 0:" || content == "if not (exec != 0):")
    return -1;
  return 0;
}

bool is_lane_bit(const std::string& value) {
  if (value == "0" || value == "1") return true;
  // `a < b or c` is c where a < b fails, whatever c holds.
  for (const char* word : {" or ", " and ", " if "})
    if (value.find(word) != std::string::npos) return false;
  for (const char* op : {"<", "<=", ">", ">=", "==", "!="}) {
    Bindings bound;
    if (matches(value, std::string("int(@A ") + op + " @B)", bound)) return true;
  }
  return false;
}

int rewrite_lane_blocks(std::vector<std::string>& body, bool exec_starts_one,
                        const LaneRewrite& rewrite) {
  // Nothing to do where no line names the mask (SASS, scalar code).
  if (std::none_of(body.begin(), body.end(),
                   [](const std::string& line) { return line.find("exec") != std::string::npos; }))
    return 0;
  int total = 0;
  for (int round = 1; round > 0; total += round) {
    round = 0;
    const auto lines = build_line_graph(body);
    if (!lines || lines->empty() || !fits_flow_budget(lines->size(), count_names(*lines))) break;
    const LaneFacts facts(*lines, exec_starts_one);
    const LiveNames live(*lines, false);
    size_t first_changed = body.size();
    for (size_t i = body.size(); i-- > 0;) {
      if (auto first = rewrite(body, *lines, facts, live, i, first_changed)) {
        first_changed = *first;
        ++round;
      }
    }
  }
  return total;
}

LaneFacts::LaneFacts(const std::vector<LineNode>& lines, bool exec_starts_one) {
  for (const auto& line : lines) {
    if (auto save = read_lane_save(line.content)) {
      if (!save->mask.empty()) track(names_, save->mask);
      if (is_name(save->test)) track(names_, save->test);
    }
    if (auto restore = read_lane_restore(line.content)) track(names_, restore->mask);
  }
  const size_t count = lines.size(), width = 1 + 2 * names_.size();
  effects_.reserve(count);
  for (const auto& line : lines) effects_.push_back(effect_of(line));
  std::vector<std::vector<size_t>> predecessors(count);
  for (size_t i = 0; i < count; ++i)
    for (size_t next : lines[i].successors)
      if (next < count) predecessors[next].push_back(i);
  facts_.assign(count, Facts(width, true));
  for (bool changed = true; changed;) {
    changed = false;
    for (size_t i = 0; i < count; ++i) {
      Facts value(width, i != 0);
      if (i == 0) value[0] = exec_starts_one;
      for (size_t from : predecessors[i]) {
        const Facts edge = on_edge(facts_[from], from, i);
        for (size_t b = 0; b < width; ++b) value[b] = value[b] && edge[b];
      }
      if (value != facts_[i]) {
        facts_[i] = std::move(value);
        changed = true;
      }
    }
  }
}

size_t LaneFacts::slot(const std::string& name) const {
  const auto found = std::find(names_.begin(), names_.end(), name);
  return found == names_.end() ? 0 : 1 + 2 * static_cast<size_t>(found - names_.begin());
}

bool LaneFacts::is_bit(size_t line, const std::string& name) const {
  const size_t at = slot(name);
  return at != 0 && facts_[line][at + 1];
}

bool LaneFacts::is_set_mask(size_t line, const std::string& name) const {
  const size_t at = slot(name);
  return at != 0 && facts_[line][at];
}

LaneFacts::Effect LaneFacts::effect_of(const LineNode& line) const {
  Effect effect;
  effect.test = exec_test(line.content);
  if (line.reads_everything) {
    effect.clears_all = true;
    return effect;
  }
  const auto assignment = buffers::read_assignment(line.content);
  for (const auto& name : line.writes) {
    std::string value;
    if (assignment) {
      const auto target = std::find(assignment->targets.begin(), assignment->targets.end(), name);
      if (target != assignment->targets.end())
        value = assignment->values[static_cast<size_t>(target - assignment->targets.begin())];
    }
    if (name == "exec") {
      const auto restore = read_lane_restore(line.content);
      effect.writes_exec = true;
      effect.sets_exec = value == "1";
      effect.restored = restore ? slot(restore->mask) : 0;
    } else if (const size_t at = slot(name); at != 0) {
      effect.writes.push_back({at, value == "exec", is_lane_bit(value)});
    }
  }
  return effect;
}

// What holds on the edge from line `from` to line `to`, each value read before any write.
LaneFacts::Facts LaneFacts::on_edge(const Facts& before, size_t from, size_t to) const {
  const Effect& effect = effects_[from];
  Facts after = before;
  if (effect.clears_all) std::fill(after.begin(), after.end(), false);
  if (effect.writes_exec)
    after[0] = effect.sets_exec || (effect.restored != 0 && before[effect.restored]);
  for (const auto& write : effect.writes) {
    after[write.slot] = write.copies_exec && before[0];
    after[write.slot + 1] = write.is_bit;
  }
  if ((effect.test == 1 && to == from + 1) || (effect.test == -1 && to != from + 1))
    after[0] = true;
  return after;
}

}  // namespace switcheroo::lift
