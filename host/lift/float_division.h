// CUDA's correctly rounded float division (`div.rn.f32`, what nvcc makes of `a / b`) folded
// back into one division. ptxas writes it as a reciprocal, one Newton step, a quotient and its
// correction, and an FCHK that sends the operands the fast path may get wrong to a slow-path
// subroutine:
//
//     R9 = bits(rcp(f32(R0)))
//     R8 = bits(f32(R9) * -f32(R0) + 1.0)
//     R8 = bits(f32(R9) * f32(R8) + f32(R9))
//     P0 = fchk(f32(R13), f32(R0))
//     R9 = bits(f32(R13) * f32(R8))
//     R11 = bits(f32(R9) * -f32(R0) + f32(R13))
//     R9 = bits(f32(R8) * f32(R11) + f32(R9))
//     if P0:                                          ->   R9 = bits(fdiv(f32(R13), f32(R0)))
//         __cuda_sm3x_div_rn_noftz_f32_slowpath()
//         R9 = u32(R11)
//
// Only the `if` block is replaced; the fast path's lines are left for the dead-write passes,
// which remove them when nothing else reads them. Caveats, each keeping the result the same:
// - the callee is CUDA's IEEE slow path: by its name (`__cuda_sm3x_div_rn_noftz_f32_slowpath`),
//   or, in a listing without symbols (`subroutine_N`), because every call of it is such a
//   block (the caller decides: all or none); it calls nothing, and it reads no register
//   without writing it but the two operands (and what the `if` block sets before the call,
//   the return address on sm_90);
// - each step of the fast path is the last write of its register before the next step reads
//   it, in the same straight run of lines as the `if`, and the operands are not written from
//   the reciprocal to the `if`;
// - after the `if`, no register the slow path writes is read before it is overwritten, except
//   the quotient (the fast path's result, or the slow path's result copied into it).
#pragma once

#include <set>
#include <string>
#include <vector>

namespace switcheroo::lift {

/// The name of CUDA's float-division slow path, the only callee the pass folds.
inline constexpr const char* kDivisionSlowPath = "__cuda_sm3x_div_rn_noftz_f32_slowpath";

/// Folds the float divisions of `body` (four spaces per level) whose slow path is the
/// subroutine `slow_path_name` with `slow_path_body`, as above. Returns the number folded.
int fold_float_divisions(std::vector<std::string>& body, const std::string& slow_path_name,
                         const std::vector<std::string>& slow_path_body);

/// The number of lines of `body` that call the function `name` (`name()`).
int count_calls(const std::vector<std::string>& body, const std::string& name);

}  // namespace switcheroo::lift
