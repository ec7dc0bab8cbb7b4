// RDNA's divergent loops: each lane that leaves sets its bit in a mask of lanes done, and the
// wave loops while some lane is still running. Lifted per lane, the mask is that lane's bit,
// so the exit is the lane's own test (saxpy's grid-stride loop, gfx1030):
//
//     s5 = 0                                          s5 = 0
//     while True:                                     while True:
//         ...                                             ...
//         vcc = int(s32(s11) <= s32(v0))                  vcc = int(s32(s11) <= s32(v0))
//         s5, scc = u32(vcc) | u32(s5), ...      ->       s5, scc = u32(vcc), int(u32(vcc) != 0)
//         p1_u32[i0] = v4                                 p1_u32[i0] = v4
//         exec, scc = u32(exec & ~u32(s5)), ...           if s5:
//         if not (exec != 0):                                 break
//             break
//
// Why it is exact: `exec` is set (the lane's bit, 1) on entering the loop and the mask of lanes
// done is 0 there; an iteration that goes round leaves both so, so at every loop top `exec`
// is 1 and the mask 0, the mask's `|` is the test alone and `exec & ~mask` is 0 exactly when
// the test is set. Caveats, each refused otherwise: the mask is set to 0 in the loop's own
// block before it with no write between; inside the loop only that one line, at the loop's
// level, writes the mask, and the test it ors in was last written, at the loop's level and
// with nothing writing it between, as `int(...)` (0 or 1); nothing in the loop writes `exec`,
// continues or calls a subroutine; the flag the `exec` line also sets is read by nothing after
// it, and where something after the loop reads `exec` the exit sets it to 0 as it was.
#pragma once

#include <string>
#include <vector>

namespace switcheroo::lift {

/// Rewrites the exits of the divergent loops of `body` (four spaces per level) as above.
/// `exec_starts_one` says whether the prologue set `exec = 1`. Returns the number rewritten.
int write_lane_loop_exits(std::vector<std::string>& body, bool exec_starts_one);

}  // namespace switcheroo::lift
