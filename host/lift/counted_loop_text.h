// Reading the lines a counted loop is recognised by (counted_loops.h): the final `if` that
// leaves it, the comparison it tests and the counter's step, in lifted Python's spelling.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace switcheroo::lift::counted {

/// `left OP right` with one comparison at the top level.
struct Comparison {
  std::string left, op, right;
};

std::optional<Comparison> read_comparison(const std::string& text);

/// `(COMPARISON)`, `int(COMPARISON)` or a bare `COMPARISON`, as lifted comparisons are written.
std::optional<Comparison> comparison_in(std::string text);

/// `P = (COMPARISON)` or `P = int(COMPARISON)`.
std::optional<Comparison> read_test(const std::string& statement, const std::string& target);

/// `if C:` ending a loop: the name C tests (or the comparison the `if` itself makes, when the
/// lifter wrote the predicate into it) and whether the loop leaves when it is true.
struct ExitTest {
  std::string name;
  bool exit_when_true = true;
  std::optional<Comparison> comparison;
};

std::optional<ExitTest> read_exit_test(const std::string& statement);

/// `X = u32(X + C)` or `X = u32(X - C)` with C a non-zero literal: C.
std::optional<long long> read_step(const std::string& statement, const std::string& counter);

/// `u32(X) >> K`, `(u32(X) >> K)` or `u32(pair(0, X) >> K >> 32)` (a funnel shift of X right
/// by K, 1 <= K <= 31), X being `counter`: K. The value is a logical right shift of X's pattern,
/// below 2^31.
std::optional<int> read_halving(const std::string& value, const std::string& counter);

/// The value `statement` (`name = value` or `a, b = v, w`) assigns to the name `target`, when
/// it assigns it as one of its top-level targets.
std::optional<std::string> value_assigned(const std::string& statement, const std::string& target);

/// The loop headed by `while True:` on line `header`, ending before line `end`, when it tests at
/// its top: `if C:` / `break` / `else:` over a trip whose last line is `continue`. Returns the
/// same loop bottom-tested under an `if` that runs it when C is false (`if not C:` / `while
/// True:` / the trip / `if C:` / `break`), in as many lines, the last one left empty.
std::optional<std::vector<std::string>> bottom_tested(const std::vector<std::string>& body,
                                                      size_t header, size_t end);

/// The operator with its operands swapped, and its negation.
const char* flipped(const std::string& op);
const char* negated(const std::string& op);

}  // namespace switcheroo::lift::counted
