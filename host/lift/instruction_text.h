// One instruction as Python statements: the frontend's semantics template with its operands
// filled in (registers by name, constant slots as parameters or built-ins, immediates as
// literals), writes to zero registers dropped, and an explicit `isa.OPCODE(...)` call where the
// frontend has no semantics.
#pragma once

#include "kernel_names.h"
#include "program.h"

#include <string>
#include <vector>

namespace switcheroo::lift {

class InstructionText {
 public:
  InstructionText(const Program& program, const Kernel& kernel, KernelNames& names);

  /// The statements computing `instruction`, without its predicate guard.
  std::vector<std::string> statements(const Instruction& instruction);
  /// The predicate guard ("P0", "not P0"), empty when the instruction always runs.
  std::string guard(const Instruction& instruction) const;
  /// When a branch or exit is taken: its guard and its condition template together.
  std::string condition(const Instruction& instruction);
  /// Opcodes that had no semantics, in the order first met.
  const std::vector<const Instruction*>& unlifted() const { return unlifted_; }

 private:
  std::string operand(const Instruction& instruction, size_t index, const std::string& view);
  std::string expression(const Instruction& instruction, const std::string& text);
  std::string assignment(const Instruction& instruction, size_t index, uint32_t words,
                         const std::string& value);
  std::string register_name(const Operand& operand, int64_t offset = 0) const;
  bool kernarg_load(const Instruction& instruction, std::vector<std::string>& out);

  const Program& program_;
  const Kernel& kernel_;
  KernelNames& names_;
  std::vector<const Instruction*> unlifted_;
};

/// The attribute an instruction without semantics is written as: "FRND_FLOOR" for FRND.FLOOR.
std::string unlifted_name(const Instruction& instruction);

/// A float32 value as a Python literal that reads back as it exactly (`4294966784.0`, `-1.0`,
/// `math.inf`; `math.nan` for any NaN).
std::string float_literal(double value);

/// The float32 value of a 32-bit pattern (the low 32 bits of `bits`).
double float_from_bits(int64_t bits);

/// Negates a Python condition readably ("P0" -> "not P0", "not P0" -> "P0").
std::string negate_condition(const std::string& condition);

}  // namespace switcheroo::lift
