// nvcc's integer division and remainder folded back into one call (integer_division.h), and
// each reason an expansion stays as ptxas wrote it.
#include "integer_division.h"
#include "text_pattern.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

namespace {

// sm_80's int_divide at -O2: the signed quotient of val by p3 into t8.
Lines signed_quotient() {
  return {
      "    t = u32(abs(s32(p3)))",
      "    t2 = cvt_u32(f32(u32(bits(rcp(f32(bits(round_f32(s32(t), 'rp'))))) + 0xffffffe)))",
      "    t3 = u32((u32(t2) * u32(u32(u32(-t2) * t)) + pair(0, t2)) >> 32)",
      "    t4 = u32(u32(abs(s32(val))))",
      "    cond = (s32(lop3(val, p3, 0, 60)) >= 0)",
      "    t5 = u32((u32(t3) * u32(t4)) >> 32)",
      "    t6 = u32(t * u32(-t5) + t4)",
      "    if not (u32(t) > u32(t6)):",
      "        t6 = u32(t6 + -t)",
      "        t5 = u32(t5 + 1)",
      "    if (u32(t6) >= u32(t)):",
      "        t5 = u32(t5 + 1)",
      "    cond2 = (0 != s32(p3))",
      "    t8 = u32(t5)",
      "    if not cond:",
      "        t8 = u32(-t8)",
      "    if not cond2:",
      "        t8 = lop3(0, p3, 0, 51)",
      "    p1_u32[i] = t8",
  };
}

// sm_80's uint_divide at -O2: the unsigned remainder, the test on the divisor as a choice.
Lines unsigned_remainder() {
  return {
      "    t = lop3(0, p3, 0, 51)",
      "    t2 = cvt_u32(f32(u32(bits(rcp(f32(bits(round_f32(u32(p3), 'rp'))))) + 0xffffffe)))",
      "    t3 = u32((u32(t2) * u32(u32(u32(-t2) * p3)) + pair(0, t2)) >> 32)",
      "    cond = (0 != u32(p3))",
      "    t6 = u32(u32(-u32((u32(t3) * u32(val)) >> 32)) * p3 + val)",
      "    if (u32(t6) >= u32(p3)):",
      "        t6 = u32(t6 + -p3)",
      "    if (u32(t6) >= u32(p3)):",
      "        t6 = u32(t6 + -p3)",
      "    p2_u32[i] = (t if (not cond) else t6)",
  };
}

// `lines` with line `at` replaced by `with`, the lines from `at` to `end` removed.
Lines replaced(Lines lines, size_t at, size_t end, const std::string& with) {
  lines.erase(lines.begin() + at + 1, lines.begin() + end);
  lines[at] = with;
  return lines;
}

}  // namespace

TEST_CASE("a signed quotient's divisor test becomes sdiv", "[lift][integer_division]") {
  Lines body = signed_quotient();
  REQUIRE(lift::fold_integer_divisions(body) == 1);
  CHECK(body == replaced(signed_quotient(), 16, 18, "    t8 = sdiv(val, p3)"));
}

TEST_CASE("an unsigned remainder chosen on its divisor becomes urem", "[lift][integer_division]") {
  Lines body = unsigned_remainder();
  REQUIRE(lift::fold_integer_divisions(body) == 1);
  CHECK(body.back() == "    p2_u32[i] = urem(val, p3)");
  CHECK(body.size() == unsigned_remainder().size());
}

TEST_CASE("a signed remainder takes the numerator's sign", "[lift][integer_division]") {
  Lines body = {
      "    t = u32(abs(s32(p2)))",
      "    t2 = cvt_u32(f32(u32(bits(rcp(f32(bits(round_f32(s32(t), 'rp'))))) + 0xffffffe)))",
      "    t3 = u32(abs(s32(val)))",
      "    cond = (s32(val) >= 0)",
      "    t4 = u32((u32(u32((u32(t2) * u32(u32(u32(-t2) * t)) + pair(0, t2)) >> 32)) * u32(t3)) >> 32)",
      "    t5 = u32(t * u32(-t4) + t3)",
      "    if not (u32(t) > u32(t5)):",
      "        t5 = u32(t5 + -t)",
      "    cond2 = (0 != s32(p2))",
      "    if not (u32(t) > u32(t5)):",
      "        t5 = u32(t5 + -t)",
      "    if not cond:",
      "        t5 = u32(-t5)",
      "    if not cond2:",
      "        t5 = lop3(0, p2, 0, 51)",
  };
  const Lines before = body;
  REQUIRE(lift::fold_integer_divisions(body) == 1);
  CHECK(body == replaced(before, 13, 15, "    t5 = srem(val, p2)"));
}

