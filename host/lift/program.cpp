#include "program.h"

#include <cctype>

// The builder context behind sw_isa_builder: it copies each record into the Program.
struct sw_isa_builder_context {
  switcheroo::lift::Program* program = nullptr;
};

namespace switcheroo::lift {
namespace {

std::string text_or_empty(const char* text) {
  return text ? text : "";
}
std::optional<std::string> text_or_none(const char* text) {
  return text ? std::optional<std::string>(text) : std::nullopt;
}

int32_t begin_kernel(sw_isa_builder_context* context, const sw_isa_kernel* record) {
  if (record == nullptr || record->struct_size < sizeof(sw_isa_kernel)) return SW_FAILED;
  Kernel kernel;
  kernel.line = record->line;
  kernel.name = text_or_empty(record->name);
  kernel.symbol = text_or_empty(record->symbol);
  kernel.architecture = text_or_empty(record->architecture);
  kernel.listing_format = text_or_empty(record->listing_format);
  kernel.parameter_base = record->parameter_base;
  kernel.kernarg_register = text_or_none(record->kernarg_register);
  for (uint32_t i = 0; i < record->parameter_count; ++i) {
    const sw_isa_parameter& parameter = record->parameters[i];
    if (parameter.struct_size < sizeof(sw_isa_parameter)) return SW_FAILED;
    kernel.parameters.push_back({parameter.offset, parameter.size, parameter.is_pointer != 0,
                                 text_or_empty(parameter.name),
                                 text_or_empty(parameter.type_name)});
  }
  for (uint32_t i = 0; i < record->live_in_count; ++i) {
    const sw_isa_live_in& live_in = record->live_ins[i];
    if (live_in.struct_size < sizeof(sw_isa_live_in) || !live_in.register_text ||
        !live_in.expression)
      return SW_FAILED;
    kernel.live_ins.emplace_back(live_in.register_text, live_in.expression);
  }
  context->program->kernels.push_back(std::move(kernel));
  return SW_OK;
}

int32_t add_label(sw_isa_builder_context* context, const char* name, uint64_t address,
                  uint32_t line) {
  if (context->program->kernels.empty() || name == nullptr) return SW_FAILED;
  Kernel& kernel = context->program->kernels.back();
  kernel.labels.push_back({name, address, line, kernel.instructions.size()});
  return SW_OK;
}

int32_t add_instruction(sw_isa_builder_context* context, const sw_isa_instruction* record) {
  if (context->program->kernels.empty() || record == nullptr ||
      record->struct_size < sizeof(sw_isa_instruction) || record->opcode == nullptr)
    return SW_FAILED;
  Instruction instruction;
  instruction.flags = record->flags;
  instruction.line = record->line;
  instruction.column = record->column;
  instruction.address = record->address;
  instruction.predicate = text_or_none(record->predicate);
  instruction.predicate_negated = record->predicate_negated != 0;
  instruction.opcode = record->opcode;
  for (uint32_t i = 0; i < record->modifier_count; ++i) {
    instruction.modifiers.push_back(text_or_empty(record->modifiers[i]));
  }
  for (uint32_t i = 0; i < record->operand_count; ++i) {
    const sw_isa_operand& operand = record->operands[i];
    if (operand.struct_size < sizeof(sw_isa_operand)) return SW_FAILED;
    instruction.operands.push_back({operand.kind, operand.flags, operand.count,
                                    text_or_empty(operand.text), text_or_none(operand.name),
                                    operand.index, operand.value, operand.number});
  }
  instruction.target_label = text_or_none(record->target_label);
  if (record->flags & SW_ISA_HAS_TARGET_ADDRESS)
    instruction.target_address = record->target_address;
  instruction.semantics = text_or_none(record->semantics);
  context->program->kernels.back().instructions.push_back(std::move(instruction));
  return SW_OK;
}

}  // namespace

std::string Instruction::mnemonic() const {
  // SASS joins modifiers with dots (IMAD.WIDE.U32); lowercase ISAs spell them into the name
  // with underscores (v_cmp_gt_i32_e32).
  const bool lowercase = !opcode.empty() && std::islower(static_cast<unsigned char>(opcode[0]));
  std::string text = opcode;
  for (const auto& modifier : modifiers) text += (lowercase ? "_" : ".") + modifier;
  return text;
}

namespace {

bool same_registers(const Operand& a, const Operand& b) {
  return a.name && b.name && *a.name == *b.name && a.index < b.index + b.count &&
         b.index < a.index + a.count;
}

// The line of the first instruction that writes the kernarg register (its first operand is
// what an instruction writes, except for stores and branches); UINT32_MAX when none does.
uint32_t first_kernarg_write(const Kernel& kernel) {
  const Operand* pointer = nullptr;
  for (const auto& instruction : kernel.instructions)
    for (const auto& operand : instruction.operands)
      if (!pointer && kernel.kernarg_register && operand.text == *kernel.kernarg_register)
        pointer = &operand;
  if (!pointer) return UINT32_MAX;
  for (const auto& instruction : kernel.instructions) {
    const bool writes_first =
        !instruction.operands.empty() && !instruction.is(SW_ISA_BRANCH) &&
        (!instruction.is(SW_ISA_MEMORY_WRITE) || instruction.is(SW_ISA_MEMORY_READ));
    if (writes_first && same_registers(instruction.operands[0], *pointer)) return instruction.line;
  }
  return UINT32_MAX;
}

}  // namespace

std::optional<Program> read_program(const sw_isa_frontend_interface& frontend, void* instance,
                                    const std::string& file, std::string_view text) {
  Program program;
  program.isa = text_or_empty(frontend.isa);
  program.display_name = text_or_empty(frontend.display_name);
  program.file = file;
  sw_isa_builder_context context{&program};
  const sw_isa_builder builder{sizeof(sw_isa_builder), &context, &begin_kernel, &add_label,
                               &add_instruction};
  if (frontend.parse(instance, file.c_str(), text.data(), text.size(), &builder) != SW_OK)
    return std::nullopt;
  for (auto& kernel : program.kernels)
    kernel.kernarg_overwritten_line = first_kernarg_write(kernel);
  return program;
}

bool reads_kernarg(const Kernel& kernel, const Instruction& instruction) {
  return kernel.kernarg_register && instruction.is(SW_ISA_MEMORY_READ) &&
         instruction.operands.size() >= 3 &&
         instruction.operands[1].text == *kernel.kernarg_register &&
         instruction.operands[2].kind == SW_ISA_OPERAND_IMMEDIATE &&
         instruction.line <= kernel.kernarg_overwritten_line;
}

}  // namespace switcheroo::lift
