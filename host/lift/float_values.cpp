// Float32 values written as floats where the lifted lines only round-trip their bit patterns
// (float_values.h).
#include "float_values.h"

#include "instruction_text.h"
#include "line_liveness.h"
#include "text_pattern.h"
#include "unread_writes.h"

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <utility>

namespace switcheroo::lift {
namespace {

using Lines = std::vector<std::string>;

// The quote a string literal open at the end of `code[0, at)` started with; 0 outside one.
char open_quote(const std::string& code, size_t at, char quote = 0, size_t from = 0) {
  for (size_t i = from; i < at; ++i)
    if (code[i] == '\'' || code[i] == '"')
      quote = quote == 0 ? code[i] : quote == code[i] ? 0 : quote;
  return quote;
}

bool in_string(const std::string& code, size_t at) {
  return open_quote(code, at) != 0;
}

// Where a line's code ends (its comment starts); kNoLine for a line with a string literal
// other than a word (`'fma'`, `'ballot'`), which no rewrite reads.
size_t code_end(const std::string& line) {
  char quote = 0;
  for (size_t at = 0; at < line.size(); ++at) {
    const char c = line[at];
    if (quote != 0 && c != quote && !is_word_char(c)) return kNoLine;
    if (quote == 0 && c == '#') return at;
    quote = open_quote(line, at + 1, quote, at);
  }
  return line.size();
}

// The bracket that closes the one at `open`; kNoLine when none does.
size_t closing(const std::string& text, size_t open) {
  int depth = 0;
  for (size_t at = open; at < text.size(); ++at) {
    depth += text[at] == '(' || text[at] == '[' ? 1 : text[at] == ')' || text[at] == ']' ? -1 : 0;
    if (depth == 0) return at;
  }
  return kNoLine;
}

// The places `name` stands as a whole word in `code` (not an attribute after `.`), last first
// so that rewriting one keeps the places before it.
std::vector<size_t> places(const std::string& code, const std::string& name) {
  std::vector<size_t> found;
  for (size_t at = code.find(name); at != std::string::npos; at = code.find(name, at + 1)) {
    const size_t end = at + name.size();
    if (at > 0 && (is_word_char(code[at - 1]) || code[at - 1] == '.')) continue;
    if ((end < code.size() && is_word_char(code[end])) || in_string(code, at)) continue;
    found.insert(found.begin(), at);
  }
  return found;
}

// Whether `code[start, end)` is the argument of a call of f32: `f32(` before, `)` after.
bool read_as_float(const std::string& code, size_t start, size_t end) {
  if (start < 4 || code.compare(start - 4, 4, "f32(") != 0 || end >= code.size() ||
      code[end] != ')')
    return false;
  return start == 4 || !(is_word_char(code[start - 5]) || code[start - 5] == '.');
}

// The value of `name = value` when the name at `at` is that statement's target.
std::optional<std::string> assigned_value(const std::string& code, size_t at,
                                          const std::string& name) {
  if (at != indent_of(code) || code.compare(at + name.size(), 3, " = ") != 0) return {};
  std::string value = code.substr(at + name.size() + 3);
  while (!value.empty() && value.back() == ' ') value.pop_back();
  if (value.empty() || value.find(" = ") != std::string::npos) return {};
  return value;
}

// `E` when `value` is `bits(E)`.
std::optional<std::string> rounded(const std::string& value) {
  Bindings bound;
  if (!matches(value, "bits(@A)", bound)) return {};
  return bound['A'];
}

// The kernel's lines and, for each name, the lines that name it (names_in, unread_writes.h),
// so that the passes visit only a name's own lines and stay linear in the kernel's size.
struct Text {
  std::vector<Lines*> parts;
  std::map<std::string, std::vector<std::pair<Lines*, size_t>>> naming;

