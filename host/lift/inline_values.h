// Folds a value written once and read once, on a later line of the same straight run, into
// the line that reads it, as the source's expression would have it:
//
//     R2 = p0_u32[s32(i)]
//     R5 = p1_u32[s32(i)]
//     R9 = bits(f32(R2) * f32(p3) + f32(R5))
//     p2_u32[s32(i)] = R9
//                     ->
//     p2_u32[s32(i)] = bits(f32(p0_u32[s32(i)]) * f32(p3) + f32(p1_u32[s32(i)]))
//
// Caveats, each keeping the value the same: the lines in between are plain statements of the
// same block (no header, `break`, `return` or subroutine call) that write none of the names
// the value reads; a value with an effect (a load) moves past no line with one (a store, a
// grid service, another load stays in order); the reading line is a plain statement or an
// `if` header, and nothing reads the name after it. Long values stay where they are, and a
// body past fits_flow_budget (line_graph.h) as it is.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace switcheroo::lift {

/// Folds the single-use values of the kernel's `body` (four spaces per level) as above;
/// names in `fixed` (what subroutines name) stay. Returns the number of lines folded.
int inline_single_use_values(std::vector<std::string>& body, const std::set<std::string>& fixed);

}  // namespace switcheroo::lift
