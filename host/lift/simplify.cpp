// Hand-written rather than std::regex: the rewrites run on every rendered expression, and
// libstdc++'s regex engine was over a third of the lifter's time on large kernels.
#include "simplify.h"

#include <cctype>
#include <functional>
#include <string_view>

namespace switcheroo::lift {
namespace {

bool is_word(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}
bool is_name(char c) {
  return is_word(c) || c == '.';
}

// A word boundary before position `at` of `text` when the character at `at` is a word one.
bool starts_word(std::string_view text, size_t at) {
  return at == 0 || !is_word(text[at - 1]);
}

// Length of the run of `accept` characters at `at`.
size_t run(std::string_view text, size_t at, const std::function<bool(char)>& accept) {
  size_t end = at;
  while (end < text.size() && accept(text[end])) ++end;
  return end - at;
}

// One pass: at each position `match` returns how many characters it consumes (0: no match)
// and sets the replacement; unmatched characters are copied.
std::string rewrite(const std::string& text,
                    const std::function<size_t(std::string_view, size_t, std::string&)>& match) {
  std::string out;
  out.reserve(text.size());
  std::string replacement;
  for (size_t at = 0; at < text.size();) {
    replacement.clear();
    const size_t length = match(text, at, replacement);
    if (length == 0) {
      out += text[at++];
    } else {
      out += replacement;
      at += length;
    }
  }
  return out;
}

bool has(std::string_view text, size_t at, std::string_view piece) {
  return text.substr(at, piece.size()) == piece;
}

// `(N & MASK)` with N a decimal in 0..MASK written without leading zeros.
size_t masked_constant(std::string_view text, size_t at, std::string& replacement,
                       std::string_view mask, int limit) {
  if (!has(text, at, "(")) return 0;
  const size_t digits = run(text, at + 1, [](char c) { return c >= '0' && c <= '9'; });
  if (digits == 0 || digits > 2 || (digits == 2 && text[at + 1] == '0')) return 0;
  const std::string_view number = text.substr(at + 1, digits);
  if (std::stoi(std::string(number)) > limit) return 0;
  const std::string tail = " & " + std::string(mask) + ")";
  if (!has(text, at + 1 + digits, tail)) return 0;
  replacement = number;
  return 1 + digits + tail.size();
}

}  // namespace

std::string simplify_expression(std::string text) {
  const auto literal = [&](std::string_view from, std::string_view to) {
    text = rewrite(text, [&](std::string_view t, size_t at, std::string& replacement) {
      if (!has(t, at, from)) return size_t{0};
      replacement = to;
      return from.size();
    });
  };
  literal("(not True)", "False");
  literal("(not False)", "True");
  // ` + 0` and ` + False` as whole terms (not ` + 0x10`, ` + 0.5`).
  text = rewrite(text, [](std::string_view t, size_t at, std::string&) {
    for (std::string_view term : {" + 0", " + False"}) {
      const size_t end = at + term.size();
      if (has(t, at, term) && (end >= t.size() || (!is_word(t[end]) && t[end] != '.')))
        return term.size();
    }
    return size_t{0};
  });
  // `0 * y + ` vanishes.
  text = rewrite(text, [](std::string_view t, size_t at, std::string&) {
    if (!has(t, at, "0 * ") || !starts_word(t, at)) return size_t{0};
    const size_t name = run(t, at + 4, is_name);
    if (name == 0 || !has(t, at + 4 + name, " + ")) return size_t{0};
    return 4 + name + 3;
  });
  literal("(0 + ", "(");
  literal("(False + ", "(");
  // `(y * 1 + ` -> `(y + `
  text = rewrite(text, [](std::string_view t, size_t at, std::string& replacement) {
    if (!has(t, at, "(")) return size_t{0};
    const size_t name = run(t, at + 1, is_name);
    if (name == 0 || !has(t, at + 1 + name, " * 1 + ")) return size_t{0};
    replacement = "(" + std::string(t.substr(at + 1, name)) + " + ";
    return 1 + name + 7;
  });
  text = rewrite(text, [](std::string_view t, size_t at, std::string&) {
    for (std::string_view term : {" and True", " or False"}) {
      const size_t end = at + term.size();
      if (has(t, at, term) && (end >= t.size() || !is_word(t[end]))) return term.size();
    }
    return size_t{0};
  });
  text = rewrite(text, [](std::string_view t, size_t at, std::string& replacement) {
    if (!has(t, at, "u32(0 * 0)") || !starts_word(t, at)) return size_t{0};
    replacement = "0";
    return size_t{10};
  });
  text = rewrite(text, [](std::string_view t, size_t at, std::string& replacement) {
    return masked_constant(t, at, replacement, "31", 31);
  });
  text = rewrite(text, [](std::string_view t, size_t at, std::string& replacement) {
    return masked_constant(t, at, replacement, "63", 63);
  });
  // `u32(123)` -> `123` for short literals.
  text = rewrite(text, [](std::string_view t, size_t at, std::string& replacement) {
    if (!has(t, at, "u32(") || !starts_word(t, at)) return size_t{0};
    const size_t digits = run(t, at + 4, [](char c) { return c >= '0' && c <= '9'; });
    if (digits == 0 || digits > 3 || !has(t, at + 4 + digits, ")")) return size_t{0};
    replacement = t.substr(at + 4, digits);
    return 4 + digits + 1;
  });
  return text;
}

}  // namespace switcheroo::lift
