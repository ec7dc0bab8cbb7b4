// Which registers a lifted body reads before any write (they are bound to 0 first).
#include "undefined_reads.h"

#include <catch2/catch.hpp>

#include <set>
#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;
using Names = std::set<std::string>;

TEST_CASE("a pair whose high word nothing wrote is read undefined", "[lift][undefined]") {
  // RDNA: v_mad_u64_u32 v[0:1], null, s8, s0, v[0:1] with only v0 initialised
  const Lines body = {"    v0 = workitem_id_x", "    s8 = workgroup_id_x",
                      "    v0, v1 = split64(u64(u32(s8) * u32(s0) + pair(v0, v1)))",
                      "    s0 = 1"};
  CHECK(lift::names_read_before_assigned(body) == Names{"s0", "v1"});
}

TEST_CASE("branches join what each assigns, returns and breaks do not join",
          "[lift][undefined]") {
  const Lines body = {
      "    if P0:",
      "        R1 = 1",
      "        R2 = 1",
      "    else:",
      "        R1 = 2",
      "    R3 = u32(R1 + R2)",  // R2 only on one branch
      "    if P1:",
      "        return",
      "    else:",
      "        R4 = 5",
      "    R5 = R4",  // the other branch returned
      "    while True:",
      "        R6 = R7",  // R7 written later in the body: undefined on the first trip
      "        R7 = R6",
      "        R8 = 1",
      "        if P2:",
      "            break",
      "    R9 = u32(R8 + R7)",  // every break comes after R8 and R7
      "    grid.store_global(R9, s32(R9), 4)",
  };
  CHECK(lift::names_read_before_assigned(body) == Names{"R2", "R7"});
}

TEST_CASE("calls, attributes, strings and nested functions are not reads", "[lift][undefined]") {
  const Lines body = {
      "    def subroutine():", "        nonlocal s32", "        s32 = v9",
      "    s32 = s32(thread_idx_x)",  // the prelude's s32(), then the register s32
      "    v1 = grid.v2",  "    grid.atomic_global('v3', v1, 1, 4)", "    v2 = 0",
      "    v3 = 0",
  };
  CHECK(lift::names_read_before_assigned(body).empty());
}

TEST_CASE("a register nothing assigns any more is still a local when listed", "[lift][undefined]") {
  // v1's writes were renamed (value_names.h); its read before any write still names it.
  const Lines body = {
      "    t, t2 = split64(u64(u32(grid.workgroup_id_x) * 4 + pair(grid.workitem_id_x, v1)))",
      "    grid.store_global(t, t2, 4)",
  };
  CHECK(lift::names_read_before_assigned(body).empty());
  CHECK(lift::names_read_before_assigned(body, {"v1", "v0"}) == Names{"v1"});
}
