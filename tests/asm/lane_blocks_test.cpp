// RDNA divergent loops and ifs: the exit on the mask of lanes done becomes the lane's own test
// (lane_loops.h), a save, block and restore become an `if` on the test (lane_ifs.h), and the
// near-copies where that would change a result stay.
#include "lane_facts.h"
#include "lane_ifs.h"
#include "lane_loops.h"
#include "unmasked_blocks.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

namespace {

// saxpy's grid-stride loop on gfx1030, as the lifter writes it before naming values.
Lines saxpy_loop() {
  return {"    exec = exec & int(s32(s11) > s32(v0))",
          "    if not (exec == 0):",
          "        s5 = 0",
          "        while True:",
          "            i0 = s32(v0)",
          "            v0 = u32(s4 + v0)",
          "            vcc = int(s32(s11) <= s32(v0))",
          "            s5, scc = u32(vcc) | u32(s5), int(u32(vcc) | u32(s5) != 0)",
          "            p1_u32[i0] = v4",
          "            exec, scc = u32(exec & ~u32(s5)), int(u32(exec & ~u32(s5)) != 0)",
          "            if not (exec != 0):",
          "                break",
          "    return"};
}

// The loop with line `index` replaced by `line`.
Lines changed(size_t index, const std::string& line) {
  Lines body = saxpy_loop();
  body[index] = line;
  return body;
}

// Each of `kept` (a line may hold several, split at newlines) is left as it is by `pass`.
void check_kept(const std::vector<Lines>& kept, int (*pass)(Lines&, bool)) {
  for (const Lines& original : kept) {
    Lines body;
    for (const auto& line : original) {
      for (size_t start = 0, end = 0; end != std::string::npos; start = end + 1) {
        end = line.find('\n', start);
        body.push_back(line.substr(start, end - start));
      }
    }
    const Lines before = body;
    CHECK(pass(body, true) == 0);
    CHECK(body == before);
  }
}

}  // namespace

TEST_CASE("a divergent loop exits on the lane's test", "[lift][lane-loops]") {
  Lines body = saxpy_loop();
  CHECK(lift::write_lane_loop_exits(body, true) == 1);
  CHECK(body == Lines{"    exec = exec & int(s32(s11) > s32(v0))", "    if not (exec == 0):",
                      "        s5 = 0", "        while True:", "            i0 = s32(v0)",
                      "            v0 = u32(s4 + v0)", "            vcc = int(s32(s11) <= s32(v0))",
                      "            s5 = vcc", "            p1_u32[i0] = v4",
                      "            if s5:", "                break", "    return"});
}

TEST_CASE("a read of exec or of the mask's flag after the loop keeps their values",
          "[lift][lane-loops]") {
  Lines body = saxpy_loop();
  body.back() = "    exec = u32(exec | s0)";
  body.insert(body.begin() + 8, "            v5 = scc");
  CHECK(lift::write_lane_loop_exits(body, true) == 1);
  CHECK(body[7] == "            s5, scc = vcc, int(vcc != 0)");
  CHECK(Lines(body.begin() + 10, body.end()) ==
        Lines{"            if s5:", "                exec = 0", "                break",
              "    exec = u32(exec | s0)"});
}

TEST_CASE("near-copies of a divergent loop keep their mask", "[lift][lane-loops]") {
  const std::vector<Lines> kept = {
      // the mask does not start at 0, or is set before the lane's block
      changed(2, "        s5 = 1"),
      changed(2, "        s6 = 0"),
      // a test that may be other than 0 or 1, or written again before the mask reads it
      changed(6, "            vcc = int(v3)"),
      changed(6, "            vcc = int(s32(s11) <= s32(v0))\n            vcc = u32(vcc << 1)"),
      // the mask written twice, or not at the loop's level
      changed(8, "            s5 = u32(vcc) | u32(s5)"),
      changed(7, "            if v3:\n                s5 = u32(vcc) | u32(s5)"),
      // another mask, or another operation on it
      changed(9, "            exec, scc = u32(exec & ~u32(s6)), int(u32(exec & ~u32(s6)) != 0)"),
      changed(7, "            s5, scc = u32(vcc) & u32(s5), int(u32(vcc) & u32(s5) != 0)"),
      // exec written or a subroutine called in the loop
      changed(8, "            exec = 1"),
      changed(8, "            subroutine_1c0()"),
      // the exec line's flag read after the loop
      changed(12, "    v6 = scc"),
  };
  check_kept(kept, lift::write_lane_loop_exits);
}

