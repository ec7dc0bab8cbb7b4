// CUDA's `expf` as nvcc inlines it (without fast math) folded back into one call of the
// prelude's `expf`, which runs the same steps, so the value is the same to the bit:
//
//     x16 = bits(fma_rounded(f32(bits(sat(f32(x15) * f32(t26) + 0.5))), f32(t27), 12582913.0, 'rm'))
//     x17 = bits(f32(x15) * 1.4426950216293335 + -f32(bits(f32(x16) + -12583039.0)))
//     x18 = bits(exp2(f32(bits(f32(x15) * 1.925963033500011e-08 + f32(x17)))))
//     x19 = bits(f32(u32(x16 * 0x800000)) * f32(x18))    ->    x19 = bits(expf(f32(x15)))
//
// (t26 and t27 hold 0x3bbb989d and 0x437c0000, log2(e) / 64 and 252, or the lines spell them;
// the saturated scaling may be a line of its own). Only the last line is replaced; the steps
// before it are left for the dead-write passes. Caveats, each keeping the value the same:
// every step is the last write of its name before the next step reads it, in the same
// straight run of lines (same block, no header, jump or subroutine call between), and the
// argument is not written from the first step to the last.
#pragma once

#include <string>
#include <vector>

namespace switcheroo::lift {

/// Folds the inlined `expf`s of `body` (four spaces per level) as above. Returns the number
/// folded.
int fold_inlined_expf(std::vector<std::string>& body);

}  // namespace switcheroo::lift
