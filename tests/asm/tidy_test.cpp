// Readability passes over lifted Python: removal of writes nothing reads, and expression
// rewrites (packed half-precision constants).
#include "simplify.h"
#include "unread_writes.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

TEST_CASE("writes nothing reads go, in chains, and empty ifs with them", "[lift][tidy]") {
  Lines body = {
      "    R1 = local_stack_top",          // read by nothing
      "    R2 = u32(R1 + 4)",              // R1's only reader, itself unread
      "    R3 = thread_idx_x",             // read below
      "    if P0:",                        //
      "        R4 = u32(R3 * 2)",          // unread: the if goes too
      "    R5 = grid.load_global(R3, 4)",  // unread, but a memory access stays
      "    grid.store_global(R3, R3, 4)",
  };
  lift::remove_unread_writes({&body}, {});
  CHECK(body == Lines{"    R3 = thread_idx_x", "    R5 = grid.load_global(R3, 4)",
                      "    grid.store_global(R3, R3, 4)"});
}

TEST_CASE("a read anywhere keeps every write, and an if with an else keeps pass", "[lift][tidy]") {
  Lines kernel = {
      "    R1 = 0",
      "    if P0:",
      "        R2 = 1",
      "    else:",
      "        R1 = u32(R1 + 1)",
      "    R7, R8 = split64(p0)",
  };
  Lines subroutine = {"        grid.store_global(R8, R1, 4)"};
  lift::remove_unread_writes({&kernel, &subroutine}, {});
  CHECK(kernel == Lines{"    R1 = 0", "    if P0:", "        pass",
                        "    else:", "        R1 = u32(R1 + 1)", "    R7, R8 = split64(p0)"});
  Lines kept = {"    exec = 1"};
  lift::remove_unread_writes({&kept}, {"exec"});
  CHECK(kept == Lines{"    exec = 1"});
}

TEST_CASE("a zero-input HFMA2 is the packed pair of its half immediates", "[lift][tidy]") {
  CHECK(lift::simplify_expression("hfma2_immediate(-0, 0, 0.0, 2.38418579e-07)") == "4");
  CHECK(lift::simplify_expression("hfma2_immediate(-0, 0, 0.0, 0.0)") == "0");
  CHECK(lift::simplify_expression("hfma2_immediate(0, R3, 1.0, -2.0)") == "0x3c00c000");
  // Non-zero register inputs compute something: left as the call.
  CHECK(lift::simplify_expression("hfma2_immediate(R2, R3, 1.0, 1.0)") ==
        "hfma2_immediate(R2, R3, 1.0, 1.0)");
  // Too large for a half: left for the runtime to refuse.
  CHECK(lift::simplify_expression("hfma2_immediate(-0, 0, 0.0, 70000.0)") ==
        "hfma2_immediate(-0, 0, 0.0, 70000.0)");
}

TEST_CASE("small literals lose a signed reading that does nothing", "[lift][tidy]") {
  CHECK(lift::simplify_expression("u32(-R4 + p4)") == "u32(p4 - R4)");
  CHECK(lift::simplify_expression("u32(-R4 + p4 + 1)") == "u32(-R4 + p4 + 1)");
  CHECK(lift::simplify_expression("(s32(R2) >= s32(1)) and s32(16) != s32(0x10)") ==
        "(s32(R2) >= 1) and 16 != s32(0x10)");
  CHECK(lift::simplify_expression("s32(4294967295) + s32(1234567890)") ==
        "s32(4294967295) + s32(1234567890)");
}

TEST_CASE("a flag overwritten before any read is dropped from its assignment", "[lift][tidy]") {
  Lines body = {
      "    s1, scc = u32(s1 + 4), int(s32(s1) + 4 != s32(u32(s1 + 4)))",  // scc replaced below
      "    if exec:",
      "        v1 = u32(s1 + v0)",
      "    s2, scc = u32(s2 + 1), int(u32(s2) == 7)",  // scc read by the loop below: kept
      "    while True:",
      "        if not (scc == 0):",
      "            break",
      "        scc = int(u32(s1) == u32(s2))",
      "    grid.store_global(v1, s2, 4)",
  };
  lift::remove_unread_writes({&body}, {});
  CHECK(body[0] == "    s1 = u32(s1 + 4)");
  CHECK(body[3] == "    s2, scc = u32(s2 + 1), int(u32(s2) == 7)");
  // Leaving the block before the next write keeps it: the value may be read after the loop.
  Lines loop = {
      "    while True:", "        s3, scc = u32(s3 + 1), int(s3 == 0)",
      "        if P0:",  "            break",
      "        scc = 1", "    grid.store_global(s3, scc, 4)",
  };
  const Lines before = loop;
  lift::remove_unread_writes({&loop}, {});
  CHECK(loop == before);
}
