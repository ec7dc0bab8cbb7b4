#include "prologue_tidy.h"

#include <optional>

#include "line_liveness.h"

namespace switcheroo::lift {
namespace {

// The positions where `name` stands in `line` as a name read (not an attribute, not inside a
// string literal).
std::vector<size_t> reads_of(const std::string& line, const std::string& name) {
  std::vector<size_t> found;
  char quote = 0;
  for (size_t at = 0; at < line.size();) {
    const char c = line[at];
    if (quote != 0) {
      if (c == quote) quote = 0;
      ++at;
      continue;
    }
    if (c == '\'' || c == '"') {
      quote = c;
      ++at;
      continue;
    }
    if (c == '#') break;
    if (!is_word_char(c)) {
      ++at;
      continue;
    }
    size_t end = at;
    while (end < line.size() && is_word_char(line[end])) ++end;
    if (line.compare(at, end - at, name) == 0 && end - at == name.size() &&
        (at == 0 || line[at - 1] != '.'))
      found.push_back(at);
    at = end;
  }
  return found;
}

// `NAME = grid.NAME`: NAME.
std::optional<std::string> builtin_bound(const std::string& line) {
  const std::string content = line.substr(indent_of(line));
  const size_t equals = content.find(" = grid.");
  if (equals == std::string::npos) return std::nullopt;
  const std::string name = content.substr(0, equals);
  if (!is_name(name) || content.substr(equals + 8) != name) return std::nullopt;
  return name;
}

}  // namespace

int inline_single_use_builtins(std::vector<std::string>& prologue, std::vector<std::string>& body,
                               std::vector<std::vector<std::string>*> others) {
  others.push_back(&prologue);
  others.push_back(&body);
  int removed = 0;
  for (size_t b = prologue.size(); b-- > 0;) {
    const auto name = builtin_bound(prologue[b]);
    if (!name) continue;
    std::string* reader = nullptr;
    size_t reads = 0, at = 0;
    for (auto* lines : others)
      for (auto& line : *lines) {
        if (&line == &prologue[b]) continue;
        const auto found = reads_of(line, *name);
        if (found.empty()) continue;
        reads += found.size();
        reader = &line;
        at = found[0];
      }
    if (reads != 1) continue;
    reader->insert(at, "grid.");
    prologue.erase(prologue.begin() + static_cast<long>(b));
    ++removed;
  }
  return removed;
}

bool remove_final_return(std::vector<std::string>& body) {
  if (body.size() < 2 || body.back() != "    return") return false;
  body.pop_back();
  return true;
}

}  // namespace switcheroo::lift
