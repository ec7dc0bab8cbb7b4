// Names values by their role instead of the register that holds them. The lines are split
// into webs (the writes of one register that reach common reads, found by reaching
// definitions over line_graph.h), and each web is looked at on its own:
//
//     R6 = block_idx_x                        i = u32(block_idx_x * block_dim_x + thread_idx_x)
//     R3 = thread_idx_x                       P0 = (s32(i) >= s32(p4))
//     R6 = u32(R6 * block_dim_x + R3)    ->   if P0:
//     P0 = (s32(R6) >= s32(p4))                   return
//     if P0:                                  R2 = p0_u32[s32(i)]
//         return
//     R2 = p0_u32[s32(R6)]
//
// - a web written once, by a copy of a name that holds one value for the whole kernel (a
//   parameter, a built-in index or size), by a 32-bit half of one (`s8 = lo32(p0)`) or by an
//   integer literal, is that name, half or literal:
//   the copy goes, its reads read the name (values that read it are tidied as when
//   rendered, `u32(4)` -> `4`);
// - a web written once from a block index and a thread index of one dimension is the global
//   index: `i` in one dimension, `col` (x) and `row` (y) in two;
// - a web a `for` header writes is the loop's index: `i`, `j`, `k`, ... in the order the loops
//   come;
// - a web written before a loop and, in it, from a float sum that reads the web itself is an
//   accumulator, `acc`.
// - then (name_register_webs, before folding) every other web of an ISA register, by the
//   values its writes compute: `cond` (a comparison's truth), `carry` (a carry out of an
//   add), `mask` (a copy of `exec`), `lo` and `hi` (the words `split64(...)` writes), `x` (a
//   float's bits, `bits(...)`), `val` (a load) or `t` (anything else, or writes that do not
//   agree), so that a register reused for unrelated values reads as several names and only a
//   value carried round a loop keeps one name for several writes.
// A copy of a register (`R8 = R7`) goes like a copy of a constant when no read of it can be
// reached from a write of the register without passing the copy again.
// Caveats: a web that a read before any write reaches (an undefined register, a value the
// hardware put there) keeps its register name, as do every name a subroutine reads or
// writes and the operands of an opcode without semantics (`isa.OPCODE(R5, R5)`); a new name
// is one the function and the runtime prelude do not use. A body past
// fits_flow_budget (line_graph.h) is left as it is.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace switcheroo::lift {

/// Renames the webs of a kernel's `prologue` and `body` (read as one list of lines, four
/// spaces per level) by role as above. `fixed` are names to leave alone (what subroutines
/// name); `taken` are names no new name may be (the prelude's, the subroutines'); `constants`
/// hold one value for the whole kernel (the parameters, the built-ins the prologue binds).
/// Returns the number of webs renamed or copies propagated; 0 when the lines cannot be read.
int name_values_by_role(std::vector<std::string>& prologue, std::vector<std::string>& body,
                        const std::set<std::string>& fixed, const std::set<std::string>& taken,
                        const std::set<std::string>& constants);

/// Gives every web of a name in `registers` (the ISA registers the lifted lines assign) that
/// may be renamed a short name by what it holds: `cond`, `carry`, `mask`, `lo`/`hi`, `x`,
/// `val` or `t` (see the list above), numbered in the order the webs are first written.
/// `fixed`, `taken` and `constants` as for name_values_by_role; the names given are added to
/// `given` when it is not null. Returns the webs renamed.
int name_register_webs(std::vector<std::string>& prologue, std::vector<std::string>& body,
                       const std::set<std::string>& fixed, const std::set<std::string>& taken,
                       const std::set<std::string>& constants,
                       const std::set<std::string>& registers,
                       std::set<std::string>* given = nullptr);

/// Numbers the names in `given` (from name_register_webs) again in the order the lines first
/// use them, each kind (`t`, `x`, ...) from its bare name on, skipping names in `taken` and
/// any other name the lines use: folding after naming leaves gaps (`t`, `t3`, `t6`).
void number_names_in_order(std::vector<std::string>& prologue, std::vector<std::string>& body,
                           const std::set<std::string>& given, const std::set<std::string>& taken);

}  // namespace switcheroo::lift
