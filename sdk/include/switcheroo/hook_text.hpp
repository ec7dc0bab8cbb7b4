// Header-only helpers for hook authors: Python source text as hooks read and write it (names,
// operands, top-level commas, trailing comments). Plain C++17 compiled into each plugin;
// nothing here crosses the plugin boundary.
#ifndef SWITCHEROO_HOOK_TEXT_HPP
#define SWITCHEROO_HOOK_TEXT_HPP

#include <switcheroo/tree.h>

#include <cctype>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switcheroo::hooks {

/// A piece of the tree's text as a string ("" for a null piece).
inline std::string text_of(sw_text piece) {
  return piece.data == nullptr ? std::string() : std::string(piece.data, piece.size);
}

/// A statement's text without its line break and trailing white space.
inline std::string trimmed(sw_text text) {
  std::string line = text_of(text);
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  return line;
}

/// A Python identifier (ASCII letters, digits and '_', not starting with a digit).
inline bool is_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

/// A name, attribute, call or subscript of one: safe as an operand without parentheses.
inline bool is_primary(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) return false;
  int depth = 0;
  for (char c : text) {
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') --depth;
    const bool word = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
    if (depth == 0 && !word && c != ')' && c != ']') return false;
  }
  return depth == 0;
}

/// An unsigned number literal (`2`, `0.5`, `1e-3`, `1_000`).
inline bool is_number(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != 'e' && c != '_') {
      return false;
    }
  }
  return std::isdigit(static_cast<unsigned char>(text.front())) != 0;
}

/// `text` as an operand of a binary operator: parenthesised unless primary or a number.
inline std::string operand(std::string_view text) {
  return is_primary(text) || is_number(text) ? std::string(text) : "(" + std::string(text) + ")";
}

/// `a, (b, c), d` split at its top-level commas, each part without surrounding spaces.
inline std::vector<std::string> top_level_parts(const std::string& text) {
  std::vector<std::string> parts;
  int depth = 0;
  std::string part;
  auto flush = [&] {
    const size_t begin = part.find_first_not_of(" \t");
    const size_t end = part.find_last_not_of(" \t");
    parts.push_back(begin == std::string::npos ? std::string()
                                               : part.substr(begin, end - begin + 1));
    part.clear();
  };
  for (char c : text) {
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) {
      flush();
      continue;
    }
    part += c;
  }
  flush();
  return parts;
}

/// Splits a trailing `# comment` (outside string literals) off the last line of a statement:
/// the code without the spaces before the comment, and the comment ("" when there is none).
inline std::pair<std::string, std::string> split_comment(const std::string& text) {
  const size_t line_start = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
  char quote = 0;
  for (size_t at = line_start; at < text.size(); ++at) {
    const char c = text[at];
    if (quote != 0) {
      if (c == '\\')
        ++at;
      else if (c == quote)
        quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#') {
      std::string code = text.substr(0, at);
      while (!code.empty() && (code.back() == ' ' || code.back() == '\t')) code.pop_back();
      return {code, text.substr(at)};
    }
  }
  return {text, ""};
}

/// How often `name` occurs as a whole word in `text` (strings and comments included).
inline size_t word_count(const std::string& text, const std::string& name) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  size_t count = 0;
  for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    const size_t end = at + name.size();
    if ((at == 0 || !word(text[at - 1])) && (end == text.size() || !word(text[end]))) ++count;
  }
  return count;
}

}  // namespace switcheroo::hooks

#endif  // SWITCHEROO_HOOK_TEXT_HPP
