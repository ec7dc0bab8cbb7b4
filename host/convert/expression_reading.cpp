#include "expression_reading.h"

#include <cctype>

namespace switcheroo::convert {
namespace {

bool name_character(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) {
    text.remove_prefix(1);
  }
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) {
    text.remove_suffix(1);
  }
  return text;
}

// The position of the `(` that opens the final trailer of `text` (which ends with `)`);
// npos when the brackets do not balance.
size_t final_trailer(std::string_view text) {
  int depth = 0;
  for (size_t i = text.size(); i-- > 0;) {
    const char c = text[i];
    if (c == ')' || c == ']' || c == '}') ++depth;
    if (c == '(' || c == '[' || c == '{') --depth;
    if (depth == 0) return c == '(' ? i : std::string_view::npos;
  }
  return std::string_view::npos;
}

// The items of an argument list split at its top-level commas.
std::vector<std::string_view> items(std::string_view list) {
  std::vector<std::string_view> result;
  int depth = 0;
  size_t start = 0;
  for (size_t i = 0; i <= list.size(); ++i) {
    const char c = i < list.size() ? list[i] : ',';
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) {
      result.push_back(trimmed(list.substr(start, i - start)));
      start = i + 1;
    }
  }
  if (!result.empty() && result.back().empty()) result.pop_back();  // a trailing comma
  return result;
}

}  // namespace

std::optional<std::string> expression_callee(const std::string& expression,
                                             const std::vector<std::string>& arguments) {
  const std::string_view text = trimmed(expression);
  if (text.empty() || text.back() != ')') return std::nullopt;
  const size_t open = final_trailer(text);
  if (open == std::string_view::npos || open == 0) return std::nullopt;
  const auto given = items(text.substr(open + 1, text.size() - open - 2));
  if (given.empty() || given.size() > arguments.size()) return std::nullopt;
  for (size_t i = 0; i < given.size(); ++i) {
    if (given[i] != "{" + arguments[i] + "}") return std::nullopt;
  }
  const std::string_view callee = trimmed(text.substr(0, open));
  // Every brace of the callee opens an API spelling: it reads no argument.
  for (size_t brace = callee.find('{'); brace != std::string_view::npos;
       brace = callee.find('{', brace + 1)) {
    if (brace + 1 >= callee.size() || callee[brace + 1] != '@') return std::nullopt;
  }
  if (callee.front() == '{' && callee.back() == '}' && callee.find('}') == callee.size() - 1) {
    return std::nullopt;  // a single API: read through the spoke's api like any other
  }
  return std::string(callee);
}

namespace {

// Does `text` from `t` on spell `form` from `c` on (up to whitespace, `{@api}` by what the
// file's name for it resolves to)? A `{}` in the form matches one expression of the text,
// balanced in its brackets and not empty, which is kept in `*hole`.
bool spells_from(std::string_view form, size_t c, std::string_view text, size_t t,
                 const QualifyName& qualify, std::string* hole) {
  auto skip_space = [](std::string_view s, size_t& i) {
    while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  };
  while (true) {
    skip_space(form, c);
    skip_space(text, t);
    if (c == form.size() || t == text.size()) return c == form.size() && t == text.size();
    if (form.compare(c, 2, "{}") == 0 && hole != nullptr) {
      // The shortest balanced expression after which the rest of the form matches.
      int depth = 0;
      for (size_t end = t; end < text.size(); ++end) {
        const char x = text[end];
        if (x == '(' || x == '[' || x == '{') ++depth;
        if (x == ')' || x == ']' || x == '}') --depth;
        if (depth < 0) return false;
        if (depth > 0) continue;
        if (spells_from(form, c + 2, text, end + 1, qualify, nullptr)) {
          *hole = std::string(trimmed(text.substr(t, end + 1 - t)));
          return true;
        }
      }
      return false;
    }
    if (form.compare(c, 2, "{@") == 0) {
      const size_t close = form.find('}', c);
      if (close == std::string_view::npos) return false;
      const std::string_view api = form.substr(c + 2, close - c - 2);
      size_t end = t;
      while (end < text.size() && name_character(text[end])) ++end;
      const auto qualified = qualify(text.substr(t, end - t));
      if (end == t || !qualified || *qualified != api) return false;
      c = close + 1;
      t = end;
      continue;
    }
    if (form[c] != text[t]) return false;
    ++c;
    ++t;
  }
}

}  // namespace

bool spells_callee(std::string_view callee, std::string_view text, const QualifyName& qualify) {
  return spells_from(callee, 0, text, 0, qualify, nullptr);
}

std::optional<std::string> form_value(std::string_view form, std::string_view text,
                                      const QualifyName& qualify) {
  std::string hole;
  if (!qualify || !spells_from(form, 0, text, 0, qualify, &hole)) return std::nullopt;
  return hole;
}

}  // namespace switcheroo::convert
