#include "rdna_symbols.h"

#include <charconv>

namespace switcheroo::rdna {
namespace {

using sdk::isa::Instruction;
using sdk::isa::Operand;

// The operand of `instruction` that names a relocated symbol, with its index.
std::optional<std::pair<size_t, Relocation>> relocated_operand(const Instruction& instruction) {
  for (size_t i = 0; i < instruction.operands.size(); ++i) {
    const Operand& operand = instruction.operands[i];
    if (operand.kind != SW_ISA_OPERAND_LABEL || !operand.name) continue;
    if (auto relocation = parse_relocation(*operand.name))
      return std::make_pair(i, std::move(*relocation));
  }
  return std::nullopt;
}

bool is_sgpr(const Operand& operand, int64_t index) {
  return operand.kind == SW_ISA_OPERAND_REGISTER && operand.name == "s" &&
         operand.index == index && operand.count == 1;
}

// `sN, sN, SYMBOL@KIND+ADDEND` as the adds write it: the register N adds to itself.
bool adds_to_itself(const Instruction& instruction, const char* opcode, int64_t index,
                    const Relocation& expected) {
  if (instruction.opcode != opcode || instruction.operands.size() != 3 ||
      !is_sgpr(instruction.operands[0], index) || !is_sgpr(instruction.operands[1], index))
    return false;
  const auto relocated = relocated_operand(instruction);
  return relocated && relocated->first == 2 && relocated->second.symbol == expected.symbol &&
         relocated->second.kind == expected.kind && relocated->second.addend == expected.addend;
}

// Whether instruction `low` and its neighbours are the three instructions of the header
// comment, `low` the s_add_u32.
bool is_pc_relative_address(const std::vector<Instruction>& instructions, size_t low,
                            const Relocation& relocation) {
  if (relocation.kind != "rel32@lo" || low == 0 || low + 1 >= instructions.size()) return false;
  const Instruction& getpc = instructions[low - 1];
  if (getpc.opcode != "s_getpc_b64" || getpc.operands.size() != 1) return false;
  const Operand& pair = getpc.operands[0];
  if (pair.kind != SW_ISA_OPERAND_REGISTER_RANGE || pair.name != "s" || pair.count != 2)
    return false;
  Relocation high = relocation;
  high.kind = "rel32@hi";
  high.addend += 8;  // the s_addc_u32 literal is 8 bytes after the s_add_u32 one
  return adds_to_itself(instructions[low], "s_add_u32", pair.index, relocation) &&
         adds_to_itself(instructions[low + 1], "s_addc_u32", pair.index + 1, high);
}

// s_getpc_b64 s[N:N+1] as the address of `symbol` plus `offset`: operand 1 names the symbol.
void give_symbol_address(Instruction& getpc, const std::string& symbol, int64_t offset) {
  Operand name;
  name.kind = SW_ISA_OPERAND_LABEL;
  name.text = symbol;
  name.name = symbol;
  getpc.operands.push_back(std::move(name));
  std::string semantics = "$0.64 = @symbol($1)";
  if (offset > 0) semantics += " + " + std::to_string(offset);
  if (offset < 0) semantics += " - " + std::to_string(-offset);
  getpc.semantics = semantics;
}

// An add of the relocated literal: folded into s_getpc_b64, it computes nothing more. (Its
// scc, the address's carry, is dead: the compiler's pseudo-instruction clobbers scc.)
void fold_into_address(Instruction& add) {
  add.semantics.reset();
  add.flags |= SW_ISA_NO_EFFECT;
}

// Why the relocated operand `text` does not lift.
std::string unread(const std::string& text, const Relocation& relocation) {
  if (relocation.kind != "rel32@lo" && relocation.kind != "rel32@hi")
    return "cannot read '" + text + "': of the relocations only a symbol's pc-relative address "
           "(@rel32@lo, @rel32@hi) lifts";
  return "cannot read '" + text + "': a symbol's address lifts as clang writes it, "
         "s_getpc_b64 s[N:N+1], s_add_u32 sN, sN, SYMBOL@rel32@lo+A, "
         "s_addc_u32 sN+1, sN+1, SYMBOL@rel32@hi+A+8";
}

}  // namespace

std::optional<Relocation> parse_relocation(std::string_view text) {
  const auto at = text.find('@');
  if (at == 0 || at == std::string_view::npos) return std::nullopt;
  Relocation relocation;
  relocation.symbol = std::string(text.substr(0, at));
  const std::string_view rest = text.substr(at + 1);
  const auto sign = rest.find_first_of("+-");
  relocation.kind = std::string(rest.substr(0, sign));
  if (relocation.kind.empty()) return std::nullopt;
  if (sign == std::string_view::npos) return relocation;
  const std::string_view digits = rest.substr(sign + 1);
  const auto [end, status] =
      std::from_chars(digits.data(), digits.data() + digits.size(), relocation.addend);
  if (digits.empty() || status != std::errc() || end != digits.data() + digits.size())
    return std::nullopt;
  if (rest[sign] == '-') relocation.addend = -relocation.addend;
  return relocation;
}

std::vector<std::pair<size_t, std::string>> resolve_symbol_addresses(
    std::vector<Instruction>& instructions) {
  std::vector<std::pair<size_t, std::string>> problems;
  for (size_t i = 0; i < instructions.size(); ++i) {
    const auto relocated = relocated_operand(instructions[i]);
    if (!relocated) continue;
    const Relocation& relocation = relocated->second;
    if (!is_pc_relative_address(instructions, i, relocation)) {
      problems.emplace_back(i, unread(instructions[i].operands[relocated->first].text, relocation));
      // One error for one address: the s_addc_u32 of the same symbol goes with it.
      const auto next = i + 1 < instructions.size() ? relocated_operand(instructions[i + 1])
                                                    : std::nullopt;
      if (next && next->second.symbol == relocation.symbol) ++i;
      continue;
    }
    give_symbol_address(instructions[i - 1], relocation.symbol, relocation.addend - 4);
    fold_into_address(instructions[i]);
    fold_into_address(instructions[++i]);
  }
  return problems;
}

}  // namespace switcheroo::rdna
