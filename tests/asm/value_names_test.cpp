// Values named by role (value_names.h): copies of constants propagated, global and loop
// indices and accumulators named, and what must keep its register name.
#include "value_names.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

namespace {

const std::set<std::string> kConstants = {"p0",          "p1",          "p2",
                                          "block_idx_x", "block_dim_x", "thread_idx_x",
                                          "block_idx_y", "block_dim_y", "thread_idx_y"};

}  // namespace

TEST_CASE("copies of constants go and a one-dimensional global index is i", "[lift][names]") {
  Lines prologue = {"    block_idx_x = grid.block_idx_x", "    thread_idx_x = grid.thread_idx_x"};
  Lines body = {
      "    R6 = block_idx_x",
      "    R3 = thread_idx_x",
      "    R6 = u32(R6 * block_dim_x + R3)",
      "    P0 = (s32(R6) >= s32(p1))",
      "    if P0:",
      "        return",
      "    p0_u32[s32(R6)] = R3  # a comment stays",
      "    return",
  };
  CHECK(lift::name_values_by_role(prologue, body, {}, {}, kConstants) == 3);
  CHECK(prologue ==
        Lines{"    block_idx_x = grid.block_idx_x", "    thread_idx_x = grid.thread_idx_x"});
  CHECK(body == Lines{"    i = u32(block_idx_x * block_dim_x + thread_idx_x)",
                      "    P0 = (s32(i) >= s32(p1))", "    if P0:", "        return",
                      "    p0_u32[s32(i)] = thread_idx_x  # a comment stays", "    return"});
}

TEST_CASE("two dimensions are col and row; loop indices and accumulators are named",
          "[lift][names]") {
  Lines prologue;
  Lines body = {
      "    R7 = u32(block_idx_x * block_dim_x + thread_idx_x)",
      "    R0 = u32(block_idx_y * block_dim_y + thread_idx_y)",
      "    R9 = 0",
      "    R4 = 0",  // the range may be empty: the counter's web starts here
      "    for R4 in range(0, p2):",
      "        R8 = p1_u32[R4]",
      "        R9 = bits(f32(R8) * f32(R7) + f32(R9))",
      "    R4 = u32(R4 + 1)",  // reads the counter; writes another web
      "    p0_u32[R4 + R0] = R9",
      "    return",
  };
  CHECK(lift::name_values_by_role(prologue, body, {}, {"i"}, kConstants) == 4);
  CHECK(body == Lines{"    col = u32(block_idx_x * block_dim_x + thread_idx_x)",
                      "    row = u32(block_idx_y * block_dim_y + thread_idx_y)",
                      "    acc = 0",
                      "    j = 0",
                      "    for j in range(0, p2):",
                      "        R8 = p1_u32[j]",
                      "        acc = bits(f32(R8) * f32(col) + f32(acc))",
                      "    R4 = u32(j + 1)",
                      "    p0_u32[R4 + row] = acc",
                      "    return"});
}

TEST_CASE("undefined reads, subroutine names and copies written twice keep their names",
          "[lift][names]") {
  Lines prologue;
  Lines body = {
      "    R1 = u32(R1 + 1)",  // R1 read before any write: its web starts at the entry
      "    R2 = thread_idx_x", "    if P0:",
      "        R2 = p0",       // a second write to R2's web: not a copy of one constant
      "    R5 = block_idx_x",  // named by the subroutine
      "    slow_path()",       "    p0_u32[R2] = R1", "    return",
  };
  const Lines before = body;
  CHECK(lift::name_values_by_role(prologue, body, {"R5", "slow_path"}, {}, kConstants) == 0);
  CHECK(body == before);
}

