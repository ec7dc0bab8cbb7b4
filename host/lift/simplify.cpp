// Hand-written rather than std::regex: the rewrites run on every rendered expression, and
// libstdc++'s regex engine was over a third of the lifter's time on large kernels.
#include "simplify.h"

#include <cctype>
#include <cmath>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <optional>
#include <string_view>
#include <vector>

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

// IEEE half-precision bits of `value`, rounded to nearest even as Python's struct "e" does;
// nothing for values a half cannot hold (struct raises there).
std::optional<uint32_t> half_bits(double value) {
  if (!std::isfinite(value)) return std::nullopt;
  const uint32_t sign = std::signbit(value) ? 0x8000u : 0u;
  const double magnitude = std::fabs(value);
  const double smallest_normal = std::ldexp(1.0, -14);
  uint32_t bits = 0;
  if (magnitude < smallest_normal) {
    // Subnormal: a multiple of 2^-24 (a carry into 0x400 is the smallest normal, as it should).
    bits = static_cast<uint32_t>(std::nearbyint(magnitude * std::ldexp(1.0, 24)));
  } else {
    int exponent = 0;
    const double fraction = std::frexp(magnitude, &exponent);  // magnitude = fraction * 2^exponent
    auto mantissa = static_cast<uint32_t>(std::nearbyint((fraction * 2 - 1) * 1024));
    int biased = exponent - 1 + 15;
    if (mantissa == 1024) {
      mantissa = 0;
      ++biased;
    }
    if (biased >= 31) return std::nullopt;
    bits = (static_cast<uint32_t>(biased) << 10) | mantissa;
  }
  return sign | bits;
}

std::optional<double> float_text(std::string_view text) {
  const std::string copy(text);
  char* end = nullptr;
  const double value = std::strtod(copy.c_str(), &end);
  if (copy.empty() || end != copy.c_str() + copy.size()) return std::nullopt;
  return value;
}

// `hfma2_immediate(-0, 0, HIGH, LOW)`: with a zero input the result is the packed pair of
// half-precision immediates (the compiler's way of loading a small constant), so a literal.
size_t packed_half_constant(std::string_view text, size_t at, std::string& replacement) {
  static constexpr std::string_view kCall = "hfma2_immediate(";
  if (!has(text, at, kCall) || !starts_word(text, at)) return 0;
  const size_t close = text.find(')', at);
  if (close == std::string_view::npos) return 0;
  std::vector<std::string_view> arguments;
  std::string_view rest = text.substr(at + kCall.size(), close - at - kCall.size());
  for (size_t comma; (comma = rest.find(", ")) != std::string_view::npos;) {
    arguments.push_back(rest.substr(0, comma));
    rest.remove_prefix(comma + 2);
  }
  arguments.push_back(rest);
  const auto zero = [](std::string_view word) { return word == "0" || word == "-0"; };
  if (arguments.size() != 4 || !(zero(arguments[0]) || zero(arguments[1]))) return 0;
  const auto high = float_text(arguments[2]), low = float_text(arguments[3]);
  if (!high || !low) return 0;
  const auto high_bits = half_bits(*high), low_bits = half_bits(*low);
  if (!high_bits || !low_bits) return 0;
  const uint32_t packed = *low_bits | (*high_bits << 16);
  if (packed <= 255) {
    replacement = std::to_string(packed);
  } else {
    char hex[16];
    std::snprintf(hex, sizeof hex, "0x%x", packed);
    replacement = hex;
  }
  return close + 1 - at;
}

// The rules of simplify_expression, each one pass over the text, in this order. A rule
// returns how many characters it consumes at `at` (0: no match) and sets the replacement.
using Rule = size_t (*)(std::string_view text, size_t at, std::string& replacement);

// `from` -> `to` wherever it stands.
size_t replace_literal(std::string_view text, size_t at, std::string& replacement,
                       std::string_view from, std::string_view to) {
  if (!has(text, at, from)) return 0;
  replacement = to;
  return from.size();
}

// ` + 0` and ` + False` as whole terms (not ` + 0x10`, ` + 0.5`) vanish.
size_t drop_added_zero(std::string_view t, size_t at, std::string&) {
  for (std::string_view term : {" + 0", " + False"}) {
    const size_t end = at + term.size();
    if (has(t, at, term) && (end >= t.size() || (!is_word(t[end]) && t[end] != '.')))
      return term.size();
  }
  return 0;
}

