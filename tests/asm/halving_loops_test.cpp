// Counted loops whose counter shifts right on every trip (a tree's `s >>= 1`): which become a
// `for` over the prelude's halvings(), and which stay `while` loops.
#include "counted_loop_text.h"
#include "counted_loops.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

TEST_CASE("the spellings of a logical right shift by a literal", "[lift][counted]") {
  using lift::counted::read_halving;
  CHECK(read_halving("u32(pair(0, R3) >> 1 >> 32)", "R3") == 1);  // SASS SHF.R.U32.HI
  CHECK(read_halving("u32(s0) >> 1", "s0") == 1);                 // RDNA s_lshr_b32
  CHECK(read_halving("(u32(s0) >> 2)", "s0") == 2);
  CHECK_FALSE(read_halving("s32(s0) >> 1", "s0"));  // arithmetic: -1 stays -1
  CHECK_FALSE(read_halving("u32(s0) >> 0", "s0"));
  CHECK_FALSE(read_halving("u32(s0) >> 32", "s0"));
  CHECK_FALSE(read_halving("u32(s0) >> s1", "s0"));
  CHECK_FALSE(read_halving("u32(s1) >> 1", "s0"));
  CHECK_FALSE(read_halving("u32(pair(R2, R3) >> 1 >> 32)", "R3"));  // the low word shifts in
}

TEST_CASE("a shift step tested after it for zero is a for over the halvings", "[lift][counted]") {
  // SASS block_sum -O2: `for (s = blockDim.x / 2; s > 0; s /= 2)`, the predicate P1 reused
  // inside the trip for `t < s`
  Lines body = {"    R3 = u32(R9)",
                "    while True:",
                "        P1 = (u32(R7) >= u32(R3))",
                "        if not P1:",
                "            R2 = u32(R3 * 4 + R0)",
                "        R3 = u32(pair(0, R3) >> 1 >> 32)",
                "        grid.barrier()",
                "        P1 = (s32(R3) != 0)",
                "        if not P1:",
                "            break",
                "    return"};
  CHECK(lift::write_counted_loops(body, true) == 1);
  CHECK(body == Lines{"    R3 = u32(R9)",
                      "    for R3 in halvings(u32(R3)):", "        P1 = (u32(R7) >= u32(R3))",
                      "        if not P1:", "            R2 = u32(R3 * 4 + R0)",
                      "        grid.barrier()", "    return"});
}

TEST_CASE("a shift through a copy tested before it stops at the bound halved", "[lift][counted]") {
  // RDNA block_sum -O1: s1 = s0 >> 1 is the source's s; the loop leaves when s0 < 4 before
  // the step, that is when the shifted s0 is at most 1. The step and test stay when read after.
  Lines body = {"    while True:",
                "        s1 = u32(s0) >> 1",
                "        vcc = int(u32(s1) > u32(v0))",
                "        exec = 1",
                "        scc = int(u32(s0) < 4)",
                "        s0 = s1",
                "        grid.barrier()",
                "        if scc != 0:",
                "            break",
                "    v1 = s0 + scc"};
  CHECK(lift::write_counted_loops(body, true) == 1);
  CHECK(body == Lines{"    for s0 in halvings(u32(s0), 1):", "        s1 = u32(s0) >> 1",
                      "        vcc = int(u32(s1) > u32(v0))", "        exec = 1",
                      "        grid.barrier()", "    scc = int(u32(s0) < 4)", "    s0 = s1",
                      "    v1 = s0 + scc"});
  // RDNA warp_max -O1 from a literal: `offset < 2` before the step is `offset >> 1 > 0`
  Lines warp = {"    s0 = 16",
                "    while True:",
                "        v4 = u32(s0) ^ u32(v3)",
                "        scc = int(u32(s0) < 2)",
                "        s0 = (u32(s0) >> 1)",
                "        v2 = u32(max(s32(v2), s32(v4)))",
                "        if not (scc == 0):",
                "            break",
                "    return"};
  CHECK(lift::write_counted_loops(warp, true) == 1);
  CHECK(warp == Lines{"    s0 = 16",
                      "    for s0 in halvings(16):", "        v4 = u32(s0) ^ u32(v3)",
                      "        v2 = u32(max(s32(v2), s32(v4)))", "    return"});
}

TEST_CASE("a bound above zero or a wider shift is passed to halvings", "[lift][counted]") {
  Lines body = {"    while True:",           "        R2 = R3",
                "        R3 = u32(R3) >> 2", "        if u32(R3) <= u32(p1):",
                "            break",         "    return"};
  CHECK(lift::write_counted_loops(body, true) == 1);
  CHECK(body ==
        Lines{"    for R3 in halvings(u32(R3), u32(p1), 2):", "        R2 = R3", "    return"});
  Lines at_least = {"    while True:",         "        R2 = R3",   "        R3 = u32(R3) >> 1",
                    "        if s32(R3) < 8:", "            break", "    return"};
  CHECK(lift::write_counted_loops(at_least, true) == 1);
  CHECK(at_least[0] == "    for R3 in halvings(u32(R3), 7):");
}

