// CUDA's float division folded back into one division (float_division.h), and each reason a
// division stays as ptxas wrote it.
#include "float_division.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

namespace {

// A slow path in sm_80's convention: the operands in R13 and R0, the result in R11.
const Lines kSlowPath = {
    "        nonlocal P0, R9, R11, R12",
    "        R12 = u32(pair(0, R0) >> 23 >> 32)",
    "        R9 = u32(pair(0, R13) >> 23 >> 32)",
    "        P0 = (u32(R12) > 253)",
    "        if not P0:",
    "            R11 = bits(f32(R13) * f32(bits(rcp(f32(R0)))))",
    "        R13 = 0",
    "        return",
};

// sm_80's softmax: `y[i] = x[i] / total` with the quotient in R9, the slow path's in R11.
Lines division(const std::string& after) {
  return {
      "    R13 = p0_u32[i]",
      "    R9 = bits(rcp(f32(R0)))",
      "    R8 = bits(f32(R9) * -f32(R0) + 1.0)",
      "    R8 = bits(f32(R9) * f32(R8) + f32(R9))",
      "    P0 = fchk(f32(R13), f32(R0))",
      "    R9 = bits(f32(R13) * f32(R8))",
      "    R11 = bits(f32(R9) * -f32(R0) + f32(R13))",
      "    R9 = bits(f32(R8) * f32(R11) + f32(R9))",
      "    if P0:",
      "        R2 = 0x560",
      std::string("        ") + lift::kDivisionSlowPath + "()",
      "        R9 = u32(R11)",
      "    p1_u32[i] = R9",
      after,
      "    return",
  };
}

}  // namespace

TEST_CASE("the slow path's block becomes one division", "[lift][division]") {
  Lines body = division("    R11 = 0");
  CHECK(lift::fold_float_divisions(body, lift::kDivisionSlowPath, kSlowPath) == 1);
  Lines expected = division("    R11 = 0");
  expected.erase(expected.begin() + 8, expected.begin() + 12);
  expected.insert(expected.begin() + 8, "    R9 = bits(fdiv(f32(R13), f32(R0)))");
  CHECK(body == expected);
  CHECK(lift::count_calls(body, lift::kDivisionSlowPath) == 0);
}

TEST_CASE("without a copy the fast path's register is the slow path's result", "[lift][division]") {
  Lines body = division("    return");
  body[5] = "    R11 = bits(f32(R13) * f32(R8))";
  body[6] = "    R9 = bits(f32(R11) * -f32(R0) + f32(R13))";
  body[7] = "    R11 = bits(f32(R8) * f32(R9) + f32(R11))";
  body.erase(body.begin() + 11);  // the copy
  body[11] = "    p1_u32[i] = R11";
  CHECK(lift::fold_float_divisions(body, lift::kDivisionSlowPath, kSlowPath) == 1);
  CHECK(body[8] == "    R11 = bits(fdiv(f32(R13), f32(R0)))");
}

// Whether `body` comes out as it went in.
bool stays(Lines body, const Lines& slow_path = kSlowPath) {
  const Lines before = body;
  return lift::fold_float_divisions(body, lift::kDivisionSlowPath, slow_path) == 0 &&
         body == before;
}

// The division with `line` put in at `at` (replacing the line there when `replace`).
Lines edited(size_t at, const std::string& line, bool replace) {
  Lines body = division("    R11 = 0");
  if (replace)
    body[at] = line;
  else
    body.insert(body.begin() + static_cast<long>(at), line);
  return body;
}

TEST_CASE("a division stays when folding it could change a result", "[lift][division]") {
  // A register the slow path writes, or the result it copies from, is read after the block.
  CHECK(stays(division("    p1_u32[0] = R12")));
  CHECK(stays(division("    p1_u32[0] = R11")));
  // An operand changes between the steps; a step is not the fast path's; the test is not
  // FCHK of the same operands.
  CHECK(stays(edited(5, "    R0 = u32(R0 + 1)", false)));
  CHECK(stays(edited(3, "    R8 = bits(f32(R9) * f32(R8) + f32(R8))", true)));
  CHECK(stays(edited(4, "    P0 = fchk(f32(R0), f32(R13))", true)));
  // A step lies in another block.
  Lines nested = edited(5, "    if P1:", false);
  nested.insert(nested.begin() + 6, "        R5 = 1");
  CHECK(stays(nested));
  // The block copies something other than an operand into the slow path's registers; the
  // callee is another function.
  CHECK(stays(edited(10, "        R13 = u32(R5)", false)));
  CHECK(stays(edited(10, "        subroutine_560()", true)));
  // The slow path reads a register that is not an operand.
  Lines slow_path = kSlowPath;
  slow_path[5] = "            R11 = bits(f32(R13) * f32(R8))";
  CHECK(stays(division("    R11 = 0"), slow_path));
}
