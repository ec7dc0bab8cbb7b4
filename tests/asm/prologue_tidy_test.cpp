// Built-ins read once taken from `grid` where they are read, and the final `return` removed
// (prologue_tidy.h); what stays.
#include "prologue_tidy.h"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace lift = switcheroo::lift;
using Lines = std::vector<std::string>;

TEST_CASE("a built-in read once is read from grid there", "[lift][prologue]") {
  Lines prologue = {"    block_dim_x = grid.block_dim_x",
                    "    block_idx_x = grid.block_idx_x",
                    "    thread_idx_x = grid.thread_idx_x",
                    "    lane_id = grid.lane_id",
                    "    v0 = workitem_id_x",
                    "    workitem_id_x = grid.workitem_id_x"};
  Lines body = {
      "    i = u32(block_idx_x * block_dim_x + thread_idx_x)",
      "    R2 = u32(block_dim_x + 1)",               // block_dim_x is read twice
      "    grid.atomic_global('lane_id', i, 1, 4)",  // in a string, not a read
      "    R3 = R2.thread_idx_x  # block_idx_x",     // an attribute, a comment
      "    return",
  };
  Lines subroutine = {"        R4 = u32(v0 + 1)"};
  // lane_id is not read; the prologue's own reads count.
  CHECK(lift::inline_single_use_builtins(prologue, body, {&subroutine}) == 3);
  CHECK(prologue == Lines{"    block_dim_x = grid.block_dim_x", "    lane_id = grid.lane_id",
                          "    v0 = grid.workitem_id_x"});
  CHECK(body[0] == "    i = u32(grid.block_idx_x * block_dim_x + grid.thread_idx_x)");
  CHECK(body[3] == "    R3 = R2.thread_idx_x  # block_idx_x");
}

TEST_CASE("the function's last return goes, others stay", "[lift][prologue]") {
  Lines body = {"    if P0:", "        return", "    R1 = 1", "    return"};
  CHECK(lift::remove_final_return(body));
  CHECK(body == Lines{"    if P0:", "        return", "    R1 = 1"});
  CHECK_FALSE(lift::remove_final_return(body));
  Lines only = {"    return"};
  CHECK_FALSE(lift::remove_final_return(only));
}