TEST_CASE("shift loops the halvings cannot say stay while loops", "[lift][counted]") {
  const auto refused = [](const std::string& step, const std::string& test, bool before) {
    Lines body = {"    while True:", "        s1 = u32(s0) >> 1", "        v2 = u32(s1 + v0)"};
    if (before) body.insert(body.end(), {"        " + test, "        " + step});
    if (!before) body.insert(body.end(), {"        " + step, "        " + test});
    body.insert(body.end(), {"        if scc != 0:", "            break", "    return"});
    return lift::write_counted_loops(body, true) == 0;
  };
  // Tested before the shift on a bound the shifted value cannot say (s0 < 3: s0 = 2 and 3
  // shift alike), signed (a first s0 past 2^31), or for inequality.
  CHECK(refused("s0 = s1", "scc = int(u32(s0) < 3)", true));
  CHECK(refused("s0 = s1", "scc = int(s32(s0) < 4)", true));
  CHECK(refused("s0 = s1", "scc = int(u32(s0) == 0)", true));
  // An arithmetic shift, a count up tested before its step, an exit on reaching a value the
  // shifts may step over.
  CHECK(refused("s0 = s32(s0) >> 1", "scc = int(u32(s0) == 0)", false));
  CHECK(refused("s0 = u32(s0 + 1)", "scc = int(u32(s0) > 9)", true));
  CHECK(refused("s0 = s1", "scc = int(u32(s0) == 3)", false));
  // The copy written again after the step, or only inside an `if`.
  Lines twice = {"    while True:",
                 "        s1 = u32(s0) >> 1",
                 "        scc = int(u32(s0) < 4)",
                 "        s0 = s1",
                 "        s1 = v2",
                 "        if scc != 0:",
                 "            break",
                 "    return"};
  CHECK(lift::write_counted_loops(twice, true) == 0);
  Lines nested = {"    while True:",
                  "        if vcc:",
                  "            s1 = u32(s0) >> 1",
                  "        scc = int(u32(s0) < 4)",
                  "        s0 = s1",
                  "        if scc != 0:",
                  "            break",
                  "    return"};
  CHECK(lift::write_counted_loops(nested, true) == 0);
}

TEST_CASE("a halving loop tested at its top is a for under an if", "[lift][counted]") {
  // RDNA block_sum -O2: `s_cmp_lt_u32 s4, 2` before the loop, the loop's own test at its top;
  // the shift's copy shares a line with a flag nothing reads
  const Lines loop = {"    scc = int(u32(s4) < 2)",
                      "    while True:",
                      "        if scc != 0:",
                      "            break",
                      "        else:",
                      "            s0, scc = u32(s4) >> 1, int(u32(s4) >> 1 != 0)",
                      "            v2 = u32((s0 << 2) + v1)",
                      "            scc = int(u32(s4) < 4)",
                      "            s4 = s0",
                      "            continue"};
  Lines body = loop;
  body.push_back("    v0 = s4");
  CHECK(lift::write_counted_loops(body, true) == 1);
  CHECK(body == Lines{"    scc = int(u32(s4) < 2)",
                      "    if scc == 0:", "        for s4 in halvings(u32(s4), 1):",
                      "            s0, scc = u32(s4) >> 1, int(u32(s4) >> 1 != 0)",
                      "            v2 = u32((s0 << 2) + v1)", "        s4 = s0", "    v0 = s4"});
  // A test that is not a flag against 0 is negated whole; the step here precedes it.
  Lines compared = {"    while True:",      "        if u32(s4) < 2 and v1 != 0:",
                    "            break",    "        else:",
                    "            v2 = s4",  "            s4 = u32(s4) >> 1",
                    "            continue", "    return"};
  CHECK(lift::write_counted_loops(compared, true) == 0);  // `and`: no comparison to read
  compared[1] = "        if u32(s4) < 2:";
  CHECK(lift::write_counted_loops(compared, true) == 1);
  CHECK(compared == Lines{"    if not (u32(s4) < 2):", "        for s4 in halvings(u32(s4), 1):",
                          "            v2 = s4", "    return"});
  // Another way out of the trip, or a trip that does not end in `continue`, stays as it was.
  for (const auto& [line, at] : {std::pair<std::string, size_t>{"            break", 7},
                                 std::pair<std::string, size_t>{"            v3 = v2", 10}}) {
    Lines refused = loop;
    refused.insert(refused.begin() + static_cast<std::ptrdiff_t>(at), line);
    const Lines before = refused;
    CHECK(lift::write_counted_loops(refused, true) == 0);
    CHECK(refused == before);
  }
}
