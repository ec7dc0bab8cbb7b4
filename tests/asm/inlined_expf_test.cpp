// nvcc's inlined expf folded back into the prelude's `expf` (inlined_expf.h), and each reason
// an expansion stays as ptxas wrote it.
#include "inlined_expf.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

namespace {

// sm_80's softmax_row at -O2, inside the x4 loop: the constants in t26 and t27.
Lines expansion() {
  return {
      "    t26 = u32(0x3bbb989d)",
      "    t27 = u32(0x437c0000)",
      "    x15 = bits(f32(val) + -f32(t5))",
      "    x16 = bits(fma_rounded(f32(bits(sat(f32(x15) * f32(t26) + 0.5))), f32(t27), 12582913.0, 'rm'))",
      "    x17 = bits(f32(x15) * 1.4426950216293335 + -f32(bits(f32(x16) + -12583039.0)))",
      "    t28 = u32(t21)",
      "    x18 = bits(exp2(f32(bits(f32(x15) * 1.925963033500011e-08 + f32(x17)))))",
      "    x19 = bits(f32(u32(x16 * 0x800000)) * f32(x18))",
  };
}

}  // namespace

TEST_CASE("an inlined expf becomes one call", "[lift][inlined_expf]") {
  Lines body = expansion();
  REQUIRE(lift::fold_inlined_expf(body) == 1);
  Lines expected = expansion();
  expected.back() = "    x19 = bits(expf(f32(x15)))";
  CHECK(body == expected);
}

TEST_CASE("the saturated scaling on a line of its own, the constants spelled",
          "[lift][inlined_expf]") {
  Lines body = {
      "    x4 = bits(sat(f32(x3) * f32(0x3bbb989d) + 0.5))",
      "    x5 = bits(fma_rounded(f32(x4), f32(u32(0x437c0000)), 12582913.0, 'rm'))",
      "    x6 = bits(f32(x3) * 1.4426950216293335 + -f32(bits(f32(x5) + -12583039.0)))",
      "    x7 = bits(exp2(f32(bits(f32(x3) * 1.925963033500011e-08 + f32(x6)))))",
      "    x8 = bits(f32(u32(x5 * 0x800000)) * f32(x7))",
  };
  REQUIRE(lift::fold_inlined_expf(body) == 1);
  CHECK(body.back() == "    x8 = bits(expf(f32(x3)))");
}

TEST_CASE("an expansion that is not nvcc's expf stays", "[lift][inlined_expf]") {
  SECTION("another scale") {
    Lines body = expansion();
    body[0] = "    t26 = u32(0x3bbb989e)";
    CHECK(lift::fold_inlined_expf(body) == 0);
  }
  SECTION("the argument written between the steps") {
    Lines body = expansion();
    body.insert(body.begin() + 5, "    x15 = u32(0)");
    CHECK(lift::fold_inlined_expf(body) == 0);
  }
  SECTION("a step in another block") {
    Lines body = expansion();
    body.insert(body.begin() + 6, "    if cond:");
    body.insert(body.begin() + 7, "        t28 = 0");
    CHECK(lift::fold_inlined_expf(body) == 0);
  }
  SECTION("the reduced argument from another value") {
    Lines body = expansion();
    body[6] = "    x18 = bits(exp2(f32(bits(f32(x14) * 1.925963033500011e-08 + f32(x17)))))";
    CHECK(lift::fold_inlined_expf(body) == 0);
  }
}
