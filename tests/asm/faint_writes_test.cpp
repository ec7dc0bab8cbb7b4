// Flow-sensitive removal of writes whose values reach no kept statement (faint_writes.h).
#include "faint_writes.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

TEST_CASE("a dead cycle of steps in a loop goes as a whole", "[lift][faint]") {
  Lines body = {
      "    R9 = 0",
      "    for R0 in range(0, max(s32(p5), 1)):",
      "        R7 = R11",                                   // R7 read by nothing later
      "        R8 = p1_u32[k1]",                            // a load: kept
      "        R10, P1 = u32(R10 + 4), carry3(R10, 4, 0)",  // reads itself next trip only
      "        R11 = u32(R11 + P1)",                        // feeds R7 and itself
      "        k1 = k1 + s32(p4)",
      "        R9 = bits(f32(R8) + f32(R9))",
      "    p2_u32[s32(R4)] = R9",
  };
  CHECK(lift::remove_faint_writes(body) == 3);
  CHECK(body == Lines{"    R9 = 0", "    for R0 in range(0, max(s32(p5), 1)):",
                      "        R8 = p1_u32[k1]", "        k1 = k1 + s32(p4)",
                      "        R9 = bits(f32(R8) + f32(R9))", "    p2_u32[s32(R4)] = R9"});
}

TEST_CASE("a value read after the loop, on the next trip or past a break is kept",
          "[lift][faint]") {
  Lines body = {
      "    R1 = 5",
      "    R2 = 7",  // overwritten before any read on every path: dead
      "    R2 = 1",
      "    while True:",
      "        R3 = u32(R1 + 1)",  // read by the store on the next trip
      "        grid.store_global(R3, R2, 4)",
      "        R1 = u32(R1 + 2)",  // read by the next trip's R3
      "        R4 = u32(R1 * 3)",  // read after the break
      "        if P0:",
      "            break",
      "        R4 = 0",  // overwritten on every path before the read after the loop: dead
      "    grid.store_global(R4, R4, 4)",
  };
  CHECK(lift::remove_faint_writes(body) == 2);
  CHECK(body == Lines{"    R1 = 5", "    R2 = 1", "    while True:", "        R3 = u32(R1 + 1)",
                      "        grid.store_global(R3, R2, 4)", "        R1 = u32(R1 + 2)",
                      "        R4 = u32(R1 * 3)", "        if P0:", "            break",
                      "    grid.store_global(R4, R4, 4)"});
}

TEST_CASE("branches join, a for header keeps its counter, calls read everything", "[lift][faint]") {
  Lines body = {
      "    R5 = 3",  // read by the subroutine call
      "    fdiv_slow_path()",
      "    R0 = 9",  // the for may not run: its counter keeps this value
      "    if P0:",
      "        R6 = 4",  // read after the chain
      "    elif P1:",
      "        R6 = 8",
      "    else:",
      "        R7 = R6",  // dead: the block goes, the else with it
      "    for R0 in range(R1, 4):",
      "        R8 = 1",  // dead: the loop keeps `pass`
      "    grid.store_global(R0, R6, 4)",
      "    R9 = 2",  // a grid service is not a subroutine: this is not read
      "    grid.barrier()",
      "    return",
      "    R9 = 1",  // after the return: never read
  };
  CHECK(lift::remove_faint_writes(body) == 4);
  CHECK(body == Lines{"    R5 = 3", "    fdiv_slow_path()", "    R0 = 9",
                      "    if P0:", "        R6 = 4", "    elif P1:", "        R6 = 8",
                      "    for R0 in range(R1, 4):", "        pass",
                      "    grid.store_global(R0, R6, 4)", "    grid.barrier()", "    return"});
}

TEST_CASE("a body the pass cannot read is left alone", "[lift][faint]") {
  Lines body = {"    R1 = 1", "    with open(x):", "        R2 = R1", "    break"};
  const Lines before = body;
  CHECK(lift::remove_faint_writes(body) == 0);
  CHECK(body == before);
}
