// Rewrites global memory accesses whose address is provably a pointer parameter plus an index
// times the access size into indexing of a named view of that parameter:
//     R7 = 4
//     R2, R3 = split64(u64(s32(R6) * s32(R7) + p0))
//     R2 = grid.load_global(pair(R2, R3), 4)        ->  R2 = p0_u32[s32(R6)]
// and RDNA's four-instruction form (sign word, 64-bit shift, add and add with carry onto the
// parameter's halves), vector or scalar, spread over `if exec:` blocks:
//     v1 = u32(s32(v0) >> 31)
//     v0, v1 = split64(u64(pair(v0, v1) << 2))
//     v2, vcc = u32(s8 + v0), int(u32(s8) + u32(v0) > 0xFFFFFFFF)
//     v3 = u32(s9 + v1 + vcc)
//     v2 = grid.load_global(pair(v2, v3), 4)        ->  v2 = p0_u32[s32(v0)]
// The proof is local: the parts must come from the same straight-line stretch (or an enclosing
// `if` whose body holds the access, or the stretch before a loop that writes none of the
// registers involved), with no write to them in between, and the factor a constant equal to
// the access size. When the index's registers are overwritten before the access (often by the
// address computation itself), the index is bound to a fresh name (`i0 = s32(R6)`) where the
// address is computed. Every other access stays a call on the computed address, so the
// rewrite never changes a result.
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
/// (`kernel_body`), never in a subroutine's, whose registers its caller reads on return. The
/// first `preamble` lines (the registers the hardware initialises) are read for what they hold
/// and left exactly as they are.
void index_buffer_accesses(std::vector<std::string>& body, const std::set<std::string>& pointers,
                           std::set<BufferView>& views, int& index_counter, bool kernel_body,
                           size_t preamble = 0);

}  // namespace switcheroo::lift
