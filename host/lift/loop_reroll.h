// Re-rolling: nvcc unrolls a counted loop `for (i = 0; i < k; ++i)` into an xN main loop over
// the first k - k % N elements and a remainder loop over the last k % N:
//
//     j = lop3(k, N - 1, 0, 192)                       # k & (N - 1)
//     if (u32(u32(k + -1)) >= N - 1):                  # # re-rolled: nvcc's x4 main loop and
//         S1                                           # # its remainder (one loop over k)
//         for i in range(s32(i), 0, -N):        ->     S2
//             M   (N trips of the loop, scheduled)     for j in range(s32(k)):
//     if (s32(j) != 0):                                    B
//         S2  (the remainder's pointers, from t)
//         for j in range(s32(j), 0, -1):
//             B   (one trip)
//
// inside `if (s32(k) >= 1):` (or `if (x >= b):`, k = x - b + 1, or after `if not c: return`),
// the main loop possibly counting down to a literal other than 0, and at the kernel's end the
// remainder possibly after `if not (s32(j) != 0): return` instead of under a guard. The rewrite is made only when symbolic execution
// (symbolic_values.h) proves, for a symbolic trip number n of the main loop, that one trip of M
// computes what N trips of B compute after S2 run at M's progress counter (the carried values,
// an accumulator, equal as expression trees, so a float sum adds in the same order; the stores
// equal), and that N trips of B leave B's pointers where S2 would set them for trip n + 1. By
// induction the main loop and the remainder compute what B computes over all k elements.
// Everything either loop writes but the carried values must be dead after them. nvcc's -O2
// chains (an x16 loop and an x8 block before the xN loop, which structuring writes twice) are
// first written as their xN loop where loop_reroll_chain.h proves it, then re-rolled so.
#pragma once

#include <string>
#include <vector>

namespace switcheroo::lift {

/// Re-rolls the unrolled loops of the kernel `body` (Python lines, four spaces per level);
/// `prologue` holds the buffer views (`p0_u32 = Buffer(grid, p0, 4)`). Returns the number of
/// main loops folded.
int reroll_unrolled_loops(std::vector<std::string>& body, const std::vector<std::string>& prologue);

}  // namespace switcheroo::lift
