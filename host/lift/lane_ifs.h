// RDNA's divergent `if`: the lane's mask saved and cleared where the test is 0, the block,
// and the mask restored (lane_facts.h). Lifted per lane, with `exec` set before the save and
// the test 0 or 1, that is the test itself (reduce_sum's tree step, gfx1030):
//
//     s0, exec, scc = exec, u32(vcc) & exec, ...       if vcc:
//     if not (exec == 0):                        ->        v2 = bits(f32(v3) + f32(v2))
//         v2 = bits(f32(v3) + f32(v2))                 exec = 1
//     exec, scc = u32(exec) | u32(s0), ...
//
// Why it is exact: `exec` is 1 before the save, so the saved mask is 1, `exec` becomes the
// test and the block runs when the test is 1, with `exec` 1 inside as before; the restore
// gives 1 | 1. Caveats, each refused otherwise: `exec` is set and the test holds 0 or 1 at the
// save on every path; the restore, of the same mask, directly follows the block; the block
// reads and writes neither the mask nor `exec` (but `exec = 1`), calls no subroutine and has
// no `break`, `continue` or `return`; nothing after the restore reads the saved mask. The
// save's flag, where read, becomes the test; the restore's, where read, is 1.
#pragma once

#include <string>
#include <vector>

namespace switcheroo::lift {

/// Folds the divergent ifs of `body` (four spaces per level) as above. `exec_starts_one` says
/// whether the prologue set `exec = 1`. Returns the number folded.
int fold_lane_ifs(std::vector<std::string>& body, bool exec_starts_one);

}  // namespace switcheroo::lift
