#include "counted_loops.h"

#include "buffer_text.h"
#include "counted_loop_text.h"
#include "line_liveness.h"
#include "unread_writes.h"

#include <algorithm>
#include <optional>
#include <set>

namespace switcheroo::lift {

namespace {

using namespace counted;

// One past the last line of the block whose header is `header`.
size_t block_end(const std::vector<std::string>& body, size_t header) {
  const size_t indent = indent_of(body[header]);
  size_t next = header + 1;
  while (next < body.size() && (body[next].empty() || indent_of(body[next]) > indent)) ++next;
  while (next > header + 1 && body[next - 1].empty()) --next;  // lines a rewrite emptied
  return next;
}

// How far the searches before and after a loop look (what they do not find counts as read),
// so that the pass stays linear in the body's size.
constexpr size_t kScanLimit = 512;
/// After a loop, where a moved step or test is mostly overwritten within a few lines.
constexpr size_t kDeadScanLimit = 64;

template <typename Item>
bool contains(const std::vector<Item>& items, const Item& item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

// The names a statement assigns, a `for` header's target included.
std::vector<std::string> writes_of(const std::string& statement) {
  if (starts_with(statement, "for ")) return {statement.substr(4, statement.find(" in ") - 4)};
  return written_names(statement);
}

// What the lines of a loop's body do: the names they write, their top-level lines, and
// whether control can leave other than by the final test (another `break` of this loop, a
// `continue`, a call of a function that is not a known subroutine), and the names each line
// names, a call naming what its subroutine names.
struct LoopScan {
  size_t first = 0;
  std::set<std::string> written;
  std::vector<size_t> top_level;
  std::vector<std::vector<std::string>> named;  ///< per line from `first`
  bool other_exit = false;
};

// The subroutine a statement calls, if it is a call of one of `subroutines`.
const SubroutineNames* called(const std::string& statement,
                              const std::map<std::string, SubroutineNames>& subroutines) {
  if (!ends_with(statement, "()")) return nullptr;
  const auto found = subroutines.find(statement.substr(0, statement.size() - 2));
  return found == subroutines.end() ? nullptr : &found->second;
}

LoopScan scan_loop(const std::vector<std::string>& body, size_t header, size_t end,
                   const std::map<std::string, SubroutineNames>& subroutines) {
  LoopScan scan;
  scan.first = header + 1;
  const size_t indent = indent_of(body[header]);
  std::vector<size_t> nested;  // indentation of the loops inside this one around the line
  for (size_t i = header + 1; i < end; ++i) {
    if (body[i].empty()) continue;
    const size_t at = indent_of(body[i]);
    const std::string statement = body[i].substr(at);
    while (!nested.empty() && at <= nested.back()) nested.pop_back();
    if (at == indent + 4) scan.top_level.push_back(i);
    if ((statement == "break" || statement == "continue") && nested.empty() && i + 1 != end)
      scan.other_exit = true;
    if (starts_with(statement, "while ") || starts_with(statement, "for ")) nested.push_back(at);
    scan.named.resize(i + 1 - scan.first);
    scan.named.back() = names_in(statement);
    if (const SubroutineNames* subroutine = called(statement, subroutines)) {
      scan.written.insert(subroutine->written.begin(), subroutine->written.end());
      scan.named.back().insert(scan.named.back().end(), subroutine->named.begin(),
                               subroutine->named.end());
      continue;
    }
    for (const auto& name : writes_of(statement)) {
      if (name == "*") scan.other_exit = true;
      scan.written.insert(name);
    }
  }
  scan.named.resize(end - scan.first);
  return scan;
}

// The lines of the loop that name `name` anywhere.
std::vector<size_t> lines_naming(const LoopScan& scan, const std::string& name) {
  std::vector<size_t> lines;
  for (size_t i = 0; i < scan.named.size(); ++i)
    if (contains(scan.named[i], name)) lines.push_back(scan.first + i);
  return lines;
}

// Whether every occurrence of `name` in `statement` is `s32(name)` or `u32(name)`.
bool wrapped_reads_only(const std::string& statement, const std::string& name) {
  for (size_t at = statement.find(name); at != std::string::npos;
       at = statement.find(name, at + name.size())) {
    const size_t after = at + name.size();
    if ((at > 0 && is_word_char(statement[at - 1])) ||
        (after < statement.size() && is_word_char(statement[after])))
      continue;
    if (at < 4 || after >= statement.size() || statement[after] != ')') return false;
    const std::string wrapper = statement.substr(at - 4, 4);
    if (wrapper != "s32(" && wrapper != "u32(") return false;
    if (at > 4 && is_word_char(statement[at - 5])) return false;
  }
  return true;
}

// Whether the lines `naming` but its last two (the step and the test) only read the trip's
// value, which the `for` binds: as a register when its values are their 32-bit patterns
// (`patterns`), else only through s32() or u32().
bool reads_trip_value(const std::vector<std::string>& body, const std::vector<size_t>& naming,
                      const std::string& counter, bool patterns) {
  for (size_t i = 0; i + 2 < naming.size(); ++i) {
    const std::string line = body[naming[i]].substr(indent_of(body[naming[i]]));
    const auto written = writes_of(line);
    if (contains(written, counter) || contains(written, std::string("*")) ||
        (!patterns && !wrapped_reads_only(line, counter)))
      return false;
  }
  return true;
}

// A loop found to count: the lines of its step and exit test, and its new header.
struct CountedLoop {
  size_t step = 0, test = 0;
  std::string counter, test_name, start, range;
  size_t initial = kNoLine;  ///< the line setting the counter to a literal before the loop
  bool test_first = false;   ///< the test reads the counter before the step
};

std::optional<long long> literal_value(const std::string& text) {
  const bool negative = starts_with(text, "-");
  if (!buffers::is_integer(negative ? text.substr(1) : text) || text.size() > 10)
    return std::nullopt;
  return std::stoll(text);
}

// `start + delta`, folded when `start` is a literal.
std::string offset(const std::string& start, long long delta) {
  if (const auto value = literal_value(start)) return std::to_string(*value + delta);
  return start + (delta < 0 ? " - " : " + ") + std::to_string(delta < 0 ? -delta : delta);
}

// `max(a, b)` or `min(a, b)`, folded when both are literals.
std::string extreme(const std::string& function, const std::string& a, const std::string& b) {
  const auto x = literal_value(a), y = literal_value(b);
  if (x && y) return std::to_string(function == "max" ? std::max(*x, *y) : std::min(*x, *y));
  return function + "(" + a + ", " + b + ")";
}

// The `range(...)` of a counter read as `start`, stepped by `step`, the loop going on while
// the stepped counter compares `op` with `bound`; std::nullopt when they do not count.
std::optional<std::string> range_of(const std::string& start, long long step, const std::string& op,
                                    const std::string& bound) {
  const std::string by = step == 1 ? "" : ", " + std::to_string(step);
  if (op == "!=") return "range(" + start + ", " + bound + by + ")";
  std::string stop;
  if (step > 0 && (op == "<" || op == "<=")) {
    stop = op == "<" ? bound : offset(bound, 1);
    return "range(" + start + ", " + extreme("max", stop, offset(start, 1)) + by + ")";
  }
  if (step < 0 && (op == ">" || op == ">=")) {
    stop = op == ">" ? bound : offset(bound, -1);
    return "range(" + start + ", " + extreme("min", stop, offset(start, -1)) + by + ")";
  }
  return std::nullopt;
}

// The line before the loop headed by `header`, in the same block, that sets `counter` to a
// literal the signed and the unsigned reading agree on, with nothing naming it in between.
std::optional<size_t> initial_literal(const std::vector<std::string>& body, size_t header,
                                      const std::string& counter) {
  const size_t indent = indent_of(body[header]);
  for (size_t i = header; i-- > 0 && header - i < kScanLimit;) {
    if (body[i].empty()) continue;
    if (indent_of(body[i]) < indent) return std::nullopt;
    if (!contains(names_in(body[i]), counter)) continue;
    const std::string prefix = std::string(indent, ' ') + counter + " = ";
    if (!starts_with(body[i], prefix)) return std::nullopt;
    const std::string value = body[i].substr(prefix.size());
    if (!buffers::is_integer(value) || value.size() > 9) return std::nullopt;
    return i;
  }
  return std::nullopt;
}

// A block or grid size (`grid.block_dim_x`, or the prologue's `block_dim_x` when the loop does
// not write that name): at least 1, and the same on every trip.
bool is_launch_size(const std::string& text, const LoopScan& scan) {
  static const std::set<std::string> sizes = {"block_dim_x", "block_dim_y", "block_dim_z",
                                              "grid_dim_x",  "grid_dim_y",  "grid_dim_z"};
  const std::string name = starts_with(text, "grid.") ? text.substr(5) : text;
  return sizes.count(name) > 0 && (name != text || !scan.written.count(name));
}

// The line before `line`, in its block, that last writes `name`, and the value it gives
// (`name = VALUE`); std::nullopt when the write is in a nested block or another statement.
std::optional<std::pair<size_t, std::string>> value_before(const std::vector<std::string>& body,
                                                           size_t line, const std::string& name) {
  const size_t indent = indent_of(body[line]);
  for (size_t i = line; i-- > 0 && line - i < kScanLimit;) {
    if (body[i].empty()) continue;
    if (indent_of(body[i]) < indent) return std::nullopt;
    const std::string statement = body[i].substr(indent_of(body[i]));
    if (!contains(writes_of(statement), name)) continue;
    if (indent_of(body[i]) != indent || !starts_with(statement, name + " = ")) return std::nullopt;
    return std::make_pair(i, statement.substr(name.size() + 3));
  }
  return std::nullopt;
}

// A grid-stride step on line `step_line`: `X = u32(A * B + X)` (or `X + A * B`, or `X + N`
// after `N = u32(A * B)` before the loop in its block) where A and B are block or grid sizes,
// or names the loop sets to one, at its top level before this line and nowhere else; the step
// `A * B` with the sizes written out.
std::optional<std::string> grid_stride(const std::vector<std::string>& body, const LoopScan& scan,
                                       size_t step_line, const std::string& counter) {
  const std::string statement = body[step_line].substr(indent_of(body[step_line]));
  const std::string prefix = counter + " = u32(";
  if (!starts_with(statement, prefix) || !ends_with(statement, ")")) return std::nullopt;
  std::string product = statement.substr(prefix.size(), statement.size() - prefix.size() - 1);
  if (ends_with(product, " + " + counter)) {
    product.resize(product.size() - counter.size() - 3);
  } else if (starts_with(product, counter + " + ")) {
    product = product.substr(counter.size() + 3);
  } else {
    return std::nullopt;
  }
  // A step the kernel computes before the loop: `N = u32(A * B)` in the loop's block, A and B
  // set to sizes before that (or sizes themselves).
  const size_t header = scan.first - 1;
  size_t defined = header;
  if (is_name(product) && !scan.written.count(product)) {
    const auto value = value_before(body, header, product);
    if (!value || !starts_with(value->second, "u32(") || !ends_with(value->second, ")"))
      return std::nullopt;
    defined = value->first;
    product = value->second.substr(4, value->second.size() - 5);
  }
  const size_t times = product.find(" * ");
  if (times == std::string::npos) return std::nullopt;
  std::string factors[2] = {product.substr(0, times), product.substr(times + 3)};
  for (auto& factor : factors) {
    if (is_launch_size(factor, scan)) continue;
    if (!is_name(factor) || factor == counter) return std::nullopt;
    if (defined != header) {  // a step computed before the loop: its factors' values then
      const auto value = value_before(body, defined, factor);
      if (!value || !is_launch_size(value->second, scan)) return std::nullopt;
      factor = value->second;
      continue;
    }
    std::optional<std::string> size;
    for (size_t i = scan.first; i < scan.first + scan.named.size(); ++i) {
      if (body[i].empty() || !contains(writes_of(body[i].substr(indent_of(body[i]))), factor))
        continue;
      const std::string line = body[i].substr(indent_of(body[i]));
      const std::string value = line.substr(std::min(line.size(), factor.size() + 3));
      if (size || i > step_line || !contains(scan.top_level, i) ||
          !starts_with(line, factor + " = ") || !is_launch_size(value, scan))
        return std::nullopt;
      size = value;
    }
    if (!size) return std::nullopt;
    factor = *size;
  }
  return factors[0] + " * " + factors[1];
}

// The name the loop copies into `name` at its top level, as the last write of `name` before
// line `test`, from a name the loop does not write (`R6 = p3` on every trip: nvcc reloads a
// bound into a register the trip also uses for other values).
std::optional<std::string> invariant_copy(const std::vector<std::string>& body,
                                          const LoopScan& scan, size_t test,
                                          const std::string& name) {
  for (size_t i = test; i-- > scan.first;) {
    const std::string statement = body[i].substr(indent_of(body[i]));
    const auto written = writes_of(statement);
    const bool subroutine = ends_with(statement, "()") && contains(scan.named[i - scan.first], name);
    if (!subroutine && !contains(written, name) && !contains(written, std::string("*"))) continue;
    const std::string value = statement.substr(std::min(statement.size(), name.size() + 3));
    if (!contains(scan.top_level, i) || !starts_with(statement, name + " = ") || !is_name(value) ||
        scan.written.count(value))
      return std::nullopt;
    return value;
  }
  return std::nullopt;
}

// Whether the bound `bound` holds one value on every trip's test; a `W(R)` whose R the loop
// writes becomes `W(V)` when R is an invariant copy of V at the test.
bool invariant_bound(const std::vector<std::string>& body, const LoopScan& scan, size_t test,
                     std::string& bound) {
  bool written = false;
  for (const auto& name : names_in(bound)) written = written || scan.written.count(name) > 0;
  if (!written) return true;
  const auto name = buffers::wrapped_name(bound);
  const auto value = name ? invariant_copy(body, scan, test, *name) : std::nullopt;
  if (!value) return false;
  bound = bound.substr(0, 4) + *value + ")";
  return true;
}

// The shift of a halving step on line `step_line`: `X = HALVING(X)` (counted_loop_text.h), or
// `X = Y` after the loop's only write of Y, `Y = HALVING(X)` (or `Y, Z = HALVING(X), ...`), at
// its top level before that line (RDNA's `s1 = u32(s0) >> 1 ... s0 = s1`).
std::optional<int> halving_step(const std::vector<std::string>& body, const LoopScan& scan,
                                size_t step_line, const std::string& counter) {
  const std::string statement = body[step_line].substr(indent_of(body[step_line]));
  if (!starts_with(statement, counter + " = ")) return std::nullopt;
  const std::string value = statement.substr(counter.size() + 3);
  if (!is_name(value) || value == counter) return read_halving(value, counter);
  std::optional<int> shift;
  for (const size_t line : lines_naming(scan, value)) {
    const std::string text = body[line].substr(indent_of(body[line]));
    const auto written = writes_of(text);
    if (!ends_with(text, "()") && !contains(written, value) && !contains(written, std::string("*")))
      continue;
    const auto assigned = value_assigned(text, value);
    if (shift || line > step_line || !contains(scan.top_level, line) || !assigned)
      return std::nullopt;
    shift = read_halving(*assigned, counter);
    if (!shift) return std::nullopt;
  }
  return shift;
}

// The value the halvings() of a counter shifted right by `shift` on every trip stop above, the
// loop going on while the counter, shifted, compares `op` with `bound`, or, with `before`, while
// `left`, the counter before its shift, does; std::nullopt when that is no test on the shifted
// counter (below 2^31: s32 and u32 read it alike).
std::optional<std::string> halving_stop(int shift, const std::string& op, const std::string& bound,
                                        bool before, const std::string& left) {
  if (!before) {
    if (op == "!=" && bound == "0") return bound;
    if (op == ">") return bound;
    if (op == ">=") return offset(bound, -1);
    return std::nullopt;
  }
  // `u32(X) >= L` with L a multiple of 2^shift is `(u32(X) >> shift) > (L >> shift) - 1`.
  const auto literal = literal_value(bound);
  if (!literal || !starts_with(left, "u32(")) return std::nullopt;
  const long long least = op == ">=" ? *literal : (op == ">" ? *literal + 1 : 0);
  if (least <= 0 || least % (1LL << shift) != 0) return std::nullopt;
  return std::to_string((least >> shift) - 1);
}

// `halvings(start, stop, shift)`, the prelude's, with its default stop 0 and shift 1 left out.
std::string halvings_call(const std::string& start, const std::string& stop, int shift) {
  std::string arguments = start;
  if (stop != "0" || shift != 1) arguments += ", " + stop;
  if (shift != 1) arguments += ", " + std::to_string(shift);
  return "halvings(" + arguments + ")";
}

// The counter of `comparison`, the exit test on line `test`, read with the counter on the
// left: its name, the range and the step's line.
std::optional<CountedLoop> read_counter(const std::vector<std::string>& body, size_t header,
                                        const LoopScan& scan, const ExitTest& exit, size_t test,
                                        const Comparison& comparison) {
  const auto counter = buffers::wrapped_name(comparison.left);
  if (!counter || contains(names_in(comparison.right), *counter)) return std::nullopt;
  std::string bound = comparison.right;
  if (!invariant_bound(body, scan, test, bound)) return std::nullopt;
  const auto naming = lines_naming(scan, *counter);
  if (naming.size() < 2) return std::nullopt;
  // A test that reads the counter before its step (the last line naming it) only counts halvings.
  const bool test_first = naming.back() != test;
  if (test_first && naming[naming.size() - 2] != test) return std::nullopt;
  const size_t step_line = naming[naming.size() - (test_first ? 1 : 2)];
  auto step = test_first ? std::nullopt
                         : read_step(body[step_line].substr(indent_of(body[step_line])), *counter);
  // A grid-stride step counts up by at least 1 (a range with a step of 1 then gets it).
  const auto stride =
      step || test_first ? std::nullopt : grid_stride(body, scan, step_line, *counter);
  if (stride) step = 1;
  const auto halving = step ? std::nullopt : halving_step(body, scan, step_line, *counter);
  if ((!step && !halving) || !contains(scan.top_level, step_line)) return std::nullopt;
  const long long by = step.value_or(0);  // 0 for a halving
  const std::string op = exit.exit_when_true ? negated(comparison.op) : comparison.op;
  if (stride && op == "!=") return std::nullopt;
  CountedLoop loop{step_line, test, *counter, exit.name, comparison.left, "", kNoLine, test_first};
  if (halving) loop.start = "u32(" + *counter + ")";
  if (const auto initial = initial_literal(body, header, *counter)) {
    loop.initial = *initial;
    const std::string& line = body[*initial];
    loop.start = line.substr(line.find(" = ") + 3);
  }
  // Counting up from a literal (0 or more), the trip's values are their own bit patterns, as
  // are a halving's from u32(X).
  const bool patterns =
      halving || starts_with(comparison.left, "u32(") || (by > 0 && loop.initial != kNoLine);
  if (!reads_trip_value(body, naming, *counter, patterns)) return std::nullopt;
  if (halving) {
    const int shift = halving.value_or(1);
    const auto stop = halving_stop(shift, op, bound, test_first, comparison.left);
    if (!stop) return std::nullopt;
    loop.range = halvings_call(loop.start, *stop, shift);
    return loop;
  }
  const auto range = range_of(loop.start, by, op, bound);
  if (!range) return std::nullopt;
  loop.range = stride ? range->substr(0, range->size() - 1) + ", " + *stride + ")" : *range;
  return loop;
}

// Whether line `line` of the loop's body, at its top level, assigns `name` from a value that
// does not read it.
bool writes_afresh(const std::vector<std::string>& body, const LoopScan& scan, size_t line,
                   const std::string& name) {
  if (!contains(scan.top_level, line)) return false;
  const std::string statement = body[line].substr(indent_of(body[line]));
  const auto equals = statement.find(" = ");
  return equals != std::string::npos && contains(written_names(statement), name) &&
         !contains(names_in(statement.substr(equals + 3)), name);
}

// The loop headed by `header` if it counts.
std::optional<CountedLoop> find_counted_loop(
    const std::vector<std::string>& body, size_t header,
    const std::map<std::string, SubroutineNames>& subroutines) {
  const size_t end = block_end(body, header);
  const size_t indent = indent_of(body[header]);
  if (end < header + 4 || body[end - 1] != std::string(indent + 8, ' ') + "break" ||
      indent_of(body[end - 2]) != indent + 4)
    return std::nullopt;
  const auto exit = read_exit_test(body[end - 2].substr(indent + 4));
  if (!exit) return std::nullopt;
  const LoopScan scan = scan_loop(body, header, end, subroutines);
  if (scan.other_exit) return std::nullopt;
  // An `if` that compares is the test; else the test is the last line naming its name but the
  // `if`; lines before it may use the name for something else (softmax_row's P0 holds FCHK's
  // result too) when the first of them writes it afresh on every trip.
  size_t test = end - 2;
  auto comparison = exit->comparison;
  if (!comparison) {
    const auto naming = lines_naming(scan, exit->name);
    if (naming.size() < 2 || naming.back() != end - 2) return std::nullopt;
    test = naming[naming.size() - 2];
    if (!contains(scan.top_level, test) ||
        (naming.size() > 2 && !writes_afresh(body, scan, naming[0], exit->name)))
      return std::nullopt;
    comparison = read_test(body[test].substr(indent + 4), exit->name);
  }
  if (!comparison) return std::nullopt;
  if (auto loop = read_counter(body, header, scan, *exit, test, *comparison)) return loop;
  std::swap(comparison->left, comparison->right);
  comparison->op = flipped(comparison->op);
  return read_counter(body, header, scan, *exit, test, *comparison);
}

// The line heading the block at indentation `indent` that holds line `inside`; kNoLine when
// that block is the function's body.
size_t enclosing_header(const std::vector<std::string>& body, size_t inside, size_t indent) {
  for (size_t i = inside + 1; i-- > 0 && inside - i < kScanLimit;)
    if (!body[i].empty() && indent_of(body[i]) < indent) return i;
  return kNoLine;
}

// Whether the value `name` holds before line `from`, inside the block at indentation `indent`
// that holds line `inside`, is overwritten before anything reads it or the kernel returns.
// Leaving an `if` body goes on after the `if`; leaving a loop body (the next trip may read
// it), a `break` or a `continue` count as a read.
bool dead_after(const std::vector<std::string>& body, size_t inside, size_t from, size_t indent,
                const std::string& name, bool kernel_body) {
  // Leaves the blocks deeper than `at`: false when one of them is a loop body.
  auto leave = [&](size_t at) {
    while (at < indent) {
      const size_t header = enclosing_header(body, inside, indent);
      if (header == kNoLine || !is_if_header(body[header].substr(indent - 4))) return false;
      inside = header;
      indent -= 4;
    }
    return true;
  };
  for (size_t i = from; i < body.size(); ++i) {
    if (i - from > kDeadScanLimit) return false;
    if (body[i].empty()) continue;
    const size_t at = indent_of(body[i]);
    if (!leave(at)) return false;
    const std::string statement = body[i].substr(at);
    if (at == indent && (statement == "return" || starts_with(statement, "return ")))
      return kernel_body && !contains(names_in(statement), name);
    if (statement == "break" || statement == "continue") return false;
    if (!contains(names_in(statement), name)) continue;
    const auto equals = statement.find(" = ");
    return at == indent && equals != std::string::npos &&
           contains(written_names(statement), name) &&
           !contains(names_in(statement.substr(equals + 3)), name);
  }
  return leave(4) && kernel_body;
}

// Whether one of the kScanLimit lines before `line` writes `name`.
bool written_before(const std::vector<std::string>& body, size_t line, const std::string& name) {
  for (size_t i = line; i-- > 0 && line - i <= kScanLimit;)
    if (contains(writes_of(body[i].substr(indent_of(body[i]))), name)) return true;
  return false;
}

// Rewrites the loop in place, so that each rewrite costs only its own lines: lines that go
// are emptied (write_counted_loops drops them at the end), the step and the test take the
// places of the final `if` and `break`.
void rewrite(std::vector<std::string>& body, size_t header, const CountedLoop& loop,
             bool kernel_body) {
  const size_t end = block_end(body, header);
  const std::string indent(indent_of(body[header]), ' ');
  // A test written into the `if` leaves no name behind.
  const bool keep_test = !loop.test_name.empty() &&
                         !dead_after(body, header, end, indent.size(), loop.test_name, kernel_body);
  // The test moves after the loop too, before the step when it read the counter before it.
  const bool keep_step = (keep_test && !loop.test_first) ||
                         !dead_after(body, header, end, indent.size(), loop.counter, kernel_body);
  const std::string step = body[loop.step].substr(indent.size() + 4);
  const std::string test = body[loop.test].substr(indent.size() + 4);
  body[header] = indent + "for " + loop.counter + " in " + loop.range + ":";
  body[loop.step].clear();
  body[loop.test].clear();
  body[end - 2] = keep_step ? indent + step : "";
  body[end - 1] = keep_test ? indent + test : "";
  if (loop.test_first) std::swap(body[end - 2], body[end - 1]);
  bool empty = true;
  for (size_t i = header + 1; i + 2 < end && empty; ++i) empty = body[i].empty();
  if (empty) body[loop.step] = indent + "    pass";
  // The range starts from the literal itself; nothing else read the line that set it. It
  // stays when it is the counter's first write: the `for` may run no trip, so value naming
  // would see the counter's value from before the kernel (a raw register name).
  if (loop.initial != kNoLine && written_before(body, loop.initial, loop.counter))
    body[loop.initial].clear();
}

// Rewrites the loop headed by `header` if it tests at its top and counts once written
// bottom-tested under an `if` (counted_loop_text.h's bottom_tested: RDNA's -O2 tree loops);
// the lines stay as they were otherwise.
bool rewrite_top_tested(std::vector<std::string>& body, size_t header, bool kernel_body,
                        const std::map<std::string, SubroutineNames>& subroutines) {
  const size_t end = block_end(body, header);
  const auto lines = bottom_tested(body, header, end);
  if (!lines) return false;
  const auto first = body.begin() + static_cast<std::ptrdiff_t>(header);
  const std::vector<std::string> saved(first, first + static_cast<std::ptrdiff_t>(lines->size()));
  std::copy(lines->begin(), lines->end(), first);
  if (const auto loop = find_counted_loop(body, header + 1, subroutines)) {
    rewrite(body, header + 1, *loop, kernel_body);
    return true;
  }
  std::copy(saved.begin(), saved.end(), first);
  return false;
}

}  // namespace

std::optional<SubroutineNames> describe_subroutine(const std::vector<std::string>& body) {
  SubroutineNames names;
  for (const auto& line : body) {
    for (const auto& name : writes_of(line.substr(indent_of(line)))) {
      if (name == "*") return std::nullopt;
      names.written.insert(name);
    }
    for (const auto& name : names_in(line)) names.named.insert(name);
  }
  return names;
}

int write_counted_loops(std::vector<std::string>& body, bool kernel_body,
                        const std::map<std::string, SubroutineNames>& subroutines) {
  int rewritten = 0;
  for (size_t i = body.size(); i-- > 0;) {
    if (body[i].substr(indent_of(body[i])) != "while True:") continue;
    if (const auto loop = find_counted_loop(body, i, subroutines)) {
      rewrite(body, i, *loop, kernel_body);
      ++rewritten;
    } else if (rewrite_top_tested(body, i, kernel_body, subroutines)) {
      ++rewritten;
    }
  }
  if (rewritten > 0) body.erase(std::remove(body.begin(), body.end(), std::string()), body.end());
  return rewritten;
}

}  // namespace switcheroo::lift
