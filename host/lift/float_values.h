// Float32 values written as Python floats where the lifted code only round-trips their bit
// patterns. Registers hold 32-bit patterns, so a float instruction reads `f32(R)` and writes
// `bits(...)`; where every read of a value is `f32(...)` the value itself can be the float:
//
//     val = p0_u32[s32(i)]                          val = p0_f32[s32(i)]
//     acc = bits(f32(val) * f32(p2) + f32(acc))  -> acc = fround(val * p2_f32 + acc)
//     p1_u32[s32(i)] = acc                          p1_f32[s32(i)] = acc
//
// Each rewrite keeps every value exactly, float32 rounding included:
//   - a name whose every read is `f32(name)` and every write `name = X` (one name, one value)
//     is written `name = f32(X)` and read `name`; `f32(bits(E))` is `fround(E)` (the
//     prelude's f32(bits(E)), the float32 rounding bits() does), and `f32(N)` of an integer
//     literal N is the float it is (`-1.0`; a NaN pattern keeps f32(), for its payload);
//   - such a name may also be stored whole (`V[I] = name`, `grid.store_shared(A, name, 4)`,
//     `grid.store_global(A, name, 4)`) when every X is `bits(E)` or 0: it is stored as
//     `bits(name)`, since bits(f32(P)) is P for every pattern P that bits() writes;
//   - a buffer view `pN_u32` (4-byte words) whose every load is `f32(pN_u32[I])` and every
//     store `pN_u32[I] = bits(E)` becomes the prelude's FloatBuffer `pN_f32`, whose loads
//     give f32(word) and whose stores write bits(value): `pN_f32[I]`, `pN_f32[I] = E`;
//   - a parameter read only as `f32(pN)` is read as `pN_f32`, bound `pN_f32 = f32(pN)` at the
//     top.
// Names in `fixed` (what subroutines read or write) stay as they are, and so does any line
// with a string literal.
#pragma once

#include <set>
#include <string>
#include <vector>

namespace switcheroo::lift {

/// Rewrites the kernel's `prologue` and `body` (four spaces per level) as above; `parameters`
/// are the kernel's value parameters. Returns the number of names and views made float.
int keep_float_values(std::vector<std::string>& prologue, std::vector<std::string>& body,
                      const std::vector<std::string>& parameters,
                      const std::set<std::string>& fixed);

}  // namespace switcheroo::lift
