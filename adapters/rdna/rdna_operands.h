// Operands and opcode names of AMD GFX10/GFX11 instructions as LLVM's AMDGPU backend prints
// them: v5, s[4:7], vcc_lo, exec_lo, null, off, -|v2|, 1.0, 0x3ff, labels.
#pragma once

#include <switcheroo/isa.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::rdna {

/// Parses one operand; std::nullopt with `error` set when it is not an RDNA operand.
std::optional<sdk::isa::Operand> parse_operand(std::string_view text, std::string& error);

/// Splits a mnemonic into the opcode the semantics data is keyed by and its modifiers:
/// "v_cmp_gt_i32_e64" -> "v_cmp" {"gt", "i32", "e64"}; "v_add_f32_e32" -> "v_add_f32" {"e32"}.
void split_mnemonic(std::string_view mnemonic, std::string& opcode,
                    std::vector<std::string>& modifiers);

}  // namespace switcheroo::rdna
