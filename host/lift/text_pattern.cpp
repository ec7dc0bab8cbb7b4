#include "text_pattern.h"

#include "line_liveness.h"

#include <algorithm>

namespace switcheroo::lift {
namespace {

// The ends after `at` at which `text` holds an expression with balanced brackets, shortest
// first; none past a closing bracket that has no opening one.
template <typename Try>
bool each_balanced_end(const std::string& text, size_t at, Try&& attempt) {
  int depth = 0;
  for (size_t end = at; end < text.size(); ++end) {
    const char c = text[end];
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') {
      if (--depth < 0) return false;
    }
    if (depth == 0 && attempt(end + 1)) return true;
  }
  return false;
}

bool match_from(const std::string& text, size_t at, const std::string& pattern, size_t p,
                Bindings& bound) {
  for (; p < pattern.size(); ++p) {
    const char hole = pattern[p];
    if ((hole == '$' || hole == '@') && p + 1 < pattern.size()) {
      const char letter = pattern[p + 1];
      const auto known = bound.find(letter);
      if (known != bound.end()) {
        if (text.compare(at, known->second.size(), known->second) != 0) return false;
        at += known->second.size();
        if (hole == '$' && at < text.size() && is_word_char(text[at])) return false;
        ++p;
        continue;
      }
      if (hole == '$') {
        size_t end = at;
        while (end < text.size() && is_word_char(text[end])) ++end;
        const std::string name = text.substr(at, end - at);
        if (!is_name(name)) return false;
        bound[letter] = name;
        if (match_from(text, end, pattern, p + 2, bound)) return true;
        bound.erase(letter);
        return false;
      }
      return each_balanced_end(text, at, [&](size_t end) {
        bound[letter] = text.substr(at, end - at);
        if (match_from(text, end, pattern, p + 2, bound)) return true;
        bound.erase(letter);
        return false;
      });
    }
    if (at >= text.size() || text[at++] != hole) return false;
  }
  return at == text.size();
}

}  // namespace

bool matches(const std::string& text, const std::string& pattern, Bindings& bound) {
  Bindings trial = bound;
  if (!match_from(text, 0, pattern, 0, trial)) return false;
  bound = std::move(trial);
  return true;
}

bool matches_either(const std::string& text, const std::string& first, const std::string& second,
                    Bindings& bound) {
  return matches(text, first, bound) || matches(text, second, bound);
}

namespace {

std::string content_of(const std::string& line) {
  return line.substr(indent_of(line));
}

}  // namespace

RunSteps::RunSteps(const std::vector<std::string>& body, size_t end) : body_(body), start_(end) {
  const size_t indent = indent_of(body[end]);
  while (start_ > 0) {
    const std::string& line = body[start_ - 1];
    const std::string content = content_of(line);
    if (indent_of(line) != indent || content.empty() || content.back() == ':' ||
        content == "break" || content == "continue" || starts_with(content, "return") ||
        ends_with(content, "()"))
      break;
    --start_;
  }
}

std::optional<size_t> RunSteps::step(const std::string& name, size_t before,
                                     const std::string& pattern, const std::string& swapped) {
  for (size_t i = before; i-- > start_;) {
    const std::string content = content_of(body_[i]);
    const auto written = written_names(content);
    if (std::find(written.begin(), written.end(), name) == written.end()) continue;
    const std::string prefix = name + " = ";
    if (!starts_with(content, prefix)) return std::nullopt;
    const std::string value = content.substr(prefix.size());
    const bool ok = swapped.empty() ? matches(value, pattern, bound_)
                                    : matches_either(value, pattern, swapped, bound_);
    if (!ok) return std::nullopt;
    return i;
  }
  return std::nullopt;
}

bool RunSteps::writes_between(const std::string& name, size_t from, size_t to) const {
  for (size_t i = from + 1; i < to; ++i) {
    const auto written = written_names(content_of(body_[i]));
    if (std::find(written.begin(), written.end(), name) != written.end()) return true;
  }
  return false;
}

}  // namespace switcheroo::lift
