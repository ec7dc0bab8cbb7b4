#include "kernel_names.h"

#include <algorithm>
#include <map>
#include <optional>
#include <sstream>

namespace switcheroo::lift {
namespace {

std::string hex(uint64_t value) {
  std::ostringstream out;
  out << "0x" << std::hex << value;
  return out.str();
}

struct Slot {
  bool wide = false;       // read as 64 bits somewhere
  bool high_half = false;  // read by an extended (carry) instruction: the top of a 64-bit value
};

std::string register_key(const Operand& operand) {
  return operand.name.value_or("") + std::to_string(operand.index);
}

// Constant-bank slots at or above the parameter base, by offset from the base. A slot is the
// high half of a 64-bit value when a carry-extended instruction (IADD3.X, LEA.HI.X) reads it,
// directly or through a register that a plain move (`ULDC UR5, c[0x0][0x21c]`) filled from it.
std::map<uint32_t, Slot> parameter_slots(const Kernel& kernel) {
  std::map<uint32_t, Slot> slots;
  std::map<std::string, uint32_t> copies;  // register -> the slot it holds, in layout order
  for (const auto& instruction : kernel.instructions) {
    const std::string& semantics = instruction.semantics.value_or("");
    const bool extended = std::find(instruction.modifiers.begin(), instruction.modifiers.end(),
                                    "X") != instruction.modifiers.end();
    std::optional<uint32_t> copied;
    for (size_t i = 0; i < instruction.operands.size(); ++i) {
      const Operand& operand = instruction.operands[i];
      if (extended && i > 0 && operand.kind == SW_ISA_OPERAND_REGISTER) {
        const auto copy = copies.find(register_key(operand));
        if (copy != copies.end()) slots[copy->second].high_half = true;
      }
      if (operand.kind != SW_ISA_OPERAND_CONSTANT || operand.name || operand.index != 0 ||
          operand.value < kernel.parameter_base)
        continue;
      const auto offset = static_cast<uint32_t>(operand.value - kernel.parameter_base);
      Slot& slot = slots[offset];
      slot.wide |= semantics.find("$" + std::to_string(i) + ".64") != std::string::npos;
      slot.high_half |= extended;
      if (i == 1 && semantics == "$0 = $1") copied = offset;
    }
    if (instruction.operands.empty() || instruction.operands[0].kind != SW_ISA_OPERAND_REGISTER)
      continue;
    const std::string destination = register_key(instruction.operands[0]);
    if (copied) {
      copies[destination] = *copied;
    } else {
      copies.erase(destination);
    }
  }
  return slots;
}

// Scalar loads from the kernarg segment without metadata: a two-word load at an 8-byte aligned
// offset reads a 64-bit value (most often a pointer), any other load reads 32-bit words.
std::map<uint32_t, uint32_t> kernarg_loads(const Kernel& kernel) {
  std::map<uint32_t, uint32_t> sizes;
  for (const auto& instruction : kernel.instructions) {
    if (!reads_kernarg(kernel, instruction) || instruction.operands[2].value < 0)
      continue;
    const auto offset = static_cast<uint32_t>(instruction.operands[2].value);
    const uint32_t words = instruction.operands[0].count;
    if (words == 2 && offset % 8 == 0) {
      sizes.emplace(offset, 8);
      continue;
    }
    for (uint32_t word = 0; word < words && word < 16; ++word) sizes.emplace(offset + 4 * word, 4);
  }
  return sizes;
}

}  // namespace

bool is_builtin_name(const std::string& name) {
  static const std::set<std::string> names = [] {
    std::set<std::string> result;
    for (const char* stem :
         {"thread_idx_", "block_idx_", "block_dim_", "grid_dim_", "workitem_id_", "workgroup_id_"})
      for (const char* axis : {"x", "y", "z"}) result.insert(std::string(stem) + axis);
    for (const char* other : {"lane_id", "cluster_cta_id", "local_stack_top",
                              "global_memory_descriptor", "kernarg_segment", "dispatch_ptr"})
      result.insert(other);
    return result;
  }();
  return names.count(name) > 0;
}

KernelNames::KernelNames(const Kernel& kernel) : parameters_(kernel.parameters) {
  if (parameters_.empty() && kernel.parameter_base != 0) {
    inferred_ = true;
    const auto slots = parameter_slots(kernel);
    for (const auto& [offset, slot] : slots) {
      if (covering(offset)) continue;
      const auto high = slots.find(offset + 4);
      const bool wide =
          slot.wide || (offset % 8 == 0 && high != slots.end() && high->second.high_half);
      parameters_.push_back({offset, wide ? 8u : 4u, wide, "", ""});
    }
  } else if (parameters_.empty() && kernel.kernarg_register) {
    inferred_ = true;
    for (const auto& [offset, size] : kernarg_loads(kernel)) {
      if (covering(offset)) continue;
      parameters_.push_back({offset, size, size == 8, "", ""});
    }
  }
  std::sort(parameters_.begin(), parameters_.end(),
            [](const Parameter& a, const Parameter& b) { return a.offset < b.offset; });
  for (size_t i = 0; i < parameters_.size(); ++i) {
    if (parameters_[i].name.empty()) parameters_[i].name = "p" + std::to_string(i);
  }
}

const Parameter* KernelNames::covering(uint32_t offset) const {
  for (const auto& parameter : parameters_)
    if (offset >= parameter.offset && offset < parameter.offset + parameter.size) return &parameter;
  return nullptr;
}

std::string KernelNames::parameter_word(uint32_t offset) {
  const Parameter* parameter = covering(offset);
  if (parameter == nullptr || (offset - parameter->offset) % 4 != 0) {
    unknown_words_ = true;
    return "grid.parameter_word(" + hex(offset) + ")";
  }
  if (parameter->size == 4) return parameter->name;
  const uint32_t word = (offset - parameter->offset) / 4;
  if (parameter->size == 8) return (word == 0 ? "lo32(" : "hi32(") + parameter->name + ")";
  return "split_words(" + parameter->name + ", " + std::to_string(parameter->size / 4) + ")[" +
         std::to_string(word) + "]";
}

std::string KernelNames::parameter_wide(uint32_t offset) {
  const Parameter* parameter = covering(offset);
  if (parameter != nullptr && parameter->offset == offset && parameter->size == 8)
    return parameter->name;
  return "pair(" + parameter_word(offset) + ", " + parameter_word(offset + 4) + ")";
}

const std::string& KernelNames::use_builtin(const std::string& name) {
  return *builtins_.insert(name).first;
}

}  // namespace switcheroo::lift