TEST_CASE("a loop where exec may be clear keeps its mask", "[lift][lane-loops]") {
  // Outside the lane's block, with no `exec = 1` from the prologue.
  Lines body = saxpy_loop();
  body.erase(body.begin(), body.begin() + 2);
  for (auto& line : body)
    if (line.size() > 4 && line != "    return") line.erase(0, 4);
  Lines before = body;
  CHECK(lift::write_lane_loop_exits(body, false) == 0);
  CHECK(body == before);
  CHECK(lift::write_lane_loop_exits(body, true) == 1);
  // A `continue` in the loop.
  body = saxpy_loop();
  body.insert(body.begin() + 5, "            if v3:");
  body.insert(body.begin() + 6, "                continue");
  before = body;
  CHECK(lift::write_lane_loop_exits(body, true) == 0);
  CHECK(body == before);
}

namespace {

// A step of reduce_sum's tree on gfx1030, as the lifter writes it before naming values.
Lines tree_step() {
  return {"    vcc = int(64 > u32(v0))",
          "    grid.barrier()",
          "    s0, exec, scc = exec, u32(vcc) & exec, int(u32(vcc) & exec != 0)",
          "    if not (exec == 0):",
          "        v2 = bits(f32(v3) + f32(v2))",
          "        grid.store_shared(v1, v2, 4)",
          "    exec, scc = u32(exec) | u32(s0), int(u32(exec) | u32(s0) != 0)",
          "    if exec:",
          "        vcc = int(32 > u32(v0))",
          "    grid.store_shared(v1, vcc, 4)"};
}

Lines tree_step_with(size_t index, const std::string& line) {
  Lines body = tree_step();
  body[index] = line;
  return body;
}

}  // namespace

TEST_CASE("a divergent if is the lane's test", "[lift][lane-ifs]") {
  Lines body = tree_step();
  CHECK(lift::fold_lane_ifs(body, true) == 1);
  CHECK(body == Lines{"    vcc = int(64 > u32(v0))", "    grid.barrier()",
                      "    if vcc:", "        v2 = bits(f32(v3) + f32(v2))",
                      "        grid.store_shared(v1, v2, 4)", "    exec = 1", "    if exec:",
                      "        vcc = int(32 > u32(v0))", "    grid.store_shared(v1, vcc, 4)"});
  // The restore of a saved set mask sets exec: the next test always passes.
  body = tree_step();
  CHECK(lift::remove_unmasked_exec_tests(body, true) == 1);
  CHECK(body[7] == "    vcc = int(32 > u32(v0))");
}

TEST_CASE("the flags of a folded if keep their values where read", "[lift][lane-ifs]") {
  Lines body = tree_step();
  body.insert(body.begin() + 4, "        v4 = scc");
  body.back() = "    grid.store_shared(v1, scc, 4)";
  body.erase(body.begin() + 8, body.begin() + 10);  // the restore's flag read next
  CHECK(lift::fold_lane_ifs(body, true) == 1);
  CHECK(body == Lines{"    vcc = int(64 > u32(v0))", "    grid.barrier()", "    scc = vcc",
                      "    if vcc:", "        v4 = scc", "        v2 = bits(f32(v3) + f32(v2))",
                      "        grid.store_shared(v1, v2, 4)", "    exec, scc = 1, 1",
                      "    grid.store_shared(v1, scc, 4)"});
}

TEST_CASE("near-copies of a divergent if keep their masks", "[lift][lane-ifs]") {
  const std::vector<Lines> kept = {
      // a test that may be other than 0 or 1
      tree_step_with(0, "    vcc = u32(v0 & 3)"),
      // exec not known set at the save
      tree_step_with(1, "    exec = exec & int(v5 > 1)"),
      // the restore of another mask, or not directly after the block
      tree_step_with(6, "    exec, scc = u32(exec) | u32(s1), int(u32(exec) | u32(s1) != 0)"),
      tree_step_with(
          5, "    v6 = 1\n    exec, scc = u32(exec) | u32(s0), int(u32(exec) | u32(s0) != 0)"),
      // the block reads or writes the mask, writes exec, calls, or leaves
      tree_step_with(4, "        v2 = s0"),
      tree_step_with(4, "        s0 = 0"),
      tree_step_with(4, "        exec = u32(exec) ^ 1"),
      tree_step_with(4, "        subroutine_1c0()"),
      tree_step_with(4, "        return"),
      // the saved mask read after the restore
      tree_step_with(9, "    grid.store_shared(v1, s0, 4)"),
  };
  check_kept(kept, lift::fold_lane_ifs);
}

