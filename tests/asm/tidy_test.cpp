// Readability passes over lifted Python: removal of writes nothing reads, buffer indexing, and
// expression rewrites (packed half-precision constants).
#include "buffer_access.h"
#include "simplify.h"
#include "unread_writes.h"

#include <catch2/catch.hpp>

#include <algorithm>
#include <set>
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
  CHECK(lift::simplify_expression("s64(pair(k, s1)) < s64(2) and u64(R2) > u64(10)") ==
        "s64(pair(k, s1)) < 2 and u64(R2) > 10");
  CHECK(lift::simplify_expression("u64(18446744073709551615) + s64(x64(2))") ==
        "u64(18446744073709551615) + s64(x64(2))");
}

TEST_CASE("a comparison's 0 or 1 tested by `if` is the comparison", "[lift][tidy]") {
  CHECK(lift::simplify_expression("v3 = 1 if int(f16(v4) < f16(v2)) else 0") ==
        "v3 = 1 if f16(v4) < f16(v2) else 0");
  CHECK(lift::simplify_expression("if int(not (s32(v1) <= 3)):") == "if not (s32(v1) <= 3):");
  // Not a single comparison: int() may change what is tested, or the text goes on.
  CHECK(lift::simplify_expression("x = 1 if int(f32(v1)) else 0") ==
        "x = 1 if int(f32(v1)) else 0");
  CHECK(lift::simplify_expression("x = 1 if int(a < b or c) else 0") ==
        "x = 1 if int(a < b or c) else 0");
  CHECK(lift::simplify_expression("x = 1 if int(a < b) + 1 else 0") ==
        "x = 1 if int(a < b) + 1 else 0");
  CHECK(lift::simplify_expression("if int(a < b) == c:") == "if int(a < b) == c:");
  CHECK(lift::simplify_expression("x = 1 if int(a << 2) else 0") ==
        "x = 1 if int(a << 2) else 0");
}

