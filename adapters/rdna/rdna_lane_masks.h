// Lane masks read as values. The lifted code runs one lane at a time, so a mask that a v_cmp
// writes (an SGPR, vcc) holds the lane's own bit, 0 or 1, and so do exec, carries and the
// scalar bit operations on them: exact where the mask is a condition (exec, v_cndmask's
// selector, a carry-in, a branch). Read as a value (`v_mov_b32 v4, s1` after
// `v_cmp_lt_f32_e64 s1, 0, v3`: __ballot_sync; `s_cmp_lg_u32 vcc_lo, 0`: __any_sync) the
// mask is the whole wave's, one bit per lane. This pass finds such reads by reaching
// definitions over the kernel's control flow and, where every definition reaching the read
// is a comparison whose mask is read only as a value, makes those comparisons ballots,
// `$0 = @warp('ballot', ...)`, which switcheroo_grid answers for the wave in lockstep
// (wave32 only: its warps are 32 lanes). Any other value read of a mask loses its semantics,
// so the lifter writes it as an explicit call with a warning (an error under --strict).
#pragma once

#include <switcheroo/isa.hpp>

#include <cstddef>
#include <map>
#include <string>
#include <vector>

namespace switcheroo::rdna {

/// A value read of a lane mask that cannot be lifted as a ballot, and why.
struct MaskValueRead {
  size_t instruction = 0;
  std::string mask;    ///< the register read: "s1", "vcc", "exec", "scc"
  std::string reason;  ///< "a wave64 kernel", ...
};

struct LaneMaskValues {
  std::vector<size_t> ballots;            ///< comparisons now lifted as ballots
  std::vector<MaskValueRead> unmodelled;  ///< reads whose semantics were cleared
};

/// Each instruction's successors: the next one unless it exits or always branches, and a
/// branch's target (`labels`: label name -> index of the instruction it stands before).
std::vector<std::vector<size_t>> successors(const std::vector<sdk::isa::Instruction>& code,
                                            const std::map<std::string, size_t>& labels);

/// Rewrites the comparisons of `code` whose masks are read as values into ballots and clears
/// the semantics of the value reads that cannot be modelled so (see above).
LaneMaskValues lift_lane_mask_values(std::vector<sdk::isa::Instruction>& code,
                                     const std::vector<std::vector<size_t>>& next, bool wave32);

}  // namespace switcheroo::rdna
