// Re-rolling: an xN main loop and its remainder become one loop only when they compute the same.
#include "loop_reroll.h"
#include "loop_reroll_lines.h"
#include "symbolic_values.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

namespace {

using reroll_lines::kPrologue;

// A float sum over p0[0..k) as nvcc unrolls it by 4, the main loop's trip given as `copies`
// (its four loads and adds), and what follows the loops.
Lines unrolled_sum(const Lines& copies, const std::string& after = "    p1_u32[0] = acc") {
  Lines body = reroll_lines::kSumSetUp;
  body.push_back("            for i in range(s32(i), 0, -4):");
  for (const auto& line : copies) body.push_back("                " + line);
  body.insert(body.end(), reroll_lines::kSumRemainder.begin(), reroll_lines::kSumRemainder.end());
  body.push_back(after);
  return body;
}

const Lines kInOrder = {"val = p0_u32[s32(t)]",
                        "val2 = p0_u32[s32(t) + 1]",
                        "val3 = p0_u32[s32(t) + 2]",
                        "acc = bits(f32(val) + f32(acc))",
                        "t = u32(t + 4)",
                        "acc = bits(f32(val2) + f32(acc))",
                        "acc = bits(f32(acc) + f32(val3))",
                        "acc = bits(f32(p0_u32[s32(u32(t + -1))]) + f32(acc))"};

}  // namespace

TEST_CASE("an x4 main loop and its remainder that add in index order become one loop",
          "[lift][reroll]") {
  // The main loop is scheduled (loads first, the step in between, one operand order swapped,
  // the last element read through the stepped counter), and still adds p0[t], p0[t + 1], ...
  Lines body = unrolled_sum(kInOrder);
  CHECK(lift::reroll_unrolled_loops(body, kPrologue) == 1);
  CHECK(body == reroll_lines::rerolled_sum("x4 main loop"));
}

TEST_CASE("a main loop that differs from N remainder trips stays as it is", "[lift][reroll]") {
  auto refused = [](Lines copies, const std::string& after = "    p1_u32[0] = acc") {
    Lines body = unrolled_sum(copies, after);
    const Lines before = body;
    CHECK(lift::reroll_unrolled_loops(body, kPrologue) == 0);
    CHECK(body == before);
  };
  // Each near-copy: lines of the main loop's trip replaced (by index; past the end, added).
  const std::vector<std::pair<const char*, std::vector<std::pair<size_t, std::string>>>> changes = {
      {"one element read twice", {{2, "val3 = p0_u32[s32(t) + 1]"}}},
      {"the float sum in another order, which rounding can tell apart",
       {{3, "acc = bits(f32(val2) + f32(acc))"}, {5, "acc = bits(f32(val) + f32(acc))"}}},
      {"a step that does not cover four elements", {{4, "t = u32(t + 3)"}}},
      {"a store the remainder does not make", {{8, "p1_u32[1] = acc"}}}};
  for (const auto& [what, edits] : changes) {
    SECTION(what) {
      Lines copies = kInOrder;
      for (const auto& [at, line] : edits) {
        if (at >= copies.size()) copies.resize(at + 1);
        copies[at] = line;
      }
      refused(copies);
    }
  }
  SECTION("the progress counter read after the loops") {
    refused(kInOrder, "    p1_u32[0] = t");
  }
}

TEST_CASE("a remainder guard that tests a name set to `s32(j) != 0` is read as the count's",
          "[lift][reroll]") {
  // softmax_row's -O2 sum: `c = (s32(j) != 0)` after the count, `if c:` over the remainder.
  auto named = [](const std::string& set_up) {
    Lines body = unrolled_sum(kInOrder);
    body.insert(body.begin() + 5, "        c = (s32(j) != 0)");
    body.insert(body.begin() + 8, "            " + set_up);
    const auto guard = std::find(body.begin(), body.end(), "        if (s32(j) != 0):");
    *guard = "        if c:";
    return body;
  };
  Lines body = named("t = 0");
  CHECK(lift::reroll_unrolled_loops(body, kPrologue) == 1);
  // The test goes with the guard, and then the count.
  CHECK(body == reroll_lines::rerolled_sum("x4 main loop"));
  SECTION("refused when the main loop's set-up writes the name") {
    body = named("c = (s32(t) != 0)");
    const Lines before = body;
    CHECK(lift::reroll_unrolled_loops(body, kPrologue) == 0);
    CHECK(body == before);
    // The same set-up line with the guard written out is not what refuses it.
    body = unrolled_sum(kInOrder);
    body.insert(body.begin() + 7, "            c = (s32(t) != 0)");
    CHECK(lift::reroll_unrolled_loops(body, kPrologue) == 1);
  }
}

