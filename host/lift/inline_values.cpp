#include "inline_values.h"

#include "line_graph.h"
#include "line_liveness.h"
#include "simplify.h"
#include "unread_writes.h"

#include <algorithm>
#include <map>
#include <string_view>

namespace switcheroo::lift {
namespace {

constexpr size_t kLongestValue = 72;
constexpr size_t kLongestLine = 110;

bool is_plain(const LineNode& line) {
  const std::string& content = line.content;
  return !content.empty() && content.back() != ':' && !line.reads_everything &&
         content != "break" && content != "continue" && content != "pass" &&
         !starts_with(content, "return");
}

bool has_effect(const LineNode& line) {
  std::string_view targets, value;
  if (!split_assignment(line.content, targets, value)) return true;  // a store, a call
  return value_has_effect(value);
}

// `value` ready to stand for a name: as it is when it is one name, number, call, subscript
// or parenthesised expression, in parentheses otherwise.
std::string operand(const std::string& value) {
  size_t end = 0;
  while (end < value.size() && (is_word_char(value[end]) || value[end] == '.')) ++end;
  if (end == value.size()) return value;
  if (value[end] == '(' || (end > 0 && value[end] == '[')) {
    int depth = 0;
    for (size_t i = end; i < value.size(); ++i) {
      if (value[i] == '(' || value[i] == '[') ++depth;
      if (value[i] == ')' || value[i] == ']') --depth;
      if (depth == 0) return i + 1 == value.size() ? value : "(" + value + ")";
    }
  }
  return "(" + value + ")";
}

// `text` with the one read of `name` (not an attribute, not the assignment's target) replaced.
std::string replace_read(const std::string& text, const std::string& name,
                         const std::string& value) {
  const size_t first = indent_of(text);
  std::string_view code = std::string_view(text).substr(first);
  if (code.empty()) return text;
  std::string_view targets, rest;
  size_t from = first;
  if (code.back() != ':' && split_assignment(code, targets, rest)) from += targets.size() + 3;
  for (size_t at = text.find(name, from); at != std::string::npos; at = text.find(name, at + 1)) {
    const bool starts = at == 0 || (!is_word_char(text[at - 1]) && text[at - 1] != '.');
    const size_t end = at + name.size();
    if (starts && (end == text.size() || !is_word_char(text[end])))
      return text.substr(0, at) + operand(value) + text.substr(end);
  }
  return text;
}

// The line that reads what line `def` writes, if folding it there keeps every value.
size_t fold_target(const std::vector<LineNode>& lines, size_t def, const LiveNames& live) {
  const LineNode& line = lines[def];
  const std::string& name = line.writes[0];
  const bool effect = has_effect(line);
  for (size_t j = def + 1; j < lines.size() && lines[j].indent == line.indent; ++j) {
    const LineNode& next = lines[j];
    const auto reads = std::count(next.reads.begin(), next.reads.end(), name);
    if (reads > 0) {
      const bool reader = is_plain(next) || starts_with(next.content, "if ");
      const bool dead_after =
          !live.live_after(j, name) ||
          (next.kills && std::count(next.writes.begin(), next.writes.end(), name));
      return reads == 1 && reader && dead_after ? j : kNoLine;
    }
    if (!is_plain(next) || (effect && has_effect(next))) return kNoLine;
    for (const auto& written : next.writes)
      if (written == name || std::count(line.reads.begin(), line.reads.end(), written))
        return kNoLine;
  }
  return kNoLine;
}

// One sweep: folds what it can, at most one value into each reading line.
int fold_once(std::vector<std::string>& body, const std::set<std::string>& fixed) {
  const auto graph = build_line_graph(body);
  if (!graph || !fits_flow_budget(graph->size(), count_names(*graph))) return 0;
  const std::vector<LineNode>& lines = *graph;
  const LiveNames live(lines, false);
  std::vector<bool> gone(lines.size(), false), changed(lines.size(), false);
  int folded = 0;
  for (size_t d = 0; d < lines.size(); ++d) {
    const LineNode& line = lines[d];
    std::string_view targets, value;
    if (!line.kills || line.writes.size() != 1 || fixed.count(line.writes[0]) ||
        !split_assignment(line.content, targets, value) || value.size() > kLongestValue)
      continue;
    const size_t use = fold_target(lines, d, live);
    if (use == kNoLine || changed[use] || changed[d]) continue;
    // Tidied as when rendered: a folded compare result tested by `if` loses its int().
    std::string folded_line = replace_read(body[use], line.writes[0], std::string(value));
    const size_t indent = indent_of(folded_line);
    folded_line = folded_line.substr(0, indent) + simplify_expression(folded_line.substr(indent));
    if (folded_line.size() > kLongestLine || folded_line == body[use]) continue;
    body[use] = std::move(folded_line);
    gone[d] = changed[use] = true;
    ++folded;
  }
  std::vector<std::string> kept;
  for (size_t i = 0; i < body.size(); ++i)
    if (!gone[i]) kept.push_back(std::move(body[i]));
  body.swap(kept);
  return folded;
}

}  // namespace

int inline_single_use_values(std::vector<std::string>& body, const std::set<std::string>& fixed) {
  int folded = 0;
  for (int round = 0; round < 8; ++round) {
    const int now = fold_once(body, fixed);
    folded += now;
    if (now == 0) break;
  }
  return folded;
}

}  // namespace switcheroo::lift
