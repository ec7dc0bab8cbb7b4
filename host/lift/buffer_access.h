// Rewrites global memory accesses whose address is provably a pointer parameter plus an index
// times the access size into indexing of a named view of that parameter:
//     R7 = 4
//     R2, R3 = split64(u64(s32(R6) * s32(R7) + p0))
//     R2 = grid.load_global(pair(R2, R3), 4)        ->  R2 = p0_u32[s32(R6)]
// The proof is local: the address pair, the factor and the index must come from the same
// straight-line stretch (or an enclosing `if` whose body holds the access), with no write to
// the pair in between, and the factor a constant equal to the access size. When the index's
// registers are overwritten before the access (often by the address computation itself), the
// index is bound to a fresh name (`i0 = s32(R6)`) where the address is computed. Every other
// access stays a call on the computed address, so the rewrite never changes a result.
#pragma once

#include <set>
#include <string>
#include <utility>
#include <vector>

namespace switcheroo::lift {

/// A view the rewritten code indexes: `<pointer>_u<bits>` over the parameter `pointer`.
struct BufferView {
  std::string pointer;
  int size = 0;
  std::string name() const { return pointer + "_u" + std::to_string(size * 8); }
  bool operator<(const BufferView& other) const {
    return std::make_pair(pointer, size) < std::make_pair(other.pointer, other.size);
  }
};

/// Rewrites the accesses in `body` (lines of Python, four spaces per indentation level) whose
/// base is one of `pointers` (names of pointer parameters); adds the views used to `views`.
/// `index_counter` numbers the index names bound, across the bodies of one kernel. An address
/// computation that no line can read any more is removed in the kernel's own body
/// (`kernel_body`), never in a subroutine's, whose registers its caller reads on return.
void index_buffer_accesses(std::vector<std::string>& body, const std::set<std::string>& pointers,
                           std::set<BufferView>& views, int& index_counter, bool kernel_body);

}  // namespace switcheroo::lift
