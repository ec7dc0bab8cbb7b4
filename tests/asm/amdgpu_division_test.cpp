// LLVM's AMDGPU integer division and remainder folded back into one call
// (integer_division.h, amdgpu_division.cpp), and each near-copy that stays as it is.
#include "integer_division.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

namespace {

// gfx1030's uint_divide at -O2: the quotient and remainder of val and val2 by p3.
Lines unsigned_pair() {
  return {
      "    t2 = cvt_u32(f32(bits(4294966784.0 * f32(bits(rcp(f32(bits(float(u32(p3))))))))))",
      "    val = p0_u32[s32(lo)]",
      "    t3 = u32(t2 + u32((u32(t2) * u32(u32(u32(0 - p3) * t2))) >> 32))",
      "    t4 = u32((u32(val) * u32(t3)) >> 32)",
      "    t5 = u32(val - u32(t4 * p3))",
      "    cond3 = int(u32(p3) <= u32(t5))",
      "    t6 = u32(1 + t4) if cond3 else t4",
      "    p1_u32[s32(lo)] = (u32(1 + t6) if u32(p3) <= u32((u32(t5 - p3) if cond3 else t5)) else "
      "t6)",
      "    val2 = p0_u32[s32(lo)]",
      "    t7 = u32(val2 - u32(u32((u32(val2) * u32(t3)) >> 32) * p3))",
      "    t8 = u32(t7 - p3) if u32(p3) <= u32(t7) else t7",
      "    p2_u32[s32(lo)] = (u32(t8 - p3) if u32(p3) <= u32(t8) else t8)",
  };
}

// gfx1100's int_divide at -O2: |p3| and its reciprocal computed under one `if exec:`, the
// signed quotient and remainder of val under the next.
Lines signed_pair() {
  return {
      "    t3 = u32(s32(p3) >> 31)",
      "    t4 = u32(p3 + t3)",
      "    t5, cond2 = u32(t4) ^ u32(t3), int(u32(t4) ^ u32(t3) != 0)",
      "    if exec:",
      "        v5 = bits(rcp(f32(bits(float(u32(t5))))))",
      "    t6 = u32(0 - t5)",
      "    if exec:",
      "        val = p0_u32[i0]",
      "        t7 = u32(s32(val) >> 31)",
      "        t8 = cvt_u32(f32(bits(4294966784.0 * f32(v5))))",
      "        t9 = u32(u32(val + t7)) ^ u32(t7)",
      "        t10 = u32(t3) ^ u32(t7)",
      "        t11 = u32(t8 + u32((u32(t8) * u32(u32(t6 * t8))) >> 32))",
      "        t12 = u32((u32(t9) * u32(t11)) >> 32)",
      "        t13 = u32(t9 - u32(t12 * t5))",
      "        cond3 = int(u32(t5) <= u32(t13))",
      "        t14 = u32(1 + t12) if cond3 else t12",
      "        cond4 = int(u32(t5) <= u32((u32(t13 - t5) if cond3 else t13)))",
      "        p1_u32[i0] = u32((u32((u32(1 + t14) if cond4 else t14)) ^ u32(t10)) - t10)",
      "        t17 = u32(t9 - u32(u32((u32(t9) * u32(t11)) >> 32) * t5))",
      "        t18 = u32(t17 - t5) if u32(t5) <= u32(t17) else t17",
      "        p2_u32[i0] = u32((u32((u32(t18 - t5) if u32(t5) <= u32(t18) else t18)) ^ u32(t7)) - "
      "t7)",
  };
}

// How many fold once `at` is `line`.
int folds_with(Lines body, size_t at, const std::string& line) {
  body[at] = line;
  return lift::fold_integer_divisions(body);
}

}  // namespace

TEST_CASE("LLVM's unsigned quotient and remainder become udiv_amdgpu and urem_amdgpu",
          "[lift][amdgpu_division]") {
  Lines body = unsigned_pair();
  REQUIRE(lift::fold_integer_divisions(body) == 2);
  Lines expected = unsigned_pair();
  expected[7] = "    p1_u32[s32(lo)] = udiv_amdgpu(val, p3)";
  expected[11] = "    p2_u32[s32(lo)] = urem_amdgpu(val2, p3)";
  CHECK(body == expected);
}