// `0 * y + ` vanishes.
size_t drop_zero_product(std::string_view t, size_t at, std::string&) {
  if (!has(t, at, "0 * ") || !starts_word(t, at)) return 0;
  const size_t name = run(t, at + 4, is_name);
  if (name == 0 || !has(t, at + 4 + name, " + ")) return 0;
  return 4 + name + 3;
}

// `(y * 1 + ` -> `(y + `
size_t drop_unit_factor(std::string_view t, size_t at, std::string& replacement) {
  if (!has(t, at, "(")) return 0;
  const size_t name = run(t, at + 1, is_name);
  if (name == 0 || !has(t, at + 1 + name, " * 1 + ")) return 0;
  replacement = "(" + std::string(t.substr(at + 1, name)) + " + ";
  return 1 + name + 7;
}

// ` and True` and ` or False` vanish.
size_t drop_neutral_logic(std::string_view t, size_t at, std::string&) {
  for (std::string_view term : {" and True", " or False"}) {
    const size_t end = at + term.size();
    if (has(t, at, term) && (end >= t.size() || !is_word(t[end]))) return term.size();
  }
  return 0;
}

size_t zero_times_zero(std::string_view t, size_t at, std::string& replacement) {
  if (!has(t, at, "u32(0 * 0)") || !starts_word(t, at)) return 0;
  replacement = "0";
  return 10;
}

// `u32(123)` -> `123` for short literals; `s32(16)` -> `16` (and `s64(2)`, `u64(2)`) for
// literals below 10^9, whose signed reading is themselves.
size_t unwrap_literal(std::string_view t, size_t at, std::string& replacement,
                      std::string_view function, size_t max_digits) {
  if (!has(t, at, function) || !has(t, at + 3, "(") || !starts_word(t, at)) return 0;
  const size_t digits = run(t, at + 4, [](char c) { return c >= '0' && c <= '9'; });
  if (digits == 0 || digits > max_digits || !has(t, at + 4 + digits, ")")) return 0;
  replacement = t.substr(at + 4, digits);
  return 4 + digits + 1;
}

// `pair(lo32(x), hi32(x))` -> `x` for a plain name: the words of a 64-bit value put back
// together (RDNA's pointer halves once their copies are propagated).
size_t rejoined_pair(std::string_view t, size_t at, std::string& replacement) {
  if (!has(t, at, "pair(lo32(") || !starts_word(t, at)) return 0;
  const size_t name = run(t, at + 10, is_word);
  const std::string_view x = t.substr(at + 10, name);
  const std::string tail = "), hi32(" + std::string(x) + "))";
  if (name == 0 || !has(t, at + 10 + name, tail)) return 0;
  replacement = x;
  return 10 + name + tail.size();
}

// Whether `inner` is one comparison or a `not`, whose value is a bool: a comparison operator
// outside parentheses and no `and`/`or`/`if` there (which could yield a non-bool operand).
bool is_boolean(std::string_view inner) {
  if (has(inner, 0, "not ")) return inner.find(" if ") == std::string_view::npos;
  int depth = 0, comparisons = 0;
  for (size_t i = 0; i < inner.size(); ++i) {
    depth += inner[i] == '(' || inner[i] == '[' ? 1 : inner[i] == ')' || inner[i] == ']' ? -1 : 0;
    if (depth != 0) continue;
    for (std::string_view op : {" < ", " > ", " <= ", " >= ", " == ", " != "})
      comparisons += has(inner, i, op);
    for (std::string_view op : {" and ", " or ", " if "})
      if (has(inner, i, op)) return false;
  }
  return comparisons == 1;
}

// `if int(a < b)` -> `if a < b` before ` else ` or the header's `:`: a predicate as the
// condition it is (RDNA's compare results folded into v_cndmask's select).
size_t condition_without_int(std::string_view t, size_t at, std::string& replacement) {
  if (!has(t, at, "if int(") || !starts_word(t, at)) return 0;
  int depth = 0;
  size_t close = at + 6;
  for (; close < t.size(); ++close) {
    depth += t[close] == '(' ? 1 : t[close] == ')' ? -1 : 0;
    if (depth == 0) break;
  }
  if (close >= t.size()) return 0;
  const std::string_view inner = t.substr(at + 7, close - at - 7);
  const bool ends = has(t, close + 1, " else ") || (close + 2 == t.size() && t[close + 1] == ':');
  if (!ends || !is_boolean(inner)) return 0;
  replacement = "if " + std::string(inner);
  return close + 1 - at;
}

