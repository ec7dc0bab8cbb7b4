// The lifter's copy of what an ISA frontend reported (switcheroo/isa.h): kernels with their
// labels and instructions, owned by the host, plus the call that runs a frontend's parse.
#pragma once

#include <switcheroo/isa.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switcheroo::lift {

struct Operand {
  uint32_t kind = 0;
  uint32_t flags = 0;
  uint32_t count = 1;
  std::string text;
  std::optional<std::string> name;
  int64_t index = 0;
  int64_t value = 0;
  double number = 0.0;

  bool is(uint32_t flag) const { return (flags & flag) != 0; }
};

struct Instruction {
  uint32_t flags = 0;
  uint32_t line = 0;
  uint32_t column = 0;
  uint64_t address = 0;
  std::optional<std::string> predicate;
  bool predicate_negated = false;
  std::string opcode;
  std::vector<std::string> modifiers;
  std::vector<Operand> operands;
  std::optional<std::string> target_label;
  std::optional<uint64_t> target_address;
  std::optional<std::string> semantics;

  bool is(uint32_t flag) const { return (flags & flag) != 0; }
  /// Opcode and modifiers as the listing writes them: "IMAD.WIDE.U32", "v_cmp_gt_i32_e32".
  std::string mnemonic() const;
};

struct Label {
  std::string name;
  uint64_t address = 0;
  uint32_t line = 0;
  size_t instruction = 0;  ///< index of the instruction the label stands before
};

struct Parameter {
  uint32_t offset = 0;
  uint32_t size = 4;
  bool is_pointer = false;
  std::string name;
  std::string type_name;
};

struct Kernel {
  uint32_t line = 0;
  std::string name;
  std::string symbol;
  std::string architecture;
  std::string listing_format;
  uint32_t parameter_base = 0;
  std::optional<std::string> kernarg_register;
  uint32_t kernarg_overwritten_line = UINT32_MAX;  ///< first line writing kernarg_register
  std::vector<Parameter> parameters;  ///< empty when the listing does not describe them
  std::vector<std::pair<std::string, std::string>> live_ins;
  std::vector<Instruction> instructions;
  std::vector<Label> labels;
};

struct Program {
  std::string isa;           ///< "sass"
  std::string display_name;  ///< "NVIDIA SASS"
  std::string file;
  std::vector<Kernel> kernels;
};

/// Whether `instruction` is a scalar load from the kernarg segment: a read through the kernarg
/// register with an immediate offset, up to the listing's first line that writes that register
/// (read_program finds it; gfx1100's `s_load_b128 s[0:3], s[2:3], 0x0` replaces the pointer in s[2:3]
/// with a parameter, and later loads through s[2:3] read that parameter's memory).
bool reads_kernarg(const Kernel& kernel, const Instruction& instruction);

/// Runs `frontend.parse` on `text` and collects what it reports. Returns std::nullopt when the
/// frontend fails (it has reported its diagnostics through the host services already).
std::optional<Program> read_program(const sw_isa_frontend_interface& frontend, void* instance,
                                    const std::string& file, std::string_view text);

}  // namespace switcheroo::lift
