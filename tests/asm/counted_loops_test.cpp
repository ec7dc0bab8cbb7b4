// Counted loops: which `while True:` loops become `for` loops, and what stays.
#include "counted_loops.h"

#include <catch2/catch.hpp>

#include <set>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

TEST_CASE("a loop counting up to a bound becomes a range that runs at least once",
          "[lift][counted]") {
  // SASS's naive GEMM: `for (k = 0; k < K; ++k)` rotated into a bottom-tested loop
  Lines body = {"    R0 = p0",
                "    R9 = 0",
                "    R0 = 0",
                "    while True:",
                "        R8 = p1_u32[k1]",
                "        R0 = u32(R0 + 1)",
                "        P0 = (s32(R0) >= s32(p5))",
                "        R9 = bits(f32(R8) + f32(R9))",
                "        if P0:",
                "            break",
                "    p2_u32[0] = R9",
                "    return"};
  CHECK(lift::write_counted_loops(body, true) == 1);
  CHECK(body == Lines{"    R0 = p0", "    R9 = 0",
                      "    for R0 in range(0, max(s32(p5), 1)):", "        R8 = p1_u32[k1]",
                      "        R9 = bits(f32(R8) + f32(R9))", "    p2_u32[0] = R9", "    return"});
}

TEST_CASE("a literal start that is the counter's first write stays", "[lift][counted]") {
  // The `for` may run no trip; the line keeps the counter's value from before the loop
  // defined for value naming (conv2d's and gemm_tiled's outer loops, SASS).
  Lines body = {"    R0 = 0",
                "    while True:",
                "        R2 = R0",
                "        R0 = u32(R0 + 1)",
                "        P0 = (s32(R0) >= s32(p1))",
                "        if P0:",
                "            break"};
  CHECK(lift::write_counted_loops(body, true) == 1);
  CHECK(body == Lines{"    R0 = 0", "    for R0 in range(0, max(s32(p1), 1)):", "        R2 = R0"});
}

TEST_CASE("a bound the loop reloads into a register it reuses is read from its source",
          "[lift][counted]") {
  // softmax and saxpy -O1 on sm_90: `LDC R6, c[0x0][0x174]` on every trip, R6 reused after
  // the test; the test written into the `if` itself
  Lines body = {"    while True:",
                "        R6 = p3",
                "        UR4 = u32(UR4 + 1)",
                "        R7 = bits(fdiv(f32(R0), f32(R3)))",
                "        R6 = R7",
                "        R6 = p3",
                "        if (s32(R6) <= s32(UR4)):",
                "            break"};
  CHECK(lift::write_counted_loops(body, true) == 1);
  CHECK(body == Lines{"    for UR4 in range(s32(UR4), max(s32(p3), s32(UR4) + 1)):", "        R6 = p3",
                      "        R7 = bits(fdiv(f32(R0), f32(R3)))", "        R6 = R7", "        R6 = p3"});
  // A bound last written from something the loop changes, or inside an `if`, stays `while`.
  const Lines loaded = {"    while True:", "        R6 = p3", "        UR4 = u32(UR4 + 1)",
                        "        R7 = bits(fdiv(f32(R0), f32(R3)))"};
  for (const Lines& last : {Lines{"        R6 = R7"}, Lines{"        if P1:", "            R6 = p3"}}) {
    Lines refused = loaded;
    refused.insert(refused.end(), last.begin(), last.end());
    refused.insert(refused.end(), {"        if (s32(R6) <= s32(UR4)):", "            break"});
    CHECK(lift::write_counted_loops(refused, true) == 0);
  }
}

TEST_CASE("a count-down to zero is a range down, its step and test kept when read after",
          "[lift][counted]") {
  // RDNA: s_add_i32 s2, s2, -1; s_cmp_eq_u32 s2, 0; s_cbranch_scc0
  Lines body = {"    while True:",
                "        s2 = u32(s2 + -1)",
                "        scc = int(u32(s2) == 0)",
                "        if exec:",
                "            v6 = bits(f32(v3) + f32(v6))",
                "        if not (scc == 0):",
                "            break",
                "    v0 = u32(s2 + scc)"};
  CHECK(lift::write_counted_loops(body, true) == 1);
  CHECK(body == Lines{"    for s2 in range(u32(s2), 0, -1):", "        if exec:",
                      "            v6 = bits(f32(v3) + f32(v6))", "    s2 = u32(s2 + -1)",
                      "    scc = int(u32(s2) == 0)", "    v0 = u32(s2 + scc)"});
}

