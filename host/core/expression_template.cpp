#include "expression_template.h"

#include <cctype>
#include <cstdlib>
#include <stdexcept>

namespace switcheroo {
namespace {

// The index of the `}` closing the `{` at `open`.
size_t closing(const std::string& text, size_t open) {
  int depth = 0;
  for (size_t at = open; at < text.size(); ++at) {
    if (text[at] == '{') ++depth;
    if (text[at] == '}' && --depth == 0) return at;
  }
  throw std::invalid_argument("a '{' at " + std::to_string(open) + " is not closed");
}

bool is_name(const std::string& text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// A value safe next to any operator: a name, attribute, call or subscript, or a number.
bool is_operand(const std::string& text) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  if (end == text.c_str() + text.size()) return true;  // 1e-12, -0.5
  int depth = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (depth > 0 || c == ')' || c == ']' || c == '}') continue;
    if (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.') continue;
    if (c == '-' && i == 0) continue;
    return false;
  }
  return true;
}

template <class Visit>
void scan(const std::string& expression, Visit&& visit) {
  for (size_t at = 0; at < expression.size(); ++at) {
    if (expression[at] == '}') throw std::invalid_argument("a '}' closes nothing");
    if (expression[at] != '{') {
      visit.text(expression[at]);
      continue;
    }
    const size_t end = closing(expression, at);
    const std::string inside = expression.substr(at + 1, end - at - 1);
    if (!inside.empty() && inside[0] == '@') {
      if (inside.size() < 2) throw std::invalid_argument("'{@}' names no API");
      visit.api(inside.substr(1));
    } else if (const size_t mark = inside.find_first_of("?!"); mark != std::string::npos) {
      const std::string name = inside.substr(0, mark);
      if (!is_name(name)) throw std::invalid_argument("'" + name + "' is not an argument name");
      visit.optional(name, inside.substr(mark + 1), inside[mark] == '?');
    } else {
      if (!is_name(inside)) throw std::invalid_argument("'" + inside + "' is not an argument name");
      // A whole argument of a call (between `(` or `, ` and `,` or `)`) needs no parentheses.
      size_t before = at;
      while (before > 0 && expression[before - 1] == ' ') --before;
      const char next = end + 1 < expression.size() ? expression[end + 1] : '\0';
      const bool alone = before > 0 &&
                         (expression[before - 1] == '(' || expression[before - 1] == ',') &&
                         (next == ',' || next == ')');
      visit.argument(inside, alone);
    }
    at = end;
  }
}

}  // namespace

std::vector<std::string> expression_arguments(const std::string& expression) {
  struct Collect {
    std::vector<std::string> names;
    void text(char) {}
    void api(const std::string&) {}
    void argument(const std::string& name, bool) { names.push_back(name); }
    void optional(const std::string& name, const std::string& inner, bool) {
      names.push_back(name);
      for (const std::string& more : expression_arguments(inner)) names.push_back(more);
    }
  } collect;
  scan(expression, collect);
  return collect.names;
}

std::optional<std::string> render_expression(
    const std::string& expression,
    const std::function<std::optional<std::string>(const std::string&)>& value,
    const std::function<std::string(const std::string&)>& api, std::string& why,
    const ArgumentGiven& given_or_default) {
  const ArgumentGiven given = given_or_default ? given_or_default : [&](const std::string& name) {
    const auto text = value(name);
    return text && *text != "None";
  };
  struct Render {
    const std::function<std::optional<std::string>(const std::string&)>& value;
    const std::function<std::string(const std::string&)>& spell;
    const ArgumentGiven& given;
    std::string& why;
    std::string out;
    bool failed = false;
    void text(char c) { out += c; }
    void api(const std::string& qualified) { out += spell(qualified); }
    void argument(const std::string& name, bool alone) {
      const auto text = value(name);
      if (!text) {
        why = "no value for '" + name + "'";
        failed = true;
        return;
      }
      out += alone || is_operand(*text) ? *text : "(" + *text + ")";
    }
    void optional(const std::string& name, const std::string& inner, bool when_given) {
      if (given(name) != when_given) return;
      const auto rendered = render_expression(inner, value, spell, why, given);
      if (!rendered) {
        failed = true;
        return;
      }
      out += *rendered;
    }
  };
  Render render{value, api, given, why, {}, false};
  try {
    scan(expression, render);
  } catch (const std::invalid_argument& error) {
    why = std::string("its expression does not scan: ") + error.what();
    return std::nullopt;
  }
  if (render.failed) return std::nullopt;
  return render.out;
}

}  // namespace switcheroo