TEST_CASE("an expansion that is not complete stays", "[lift][integer_division]") {
  SECTION("one correction only") {
    Lines body = signed_quotient();
    body.erase(body.begin() + 10, body.begin() + 12);
    CHECK(lift::fold_integer_divisions(body) == 0);
  }
  SECTION("the sign not set") {
    Lines body = signed_quotient();
    body.erase(body.begin() + 14, body.begin() + 16);
    CHECK(lift::fold_integer_divisions(body) == 0);
  }
  SECTION("a quotient incremented on a remainder one correction behind") {
    Lines body = signed_quotient();
    body.erase(body.begin() + 8);  // the first correction leaves the remainder as it was
    CHECK(lift::fold_integer_divisions(body) == 0);
  }
  SECTION("the zero test on another name") {
    Lines body = signed_quotient();
    body[12] = "    cond2 = (0 != s32(p4))";
    CHECK(lift::fold_integer_divisions(body) == 0);
  }
}

TEST_CASE("a numerator or divisor written during the expansion stops it",
          "[lift][integer_division]") {
  SECTION("the numerator") {
    Lines body = signed_quotient();
    body.insert(body.begin() + 13, "    val = p0_u32[i]");
    CHECK(lift::fold_integer_divisions(body) == 0);
  }
  SECTION("the divisor, in a nested block") {
    Lines body = unsigned_remainder();
    body.insert(body.begin() + 5, {"    if cond:", "        p3 = u32(p3 + 1)"});
    CHECK(lift::fold_integer_divisions(body) == 0);
  }
  SECTION("a subroutine call") {
    Lines body = unsigned_remainder();
    body.insert(body.begin() + 5, "    subroutine_1()");
    CHECK(lift::fold_integer_divisions(body) == 0);
  }
  SECTION("a loop that writes the remainder") {
    Lines body = unsigned_remainder();
    body.insert(body.begin() + 5, {"    while True:", "        t6 = u32(t6 + 1)", "        break"});
    CHECK(lift::fold_integer_divisions(body) == 0);
  }
}

TEST_CASE("a correction with an else branch stays", "[lift][integer_division]") {
  Lines body = unsigned_remainder();
  body.insert(body.begin() + 9, {"    else:", "        t6 = u32(t6 + 0)"});
  CHECK(lift::fold_integer_divisions(body) == 0);
}

TEST_CASE("an expansion inside a loop body folds there", "[lift][integer_division]") {
  Lines body = {"    for k in range(0, 4):"};
  for (const auto& line : unsigned_remainder()) body.push_back("    " + line);
  REQUIRE(lift::fold_integer_divisions(body) == 1);
  CHECK(body.back() == "        p2_u32[i] = urem(val, p3)");
}

TEST_CASE("text patterns bind names and balanced expressions", "[lift][text_pattern]") {
  lift::Bindings bound;
  REQUIRE(lift::matches("u32((u32(t3) * u32(f(a, b))) >> 32)", "u32((u32(@X) * u32(@Y)) >> 32)",
                        bound));
  CHECK(bound.at('X') == "t3");
  CHECK(bound.at('Y') == "f(a, b)");
  bound.clear();
  CHECK_FALSE(lift::matches("u32(t6 + -t)", "u32($T + -$T)", bound));
  bound = {{'T', "p3"}};
  CHECK_FALSE(lift::matches("p30", "$T", bound));
  CHECK(lift::matches("(t if (not c) else u)", "(@X if @C else @Y)", bound));
  CHECK(bound.at('C') == "(not c)");
}