TEST_CASE("the trip's value read before the step is the loop variable", "[lift][counted]") {
  Lines body = {"    while True:",
                "        R2 = p0_u32[s32(R0)]",
                "        R0 = u32(R0 + -4)",
                "        P0 = (s32(R0) != 1)",
                "        if not P0:",
                "            break",
                "    return"};
  CHECK(lift::write_counted_loops(body, true) == 1);
  CHECK(body == Lines{"    for R0 in range(s32(R0), 1, -4):", "        R2 = p0_u32[s32(R0)]",
                      "    return"});
  // A raw read of a signed range's variable could see a negative number: not rewritten.
  Lines raw = {"    while True:",          "        R2 = R0",
               "        R0 = u32(R0 + 1)", "        P0 = (s32(R0) >= s32(p1))",
               "        if P0:",           "            break"};
  CHECK(lift::write_counted_loops(raw, true) == 0);
  // Counting up from a literal, every value is its own bit pattern.
  raw.insert(raw.begin(), {"    R0 = p0", "    R0 = 0"});
  CHECK(lift::write_counted_loops(raw, true) == 1);
  CHECK(raw == Lines{"    R0 = p0", "    for R0 in range(0, max(s32(p1), 1)):", "        R2 = R0"});
}

TEST_CASE("a bound on the left of the test is read the other way round", "[lift][counted]") {
  // sm_90's naive GEMM: ISETP.GE.AND P0, PT, R13, UR4 after UIADD3 UR4, UR4, 0x1
  Lines body = {"    while True:", "        UR4 = u32(UR4 + 1)",
                "        P0 = (s32(R13) <= s32(UR4))", "        if P0:", "            break"};
  CHECK(lift::write_counted_loops(body, true) == 1);
  CHECK(body ==
        Lines{"    for UR4 in range(s32(UR4), max(s32(R13), s32(UR4) + 1)):", "        pass"});
}

TEST_CASE("loops that do not count stay while loops", "[lift][counted]") {
  const Lines counting = {"    while True:",          "        R1 = u32(R1 + 2)",
                          "        R0 = u32(R0 + 1)", "        P0 = (s32(R0) >= s32(R5))",
                          "        if P0:",           "            break"};
  auto with = [&](size_t at, const std::string& line) {
    Lines lines = counting;
    lines.insert(lines.begin() + static_cast<std::ptrdiff_t>(at), line);
    return lines;
  };
  std::vector<Lines> cases = {
      with(4, "        R2 = R0"),           // read after the step
      with(2, "        R5 = R1"),           // the bound changes
      with(2, "        P0 = (P0 != R1)"),   // the test read before the trip writes it
      with(2, "        subroutine_1f0()"),  // a call may write anything
      with(2, "        continue"),
  };
  cases.push_back(counting);  // another exit
  cases.back().insert(cases.back().begin() + 2, {"        if R1:", "            break"});
  for (auto& lines : cases) {
    const Lines before = lines;
    CHECK(lift::write_counted_loops(lines, true) == 0);
    CHECK(lines == before);
  }
  // Stepping away from the bound is not a count.
  Lines away = counting;
  away[2] = "        R0 = u32(R0 + -1)";
  CHECK(lift::write_counted_loops(away, true) == 0);
  // Neither is a loop whose test is not its last statement.
  Lines late = counting;
  late.push_back("        R3 = 0");
  CHECK(lift::write_counted_loops(late, true) == 0);
}

TEST_CASE("an inner loop's leftovers are kept when the outer loop goes round", "[lift][counted]") {
  Lines body = {"    while True:",
                "        R4 = 0",
                "        while True:",
                "            R4 = u32(R4 + 1)",
                "            P1 = (s32(R4) >= 16)",
                "            if P1:",
                "                break",
                "        R6 = u32(R6 + -1)",
                "        P0 = (s32(R6) != 0)",
                "        if not P0:",
                "            break"};
  CHECK(lift::write_counted_loops(body, true) == 2);
  CHECK(body == Lines{"    for R6 in range(s32(R6), 0, -1):", "        R4 = 0",
                      "        for R4 in range(0, 16):", "            pass", "        R4 = u32(R4 + 1)",
                      "        P1 = (s32(R4) >= 16)"});
}