  explicit Text(std::vector<Lines*> lines) : parts(std::move(lines)) {
    for (Lines* part : parts)
      for (size_t i = 0; i < part->size(); ++i) {
        std::set<std::string> seen;
        for (const std::string& name : names_in((*part)[i]))
          if (seen.insert(name).second) naming[name].emplace_back(part, i);
      }
  }
  bool names(const std::string& name) const { return naming.count(name) > 0; }
};

using Look = std::function<bool(std::string&, size_t)>;

// Calls `look(code, place)` for every place of `name` in `line`'s code, the last first; false
// when the line has a string literal other than a word or `look` returns false.
bool each_place_in(std::string& line, const std::string& name, const Look& look) {
  const size_t end = code_end(line);
  if (end == kNoLine) return false;
  std::string code = line.substr(0, end);
  for (size_t at : places(code, name))
    if (!look(code, at)) return false;
  line = code + line.substr(end);
  return true;
}

// each_place_in over the lines that name `name`, rewriting them.
bool each_place(Text& text, const std::string& name, const Look& look) {
  const auto lines = text.naming.find(name);
  if (lines == text.naming.end()) return true;
  for (const auto& [part, i] : lines->second)
    if (!each_place_in((*part)[i], name, look)) return false;
  return true;
}

// The same on copies of the lines: whether every place passes `look`, nothing rewritten.
bool every_place(const Text& text, const std::string& name, const Look& look) {
  const auto lines = text.naming.find(name);
  if (lines == text.naming.end()) return true;
  for (const auto& [part, i] : lines->second) {
    std::string copy = (*part)[i];
    if (!each_place_in(copy, name, look)) return false;
  }
  return true;
}

// Whether the name at `at` is the whole value a line stores: `V[I] = name`,
// `grid.store_shared(A, name, 4)` or `grid.store_global(A, name, 4)`.
bool stored_whole(const std::string& code, size_t at, const std::string& name) {
  const std::string statement = code.substr(indent_of(code));
  for (const std::string pattern :
       {"$V[@I] = $N", "grid.store_shared(@A, $N, 4)", "grid.store_global(@A, $N, 4)"}) {
    Bindings bound = {{'N', name}};
    const std::string end = pattern.substr(pattern.find("$N") + 2);
    if (matches(statement, pattern, bound) && at + name.size() + end.size() == code.size())
      return true;
  }
  return false;
}

// How a name's places read it: as a float, as the whole value a line stores, as the target of
// `name = value`; false when any place is none of these.
struct PlaceCounts {
  int reads = 0, stores = 0, targets = 0;
  bool patterns_only = true;  // every value written is `bits(E)` or 0
};

bool only_float_places(const Text& text, const std::string& name, PlaceCounts& counts) {
  return every_place(text, name, [&](std::string& code, size_t at) {
    if (read_as_float(code, at, at + name.size())) return ++counts.reads, true;
    if (const auto value = assigned_value(code, at, name)) {
      counts.patterns_only = counts.patterns_only && (*value == "0" || rounded(*value));
      return ++counts.targets, true;
    }
    if (stored_whole(code, at, name)) return ++counts.stores, true;
    return false;
  });
}

// The float a float-read name holds when `value` (a 32-bit pattern) is written to it.
std::string float_of(const std::string& value) {
  if (value == "0") return "0.0";
  if (auto inner = rounded(value)) return "fround(" + *inner + ")";
  return "f32(" + value + ")";
}

// Every `f32(name)` becomes `renamed`; every `name = X` becomes `name = float_of(X)`.
void make_float(Text& text, const std::string& name, const std::string& renamed) {
  each_place(text, name, [&](std::string& code, size_t at) {
    if (read_as_float(code, at, at + name.size())) {
      code.replace(at - 4, name.size() + 5, renamed);
    } else if (stored_whole(code, at, name)) {
      code.replace(at, name.size(), "bits(" + renamed + ")");
    } else if (auto value = assigned_value(code, at, name)) {
      const size_t start = at + name.size() + 3;
      code = code.substr(0, start) + float_of(*value) + code.substr(start + value->size());
    }
    return true;
  });
}

// Names assigned and read only through f32() become floats; returns how many.
int float_names(Text& text, const std::set<std::string>& fixed) {
  std::set<std::string> names;
  for (const Lines* part : text.parts)
    for (const std::string& line : *part) {
      const size_t end = code_end(line);
      if (end == kNoLine) continue;
      const std::string code = line.substr(0, end);
      for (const std::string& written : written_names(code.substr(indent_of(code))))
        if (is_name(written) && !fixed.count(written)) names.insert(written);
    }
  int made = 0;
  for (const std::string& name : names) {
    // A stored pattern P that bits() wrote is bits(f32(P)) again (NaNs included), so a
    // float value is stored as bits(value) only where every value written is one.
    PlaceCounts counts;
    if (!only_float_places(text, name, counts) || counts.reads == 0 || counts.targets == 0 ||
        (counts.stores > 0 && !counts.patterns_only))
      continue;
    make_float(text, name, name);
    ++made;
  }
  return made;
}

// Value parameters read only through f32() are read as `pN_f32`, bound at the top.
int float_parameters(Lines& prologue, Text& text, const std::vector<std::string>& parameters,
                     const std::set<std::string>& fixed) {
  int made = 0;
  for (const std::string& parameter : parameters) {
    const std::string renamed = parameter + "_f32";
    PlaceCounts counts;
    if (fixed.count(parameter) || fixed.count(renamed) || text.names(renamed) ||
        !only_float_places(text, parameter, counts) || counts.reads == 0 ||
        counts.targets + counts.stores > 0)
      continue;
    make_float(text, parameter, renamed);
    prologue.push_back("    " + renamed + " = f32(" + parameter + ")");
    ++made;
  }
  return made;
}

// Whether the view `name` is read at `at` (`name[I]`) as `f32(name[I])` or stored as
// `name[I] = bits(E)`; rewrites that place as the float view `renamed` when `rewrite`.
bool float_access(std::string& code, size_t at, const std::string& name, const std::string& renamed,
                  bool rewrite) {
  const size_t open = at + name.size();
  if (open >= code.size() || code[open] != '[') return false;
  const size_t close = closing(code, open);
  if (close == kNoLine) return false;
  const std::string index = code.substr(open, close + 1 - open);
  if (read_as_float(code, at, close + 1)) {
    if (rewrite) code.replace(at - 4, close + 2 - (at - 4), renamed + index);
    return true;
  }
  if (at != indent_of(code) || code.compare(close + 1, 3, " = ") != 0) return false;
  const auto value = rounded(code.substr(close + 4));
  if (value && rewrite) code = code.substr(0, at) + renamed + index + " = " + *value;
  return value.has_value();
}

// 4-byte buffer views loaded only through f32() and stored only as bits() become FloatBuffers.
int float_views(Lines& prologue, Text& text, const std::set<std::string>& fixed) {
  int made = 0;
  for (std::string& declaration : prologue) {
    Bindings bound;
    if (!matches(declaration, "    $V = Buffer(grid, $P, 4)", bound)) continue;
    const std::string name = bound['V'], renamed = bound['P'] + "_f32";
    if (fixed.count(name) || fixed.count(renamed) || text.names(renamed)) continue;
    const std::string kept = declaration;
    declaration.clear();  // the declaration is the one place that is no access
    const auto access = [&](bool rewrite) {
      return [&, rewrite](std::string& code, size_t at) {
        return float_access(code, at, name, renamed, rewrite);
      };
    };
    if (!every_place(text, name, access(false))) {
      declaration = kept;
      continue;
    }
    each_place(text, name, access(true));
    declaration = "    " + renamed + " = FloatBuffer(grid, " + bound['P'] + ")";
    ++made;
  }
  return made;
}

// The pattern an integer literal `text` writes (`12`, `0xbf800000`, `u32(-0x800001)`).
std::optional<uint32_t> literal_pattern(std::string text) {
  if (starts_with(text, "u32(") && ends_with(text, ")")) text = text.substr(4, text.size() - 5);
  const bool negative = starts_with(text, "-");
  if (negative) text.erase(0, 1);
  const bool hex = starts_with(text, "0x");
  const std::string digits = hex ? text.substr(2) : text;
  if (digits.empty() || digits.size() > 16 ||
      digits.find_first_not_of(hex ? "0123456789abcdefABCDEF" : "0123456789") != std::string::npos)
    return {};
  const uint64_t value = std::stoull(digits, nullptr, hex ? 16 : 10);
  return static_cast<uint32_t>(negative ? 0 - value : value);
}

// The float `f32(inner)` is, as a literal, when `inner` is an integer literal of a pattern
// that is no NaN (a NaN's payload has no literal); a negative one in brackets where a `**`
// follows or a `+` or `-` comes before (`x - (-1.0)`).
std::optional<std::string> float_constant(const std::string& code, size_t at, size_t close) {
  const auto pattern = literal_pattern(code.substr(at + 4, close - at - 4));
  if (!pattern) return {};
  const double value = float_from_bits(*pattern);
  if (std::isnan(value)) return {};
  const std::string literal = float_literal(value);
  const size_t next = code.find_first_not_of(' ', close + 1);
  const size_t before = at == 0 ? std::string::npos : code.find_last_not_of(' ', at - 1);
  const bool sign = before != std::string::npos && (code[before] == '-' || code[before] == '+');
  const bool power = next != std::string::npos && code.compare(next, 2, "**") == 0;
  const bool bracket = literal[0] == '-' && (sign || power);
  return bracket ? "(" + literal + ")" : literal;
}

// In every line, `f32(bits(E))` becomes `fround(E)` and `f32(N)` of an integer literal N the
// float it is.
void fold_round_trips(const std::vector<Lines*>& lines) {
  for (Lines* part : lines)
    for (std::string& line : *part) {
      const size_t end = code_end(line);
      if (end == kNoLine) continue;
      std::string code = line.substr(0, end);
      for (size_t at = code.find("f32("); at != std::string::npos; at = code.find("f32(", at + 1)) {
        if (at > 0 && (is_word_char(code[at - 1]) || code[at - 1] == '.')) continue;
        const size_t outer = closing(code, at + 3);
        if (outer == kNoLine) continue;
        if (const auto constant = float_constant(code, at, outer)) {
          code = code.substr(0, at) + *constant + code.substr(outer + 1);
          continue;
        }
        if (code.compare(at + 4, 5, "bits(") != 0 || closing(code, at + 8) + 1 != outer) continue;
        code = code.substr(0, at) + "fround(" + code.substr(at + 9, outer - at - 10) + ")" +
               code.substr(outer + 1);
      }
      line = code + line.substr(end);
    }
}

}  // namespace

int keep_float_values(Lines& prologue, Lines& body, const std::vector<std::string>& parameters,
                      const std::set<std::string>& fixed) {
  Text text({&prologue, &body});
  int made = float_names(text, fixed);
  made += float_views(prologue, text, fixed);
  made += float_parameters(prologue, text, parameters, fixed);
  fold_round_trips(text.parts);
  return made;
}

}  // namespace switcheroo::lift
