// Exec tests that always pass removed (unmasked_blocks.h), and each reason one stays.
#include "unmasked_blocks.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

TEST_CASE("vector code where the mask is known set runs unconditionally", "[lift][exec]") {
  Lines body = {
      "    if exec:",
      "        v1 = u32(v0 << 2)",
      "    s2 = u32(s0 + 4)",
      "    if exec:",
      "        v2 = u32(v1 + s2)",
      "    exec = exec & int(s32(p3) > s32(v2))",
      "    if exec:",
      "        v4 = v2",
      "    if not (exec == 0):",
      "        if exec:",
      "            v3 = v2",
      "        while True:",
      "            if exec:",
      "                v3 = u32(v3 + 1)",
      "            exec = u32(exec & ~u32(s5))",
      "            if not (exec != 0):",
      "                break",
      "    exec = 1",
      "    if exec:",
      "        v5 = v4",
      "    return",
  };
  CHECK(lift::remove_unmasked_exec_tests(body, true) == 5);
  CHECK(body == Lines{
                    "    v1 = u32(v0 << 2)",
                    "    s2 = u32(s0 + 4)",
                    "    v2 = u32(v1 + s2)",
                    "    exec = exec & int(s32(p3) > s32(v2))",
                    "    if exec:",
                    "        v4 = v2",
                    "    if not (exec == 0):",
                    "        v3 = v2",
                    "        while True:",
                    "            v3 = u32(v3 + 1)",
                    "            exec = u32(exec & ~u32(s5))",
                    "            if not (exec != 0):",
                    "                break",
                    "    exec = 1",
                    "    v5 = v4",
                    "    return",
                });
}

TEST_CASE("an exec test stays where a path may have changed the mask", "[lift][exec]") {
  SECTION("the prologue did not set it") {
    Lines body = {"    if exec:", "        v1 = v0", "    return"};
    CHECK(lift::remove_unmasked_exec_tests(body, false) == 0);
  }
  SECTION("a branch wrote it") {
    Lines body = {"    if P0:", "        exec = u32(s4)", "    if exec:", "        v1 = v0",
                  "    return"};
    CHECK(lift::remove_unmasked_exec_tests(body, true) == 0);
  }
  SECTION("a loop writes it after the test, so the next trip starts masked") {
    Lines body = {"    while True:",     "        if exec:",
                  "            v1 = v0", "        exec = u32(exec & ~u32(s5))",
                  "        if not P0:",  "            break",
                  "    return"};
    CHECK(lift::remove_unmasked_exec_tests(body, true) == 0);
  }
  SECTION("a subroutine call may write it") {
    Lines body = {"    subroutine_100()", "    if exec:", "        v1 = v0", "    return"};
    CHECK(lift::remove_unmasked_exec_tests(body, true) == 0);
  }
  SECTION("the test has an else") {
    Lines body = {"    if exec:", "        v1 = v0", "    else:", "        v1 = 1", "    return"};
    CHECK(lift::remove_unmasked_exec_tests(body, true) == 0);
  }
}