TEST_CASE("copies of a constant's 32-bit halves go, and the pair they make is the constant",
          "[lift][names]") {
  Lines prologue = {"    s4 = lo32(p0)", "    s5 = hi32(p0)"};
  Lines body = {
      "    s2 = u32(grid.load_constant(pair(s4, s5) + 4, 4))",
      "    s8 = lo32(p1)",
      "    s9 = hi32(p2)",
      "    v2 = u32(s8 + s2)",
      "    if P0:",
      "        s9 = 7",  // a second write: the web of s9's read below has two defs
      "    v3 = u32(s9 + 1)",
      "    s6 = lo32(p3)",  // p3 is not a constant
      "    grid.store_global(pair(v2, v3), s6, 4)",
      "    return",
  };
  CHECK(lift::name_values_by_role(prologue, body, {}, {}, kConstants) == 3);
  CHECK(prologue.empty());
  CHECK(body == Lines{"    s2 = u32(grid.load_constant(p0 + 4, 4))", "    s9 = hi32(p2)",
                      "    v2 = u32(lo32(p1) + s2)", "    if P0:", "        s9 = 7",
                      "    v3 = u32(s9 + 1)", "    s6 = lo32(p3)",
                      "    grid.store_global(pair(v2, v3), s6, 4)", "    return"});
}

TEST_CASE("a register pair copied from a constant is the constant where the pair is read",
          "[lift][names]") {
  Lines prologue;
  Lines body = {
      "    R2, R3 = split64(p0)",
      "    R4, R5 = split64(p1)",
      "    grid.store_global(pair(R2, R3), R4, 4)",
      "    if P0:",
      "        R5 = 0",  // two writes of R5 reach the read below: R4 and R5 stay, and their line
      "    grid.store_global(pair(R4, R5), R3, 4)",
      "    return",
  };
  CHECK(lift::name_values_by_role(prologue, body, {}, {}, kConstants) == 2);
  CHECK(body == Lines{"    R4, R5 = split64(p1)", "    grid.store_global(p0, R4, 4)", "    if P0:",
                      "        R5 = 0", "    grid.store_global(pair(R4, R5), hi32(p0), 4)",
                      "    return"});
}

TEST_CASE("the other webs of registers are named by what they hold, one name per web",
          "[lift][names]") {
  Lines prologue;
  Lines body = {
      "    R2 = p0_u32[s32(p1)]",
      "    R3 = bits(f32(R2) * 2.0)",
      "    P0 = (s32(R3) >= 0)",
      "    if P0:",
      "        return",
      "    R2 = u32(R3 + 1)",  // R2 reused for an unrelated value: a second web, a second name
      "    R4, R5 = split64(u64(R2 * 4 + p0))",
      "    grid.store_global(pair(R4, R5), R2, 4)",
      "    R1 = u32(R1 + 1)",  // the read before any write stays R1; the value written is a web
      "    R6 = thread_idx_x",  // named by the subroutine: stays
      "    slow_path()",
      "    p0_u32[s32(p1)] = R1",
      "    R7 = u32(p1 + 2)",  // an opcode without semantics reads it: stays
      "    sass.FOO(R7, R7)",
      "    return",
  };
  const std::set<std::string> registers = {"R1", "R2", "R3", "R4", "R5", "R6", "R7", "P0"};
  CHECK(lift::name_register_webs(prologue, body, {"R6", "slow_path"}, {"x"}, kConstants,
                                 registers) == 7);
  CHECK(body == Lines{"    val = p0_u32[s32(p1)]",
                      "    x2 = bits(f32(val) * 2.0)",
                      "    cond = (s32(x2) >= 0)",
                      "    if cond:",
                      "        return",
                      "    t = u32(x2 + 1)",
                      "    lo, hi = split64(u64(t * 4 + p0))",
                      "    grid.store_global(pair(lo, hi), t, 4)",
                      "    t2 = u32(R1 + 1)",
                      "    R6 = thread_idx_x",
                      "    slow_path()",
                      "    p0_u32[s32(p1)] = t2",
                      "    R7 = u32(p1 + 2)",
                      "    sass.FOO(R7, R7)",
                      "    return"});
}

