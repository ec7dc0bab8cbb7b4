// Removes assignments whose value no statement that matters can read: what flows only into
// other such assignments, round a loop included. SASS's naive GEMM keeps stepping the
// pointer pairs that buffer indexing replaced, each step reading the last one:
//
//     for R0 in range(0, max(s32(p5), 1)):          for R0 in range(0, max(s32(p5), 1)):
//         R7 = R11                                      R8 = p1_u32[k1]
//         R8 = p1_u32[k1]                               R6 = p0_u32[k0]
//         R6 = p0_u32[k0]                               k1 = k1 + s32(p4)
//         R10, P1 = u32(R10 + 4), carry3(R10, 4, 0) ->  k0 = k0 + 1
//         R11 = u32(R11 + P1)                           R9 = bits(f32(R8) * f32(R6) + f32(R9))
//         k1 = k1 + s32(p4)
//         k0 = k0 + 1
//         R9 = bits(f32(R8) * f32(R6) + f32(R9))
//
// A flow-sensitive, backward "strongly live" analysis over the structured lines (if/elif/else,
// `while` and `for` loops with break and continue, return): a name is live where some path
// reaches a read of it by a statement that is kept; stores, memory accesses, calls, control
// headers and `return`s are always kept. The reads of a removable assignment count only where
// one of its targets is live after it, so a cycle of dead steps dies as a whole.
// Caveats: a subroutine call (`name()`) reads every name; a `for` header does not kill its
// counter (an empty range leaves it unchanged); a line the pass cannot read (a header other
// than if/elif/else/while/for, a `break` outside a loop), or a body past fits_flow_budget
// (line_graph.h), leaves the body as it is.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace switcheroo::lift {

/// Removes from the kernel's `body` (Python lines, four spaces per level) every plain
/// assignment without effect whose targets no kept statement can read, then closes the
/// blocks left empty as remove_unread_writes does. Only for a kernel's own body: the caller
/// of a subroutine reads its registers. Returns the number of lines removed.
size_t remove_faint_writes(std::vector<std::string>& body);

}  // namespace switcheroo::lift