TEST_CASE("symbolic values: 64-bit pairs built from words and carries", "[lift][reroll]") {
  lift::SymbolicMachine machine({});
  REQUIRE(machine.execute("lo, hi = split64(p0)"));
  REQUIRE(machine.execute("lo, carry = u32(lo + 16), carry3(lo, 16, 0)"));
  REQUIRE(machine.execute("hi = u32(hi + carry)"));
  lift::SymbolicValue rebuilt, expected;
  REQUIRE(machine.evaluate("pair(lo, hi)", rebuilt));
  REQUIRE(machine.evaluate("p0 + 16", expected));
  CHECK(lift::SymbolicMachine::text_of(rebuilt) == lift::SymbolicMachine::text_of(expected));
  // Without the carry, the high word is not the sum's.
  REQUIRE(machine.execute("hi2 = hi32(p0)"));
  REQUIRE(machine.evaluate("pair(lo, hi2)", rebuilt));
  CHECK(lift::SymbolicMachine::text_of(rebuilt) != lift::SymbolicMachine::text_of(expected));
  // Integer max does not depend on its operands' order; float max does (NaN).
  lift::SymbolicValue a, b;
  REQUIRE(machine.evaluate("max(s32(x), s32(y))", a));
  REQUIRE(machine.evaluate("max(s32(y), s32(x))", b));
  CHECK(lift::SymbolicMachine::text_of(a) == lift::SymbolicMachine::text_of(b));
  REQUIRE(machine.evaluate("max(f32(x), f32(y))", a));
  REQUIRE(machine.evaluate("max(f32(y), f32(x))", b));
  CHECK(lift::SymbolicMachine::text_of(a) != lift::SymbolicMachine::text_of(b));
}

TEST_CASE("a loop from 1 under `if (x >= 2)`, an integer max, becomes one loop of x - 1 trips",
          "[lift][reroll]") {
  // row_max's shape: `for (j = 1; j < cols; ++j) best = max(best, x[j])`, the main loop
  // counting down to 1, the operands of max in either order.
  Lines body = {"    # p2: 32-bit value at parameter offset 0x10",
                "    acc = p0_u32[0]",
                "    t3 = u32(p2)",
                "    if (s32(t3) >= 2):",
                "        k = lop3(u32(t3 + -1), 3, 0, 192)",
                "        t = 1",
                "        if (u32(u32(t3 + -2)) >= 3):",
                "            j = u32(t3 - k)",
                "            t = 1",
                "            for j in range(s32(j), 1, -4):",
                "                acc = u32(max(s32(p0_u32[s32(t)]), s32(acc)))",
                "                acc = u32(max(s32(acc), s32(p0_u32[s32(t) + 1])))",
                "                t = u32(t + 4)",
                "                acc = u32(max(s32(p0_u32[s32(t) + -2]), s32(acc)))",
                "                acc = u32(max(s32(acc), s32(p0_u32[s32(t) + -1])))",
                "        if (s32(k) != 0):",
                "            k0 = s32(t)",
                "            for k in range(s32(k), 0, -1):",
                "                acc = u32(max(s32(acc), s32(p0_u32[k0])))",
                "                k0 = k0 + 1",
                "    p1_u32[0] = acc"};
  CHECK(lift::reroll_unrolled_loops(body, kPrologue) == 1);
  CHECK(body == Lines{"    # p2: 32-bit value at parameter offset 0x10", "    acc = p0_u32[0]",
                      "    t3 = u32(p2)", "    if (s32(t3) >= 2):",
                      "        t = 1",
                      "        # re-rolled: nvcc's x4 main loop and its remainder, one loop of "
                      "s32(t3) - 1 trips",
                      "        k0 = s32(t)", "        for k in range(s32(t3) - 1):",
                      "            acc = u32(max(s32(acc), s32(p0_u32[k0])))",
                      "            k0 = k0 + 1", "    p1_u32[0] = acc"});
}

TEST_CASE("symbolic values: expf's inlined steps, loads after stores", "[lift][reroll]") {
  lift::SymbolicMachine machine({{"p0_u32", {"p0", 4}}, {"p1_u32", {"p1", 4}}});
  auto same = [&](const std::string& a, const std::string& b) {
    lift::SymbolicValue x, y;
    REQUIRE(machine.evaluate(a, x));
    REQUIRE(machine.evaluate(b, y));
    return lift::SymbolicMachine::text_of(x) == lift::SymbolicMachine::text_of(y);
  };
  // nvcc's expansion of expf, as softmax_row's unrolled loop spells it, is expf.
  REQUIRE(machine.execute("c = u32(0x3bbb989d)"));
  REQUIRE(machine.execute(
      "e = bits(fma_rounded(f32(bits(sat(f32(v) * f32(c) + 0.5))), f32(0x437c0000), 12582913.0, "
      "'rm'))"));
  REQUIRE(
      machine.execute("r = bits(f32(v) * 1.4426950216293335 + -f32(bits(f32(e) + -12583039.0)))"));
  REQUIRE(machine.execute(
      "y = bits(f32(u32(e << 23)) * f32(bits(exp2(f32(bits(f32(v) * 1.925963033500011e-08 + "
      "f32(r)))))))"));
  CHECK(same("y", "bits(expf(f32(v)))"));
  CHECK_FALSE(same("y", "bits(expf(f32(w)))"));
  // A load after a store that may overlap reads what that store leaves (two loads of one
  // address after the same stores are equal); a store 4 bytes away is passed over.
  lift::SymbolicValue before, after;
  REQUIRE(machine.evaluate("p0_u32[0]", before));
  REQUIRE(machine.execute("p1_u32[0] = v"));
  REQUIRE(machine.evaluate("p0_u32[0]", after));
  CHECK(lift::SymbolicMachine::text_of(before) != lift::SymbolicMachine::text_of(after));
  CHECK(same("p1_u32[0]", "v"));
  REQUIRE(machine.execute("p0_u32[1] = w"));
  CHECK(same("p0_u32[2]", "grid.load_global(p0 + 8, 4)"));
  CHECK(same("p0_u32[0]", "grid.load_global(p0, 4)"));
}
