// nvcc's -O2 chains (loop_reroll.h): under the main loop's guard, after its set-up S1, an x16
// loop, an x8 block and the xN main loop, each under a test of the elements left, and beside
// them, under a branch of its own, structuring's second copy of the xN loop:
//
//     if not (s32(i) > 0):                                  # any test
//         for i in range(s32(i), 0, -4):
//             M'                                            # the xN loop again
//     else:
//         f = plop3(True, True, True, 128)
//         if (s32(i) > 12):                                 # more than 12 left
//             f = plop3(True, True, True, 8)
//             for i in range(s32(i), min(12, s32(i) - 1), -16):
//                 M16
//             i = u32(i + -16)
//         if (s32(i) > 4):
//             M8                                            # with `i = u32(i + -8)`, `f = ...`
//         if ((s32(i) != 0) or f):
//             for i in range(s32(i), 0, -4):
//                 M
//
// With the counter at the stop plus a multiple of N (which the main loop's proof establishes:
// S1 sets it to k - k % N + stop, N a power of two), a piece of factor F runs only when at
// least F elements are left (its test's bound is at least F - N), steps the counter by F, and
// the xN loop takes what is left to the stop exactly, whatever the flag says (its range is
// empty at the stop). So the chain computes what the xN loop alone computes when each piece
// computes what F / N trips of M compute, and the other branch what M's loop computes: the
// proof in loop_reroll.cpp checks that, on the lines collapsed() writes.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::lift::reroll {

/// A piece of the chain: its lines without the counter's step and the flag's writes, and the
/// elements it does (the other branch's loop: N, one trip).
struct ChainPiece {
  std::vector<std::string> trip;
  long long factor = 0;
  bool loop = false;
};

struct Chain {
  size_t first = 0, end = 0;  ///< the lines the xN loop replaces
  size_t indent = 0;          ///< the level of the main loop's set-up
  std::string counter, flag;
  long long stop = 0, factor = 0;
  std::vector<std::string> trip;  ///< the xN loop's trip M
  std::vector<ChainPiece> pieces;
  /// Names the pieces write that M does not, and the flag: read nowhere from the chain on.
  std::set<std::string> written;
  std::string folded;  ///< "x16 loop, x8 block, " for the comment
};

/// The chain inside the main loop's guard on line `guard`, if the lines have its shape.
std::optional<Chain> find_chain(const std::vector<std::string>& body, size_t guard);

/// `body` with the chain replaced by its xN loop.
std::vector<std::string> collapsed(const std::vector<std::string>& body, const Chain& chain);

}  // namespace switcheroo::lift::reroll
