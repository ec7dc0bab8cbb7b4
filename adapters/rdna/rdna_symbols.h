// Addresses of data symbols (`__constant__` and `__device__` variables, OpenCL program-scope
// constants) in LLVM AMDGPU listings. clang writes `&symbol + offset` pc-relative:
//
//   s_getpc_b64 s[N:N+1]                          ; the address of the next instruction
//   s_add_u32   sN,   sN,   symbol@rel32@lo+A     ; A = offset + 4
//   s_addc_u32  sN+1, sN+1, symbol@rel32@hi+B     ; B = offset + 12
//
// (each addend counts from the end of s_getpc_b64 to the 32-bit literal the linker fills).
// The lifted code has no program counter: the three instructions read together as the
// symbol's address, s_getpc_b64 giving `grid.symbol('symbol') + offset` and the two adds
// adding zero.
#pragma once

#include <switcheroo/isa.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switcheroo::rdna {

/// An operand naming a symbol with a relocation: `coefficients@rel32@lo+4`.
struct Relocation {
  std::string symbol;  ///< "coefficients"
  std::string kind;    ///< "rel32@lo", "rel32@hi", "gotpcrel32@lo", ...
  int64_t addend = 0;  ///< 4
};

/// Reads `symbol@kind[@part][+-addend]`; std::nullopt when `text` has no '@' after a name.
std::optional<Relocation> parse_relocation(std::string_view text);

/// Rewrites every pc-relative symbol address of one kernel's `instructions` as above. Returns,
/// for each relocated operand it cannot read (another relocation kind, or not in the three
/// instructions clang writes), the index of its instruction and the message.
std::vector<std::pair<size_t, std::string>> resolve_symbol_addresses(
    std::vector<sdk::isa::Instruction>& instructions);

}  // namespace switcheroo::rdna
