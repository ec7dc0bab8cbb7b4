// Operands of SASS instructions as cuobjdump and nvdisasm print them, and the constant-bank
// layout of the CUDA ABI for each architecture.
#pragma once

#include <switcheroo/isa.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace switcheroo::sass {

/// Where an architecture keeps kernel parameters and named values in constant bank 0.
struct ConstantBankLayout {
  uint32_t parameter_base = 0x160;     ///< first parameter byte
  uint32_t memory_descriptor = 0x118;  ///< the 64-bit global memory descriptor
};

/// The layout for "sm_80", "sm_86", "sm_90", ...; Ampere's for an unknown architecture.
ConstantBankLayout constant_bank_layout(std::string_view architecture);

/// Parses one operand (already split at top-level commas and trimmed). Returns std::nullopt and
/// sets `error` when the text is not a SASS operand.
std::optional<sdk::isa::Operand> parse_operand(std::string_view text,
                                               const ConstantBankLayout& layout,
                                               std::string& error);

/// The readable name of a special register (`SR_TID.X` -> "thread_idx_x"), or the register's
/// own name in lowercase when it has no common name.
std::string special_register_name(std::string_view name);

}  // namespace switcheroo::sass
