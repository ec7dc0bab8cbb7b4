#include "loop_reroll_shape.h"

#include "line_liveness.h"
#include "unread_writes.h"

#include <algorithm>
#include <utility>

namespace switcheroo::lift::reroll {

std::string strip(const std::string& line) {
  return line.substr(indent_of(line));
}

// The text between `prefix` and `suffix` when `text` is exactly prefix + middle + suffix.
std::optional<std::string> between(const std::string& text, const std::string& prefix,
                                   const std::string& suffix) {
  if (text.size() < prefix.size() + suffix.size() || !starts_with(text, prefix) ||
      !ends_with(text, suffix))
    return std::nullopt;
  return text.substr(prefix.size(), text.size() - prefix.size() - suffix.size());
}

Names names_of(const std::vector<std::string>& lines) {
  Names names;
  for (const auto& line : lines) {
    const size_t equals = line.find(" = ");
    const bool store = equals == std::string::npos || line.find('[') < equals;
    for (const auto& name : names_in(store ? line : line.substr(equals + 3)))
      if (!names.written.count(name)) names.read_first.insert(name);
    if (store) continue;
    for (const auto& name : written_names(line)) names.written.insert(name);
  }
  return names;
}

std::optional<long long> small_literal(const std::string& text) {
  if (text.empty() || text.size() > 9 || !std::all_of(text.begin(), text.end(), ::isdigit))
    return std::nullopt;
  return std::stoll(text);
}

size_t block_end(const std::vector<std::string>& body, size_t header) {
  const size_t indent = indent_of(body[header]);
  size_t next = header + 1;
  while (next < body.size() && (body[next].empty() || indent_of(body[next]) > indent)) ++next;
  return next;
}

std::optional<std::vector<std::string>> straight_lines(const std::vector<std::string>& body,
                                                       size_t first, size_t end, size_t indent) {
  std::vector<std::string> lines;
  for (size_t i = first; i < end; ++i) {
    if (indent_of(body[i]) != indent) return std::nullopt;
    lines.push_back(strip(body[i]));
  }
  return lines;
}

namespace {

// The last line of the block [first, end) at `indent`.
size_t last_at(const std::vector<std::string>& body, size_t first, size_t end, size_t indent) {
  for (size_t i = end; i-- > first;)
    if (indent_of(body[i]) == indent) return i;
  return kNoLine;
}

}  // namespace

std::optional<GuardedLoop> read_guarded_loop(const std::vector<std::string>& body, size_t guard,
                                             size_t end, size_t indent) {
  GuardedLoop g;
  g.loop = last_at(body, guard + 1, end, indent + 4);
  if (g.loop == kNoLine || g.loop + 1 >= end) return std::nullopt;
  const std::string header = strip(body[g.loop]);
  const auto name = between(header.substr(0, header.find(" in ")), "for ", "");
  if (!name || !is_name(*name)) return std::nullopt;
  const auto range = between(header, "for " + *name + " in range(s32(" + *name + "), ", "):");
  const size_t comma = range ? range->find(", -") : std::string::npos;
  if (comma == std::string::npos || comma == 0 || comma > 2) return std::nullopt;
  const auto from = small_literal(range->substr(0, comma));
  const auto by = range->size() - comma - 3 <= 2 ? small_literal(range->substr(comma + 3))
                                                  : std::nullopt;
  if (!from || !by) return std::nullopt;
  g.stop = *from;
  g.counter = *name;
  g.step = *by;
  const auto first = straight_lines(body, guard + 1, g.loop, indent + 4);
  const auto second = straight_lines(body, g.loop + 1, end, indent + 8);
  if (!first || !second) return std::nullopt;
  g.setup = *first;
  g.trip = *second;
  return g;
}

size_t guard_before(const std::vector<std::string>& body, size_t remainder) {
  const size_t indent = indent_of(body[remainder]);
  size_t guard = remainder;
  while (guard > 0 && remainder - guard < kScanLimit && indent_of(body[guard - 1]) > indent)
    --guard;
  if (guard == 0 || indent_of(body[--guard]) != indent || !starts_with(strip(body[guard]), "if "))
    return kNoLine;
  return guard;
}

namespace {

// The line `c = (...)` that `if c:` on line `at` reads: the last write of c before it, at its
// level, with no line in between writing c at any depth; kNoLine if there is none.
size_t test_line(const std::vector<std::string>& body, size_t at, const std::string& name) {
  for (size_t i = at; i-- > 0 && at - i < kScanLimit && indent_of(body[i]) >= indent_of(body[at]);) {
    const auto writes = written_names(strip(body[i]));
    if (std::find(writes.begin(), writes.end(), name) == writes.end()) continue;
    return indent_of(body[i]) == indent_of(body[at]) && between(strip(body[i]), name + " = (", ")")
               ? i
               : kNoLine;
  }
  return kNoLine;
}

// The count j that the remainder guard `if c:` on line `at` tests, `c = (s32(j) != 0)` on line
// `set`, when nothing between writes j.
std::optional<std::string> named_count(const std::vector<std::string>& body, size_t at,
                                       size_t& set) {
  const auto name = between(strip(body[at]), "if ", ":");
  set = name && is_name(*name) ? test_line(body, at, *name) : kNoLine;
  const auto j = set == kNoLine ? std::nullopt : between(strip(body[set]), *name + " = (s32(", ") != 0)");
  if (!j || !is_name(*j)) return std::nullopt;
  for (size_t i = set + 1; i < at; ++i) {
    const auto writes = written_names(strip(body[i]));
    if (std::find(writes.begin(), writes.end(), *j) != writes.end()) return std::nullopt;
  }
  return j;
}

// The test `x >= b` (b a literal from 1 to 9) heading the block, `if (x >= b):` or `if c:`
// after `c = (x >= b)`: x's text and b, the loop running x - b + 1 trips, at least one.
std::optional<std::pair<std::string, long long>> positive_count(
    const std::vector<std::string>& body, size_t header) {
  std::string line = strip(body[header]);
  if (starts_with(line, "if not ")) line = "if " + line.substr(7);  // `if not c: return`
  auto test = between(line, "if (", "):");
  const auto name = between(line, "if ", ":");
  if (!test && name && is_name(*name))
    if (const size_t set = test_line(body, header, *name); set != kNoLine)
      test = between(strip(body[set]), *name + " = (", ")");
  const size_t at = test ? test->rfind(" >= ") : std::string::npos;
  if (at == std::string::npos || test->size() != at + 5 || test->back() < '1' || test->back() > '9')
    return std::nullopt;
  return std::make_pair(test->substr(0, at), static_cast<long long>(test->back() - '0'));
}

}  // namespace

// Finds the shape of the header comment around the remainder guard on line `remainder`.
std::optional<Unrolled> find_unrolled(const std::vector<std::string>& body, size_t remainder) {
  Unrolled u;
  u.remainder = remainder;
  u.indent = indent_of(body[remainder]);
  // `if (s32(j) != 0):` over the remainder, or `if not (s32(j) != 0): return` before it at the
  // end of the kernel.
  auto j = between(strip(body[remainder]), "if (s32(", ") != 0):");
  u.test = kNoLine;
  if (!j) j = named_count(body, remainder, u.test);
  const bool returns = !j && remainder + 1 < body.size() && strip(body[remainder + 1]) == "return";
  if (returns) j = between(strip(body[remainder]), "if not (s32(", ") != 0):");
  if (!j || !is_name(*j) || u.indent < 4) return std::nullopt;
  u.end = returns ? body.size() : block_end(body, remainder);
  if (returns && block_end(body, remainder) != remainder + 2) return std::nullopt;
  if (u.end < body.size() && indent_of(body[u.end]) == u.indent &&
      (starts_with(strip(body[u.end]), "else") || starts_with(strip(body[u.end]), "elif")))
    return std::nullopt;
  const auto rest = read_guarded_loop(body, returns ? remainder + 1 : remainder, u.end,
                                      returns ? u.indent - 4 : u.indent);
  if (!rest || rest->step != 1 || rest->stop != 0 || rest->counter != *j) return std::nullopt;
  u.rest_loop = rest->loop;
  u.rest_counter = rest->counter;
  u.s2 = rest->setup;
  u.b = rest->trip;
  // The main loop's guard is the statement before, at the same level.
  const size_t guard = guard_before(body, remainder);
  if (guard == kNoLine) return std::nullopt;
  u.main_guard = guard;
  const auto main = read_guarded_loop(body, guard, remainder, u.indent);
  if (!main || main->step < 2) return std::nullopt;
  u.main_loop = main->loop;
  u.main_counter = main->counter;
  u.stop = main->stop;
  u.factor = main->step;
  u.s1 = main->setup;
  u.m = main->trip;
  // The test that the loop runs at least once: the block's header, or an early return in the
  // block; then the count `j = lop3(k, N - 1, 0, 192)` after it.
  size_t header = guard;
  while (header > 0 && guard - header < kScanLimit && indent_of(body[header]) >= u.indent) --header;
  if (indent_of(body[header]) >= u.indent) header = kNoLine;  // the function's body
  size_t returning = guard;
  while (returning-- > (header == kNoLine ? 0 : header + 1) && guard - returning < kScanLimit)
    if (indent_of(body[returning]) == u.indent && starts_with(strip(body[returning]), "if not ") &&
        returning + 1 < guard && strip(body[returning + 1]) == "return")
      break;
  if (returning + 1 < guard && indent_of(body[returning]) == u.indent &&
      starts_with(strip(body[returning]), "if not "))
    header = returning;
  else if (header == kNoLine || indent_of(body[header]) + 4 != u.indent)
    return std::nullopt;
  u.header = header;
  const auto total = positive_count(body, header);
  if (!total) return std::nullopt;
  u.total = total->first;
  u.at_least = total->second;
  u.count = kNoLine;
  for (size_t i = header + 1; i < guard; ++i) {
    const auto writes = written_names(strip(body[i]));
    if (std::find(writes.begin(), writes.end(), *j) == writes.end()) continue;
    const auto of =
        between(strip(body[i]), *j + " = lop3(", ", " + std::to_string(u.factor - 1) + ", 0, 192)");
    u.count = of && indent_of(body[i]) == u.indent ? i : kNoLine;
    if (of) u.count_of = *of;
  }
  if (u.count == kNoLine) return std::nullopt;
  return u;
}

}  // namespace switcheroo::lift::reroll
