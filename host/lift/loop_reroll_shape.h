// The shape re-rolling reads (loop_reroll.h): an xN main loop and its remainder in the lifted
// lines, with their guards, the count and the pieces of straight code, found by text; what
// they compute is left to the proof in loop_reroll.cpp.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::lift::reroll {

/// How far the searches around a candidate look, so that the pass stays linear.
inline constexpr size_t kScanLimit = 512;

/// A line without its indentation.
std::string strip(const std::string& line);

/// The text between `prefix` and `suffix` when `text` is exactly prefix + middle + suffix.
std::optional<std::string> between(const std::string& text, const std::string& prefix,
                                   const std::string& suffix);

/// A literal of 1 to 9 decimal digits.
std::optional<long long> small_literal(const std::string& text);

/// One past the last line of the block whose header is `header`.
size_t block_end(const std::vector<std::string>& body, size_t header);

/// The lines [first, end) without their indentation, when all of them are at `indent`.
std::optional<std::vector<std::string>> straight_lines(const std::vector<std::string>& body,
                                                       size_t first, size_t end, size_t indent);

/// The `for` header and straight pieces of a guarded loop: guard at `indent`, set-up at
/// indent + 4, then `for COUNTER in range(s32(COUNTER), STOP, -STEP):` with its body at
/// indent + 8, ending at `end`.
struct GuardedLoop {
  size_t loop = 0;
  std::string counter;
  long long stop = 0, step = 0;
  std::vector<std::string> setup, trip;
};
std::optional<GuardedLoop> read_guarded_loop(const std::vector<std::string>& body, size_t guard,
                                             size_t end, size_t indent);

/// The main loop's guard for the remainder guard on line `remainder`: the statement before it
/// at its level, when that is an `if`; else kNoLine.
size_t guard_before(const std::vector<std::string>& body, size_t remainder);

/// The names a straight piece reads before writing them, and those it writes.
struct Names {
  std::set<std::string> read_first, written;
};
Names names_of(const std::vector<std::string>& lines);

/// A candidate: the block's header (or early return) that makes the loop run at least once,
/// the count line, the main loop's guard and `for`, the remainder's guard and `for`, the end;
/// the loops' counters, the factor N, the main loop's stop, the count `total` (as written,
/// `at_least` its test's bound), and the straight pieces S1, M (the main loop's set-up and
/// trip) and S2, B (the remainder's).
struct Unrolled {
  size_t header = 0, count = 0, main_guard = 0, main_loop = 0, remainder = 0, rest_loop = 0,
         end = 0;
  size_t indent = 0;
  long long factor = 0, stop = 0, at_least = 1;
  std::string main_counter, rest_counter, total, count_of;
  std::string chain;  ///< what precedes the main loop in nvcc's chain ("x16 loop, x8 block, ")
  /// The line `c = (s32(j) != 0)` that a remainder guard `if c:` reads (kNoLine without one).
  size_t test = static_cast<size_t>(-1);
  std::vector<std::string> s1, m, s2, b;
};

/// The candidate whose remainder guard is line `remainder`, if the lines have its shape.
std::optional<Unrolled> find_unrolled(const std::vector<std::string>& body, size_t remainder);

}  // namespace switcheroo::lift::reroll