TEST_CASE("a test last written as 0 or 1 on every path is a lane bit", "[lift][lane-ifs]") {
  // Written in both arms: folds; written to a wider value in one arm: stays.
  Lines both = {"    if v7:",
                "        vcc = int(v1 < v2)",
                "    else:",
                "        vcc = 0",
                "    s0, exec = exec, u32(vcc) & exec",
                "    if exec:",
                "        grid.store_shared(v1, v2, 4)",
                "    exec = u32(exec) | u32(s0)"};
  Lines one = both;
  one[3] = "        vcc = v9";
  CHECK(lift::fold_lane_ifs(both, true) == 1);
  CHECK(both[4] == "    if vcc:");
  const Lines before = one;
  CHECK(lift::fold_lane_ifs(one, true) == 0);
  CHECK(one == before);
}

TEST_CASE("gfx11's split save folds where the mask was saved set", "[lift][lane-ifs]") {
  // reduce_sum's tree step on gfx1100: the mask saved first, exec cleared at the if.
  const Lines step = {"    s0 = exec",
                      "    grid.barrier()",
                      "    exec = exec & int(128 > u32(v0))",
                      "    if not (exec == 0):",
                      "        v2 = bits(f32(v3) + f32(v2))",
                      "    exec, scc = u32(exec) | u32(s0), int(u32(exec) | u32(s0) != 0)",
                      "    grid.store_shared(v1, v2, 4)"};
  Lines body = step;
  CHECK(lift::fold_lane_ifs(body, true) == 1);
  CHECK(body == Lines{"    s0 = exec", "    grid.barrier()",
                      "    if 128 > u32(v0):", "        v2 = bits(f32(v3) + f32(v2))",
                      "    exec = 1", "    grid.store_shared(v1, v2, 4)"});
  const auto with = [&](size_t index, const std::string& line) {
    Lines changed_step = step;
    changed_step[index] = line;
    return changed_step;
  };
  check_kept(
      {
          // the mask changed after the save, or saved where exec may be clear
          with(1, "    s0 = u32(s0 + 1)"),
          with(0, "    exec = exec & int(v5 > 1)\n    s0 = exec"),
          // a test that may be other than 0 or 1
          with(2, "    exec = exec & v9"),
          with(2, "    exec = exec & u32(v0 & 3)"),
      },
      lift::fold_lane_ifs);
}

TEST_CASE("a comparison joined by or is not a lane bit", "[lift][lane-ifs]") {
  CHECK(lift::is_lane_bit("int(s32(v1) < s32(v2))"));
  CHECK(lift::is_lane_bit("0"));
  CHECK_FALSE(lift::is_lane_bit("int(v1 < v2 or v3)"));
  CHECK_FALSE(lift::is_lane_bit("int(v1 < v2 and v3)"));
  CHECK_FALSE(lift::is_lane_bit("u32(v1 < v2)"));
  CHECK_FALSE(lift::is_lane_bit("2"));
}

TEST_CASE("a divergent if at the kernel's end folds without a restore", "[lift][lane-ifs]") {
  // elementwise's bounds check on gfx1030: nothing after the block reads exec.
  const Lines tail = {"    vcc = int(s32(s11) > s32(v0))",
                      "    s0, exec, scc = exec, u32(vcc) & exec, int(u32(vcc) & exec != 0)",
                      "    if not (exec == 0):", "        p2_u32[i0] = v4", "    return"};
  Lines body = tail;
  CHECK(lift::fold_lane_ifs(body, true) == 1);
  CHECK(body == Lines{"    vcc = int(s32(s11) > s32(v0))", "    if vcc:", "        p2_u32[i0] = v4",
                      "    return"});
  Lines looped = {"    while True:"};
  for (const auto& line : tail)
    if (line != "    return") looped.push_back("    " + line);
  check_kept(
      {
          // more code after the block, the mask read after it, or the block ending a loop's
          // body (the loop goes round with exec as the block left it)
          {tail[0], tail[1], tail[2], tail[3], "    p2_u32[i0] = exec", tail[4]},
          {tail[0], tail[1], tail[2], tail[3], "    return s0"},
          looped,
      },
      lift::fold_lane_ifs);
}

TEST_CASE("a loop inside a divergent if may break; a break out of the if stays",
          "[lift][lane-ifs]") {
  // saxpy's bounds check around its grid-stride loop, once the loop exits on its test.
  Lines body = {"    exec = exec & int(s32(s11) > s32(v0))",
                "    if not (exec == 0):",
                "        while True:",
                "            v0 = u32(s4 + v0)",
                "            if s32(s11) <= s32(v0):",
                "                break",
                "    return"};
  CHECK(lift::fold_lane_ifs(body, true) == 1);
  CHECK(body[0] == "    if s32(s11) > s32(v0):");
  check_kept(
      {{"    while True:", "        s0 = exec", "        exec = exec & int(s32(s11) > s32(v0))",
        "        if not (exec == 0):", "            break", "        exec = u32(exec) | u32(s0)"}},
      lift::fold_lane_ifs);
}
