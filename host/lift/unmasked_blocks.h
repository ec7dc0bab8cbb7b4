// RDNA vector code runs under `if exec:`, the lane's bit of the execution mask. Where the mask
// is set on every path from the kernel's start (the prologue's `exec = 1` before divergence
// writes it, or inside a block that tested it), the test always passes, so the block is the
// code itself:
//
//     v0 = workitem_id_x                        v0 = workitem_id_x
//     if exec:                                  v1 = u32(v0 << 2)
//         v1 = u32(v0 << 2)             ->      exec = exec & int(s32(p3) > s32(v1))
//     exec = exec & int(s32(p3) > s32(v1))      if not (exec == 0):
//     if not (exec == 0):                           s2 = u32(s0 + 4)
//         s2 = u32(s0 + 4)                          v2 = u32(v1 + s2)
//         if exec:
//             v2 = u32(v1 + s2)
//
// Caveats, each keeping the result the same: `exec` is set at a test only when every path to
// it last wrote `exec = 1`, restored a mask saved while `exec` was set, or passed a test that
// it is set (`if exec:`, `if not (exec == 0):` into its block, `if not (exec != 0): break`
// past it) with no write since (a subroutine call may write anything; lane_facts.h); a block
// with an `else` or `elif` stays.
#pragma once

#include <string>
#include <vector>

namespace switcheroo::lift {

/// Removes, in `body` (four spaces per level), the tests that `exec` is set which always pass,
/// as above, and dedents their blocks. `exec_starts_one` says whether the prologue set `exec = 1`.
/// Returns the number of tests removed.
int remove_unmasked_exec_tests(std::vector<std::string>& body, bool exec_starts_one);

}  // namespace switcheroo::lift