// `(-a + b)` -> `(b - a)` for plain names (IADD3 R11, -R4, c[..], RZ).
size_t subtract_negated(std::string_view t, size_t at, std::string& replacement) {
  if (!has(t, at, "(-")) return 0;
  const size_t first = run(t, at + 2, is_word);
  if (first == 0 || !has(t, at + 2 + first, " + ")) return 0;
  const size_t second = run(t, at + 2 + first + 3, is_word);
  const size_t end = at + 2 + first + 3 + second;
  if (second == 0 || !has(t, end, ")")) return 0;
  replacement = "(" + std::string(t.substr(at + 2 + first + 3, second)) + " - " +
                std::string(t.substr(at + 2, first)) + ")";
  return end + 1 - at;
}

const Rule kRules[] = {
    [](std::string_view t, size_t at, std::string& r) {
      return replace_literal(t, at, r, "(not True)", "False");
    },
    [](std::string_view t, size_t at, std::string& r) {
      return replace_literal(t, at, r, "(not False)", "True");
    },
    drop_added_zero,
    drop_zero_product,
    [](std::string_view t, size_t at, std::string& r) {
      return replace_literal(t, at, r, "(0 + ", "(");
    },
    [](std::string_view t, size_t at, std::string& r) {
      return replace_literal(t, at, r, "(False + ", "(");
    },
    drop_unit_factor,
    drop_neutral_logic,
    zero_times_zero,
    [](std::string_view t, size_t at, std::string& r) {
      return masked_constant(t, at, r, "31", 31);
    },
    [](std::string_view t, size_t at, std::string& r) {
      return masked_constant(t, at, r, "63", 63);
    },
    [](std::string_view t, size_t at, std::string& r) {
      return unwrap_literal(t, at, r, "u32", 3);
    },
    subtract_negated,
    rejoined_pair,
    condition_without_int,
    [](std::string_view t, size_t at, std::string& r) {
      return unwrap_literal(t, at, r, "s32", 9);
    },
    [](std::string_view t, size_t at, std::string& r) {
      return unwrap_literal(t, at, r, "s64", 9);
    },
    [](std::string_view t, size_t at, std::string& r) {
      return unwrap_literal(t, at, r, "u64", 9);
    },
};

// The extent of a name or call (`max(a, b)`, `R7`) ending at `end` (exclusive); npos if none.
size_t operand_start(std::string_view text, size_t end) {
  size_t at = end;
  if (at > 0 && text[at - 1] == ')') {
    int depth = 0;
    do {
      --at;
      depth += text[at] == ')' ? 1 : text[at] == '(' ? -1 : 0;
    } while (at > 0 && depth > 0);
    if (depth != 0) return std::string_view::npos;
  }
  while (at > 0 && is_name(text[at - 1])) --at;
  return at == end ? std::string_view::npos : at;
}

// The end of a name or call starting at `at`; npos if none.
size_t operand_end(std::string_view text, size_t at) {
  size_t end = at + run(text, at, is_name);
  if (end < text.size() && text[end] == '(') {
    int depth = 0;
    do {
      depth += text[end] == '(' ? 1 : text[end] == ')' ? -1 : 0;
      ++end;
    } while (end < text.size() && depth > 0);
    if (depth != 0) return std::string_view::npos;
  }
  return end == at ? std::string_view::npos : end;
}

// `A if False else B` -> `B`, `A if True else B` -> `A`, for a whole conditional whose arms
// are names or calls (IMNMX and FMNMX with PT as the selector).
std::string fold_constant_conditionals(std::string text) {
  for (const std::string_view condition : {" if False else ", " if True else "}) {
    for (size_t at = text.find(condition); at != std::string::npos;
         at = text.find(condition, at + 1)) {
      const size_t start = operand_start(text, at);
      const size_t end = operand_end(text, at + condition.size());
      if (start == std::string_view::npos || end == std::string_view::npos) continue;
      const bool opens = start == 0 || text[start - 1] == '(' ||
                         (start >= 2 && text.compare(start - 2, 2, ", ") == 0);
      const bool closes = end == text.size() || text[end] == ')' || text[end] == ',';
      if (!opens || !closes) continue;
      const bool keep_left = condition == " if True else ";
      const std::string kept =
          keep_left ? text.substr(start, at - start)
                    : text.substr(at + condition.size(), end - at - condition.size());
      text = text.substr(0, start) + kept + text.substr(end);
      at = start;
    }
  }
  return text;
}

}  // namespace

std::string simplify_expression(std::string text) {
  if (text.find("hfma2_immediate(") != std::string::npos)
    text = rewrite(text, packed_half_constant);
  for (const Rule rule : kRules) text = rewrite(text, rule);
  return fold_constant_conditionals(text);
}

}  // namespace switcheroo::lift
