// The float sum over p0[0..p2) that the re-rolling tests unroll (loop_reroll_test.cpp,
// loop_reroll_chain_test.cpp): the lines before the main loop and the remainder.
#pragma once

#include <string>
#include <vector>

namespace reroll_lines {

using Lines = std::vector<std::string>;

inline const Lines kPrologue = {"    p0_u32 = Buffer(grid, p0, 4)",
                                "    p1_u32 = Buffer(grid, p1, 4)"};

// Up to the main loop's set-up, whose last line sets the progress counter t.
inline const Lines kSumSetUp = {"    # p2: 32-bit value at parameter offset 0x10",
                                "    acc = 0",
                                "    if (s32(p2) >= 1):",
                                "        t = 0",
                                "        j = lop3(p2, 3, 0, 192)",
                                "        if (u32(u32(p2 + -1)) >= 3):",
                                "            i = u32(p2 - j)",
                                "            t = 0"};

// The remainder: one element a trip from t.
inline const Lines kSumRemainder = {"        if (s32(j) != 0):", "            k0 = s32(t)",
                                    "            for j in range(s32(j), 0, -1):",
                                    "                acc = bits(f32(p0_u32[k0]) + f32(acc))",
                                    "                k0 = k0 + 1"};

// The sum re-rolled: one loop of p2 trips under the comment naming what was `folded`, the
// count of the remainder's trips gone.
inline Lines rerolled_sum(const std::string& folded) {
  return {"    # p2: 32-bit value at parameter offset 0x10", "    acc = 0",
          "    if (s32(p2) >= 1):", "        t = 0",
          "        # re-rolled: nvcc's " + folded + " and its remainder, one loop of s32(p2) trips",
          "        k0 = s32(t)", "        for j in range(s32(p2)):",
          "            acc = bits(f32(p0_u32[k0]) + f32(acc))", "            k0 = k0 + 1",
          "    p1_u32[0] = acc"};
}

}  // namespace reroll_lines