TEST_CASE("LLVM's signed division folds across `if exec:` blocks", "[lift][amdgpu_division]") {
  Lines body = signed_pair();
  REQUIRE(lift::fold_integer_divisions(body) == 2);
  CHECK(body[18] == "        p1_u32[i0] = sdiv_amdgpu(val, p3)");
  CHECK(body[21] == "        p2_u32[i0] = srem_amdgpu(val, p3)");
}

TEST_CASE("a finished remainder inside an index becomes the call there",
          "[lift][amdgpu_division]") {
  Lines body = signed_pair();
  body[21] =
      "        x = f32(p1_u32[s32(u32((u32((u32(t18 - t5) if u32(t5) <= u32(t18) else t18)) ^ "
      "u32(t7)) - t7))])";
  REQUIRE(lift::fold_integer_divisions(body) == 2);
  CHECK(body[21] == "        x = f32(p1_u32[s32(srem_amdgpu(val, p3))])");
}

TEST_CASE("a near-copy of LLVM's expansion stays", "[lift][amdgpu_division]") {
  const Lines u = unsigned_pair();
  SECTION("another scale than 0x4f7ffffe") {
    CHECK(folds_with(u, 0,
                     "    t2 = cvt_u32(f32(bits(4294967296.0 * f32(bits(rcp(f32(bits(float("
                     "u32(p3))))))))))") == 0);
  }
  SECTION("a Newton step that adds 1, not the product's high word") {
    CHECK(folds_with(u, 2, "    t3 = u32(t2 + 1)") == 0);
  }
  SECTION("a Newton step on another divisor") {
    CHECK(folds_with(u, 2,
                     "    t3 = u32(t2 + u32((u32(t2) * u32(u32(u32(0 - p4) * t2))) >> 32))") == 0);
  }
  SECTION("one correction only") {
    CHECK(folds_with(u, 7, "    p1_u32[s32(lo)] = t6") == 1);
  }
  SECTION("a second correction tested on the first remainder") {
    CHECK(folds_with(u, 7, "    p1_u32[s32(lo)] = (u32(1 + t6) if u32(p3) <= u32(t5) else t6)") ==
          1);
  }
  SECTION("a correction that adds 2") {
    CHECK(folds_with(u, 6, "    t6 = u32(2 + t4) if cond3 else t4") == 1);
  }
  SECTION("a correction that subtracts another value") {
    CHECK(folds_with(u, 10, "    t8 = u32(t7 - p4) if u32(p3) <= u32(t7) else t7") == 1);
  }
  SECTION("the divisor written during the expansion") {
    Lines body = u;
    body.insert(body.begin() + 3, "    p3 = u32(p3 + 1)");
    CHECK(lift::fold_integer_divisions(body) == 0);
  }
}

TEST_CASE("a near-copy of LLVM's signed expansion stays", "[lift][amdgpu_division]") {
  const Lines s = signed_pair();
  SECTION("the quotient's sign from the numerator alone") {
    CHECK(folds_with(s, 18,
                     "        p1_u32[i0] = u32((u32((u32(1 + t14) if cond4 else t14)) ^ "
                     "u32(t7)) - t7)") == 1);
  }
  SECTION("the remainder's sign from the divisor") {
    CHECK(folds_with(s, 21,
                     "        p2_u32[i0] = u32((u32((u32(t18 - t5) if u32(t5) <= u32(t18) "
                     "else t18)) ^ u32(t3)) - t3)") == 1);
  }
  SECTION("no sign set") {
    CHECK(folds_with(s, 18, "        p1_u32[i0] = (u32(1 + t14) if cond4 else t14)") == 1);
  }
  SECTION("the reciprocal computed under another condition") {
    CHECK(folds_with(s, 3, "    if cond2:") == 0);
  }
  SECTION("exec written between the blocks") {
    Lines body = s;
    body.insert(body.begin() + 5, "    exec = u32(exec & cond2)");
    CHECK(lift::fold_integer_divisions(body) == 0);
  }
  SECTION("a subroutine called between the blocks") {
    Lines body = s;
    body.insert(body.begin() + 5, "    subroutine_1()");
    CHECK(lift::fold_integer_divisions(body) == 0);
  }
}
