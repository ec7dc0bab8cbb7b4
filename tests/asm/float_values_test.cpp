// Float32 values kept as floats (float_values.h): what becomes a float, and each reason a
// value stays a bit pattern.
#include "float_values.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

TEST_CASE("values, views and parameters read only as floats become floats", "[lift][floats]") {
  Lines prologue = {"    p0_u32 = Buffer(grid, p0, 4)", "    p1_u32 = Buffer(grid, p1, 4)"};
  Lines body = {
      "    acc = 0",
      "    for k in range(s32(p3)):",
      "        val = p0_u32[s32(k)]",
      "        acc = bits(f32(val) * f32(p2) + f32(acc))",
      "    x = bits(f32(bits(f32(acc) * f32(acc))) + f32(grid.constant(3, 0)))  # note",
      "    p1_u32[0] = bits(f32(x) + f32(p0_u32[1]))",
      "    p1_u32[1] = acc",
      "    grid.store_shared(4, x, 4)",
      "    grid.store_shared(8, grid.warp('add', f32(x)), 4)",  // a word in quotes is no name
  };
  CHECK(lift::keep_float_values(prologue, body, {"p2", "p3"}, {}) == 6);
  CHECK(prologue == Lines{"    p0_f32 = FloatBuffer(grid, p0)",
                          "    p1_f32 = FloatBuffer(grid, p1)", "    p2_f32 = f32(p2)"});
  CHECK(body == Lines{
                    "    acc = 0.0",
                    "    for k in range(s32(p3)):",
                    "        val = p0_f32[s32(k)]",
                    "        acc = fround(val * p2_f32 + acc)",
                    "    x = fround(fround(acc * acc) + f32(grid.constant(3, 0)))  # note",
                    "    p1_f32[0] = x + p0_f32[1]",
                    "    p1_f32[1] = acc",
                    "    grid.store_shared(4, bits(x), 4)",
                    "    grid.store_shared(8, grid.warp('add', x), 4)",
                });
}

TEST_CASE("a value read as a pattern anywhere stays a pattern", "[lift][floats]") {
  Lines prologue = {"    p0_u32 = Buffer(grid, p0, 4)", "    p1_u32 = Buffer(grid, p1, 4)",
                    "    p2_u32 = Buffer(grid, p2, 4)", "    p3_u16 = Buffer(grid, p3, 2)"};
  const Lines body = {
      "    a = bits(f32(p0_u32[0]) + 1.0)",
      "    p1_u32[0] = a",  // a stored and read as an integer
      "    p1_u32[1] = u32(a + 1)",
      "    f = p2_u32[5]",  // f stored whole, but not written by bits()
      "    p1_u32[2] = bits(f32(f) * 2.0)",
      "    p1_u32[3] = f",
      "    b = bits(f32(p0_u32[1]) * 2.0)",
      "    grid.store_global(u32(b + 4), 0, 4)",  // b read as an integer
      "    c = bits(f32(s) + f32(p4))",           // c is read by a subroutine
      "    slow()",
      "    d = bits(f32(p3_u16[0]))",  // a 2-byte view stays
      "    for e in range(4):",        // a loop counter is no plain write
      "        p2_u32[e] = bits(f32(e))",
      "    p2_u32[4] = u32(p4)",              // p2 stored as an integer
      "    grid.note(\"f32(d)\", f32(d))",    // a line with a string
      "    e = cvt_f32(bits(f32(d) + 1.0))",  // not the prelude's f32
  };
  Lines changed = body;
  CHECK(lift::keep_float_values(prologue, changed, {"p4"}, {"c", "s", "slow"}) == 1);
  Lines expected = body;
  expected[0] = "    a = bits(p0_f32[0] + 1.0)";
  expected[6] = "    b = bits(p0_f32[1] * 2.0)";
  CHECK(changed == expected);
  CHECK(prologue[0] == "    p0_f32 = FloatBuffer(grid, p0)");
  CHECK(prologue.size() == 4);  // p4 is read as an integer too: no float binding
}

TEST_CASE("only a whole round trip becomes fround", "[lift][floats]") {
  Lines prologue;
  Lines body = {"    y = u32(f32(bits(a) + 1) + f32(bits(b)))", "    z = f32(bits(c)) < 0"};
  CHECK(lift::keep_float_values(prologue, body, {}, {}) == 0);
  CHECK(body == Lines{"    y = u32(f32(bits(a) + 1) + fround(b))", "    z = fround(c) < 0"});
}

TEST_CASE("f32 of an integer literal is the float it is, but for a NaN", "[lift][floats]") {
  Lines prologue;
  Lines body = {
      "    w = f32(0xbf800000) * f32(u32(-0x800001)) + f32(0x7fc00001) - f32(0xbf800000)",
      "    v = f32(0x3f800000) ** 2 + f32(0xbf800000) ** 2 + f32(12) + f32(0x7f800000) + u32(w)",
  };
  CHECK(lift::keep_float_values(prologue, body, {}, {}) == 0);
  CHECK(body ==
        Lines{"    w = -1.0 * -3.4028234663852886e+38 + f32(0x7fc00001) - (-1.0)",
              "    v = 1.0 ** 2 + (-1.0) ** 2 + 1.6815581571897805e-44 + math.inf + u32(w)"});
}
