#include "unread_writes.h"

#include "line_liveness.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <unordered_map>

namespace switcheroo::lift {
namespace {

bool is_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

struct Line {
  std::vector<std::string>* body = nullptr;
  size_t index = 0;
  bool removable = false;
  bool removed = false;
  std::vector<std::string> targets;
  std::vector<std::string> reads;
};

bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

bool contains(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Whether the value `name` gets at line `at` of `lines` is overwritten before anything can read
// it: a later line of the same block (same indentation, nothing shallower between) assigns it
// without reading it, and no line in between reads it, leaves the block (`break`, `continue`,
// `return`) or calls a subroutine (which may read any register). Looks a bounded distance ahead.
bool overwritten_before_read(const std::vector<std::string>& lines, size_t at,
                             const std::string& name) {
  constexpr size_t kWindow = 48;
  const size_t indent = indent_of(lines[at]);
  for (size_t j = at + 1; j < lines.size() && j <= at + kWindow; ++j) {
    const size_t depth = indent_of(lines[j]);
    if (depth < indent) return false;
    std::string_view content = std::string_view(lines[j]).substr(depth);
    content = content.substr(0, content.find('#'));
    if (content == "break" || content == "continue" || starts_with(content, "return") ||
        (content.size() > 2 && content.substr(content.size() - 2) == "()"))
      return false;
    std::string_view targets, value;
    if (split_assignment(content, targets, value)) {
      if (contains(names_in(value), name)) return false;
      if (depth == indent && contains(names_in(targets), name)) return true;
    } else if (contains(names_in(content), name)) {
      return false;
    }
  }
  return false;
}

// Drops the parts of assignments whose value is overwritten before it is read (flag results
// such as `scc` that the next instruction replaces): `s5, scc = u32(s5 + 1), int(...)` becomes
// `s5 = u32(s5 + 1)` when scc is written again before any read.
void remove_overwritten_writes(std::vector<std::string>& lines) {
  // Removed lines stay in place while scanning: a removed write's value was itself overwritten
  // before any read, so treating it as the overwrite (and its reads as reads) stays correct.
  std::vector<char> removed(lines.size(), 0);
  for (size_t i = 0; i < lines.size(); ++i) {
    const size_t indent = indent_of(lines[i]);
    const std::string_view content = std::string_view(lines[i]).substr(indent);
    std::string_view targets, value;
    if (content.find('#') != std::string_view::npos || !split_assignment(content, targets, value) ||
        value_has_effect(value))
      continue;
    // Only flat target lists (`a, b = x, y` or `a = x`) are split.
    if (targets.find('(') != std::string_view::npos) continue;
    const std::vector<std::string> names = names_in(targets);
    std::vector<bool> dead(names.size());
    size_t dead_count = 0;
    for (size_t k = 0; k < names.size(); ++k) {
      dead[k] = overwritten_before_read(lines, i, names[k]);
      if (dead[k]) ++dead_count;
    }
    if (dead_count == 0) continue;
    if (dead_count == names.size()) {
      removed[i] = 1;
      continue;
    }
    const auto items = top_level_items(value);
    if (items.size() != names.size()) continue;  // one call returning a tuple: kept whole
    std::string kept_targets, kept_values;
    for (size_t k = 0; k < names.size(); ++k) {
      if (dead[k]) continue;
      kept_targets += (kept_targets.empty() ? "" : ", ") + names[k];
      kept_values += (kept_values.empty() ? "" : ", ") + std::string(items[k]);
    }
    lines[i] = std::string(indent, ' ') + kept_targets + " = " + kept_values;
  }
  size_t kept = 0;
  for (size_t i = 0; i < lines.size(); ++i)
    if (!removed[i]) {
      if (kept != i) lines[kept] = std::move(lines[i]);
      ++kept;
    }
  lines.resize(kept);
}

}  // namespace

bool value_has_effect(std::string_view value) {
  if (value.find('[') != std::string_view::npos) return true;
  for (size_t dot = value.find('.'); dot != std::string_view::npos;
       dot = value.find('.', dot + 1)) {
    size_t start = dot;
    while (start > 0 && is_word(value[start - 1])) --start;
    if (start == dot || std::isdigit(static_cast<unsigned char>(value[start]))) continue;
    size_t end = dot + 1;
    while (end < value.size() && is_word(value[end])) ++end;
    if (end < value.size() && value[end] == '(' && value.substr(start, dot - start) != "math")
      return true;
  }
  return false;
}

bool split_assignment(std::string_view content, std::string_view& targets,
                      std::string_view& value) {
  const size_t equals = content.find(" = ");
  if (equals == std::string_view::npos || equals == 0) return false;
  targets = content.substr(0, equals);
  for (char c : targets)
    if (!is_word(c) && c != ',' && c != ' ' && c != '(' && c != ')') return false;
  value = content.substr(equals + 3);
  return true;
}

void close_empty_blocks(std::vector<std::string>& lines) {
  bool changed = true;
  while (changed) {
    changed = false;
    std::vector<std::string> out;
    out.reserve(lines.size());
    for (size_t i = 0; i < lines.size(); ++i) {
      const std::string& line = lines[i];
      const size_t indent = indent_of(line);
      const std::string_view content = std::string_view(line).substr(indent);
      const bool header = !content.empty() && content.back() == ':' && content[0] != '#';
      const bool empty = header && (i + 1 == lines.size() || indent_of(lines[i + 1]) <= indent);
      if (!empty) {
        out.push_back(line);
        continue;
      }
      const bool followed_by_branch =
          i + 1 < lines.size() && indent_of(lines[i + 1]) == indent &&
          (starts_with(std::string_view(lines[i + 1]).substr(indent), "elif ") ||
           starts_with(std::string_view(lines[i + 1]).substr(indent), "else:"));
      const bool conditional = starts_with(content, "if ") || starts_with(content, "elif ");
      changed = true;
      if (content == "else:" ||
          (conditional && !followed_by_branch && !value_has_effect(content))) {
        // An `if` with nothing to do and a pure condition, or an empty `else`: dropped. An
        // `elif` that follows stays correct after an `if` that is dropped only when that `if`
        // has no `elif`, which `followed_by_branch` ensures.
        continue;
      }
      out.push_back(line);
      out.push_back(std::string(indent + 4, ' ') + "pass");
    }
    lines.swap(out);
  }
}

std::vector<std::string_view> top_level_items(std::string_view value) {
  std::vector<std::string_view> items;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i < value.size(); ++i) {
    const char c = value[i];
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') --depth;
    if (c == ',' && depth == 0) {
      items.push_back(value.substr(start, i - start));
      start = i + 2;  // ", "
    }
  }
  items.push_back(value.substr(std::min(start, value.size())));
  return items;
}

std::vector<std::string> names_in(std::string_view text) {
  std::vector<std::string> names;
  for (size_t at = 0; at < text.size();) {
    if (!is_word(text[at])) {
      ++at;
      continue;
    }
    size_t end = at;
    while (end < text.size() && is_word(text[end])) ++end;
    // `x.name` is an attribute, not a read of `name`; `1e5` and `0x10` are numbers.
    const bool attribute = at > 0 && text[at - 1] == '.';
    if (!attribute && !std::isdigit(static_cast<unsigned char>(text[at])))
      names.emplace_back(text.substr(at, end - at));
    at = end;
  }
  return names;
}

void remove_unread_writes(const std::vector<std::vector<std::string>*>& bodies,
                          const std::vector<std::string>& keep) {
  for (auto* body : bodies) remove_overwritten_writes(*body);
  std::vector<Line> lines;
  std::unordered_map<std::string, int> reads;
  std::unordered_map<std::string, std::vector<size_t>> writers;
  for (const auto& name : keep) ++reads[name];
  for (auto* body : bodies) {
    for (size_t i = 0; i < body->size(); ++i) {
      const std::string& text = (*body)[i];
      std::string_view content = std::string_view(text).substr(indent_of(text));
      content = content.substr(0, content.find('#'));
      Line line;
      line.body = body;
      line.index = i;
      std::string_view targets, value;
      if (split_assignment(content, targets, value)) {
        line.targets = names_in(targets);
        line.reads = names_in(value);
        line.removable = !value_has_effect(value);
      } else {
        line.reads = names_in(content);
      }
      for (const auto& name : line.reads) ++reads[name];
      if (line.removable)
        for (const auto& name : line.targets) writers[name].push_back(lines.size());
      lines.push_back(std::move(line));
    }
  }
  std::vector<size_t> work;
  for (size_t i = 0; i < lines.size(); ++i)
    if (lines[i].removable) work.push_back(i);
  while (!work.empty()) {
    Line& line = lines[work.back()];
    work.pop_back();
    if (line.removed) continue;
    bool unread = true;
    for (const auto& name : line.targets) unread = unread && reads[name] == 0;
    if (!unread) continue;
    line.removed = true;
    for (const auto& name : line.reads)
      if (--reads[name] == 0)
        for (size_t writer : writers[name]) work.push_back(writer);
  }
  for (auto* body : bodies) {
    std::vector<std::string> kept;
    kept.reserve(body->size());
    for (const Line& line : lines)
      if (line.body == body && !line.removed) kept.push_back((*body)[line.index]);
    close_empty_blocks(kept);
    body->swap(kept);
  }
}

}  // namespace switcheroo::lift