TEST_CASE("the two words of one 64-bit name put back together are the name", "[lift][tidy]") {
  CHECK(lift::simplify_expression("grid.load_constant(pair(lo32(dispatch_ptr), "
                                  "hi32(dispatch_ptr)) + 4, 4)") ==
        "grid.load_constant(dispatch_ptr + 4, 4)");
  CHECK(lift::simplify_expression("pair(lo32(p0), hi32(p1))") == "pair(lo32(p0), hi32(p1))");
  CHECK(lift::simplify_expression("pair(hi32(p0), lo32(p0))") == "pair(hi32(p0), lo32(p0))");
  CHECK(lift::simplify_expression("xpair(lo32(p0), hi32(p0))") == "xpair(lo32(p0), hi32(p0))");
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

namespace {

// `body` after index_buffer_accesses as a kernel body with pointer parameters p0 and p1.
Lines indexed(Lines body, std::set<lift::BufferView>* views = nullptr) {
  std::set<lift::BufferView> used;
  int counter = 0;
  lift::index_buffer_accesses(body, {"p0", "p1"}, used, counter, true);
  if (views) *views = used;
  return body;
}

}  // namespace

TEST_CASE("an access at a parameter plus a scaled index becomes indexing", "[lift][tidy]") {
  std::set<lift::BufferView> views;
  CHECK(indexed({"    R7 = 4", "    R2, R3 = split64(u64(s32(R6) * s32(R7) + p0))",
                 "    R2 = grid.load_global(pair(R2, R3), 4)",
                 "    R4, R5 = split64(u64(u32(R6) * 4 + p1))",
                 "    grid.store_global(pair(R4, R5), R2, 4)", "    return"},
                &views) ==
        Lines{"    R7 = 4", "    R2 = p0_u32[s32(R6)]", "    p1_u32[u32(R6)] = R2", "    return"});
  CHECK(views.size() == 2);
  CHECK(views.begin()->name() == "p0_u32");
  // sm_90: through a register copy of the parameter.
  CHECK(
      indexed({"    R2, R3 = split64(p1)", "    R2, R3 = split64(u64(s32(R9) * 4 + pair(R2, R3)))",
               "    R9 = grid.load_global(pair(R2, R3), 4)"}) == Lines{"    R9 = p1_u32[s32(R9)]"});
}

TEST_CASE("an index register overwritten before the access is bound where the address is made",
          "[lift][tidy]") {
  CHECK(indexed({"    R2, R3 = split64(u64(s32(R2) * 8 + p0))", "    R4 = R3",
                 "    R6 = grid.load_global(pair(R2, R3), 8)"}) ==
        Lines{"    i0 = s32(R2)", "    R2, R3 = split64(u64(s32(R2) * 8 + p0))", "    R4 = R3",
              "    R6 = p0_u64[i0]"});
  CHECK(indexed({"    R2, R3 = split64(u64(s32(R6) * 4 + p0))", "    R6 = u32(R6 + 1)",
                 "    R8 = grid.load_global(pair(R2, R3), 4)", "    return"}) ==
        Lines{"    i0 = s32(R6)", "    R6 = u32(R6 + 1)", "    R8 = p0_u32[i0]", "    return"});
}

TEST_CASE("accesses the arithmetic does not prove stay calls on the address", "[lift][tidy]") {
  // The factor differs from the access size; the factor is not known; the base is no
  // pointer parameter; the pair changes before the access (also two blocks deep); a subroutine
  // call in between; the access is in a loop the address is computed outside of.
  const Lines kept[] = {
      {"    R2, R3 = split64(u64(s32(R6) * 4 + p0))", "    R8 = grid.load_global(pair(R2, R3), 8)"},
      {"    R2, R3 = split64(u64(s32(R6) * s32(R7) + p0))",
       "    R8 = grid.load_global(pair(R2, R3), 4)"},
      {"    R2, R3 = split64(u64(s32(R6) * 4 + p3))", "    R8 = grid.load_global(pair(R2, R3), 4)"},
      {"    R2, R3 = split64(u64(s32(R6) * 4 + p0))", "    R3 = u32(R3 + P1)",
       "    R8 = grid.load_global(pair(R2, R3), 4)"},
      {"    R2, R3 = split64(u64(s32(R6) * 4 + p0))", "    slow_path()",
       "    R8 = grid.load_global(pair(R2, R3), 4)"},
      {"    R2, R3 = split64(u64(s32(R6) * 4 + p0))",
       "    if P0:", "        while True:", "            R3 = u32(R3 + 1)", "            break",
       "    R8 = grid.load_global(pair(R2, R3), 4)"},
      {"    R2, R3 = split64(u64(s32(R6) * 4 + p0))",
       "    while True:", "        R8 = grid.load_global(pair(R2, R3), 4)",
       "        R2, R3 = split64(u64(4 + pair(R2, R3)))"},
  };
  for (const auto& body : kept) CHECK(indexed(body) == body);
}

TEST_CASE("an address computation something may still read stays", "[lift][tidy]") {
  // The rewritten access reads its index, here the low word of a parameter copy.
  CHECK(indexed({"    R2, R3 = split64(p0)", "    R4, R5 = split64(u64(s32(R2) * 4 + p1))",
                 "    R8 = grid.load_global(pair(R4, R5), 4)", "    return"}) ==
        Lines{"    R2, R3 = split64(p0)", "    R8 = p1_u32[s32(R2)]", "    return"});
  // R3 is read after the access, and in a loop the body's end goes back to its top.
  CHECK(indexed({"    R2, R3 = split64(u64(s32(R6) * 4 + p0))",
                 "    R8 = grid.load_global(pair(R2, R3), 4)", "    R9 = R3"}) ==
        Lines{"    R2, R3 = split64(u64(s32(R6) * 4 + p0))", "    R8 = p0_u32[s32(R6)]",
              "    R9 = R3"});
  CHECK(indexed({"    while True:", "        R9 = R3",
                 "        R2, R3 = split64(u64(s32(R6) * 4 + p0))",
                 "        R8 = grid.load_global(pair(R2, R3), 4)"}) ==
        Lines{"    while True:", "        R9 = R3",
              "        R2, R3 = split64(u64(s32(R6) * 4 + p0))", "        R8 = p0_u32[s32(R6)]"});
  // Out of the loop by a `break` where the pair is still live, to a read after the loop.
  CHECK(indexed({"    while True:", "        R2, R3 = split64(u64(s32(R6) * 4 + p0))",
                 "        R8 = grid.load_global(pair(R2, R3), 4)",
                 "        if R8:", "            break", "        R2 = 0", "    R9 = R3"}) ==
        Lines{"    while True:", "        R2, R3 = split64(u64(s32(R6) * 4 + p0))",
              "        R8 = p0_u32[s32(R6)]", "        if R8:", "            break",
              "        R2 = 0", "    R9 = R3"});
}

TEST_CASE("an address computation no path reads goes, in blocks and loops too", "[lift][tidy]") {
  // No line of the loop reads the pair, and what follows the loop overwrites it.
  CHECK(indexed({"    while True:", "        R2, R3 = split64(u64(s32(R6) * 4 + p0))",
                 "        R8 = grid.load_global(pair(R2, R3), 4)", "        if R8:",
                 "            break", "    R2, R3 = split64(p1)", "    R9 = R3"}) ==
        Lines{"    while True:", "        R8 = p0_u32[s32(R6)]",
              "        if R8:", "            break", "    R2, R3 = split64(p1)", "    R9 = R3"});
  // Out of an `if` body, past its `else`, to the end of the kernel.
  CHECK(indexed({"    if P0:", "        R2, R3 = split64(u64(s32(R6) * 4 + p0))",
                 "        R8 = grid.load_global(pair(R2, R3), 4)", "    else:", "        R9 = R3",
                 "    return"}) == Lines{"    if P0:", "        R8 = p0_u32[s32(R6)]",
                                         "    else:", "        R9 = R3", "    return"});
}

TEST_CASE("RDNA addresses made by a shift and an add with carry become indexing", "[lift][tidy]") {
  // The sign word, the scaled 64-bit offset, and the two adds onto the parameter's halves, in
  // one `if exec:` block and spread over two (the second runs only when the first did).
  const Lines chain = {"    s8 = lo32(p0)",
                       "    s9 = hi32(p0)",
                       "    if exec:",
                       "        v1 = u32(s32(v0) >> 31)",
                       "    s2 = u32(s2 + 1)",
                       "    if exec:",
                       "        v0, v1 = split64(u64(pair(v0, v1) << 2))",
                       "        v2, vcc = u32(s8 + v0), int(u32(s8) + u32(v0) > 0xFFFFFFFF)",
                       "        v3 = u32(s9 + v1 + vcc)",
                       "        v2 = grid.load_global(pair(v2, v3), 4)",
                       "    return"};
  CHECK(indexed(chain) == Lines{"    s8 = lo32(p0)", "    s9 = hi32(p0)",
                                "    if exec:", "    s2 = u32(s2 + 1)",
                                "    if exec:", "        v2 = p0_u32[s32(v0)]", "    return"});
  // A write of exec in between: the second block may run when the first did not.
  Lines exec_changed = chain;
  exec_changed[4] = "    exec = u32(exec & s2)";
  CHECK(indexed(exec_changed) == exec_changed);
  // The carry overwritten between the adds; the high word of another parameter.
  Lines carry_lost = chain;
  carry_lost.insert(carry_lost.begin() + 8, "        vcc = 0");
  CHECK(indexed(carry_lost) == carry_lost);
  Lines other_pointer = chain;
  other_pointer[1] = "    s9 = hi32(p1)";
  CHECK(indexed(other_pointer) == other_pointer);
  // The carry the high add writes is read after an `if exec:` block overwrote it only as
  // `u32(vcc) & exec` (0 when exec is 0, when the block did not run): the adds go. A read
  // outside such a form keeps them.
  const Lines masked = {
      "    s8 = lo32(p0)",
      "    s9 = hi32(p0)",
      "    if exec:",
      "        v1 = u32(s32(v0) >> 31)",
      "        v0, v1 = split64(u64(pair(v0, v1) << 2))",
      "        v2, vcc = u32(s8 + v0), int(u32(s8) + u32(v0) > 0xFFFFFFFF)",
      "        v3, vcc = u32(s9 + v1 + vcc), int(u32(s9) + u32(v1) + vcc > 0xFFFFFFFF)",
      "        v2 = grid.load_global(pair(v2, v3), 4)",
      "    if exec:",
      "        vcc = int(0.0 < f32(v2))",
      "    s13, exec = exec, u32(vcc) & exec",
      "    return"};
  CHECK(indexed(masked) == Lines{"    s8 = lo32(p0)", "    s9 = hi32(p0)",
                                 "    if exec:", "        v2 = p0_u32[s32(v0)]",
                                 "    if exec:", "        vcc = int(0.0 < f32(v2))",
                                 "    s13, exec = exec, u32(vcc) & exec", "    return"});
  Lines unmasked = masked;
  unmasked[10] = "    s13 = u32(vcc) | s13";
  const auto keeps_high_add = [&](const Lines& body) {
    const Lines out = indexed(body);
    return std::find(out.begin(), out.end(), masked[6]) != out.end() &&
           std::find(out.begin(), out.end(), "        v2 = p0_u32[i0]") != out.end();
  };
  CHECK(keeps_high_add(unmasked));
  Lines exec_written = masked;
  exec_written.insert(exec_written.begin() + 10, "    exec = u32(exec) | u32(s2)");
  CHECK(keeps_high_add(exec_written));
  // A high word of zero: the index is unsigned. A scalar base plus a constant vector offset.
  CHECK(
      indexed(
          {"    s8 = lo32(p1)", "    s9 = hi32(p1)", "    s1 = 0",
           "    (s0, s1), scc = split64(u64(pair(s6, s1) << 3)), int(u64(pair(s6, s1) << 3) != 0)",
           "    s0, scc = u32(s8 + s0), int(u32(s8) + u32(s0) > 0xFFFFFFFF)",
           "    s1, scc = u32(s9 + s1 + scc), int(u32(s9) + u32(s1) + scc > 0xFFFFFFFF)",
           "    v0 = 16", "    grid.store_global(v0 + pair(s0, s1), v1, 8)", "    return"}) ==
      Lines{"    s8 = lo32(p1)", "    s9 = hi32(p1)", "    s1 = 0", "    v0 = 16",
            "    p1_u64[u32(s6) + 2] = v1", "    return"});
}

TEST_CASE("conditionals on a constant keep the arm taken", "[lift][tidy]") {
  // IMNMX R4, R12, R11, !PT: the selector is the constant false, so the maximum
  CHECK(lift::simplify_expression("u32(min(s32(R12), s32(R11)) if (not True) else "
                                  "max(s32(R12), s32(R11)))") == "u32(max(s32(R12), s32(R11)))");
  CHECK(lift::simplify_expression("R1 if True else R2") == "R1");
  // an arm that is part of a larger expression is left alone
  CHECK(lift::simplify_expression("R3 + R1 if False else R2") == "R3 + R1 if False else R2");
  CHECK(lift::simplify_expression("R1 if False else R2 * 2") == "R1 if False else R2 * 2");
}
