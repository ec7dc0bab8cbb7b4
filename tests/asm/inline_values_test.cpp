// Values read once folded into their reader (inline_values.h), and each reason one stays.
#include "inline_values.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

TEST_CASE("loads and arithmetic read once fold into the store", "[lift][inline]") {
  Lines body = {
      "    R2 = p0_u32[s32(i)]",
      "    R5 = p1_u32[s32(i)]",
      "    R9 = bits(f32(R2) * f32(p3) + f32(R5))",
      "    P0 = (s32(i) >= s32(p4)) or P1",
      "    if P0:",
      "        return",
      "    p2_u32[s32(i)] = R9",
      "    return",
  };
  CHECK(lift::inline_single_use_values(body, {}) == 3);
  CHECK(body == Lines{"    R9 = bits(f32(p0_u32[s32(i)]) * f32(p3) + f32(p1_u32[s32(i)]))",
                      "    if ((s32(i) >= s32(p4)) or P1):", "        return",
                      "    p2_u32[s32(i)] = R9", "    return"});
}

TEST_CASE("a value stays when folding it could change what is read", "[lift][inline]") {
  Lines body = {
      "    R1 = u32(R0 + 1)",  // R0 is written before the read
      "    R0 = 4",
      "    R3 = R1",
      "    R4 = p0_u32[R3]",  // a store comes before the read
      "    p1_u32[0] = R3",
      "    R5 = R4",
      "    R6 = u32(R3 * 2)",  // read twice
      "    R7 = u32(R6 + R6)",
      "    R8 = u32(R7 + 1)",  // read in another block
      "    if P0:",
      "        grid.store_global(R8, R7, 4)",
      "    R9 = u32(R5 + 1)",  // a subroutine call comes before the read
      "    slow_path()",
      "    R10 = R9",  // a name a subroutine uses
      "    grid.store_global(R10, R10, 4)",
      "    R12 = u32(R5 + 2)",  // read again after its first reader
      "    grid.store_global(R12, 0, 4)",
      "    grid.store_global(R12, 1, 4)",
      "    return",
  };
  const Lines before = body;
  CHECK(lift::inline_single_use_values(body, {"R10"}) == 0);
  CHECK(body == before);
}
