// Counted loops: a `while True:` loop that steps one counter by a constant and leaves when the
// stepped counter passes an unchanging bound becomes a `for` over a `range`, e.g. (SASS's
// naive GEMM, `for (k = 0; k < K; ++k)` after nvcc's loop rotation)
//
//     while True:                                 for R0 in range(s32(R0), max(s32(p5), s32(R0) +
//     1)):
//         R8 = p1_u32[k1]                             R8 = p1_u32[k1]
//         R0 = u32(R0 + 1)                 ->         ...
//         P0 = (s32(R0) >= s32(p5))               R0 = u32(R0 + 1)
//         ...                                     P0 = (s32(R0) >= s32(p5))
//         if P0:
//             break
//
// Caveats, each keeping the rewrite exact:
// - the counter is read only by its step and the exit test (or before the step, as the trip's
//   value), the exit test only by the final `if ...: break` (or made by that `if` itself), the
//   bound's names are not written in the loop (subroutines it calls included) unless the trip
//   copies the bound afresh from an unchanging name as its last write before the test (the
//   range then reads that name), and the loop has no other `break` and no `continue`;
// - the compiled loop is bottom-tested, so it runs once even when the counter starts past the
//   bound: the range's stop is `max(stop, start + 1)` (`min(stop, start - 1)` counting down);
//   an exit on equality (`!=`) is `range(start, bound, step)`, exact whenever the loop runs
//   fewer than 2^32 trips (started on its bound, the GPU's counter wraps round);
// - the step and the test move after the loop, so the counter and the test's name hold what
//   the hardware leaves in them; they are dropped there when the same block overwrites them
//   before any read, or returns, within 64 lines.
#pragma once

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::lift {

/// What a lifted subroutine does to the kernel's registers: the names it assigns, and every
/// name it reads or assigns.
struct SubroutineNames {
  std::set<std::string> written;
  std::set<std::string> named;
};

/// What the lifted subroutine `body` does to the kernel's registers; std::nullopt when it
/// calls another function, and may then write anything.
std::optional<SubroutineNames> describe_subroutine(const std::vector<std::string>& body);

/// Rewrites the counted loops of `body` (Python lines, four spaces per level) as `for` loops.
/// `kernel_body` is false for a subroutine, whose registers its caller reads after it returns.
/// A loop may call the subroutines of `subroutines` (by function name) that do not touch its
/// counter, test or bound; a call of any other function keeps it a `while` loop.
/// Returns the number of loops rewritten.
int write_counted_loops(std::vector<std::string>& body, bool kernel_body,
                        const std::map<std::string, SubroutineNames>& subroutines = {});

}  // namespace switcheroo::lift
