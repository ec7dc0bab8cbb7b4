#include "sass_halves.h"

#include <algorithm>
#include <cctype>
#include <string_view>
#include <vector>

namespace switcheroo::sass {
namespace {

using sdk::isa::Instruction;
using sdk::isa::Operand;

bool is_packed_opcode(const std::string& opcode) {
  return opcode == "HADD2" || opcode == "HMUL2" || opcode == "HFMA2";
}

// A merged pair of immediates: its text is "HIGH, LOW".
bool is_immediate_pair(const Operand& operand) {
  return operand.kind == SW_ISA_OPERAND_IMMEDIATE && operand.text.find(", ") != std::string::npos;
}

// A number as nvdisasm prints one that Python reads the same ("1", "-2.5e-07"; not "+INF").
bool python_number(std::string_view text) {
  const bool digits = std::any_of(
      text.begin(), text.end(), [](char c) { return std::isdigit(static_cast<unsigned char>(c)); });
  return digits && std::all_of(text.begin(), text.end(), [](char c) {
           return std::isdigit(static_cast<unsigned char>(c)) || c == '.' || c == 'e' || c == 'E' ||
                  c == '-' || c == '+';
         });
}

bool low_half_selected(const Operand& operand) {
  return operand.text.ends_with(".H0_H0") || operand.text.find(".H0_H0.") != std::string::npos;
}

// How the semantics read operand `index`: as a word (`$N`, `$N.f`, ...), as a half (`$N.h`),
// as a packed pair (`$N.h2`).
struct Reads {
  bool word = false, half = false, pair = false;
};

Reads reads_of(const std::string& semantics, size_t index) {
  Reads reads;
  const std::string placeholder = "$" + std::to_string(index);
  for (size_t at = semantics.find(placeholder); at != std::string::npos;
       at = semantics.find(placeholder, at + 1)) {
    const size_t after = at + placeholder.size();
    if (after < semantics.size() && std::isdigit(static_cast<unsigned char>(semantics[after])))
      continue;  // $1 inside $12
    if (semantics.compare(after, 3, ".h2") == 0)
      reads.pair = true;
    else if (semantics.compare(after, 2, ".h") == 0)
      reads.half = true;
    else
      reads.word = true;
  }
  return reads;
}

std::optional<std::string> pair_problem(const Operand& operand, const Reads& reads) {
  if (reads.word || reads.half) return "packed half operand '" + operand.text + "' read as a word";
  if (operand.flags & SW_ISA_OPERAND_ABSOLUTE)
    return "absolute value of packed halves '" + operand.text + "' is not supported";
  if (is_immediate_pair(operand)) {
    const size_t comma = operand.text.find(", ");
    if (!python_number(std::string_view(operand.text).substr(0, comma)) ||
        !python_number(std::string_view(operand.text).substr(comma + 2)))
      return "packed half immediates '" + operand.text + "' are not supported";
  }
  return std::nullopt;
}

}  // namespace

std::vector<size_t> merge_packed_immediates(Instruction& instruction) {
  std::vector<size_t> removed;
  if (!is_packed_opcode(instruction.opcode)) return removed;
  auto& operands = instruction.operands;
  // HFMA2's trailing pair is its constant form's addend (the `hfma2_immediate` entry).
  const bool keep_trailing = instruction.opcode == "HFMA2";
  for (size_t i = 1; i + 1 < operands.size(); ++i) {
    if (operands[i].kind != SW_ISA_OPERAND_IMMEDIATE ||
        operands[i + 1].kind != SW_ISA_OPERAND_IMMEDIATE ||
        (keep_trailing && i + 2 == operands.size()))
      continue;
    operands[i].text += ", " + operands[i + 1].text;
    operands[i].flags = 0;
    operands.erase(operands.begin() + static_cast<std::ptrdiff_t>(i) + 1);
    removed.push_back(i + 1);
  }
  return removed;
}

std::optional<std::pair<size_t, std::string>> half_operand_problem(const Instruction& instruction) {
  const std::string semantics = instruction.semantics.value_or("");
  for (size_t i = 0; i < instruction.operands.size(); ++i) {
    const Operand& operand = instruction.operands[i];
    const Reads reads = reads_of(semantics, i);
    if (reads.pair) {
      if (auto problem = pair_problem(operand, reads)) return std::make_pair(i, *problem);
      continue;
    }
    // `.H0_H0` (the low half in both halves) must be read as a half everywhere, and an operand
    // read as a half must name its half unless it is zero (HSETP2's `$N.h` on a plain register
    // would compare only the low halves of a packed pair).
    if (is_immediate_pair(operand))
      return std::make_pair(i, "packed half immediates '" + operand.text + "' read as a word");
    const bool selected = low_half_selected(operand);
    if (selected && (reads.word || !reads.half))
      return std::make_pair(i, "half selector '.H0_H0' in '" + operand.text + "' is not supported");
    if (reads.half && !selected && operand.kind == SW_ISA_OPERAND_REGISTER &&
        !(operand.flags & SW_ISA_OPERAND_ZERO))
      return std::make_pair(
          i, "packed half operand '" + operand.text + "' (both halves) is not supported");
  }
  return std::nullopt;
}

void expand_packed_reads(Instruction& instruction) {
  if (!instruction.semantics) return;
  const std::string& semantics = *instruction.semantics;
  std::string out;
  std::vector<size_t> negated;
  for (size_t at = 0; at < semantics.size();) {
    size_t end = at + 1;
    while (end < semantics.size() && std::isdigit(static_cast<unsigned char>(semantics[end])))
      ++end;
    if (semantics[at] != '$' || end == at + 1 || semantics.compare(end, 3, ".h2") != 0) {
      out += semantics[at++];
      continue;
    }
    const size_t index = std::stoul(semantics.substr(at + 1, end - at - 1));
    if (index >= instruction.operands.size()) return;  // too few operands: the caller says so
    const Operand& operand = instruction.operands[index];
    std::string pair = semantics.substr(at, end - at);
    if (is_immediate_pair(operand)) pair = "@half2('pack', " + operand.text + ")";
    if (low_half_selected(operand)) pair = "@half2('low', " + pair + ")";
    if (operand.flags & SW_ISA_OPERAND_NEGATED) {
      pair = "@half2('neg', " + pair + ")";
      negated.push_back(index);
    }
    out += pair;
    at = end + 3;
  }
  // The negation is in the text now: the lifter must not write `-` before the pair as well.
  for (const size_t index : negated) instruction.operands[index].flags &= ~SW_ISA_OPERAND_NEGATED;
  instruction.semantics = out;
}

}  // namespace switcheroo::sass