TEST_CASE("a loop may call a subroutine that leaves its counter, test and bound alone",
          "[lift][counted]") {
  // softmax: the float division's slow path, called under FCHK inside the loop
  const Lines slow_path = {"    R9 = bits(f32(R8) / f32(R0))", "    R6 = 0", "    return"};
  const auto names = lift::describe_subroutine(slow_path);
  REQUIRE(names);
  CHECK(names->written == std::set<std::string>{"R6", "R9"});
  const Lines loop = {
      "    while True:",  "        R4 = u32(R4 + 1)", "        P2 = (s32(R4) >= s32(p3))",
      "        if P0:",   "            slowpath()",   "        if P2:",
      "            break"};
  Lines known = loop;
  CHECK(lift::write_counted_loops(known, true, {{"slowpath", *names}}) == 1);
  CHECK(known[0] == "    for R4 in range(s32(R4), max(s32(p3), s32(R4) + 1)):");
  Lines unknown = loop;  // a call of a function nothing describes may write anything
  CHECK(lift::write_counted_loops(unknown, true) == 0);
  Lines bound_written = loop;  // the subroutine writes the bound
  bound_written[2] = "        P2 = (s32(R4) >= s32(R6))";
  CHECK(lift::write_counted_loops(bound_written, true, {{"slowpath", *names}}) == 0);
  // The test's name holding another value earlier in the trip, written afresh first.
  Lines reused = {"    while True:",
                  "        P2 = fchk(f32(R8), f32(R0))",
                  "        if P2:",
                  "            R5 = 0",
                  "        R4 = u32(R4 + -1)",
                  "        P2 = (s32(R4) != 0)",
                  "        if not P2:",
                  "            break"};
  Lines stale = reused;  // read before the trip writes it: last trip's test
  stale.insert(stale.begin() + 1, "        R6 = u32(P2)");
  CHECK(lift::write_counted_loops(reused, true) == 1);
  CHECK(reused ==
        Lines{"    for R4 in range(s32(R4), 0, -1):", "        P2 = fchk(f32(R8), f32(R0))",
              "        if P2:", "            R5 = 0"});
  CHECK(lift::write_counted_loops(stale, true) == 0);
  // A subroutine that calls another may write anything: it has no description.
  CHECK_FALSE(lift::describe_subroutine({"    other()", "    return"}));
}

TEST_CASE("a grid-stride loop steps by the block size times the grid size", "[lift][counted]") {
  // SASS sm_90: the stride computed before the loop (UIMAD), one factor's register reused in it
  auto lifted = [](const std::string& factor) {
    Lines body = {"    UR4 = block_dim_x",
                  "    UR5 = " + factor,
                  "    UR4 = u32(UR4 * UR5)",
                  "    while True:",
                  "        UR5 = p2",
                  "        R2 = p0_u32[s32(R0)]",
                  "        R0 = u32(R0 + UR4)",
                  "        P0 = (s32(R0) >= s32(p3))",
                  "        p1_u32[0] = bits(f32(R2) * f32(UR5))",
                  "        if P0:",
                  "            break",
                  "    return"};
    lift::write_counted_loops(body, true);
    return body;
  };
  CHECK(lifted("grid_dim_x") ==
        Lines{"    UR4 = block_dim_x", "    UR5 = grid_dim_x", "    UR4 = u32(UR4 * UR5)",
              "    for R0 in range(s32(R0), max(s32(p3), s32(R0) + 1), block_dim_x * grid_dim_x):",
              "        UR5 = p2", "        R2 = p0_u32[s32(R0)]",
              "        p1_u32[0] = bits(f32(R2) * f32(UR5))", "    return"});
  // A stride that is not a product of launch sizes could be 0 or negative: the loop stays.
  const Lines kept = lifted("p2");
  CHECK(kept[3] == "    while True:");
}
