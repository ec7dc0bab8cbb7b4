// Re-rolling nvcc's -O2 chains (loop_reroll_chain.h): an x16 loop, an x8 block, the x4 main
// loop (written twice by structuring) and the remainder become one loop only when every piece
// computes what its number of the remainder's trips compute.
#include "loop_reroll.h"
#include "loop_reroll_lines.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

namespace {

using reroll_lines::kPrologue;

// `count` elements of the float sum over p0 from t in index order, then t stepped.
Lines sum_trip(int count, int step) {
  Lines lines;
  for (int e = 0; e < count; ++e)
    lines.push_back("acc = bits(f32(acc) + f32(p0_u32[s32(t) + " + std::to_string(e) + "]))");
  lines.push_back("t = u32(t + " + std::to_string(step) + ")");
  return lines;
}

// The pieces of the chain, each editable before the body is built; `other` empty: no second
// copy of the x4 loop under a branch of its own.
struct Pieces {
  Lines other = sum_trip(4, 4), x16 = sum_trip(16, 16), x8 = sum_trip(8, 8), x4 = sum_trip(4, 4);
  std::string x16_test = "if (s32(i) > 12):", x16_loop = "min(12, s32(i) - 1), -16";
  std::string x8_step = "i = u32(i + -8)", after = "    p1_u32[0] = acc";
};

void add(Lines& body, const std::string& pad, const Lines& lines) {
  for (const auto& line : lines) body.push_back(pad + line);
}

// The float sum over p0[0..p2) as nvcc's -O2 unrolls it, as the lifter structures it.
Lines chained_sum(const Pieces& p) {
  Lines body = reroll_lines::kSumSetUp;
  std::string pad(12, ' ');
  if (!p.other.empty()) {
    add(body, pad, {"if not (s32(i) > 0):", "    for i in range(s32(i), 0, -4):"});
    add(body, pad + "        ", p.other);
    body.push_back(pad + "else:");
    pad += "    ";
  }
  add(body, pad, {"f = plop3(True, True, True, 128)", p.x16_test,
                  "    f = plop3(True, True, True, 8)",
                  "    for i in range(s32(i), " + p.x16_loop + "):"});
  add(body, pad + "        ", p.x16);
  add(body, pad, {"    i = u32(i + -16)", "if (s32(i) > 4):", "    f = plop3(True, True, True, 8)",
                  "    " + p.x8_step});
  add(body, pad + "    ", p.x8);
  add(body, pad, {"if ((s32(i) != 0) or f):", "    for i in range(s32(i), 0, -4):"});
  add(body, pad + "        ", p.x4);
  add(body, "", reroll_lines::kSumRemainder);
  body.push_back(p.after);
  return body;
}

void refused(const Pieces& pieces) {
  Lines body = chained_sum(pieces);
  const Lines before = body;
  CHECK(lift::reroll_unrolled_loops(body, kPrologue) == 0);
  CHECK(body == before);
}

}  // namespace

TEST_CASE("nvcc's x16 loop, x8 block, x4 loops and remainder that add in index order become "
          "one loop",
          "[lift][reroll]") {
  Pieces pieces;
  SECTION("with structuring's second copy of the x4 loop") {}
  SECTION("without it") { pieces.other.clear(); }
  Lines body = chained_sum(pieces);
  CHECK(lift::reroll_unrolled_loops(body, kPrologue) == 1);
  CHECK(body == reroll_lines::rerolled_sum("x16 loop, x8 block, x4 main loop"));
}

TEST_CASE("a chain whose pieces differ from their trips of the remainder stays as it is",
          "[lift][reroll]") {
  Pieces pieces;
  SECTION("the x16 loop reads one element twice") {
    pieces.x16[6] = pieces.x16[5];
    refused(pieces);
  }
  SECTION("the x8 block adds in another order") {
    std::swap(pieces.x8[2], pieces.x8[3]);
    refused(pieces);
  }
  SECTION("the x16 loop runs with 12 elements left") {
    pieces.x16_test = "if (s32(i) > 8):";
    pieces.x16_loop = "min(8, s32(i) - 1), -16";
    refused(pieces);
  }
  SECTION("the x8 block steps the counter by 16") {
    pieces.x8_step = "i = u32(i + -16)";
    refused(pieces);
  }
  SECTION("structuring's other copy of the x4 loop steps by 3") {
    pieces.other.back() = "t = u32(t + 3)";
    refused(pieces);
  }
  SECTION("a value only the x8 block writes is read after the loops") {
    pieces.x8.push_back("x = acc");
    pieces.after = "    p1_u32[0] = x";
    refused(pieces);
  }
  SECTION("the flag read after the loops") {
    pieces.after = "    p1_u32[0] = f";
    refused(pieces);
  }
}
