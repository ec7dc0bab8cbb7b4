// nvcc's 32-bit integer division and remainder by a runtime divisor folded back into one call
// each. ptxas expands `x / d` and `x % d` into a float reciprocal of the divisor rounded up,
// one Newton step on it in integers, a quotient from the high word of a product, and two
// corrections; a signed division works on the magnitudes and sets the sign after, and a test
// of the divisor against 0 selects ~d (0xFFFFFFFF) when it is 0:
//
//     t = u32(abs(s32(p3)))
//     t2 = cvt_u32(f32(u32(bits(rcp(f32(bits(round_f32(s32(t), 'rp'))))) + 0xffffffe)))
//     t3 = u32((u32(t2) * u32(u32(u32(-t2) * t)) + pair(0, t2)) >> 32)
//     t4 = u32(abs(s32(val)))
//     cond = (s32(lop3(val, p3, 0, 60)) >= 0)
//     t5 = u32((u32(t3) * u32(t4)) >> 32)
//     t6 = u32(t * u32(-t5) + t4)
//     if not (u32(t) > u32(t6)):
//         t6 = u32(t6 + -t)
//         t5 = u32(t5 + 1)
//     if (u32(t6) >= u32(t)):
//         t5 = u32(t5 + 1)
//     cond2 = (0 != s32(p3))
//     t8 = u32(t5)
//     if not cond:
//         t8 = u32(-t8)                        ->   t8 = sdiv(val, p3)
//     if not cond2:
//         t8 = lop3(0, p3, 0, 51)
//
// The prelude's `udiv`, `urem`, `sdiv` and `srem` compute what C does (a signed quotient
// truncated toward zero, the remainder with the numerator's sign) as 32-bit patterns, and
// 0xFFFFFFFF for a zero divisor as the expansion's select does. The lines are read in order
// with what each name holds (a stage of the expansion, on which numerator and divisor), so
// the steps may be interleaved with other code and with each other; the line that completes
// the value (the divisor test, as an `if` or as a choice `x if not cond else y`) becomes the
// call, and the steps before it are left for the dead-write passes. Caveats, each keeping the
// result the same:
// - the numerator and divisor are names that no line writes between their first use in the
//   expansion and the call (a write forgets every stage that read the name);
// - a stage is known only in the block that computed it and the blocks nested in it; a loop's
//   body forgets the stages of every name the loop writes, and a compound statement that is
//   not one of the steps forgets the stages of the names it writes, as a subroutine call
//   forgets all;
// - a correction is an `if` without `else` whose block holds only the correction's steps,
//   tested on the remainder of the same stage as the quotient it increments; the value is
//   the quotient or remainder only after two corrections (the estimate is at most 2 low), a
//   signed one only after its sign is set, and the call replaces only the divisor's test.
//
// LLVM's AMDGPU expansion (amdgpu_division.cpp has its stages) folds in the same pass into
// `udiv_amdgpu`, `urem_amdgpu`, `sdiv_amdgpu` and `srem_amdgpu`: it has no test of the
// divisor, so a value is finished after its two corrections (and sign), and the largest call
// or bracket of a line that holds one becomes the call; the helpers give, for a zero divisor,
// what the expansion's steps give. RDNA computes the steps under `if exec:` blocks: a stage
// computed in an `if NAME:` block holds after it only where NAME is true again (in a later
// `if NAME:` block, NAME not written between), and is read as opaque elsewhere.
#pragma once

#include <string>
#include <vector>

namespace switcheroo::lift {

/// Folds nvcc's and LLVM's AMDGPU integer divisions and remainders in `body` (four spaces
/// per level) as above.
/// Returns the number folded.
int fold_integer_divisions(std::vector<std::string>& body);

}  // namespace switcheroo::lift