TEST_CASE("carries, exec copies and flags are named; a value carried round a loop keeps one name",
          "[lift][names]") {
  Lines prologue = {"    exec = 1"};
  Lines body = {
      "    v3 = 0",
      "    s2 = 0",
      "    while True:",
      "        v2, vcc = u32(v3 + 4), int(u32(v3) + 4 > 0xFFFFFFFF)",
      "        v3 = u32(v2 + vcc)",  // the loop-carried value: one web of two writes
      "        s0, exec, scc = exec, u32(vcc) & exec, int(u32(vcc) & exec != 0)",
      "        s2 = bits(f32(s2) * 0.5)",  // written from two kinds of value: `t`
      "        if scc:",
      "            break",
      "        exec = s0",
      "    p0_u32[v3] = s2",
      "    return",
  };
  const std::set<std::string> registers = {"v2", "v3", "vcc", "s0", "s2", "scc", "exec"};
  CHECK(lift::name_register_webs(prologue, body, {}, {}, kConstants, registers) == 6);
  CHECK(body == Lines{"    t = 0",
                      "    t2 = 0",
                      "    while True:",
                      "        t3, carry = u32(t + 4), int(u32(t) + 4 > 0xFFFFFFFF)",
                      "        t = u32(t3 + carry)",
                      "        mask, exec, cond = exec, u32(carry) & exec, int(u32(carry) & exec != 0)",
                      "        t2 = bits(f32(t2) * 0.5)",
                      "        if cond:",
                      "            break",
                      "        exec = mask",
                      "    p0_u32[t] = t2",
                      "    return"});
}

TEST_CASE("a copy of a register goes where the register holds the same value at every read",
          "[lift][names]") {
  Lines prologue;
  Lines body = {
      "    R2 = u32(p0 + 1)",
      "    R3 = R2",  // R2 unchanged where R3 is read: the copy goes
      "    R4 = R2",  // R2 written again before R4's second read: the copy stays
      "    p0_u32[R3] = R4",
      "    R2 = u32(R2 + 1)",
      "    p0_u32[R4] = R2",
      "    return",
  };
  CHECK(lift::name_values_by_role(prologue, body, {}, {}, kConstants) == 1);
  CHECK(body == Lines{"    R2 = u32(p0 + 1)", "    R4 = R2", "    p0_u32[R2] = R4",
                      "    R2 = u32(R2 + 1)", "    p0_u32[R4] = R2", "    return"});
}

TEST_CASE("in a loop, a copy stays when a read can follow the next write of its source",
          "[lift][names]") {
  Lines prologue;
  Lines body = {
      "    R5 = 0",
      "    while True:",
      "        R6 = R5",  // read before R5 is stepped; the next trip copies again: goes
      "        R7 = R5",  // read after the step: stays
      "        p0_u32[R6] = 1",
      "        R5 = u32(R5 + 1)",
      "        p0_u32[R7] = R5",
      "        R8 = R9",  // R9 is named by a subroutine: stays
      "        p1_u32[R5] = R8",
      "        if R5 == p2:",
      "            break",
      "    return",
  };
  CHECK(lift::name_values_by_role(prologue, body, {"R9"}, {}, kConstants) == 1);
  CHECK(body == Lines{"    R5 = 0", "    while True:", "        R7 = R5", "        p0_u32[R5] = 1",
                      "        R5 = u32(R5 + 1)", "        p0_u32[R7] = R5", "        R8 = R9",
                      "        p1_u32[R5] = R8", "        if R5 == p2:", "            break",
                      "    return"});
}

TEST_CASE("given names are numbered again in the order the lines use them", "[lift][names]") {
  Lines prologue = {"    t3 = 0  # t3 in a comment stays"};
  Lines body = {
      "    t6 = u32(t3 + x4)",  // t2 is another name: skipped
      "    x4 = bits(f32(t6) * 2.0)",
      "    t2 = x4",
      "    p0_u32[t6] = t2",
  };
  lift::number_names_in_order(prologue, body, {"t3", "t6", "x4", "t9"}, {"t4"});
  CHECK(prologue == Lines{"    t = 0  # t3 in a comment stays"});
  CHECK(body == Lines{"    t3 = u32(t + x)", "    x = bits(f32(t3) * 2.0)", "    t2 = x",
                      "    p0_u32[t3] = t2"});
}
