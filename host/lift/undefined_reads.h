// Registers a lifted kernel may read before anything writes them. The hardware leaves such a
// register undefined and the compiler reads it only where its value cannot matter (the high
// word of `v_mad_u64_u32`'s 64-bit addend when only the low word of the result is used), but
// Python refuses to read a local that was never assigned, so the kernel binds them first.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace switcheroo::lift {

/// The names a function body (lines indented by four spaces per level, the function's own
/// statements at four) reads on some path before any assignment to them, among the names it
/// assigns somewhere (the others are globals). Follows Python's structure: `if`/`elif`/`else`
/// join what every branch that falls through assigned; a loop's body is read as in its first
/// iteration; after a `while True:` loop what holds at every `break`. Nested `def`s are skipped.
/// Names in `also_local` are locals even where nothing assigns them (registers whose writes
/// were all renamed, value_names.h, and that only an undefined read still names).
std::set<std::string> names_read_before_assigned(const std::vector<std::string>& body,
                                                 const std::set<std::string>& also_local = {});

}  // namespace switcheroo::lift
