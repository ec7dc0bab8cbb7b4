#include "instruction_text.h"

#include "simplify.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <sstream>

namespace switcheroo::lift {
namespace {

std::string integer_literal(int64_t value) {
  if (value >= -255 && value <= 255) return std::to_string(value);
  std::ostringstream out;
  if (value < 0) out << '-';
  out << "0x" << std::hex
      << (value < 0 ? -static_cast<uint64_t>(value) : static_cast<uint64_t>(value));
  return out.str();
}

}  // namespace

std::string float_literal(double value) {
  if (std::isnan(value)) return "math.nan";
  if (std::isinf(value)) return value > 0 ? "math.inf" : "-math.inf";
  // Python computes in double: the literal must be the float32 value exactly (4294966784.0,
  // not 4.29496678e+09), in the fewest digits that read back as it.
  if (std::fabs(value) <= std::numeric_limits<float>::max())
    value = static_cast<double>(static_cast<float>(value));
  std::string text;
  for (int precision = 9; precision <= 17; ++precision) {
    std::ostringstream out;
    out.precision(precision);
    out << value;
    text = out.str();
    if (std::strtod(text.c_str(), nullptr) == value) break;
  }
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

double float_from_bits(int64_t bits) {
  const auto word = static_cast<uint32_t>(bits);
  float value = 0;
  std::memcpy(&value, &word, sizeof value);
  return value;
}

namespace {

// The value of a half-precision bit pattern (the low 16 bits of `bits`).
double half_from_bits(int64_t bits) {
  const auto word = static_cast<uint32_t>(bits) & 0xFFFF;
  const int exponent = static_cast<int>((word >> 10) & 31);
  const auto mantissa = static_cast<double>(word & 1023);
  double magnitude = std::ldexp(mantissa, -24);
  if (exponent == 31) {
    magnitude = mantissa != 0 ? std::numeric_limits<double>::quiet_NaN()
                              : std::numeric_limits<double>::infinity();
  } else if (exponent != 0) {
    magnitude = std::ldexp(mantissa + 1024, exponent - 25);
  }
  return (word & 0x8000) ? -magnitude : magnitude;
}

int64_t bits_from_float(double number) {
  const auto value = static_cast<float>(number);
  uint32_t word = 0;
  std::memcpy(&word, &value, sizeof word);
  return word;
}

std::string trim(const std::string& text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool is_identifier(const std::string& text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text[0]))) return false;
  for (char c : text)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  return true;
}

// `$N = ...`, `$N.64 = ...` or `$N.128 = ...`: the operand index, how many 32-bit registers
// it writes at least (1, 2 or 4), and the value text.
bool operand_destination(const std::string& part, size_t& index, uint32_t& words,
                         std::string& value) {
  if (part.size() < 2 || part[0] != '$' || !std::isdigit(static_cast<unsigned char>(part[1])))
    return false;
  size_t at = 1;
  while (at < part.size() && std::isdigit(static_cast<unsigned char>(part[at]))) ++at;
  index = std::stoul(part.substr(1, at - 1));
  words = 1;
  if (part.compare(at, 3, ".64") == 0) {
    words = 2;
    at += 3;
  } else if (part.compare(at, 4, ".128") == 0) {
    words = 4;
    at += 4;
  }
  while (at < part.size() && std::isspace(static_cast<unsigned char>(part[at]))) ++at;
  if (at >= part.size() || part[at] != '=' || part.compare(at, 2, "==") == 0) return false;
  value = trim(part.substr(at + 1));
  return true;
}

// `scc = ...`, `exec = ...`, `vcc = ...`: the register and the value text.
bool named_destination(const std::string& part, std::string& name, std::string& value) {
  for (const char* candidate : {"scc", "exec", "vcc"}) {
    const std::string prefix = candidate;
    if (part.compare(0, prefix.size(), prefix) != 0) continue;
    size_t at = prefix.size();
    while (at < part.size() && std::isspace(static_cast<unsigned char>(part[at]))) ++at;
    if (at >= part.size() || part[at] != '=' || part.compare(at, 2, "==") == 0) return false;
    name = prefix;
    value = trim(part.substr(at + 1));
    return true;
  }
  return false;
}

}  // namespace

std::string unlifted_name(const Instruction& instruction) {
  std::string name = instruction.mnemonic();
  for (char& c : name)
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') c = '_';
  return name;
}

std::string negate_condition(const std::string& condition) {
  if (condition == "True") return "False";
  if (condition == "False") return "True";
  if (condition.rfind("not ", 0) == 0 && is_identifier(condition.substr(4)))
    return condition.substr(4);
  if (is_identifier(condition)) return "not " + condition;
  return "not (" + condition + ")";
}

InstructionText::InstructionText(const Program& program, const Kernel& kernel, KernelNames& names)
    : program_(program), kernel_(kernel), names_(names) {}

std::string InstructionText::register_name(const Operand& operand, int64_t offset) const {
  const std::string file = operand.name.value_or("r");
  if (operand.index < 0) return file;
  const std::string name = file + std::to_string(operand.index + offset);
  // RDNA's s32 and s64 would hide the prelude's s32() and s64() in the lifted function.
  return name == "s32" || name == "s64" ? name + "_" : name;
}

std::string InstructionText::operand(const Instruction& instruction, size_t index,
                                     const std::string& view) {
  if (index >= instruction.operands.size()) return "0";
  const Operand& op = instruction.operands[index];
  const bool as_float = view == "f" || view == "h";
  const std::string decode = view == "h" ? "f16(" : "f32(";
  const bool wide = view == "64" || view == "128";
  std::string text;
  switch (op.kind) {
    case SW_ISA_OPERAND_REGISTER:
    case SW_ISA_OPERAND_REGISTER_RANGE: {
      if (op.is(SW_ISA_OPERAND_ZERO)) {
        text = "0";
        break;
      }
      const uint32_t count = view == "128" ? 4 : (wide ? 2 : op.count);
      if (count == 1) {
        text = register_name(op);
      } else {
        std::vector<std::string> words;
        for (uint32_t i = 0; i < count; ++i) words.push_back(register_name(op, i));
        text = count == 2 ? "pair(" + words[0] + ", " + words[1] + ")" : "join_words(";
        if (count != 2) {
          for (size_t i = 0; i < words.size(); ++i) text += (i ? ", " : "") + words[i];
          text += ")";
        }
      }
      if (as_float) text = decode + text + ")";
      break;
    }
    case SW_ISA_OPERAND_PREDICATE:
      text = op.is(SW_ISA_OPERAND_ZERO) ? "True" : register_name(op);
      if (op.is(SW_ISA_OPERAND_INVERTED)) return "(not " + text + ")";
      return text;
    case SW_ISA_OPERAND_SPECIAL_REGISTER:
      text = names_.use_builtin(op.name.value_or("special"));
      if (as_float) text = decode + text + ")";
      break;
    case SW_ISA_OPERAND_IMMEDIATE:
      if (op.is(SW_ISA_OPERAND_ZERO)) return as_float ? "0.0" : "0";
      if (as_float && !op.is(SW_ISA_OPERAND_FLOAT))
        return float_literal(view == "h" ? half_from_bits(op.value) : float_from_bits(op.value));
      if (as_float) return float_literal(op.number);
      return integer_literal(op.is(SW_ISA_OPERAND_FLOAT) ? bits_from_float(op.number) : op.value);
    case SW_ISA_OPERAND_CONSTANT:
      if (op.name && is_builtin_name(*op.name)) {
        text = names_.use_builtin(*op.name);
      } else if (op.index == 0 && op.value >= kernel_.parameter_base) {
        const auto offset = static_cast<uint32_t>(op.value - kernel_.parameter_base);
        text = wide ? names_.parameter_wide(offset) : names_.parameter_word(offset);
      } else {
        text = "grid.constant(" + std::to_string(op.index) + ", " + integer_literal(op.value) + ")";
      }
      if (as_float) text = decode + text + ")";
      break;
    case SW_ISA_OPERAND_MEMORY: {
      Operand base = op;
      base.kind = op.count > 1 ? SW_ISA_OPERAND_REGISTER_RANGE : SW_ISA_OPERAND_REGISTER;
      text = op.name && !op.is(SW_ISA_OPERAND_ZERO) ? "" : "0";
      if (text.empty()) {
        Instruction single;
        single.operands.push_back(base);
        text = operand(single, 0, "");
        if (op.is(SW_ISA_OPERAND_SCALED))
          text += " * " + std::to_string(static_cast<int64_t>(op.number));
      }
      if (op.value != 0)
        text = text == "0" ? integer_literal(op.value) : text + " + " + integer_literal(op.value);
      return text;
    }
    case SW_ISA_OPERAND_LABEL: return "'" + op.name.value_or(op.text) + "'";
    default: return "0";
  }
  if (op.is(SW_ISA_OPERAND_ABSOLUTE))
    text = as_float ? "abs(" + text + ")" : "abs(s32(" + text + "))";
  if (op.is(SW_ISA_OPERAND_NEGATED)) text = "-" + text;
  if (op.is(SW_ISA_OPERAND_INVERTED)) text = "~" + text;
  return text;
}

// Fills `$N`, `$N.64`, `$N.f`, `$N.h` and `@service(` in a template expression.
std::string InstructionText::expression(const Instruction& instruction, const std::string& text) {
  std::string out;
  for (size_t at = 0; at < text.size();) {
    if (text[at] == '$' && at + 1 < text.size() &&
        std::isdigit(static_cast<unsigned char>(text[at + 1]))) {
      size_t end = at + 1;
      while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
      const size_t index = std::stoul(text.substr(at + 1, end - at - 1));
      std::string view;
      if (text.compare(end, 3, ".64") == 0) view = "64";
      if (text.compare(end, 4, ".128") == 0) view = "128";
      for (const char* half_or_float : {".f", ".h"}) {
        if (text.compare(end, 2, half_or_float) == 0 &&
            (end + 2 >= text.size() || !std::isalnum(static_cast<unsigned char>(text[end + 2]))))
          view = half_or_float + 1;
      }
      out += operand(instruction, index, view);
      at = end + (view.empty() ? 0 : view.size() + 1);
    } else if (text[at] == '@') {
      out += "grid.";
      ++at;
    } else if (text[at] == '$' && text.compare(at + 1, 4, "exec") == 0) {
      out += "exec";
      at += 5;
    } else {
      out += text[at++];
    }
  }
  return out;
}

std::string InstructionText::assignment(const Instruction& instruction, size_t index,
                                        uint32_t words, const std::string& value) {
  if (index >= instruction.operands.size()) return "";
  const Operand& op = instruction.operands[index];
  if (op.is(SW_ISA_OPERAND_ZERO)) return "";  // RZ, PT, URZ: the write is discarded
  const uint32_t count = std::max<uint32_t>(op.count, words);
  if (count == 1) return register_name(op) + " = " + value;
  std::string targets;
  for (uint32_t i = 0; i < count; ++i) targets += (i ? ", " : "") + register_name(op, i);
  if (count == 2) return targets + " = split64(" + value + ")";
  return targets + " = split_words(" + value + ", " + std::to_string(count) + ")";
}

// A scalar load from the kernarg segment: each destination word is a parameter word.
bool InstructionText::kernarg_load(const Instruction& instruction, std::vector<std::string>& out) {
  if (!reads_kernarg(kernel_, instruction)) return false;
  const Operand& destination = instruction.operands[0];
  const auto offset = static_cast<uint32_t>(instruction.operands[2].value);
  for (uint32_t i = 0; i < destination.count; ++i)
    out.push_back(register_name(destination, i) + " = " + names_.parameter_word(offset + 4 * i));
  return true;
}

std::vector<std::string> InstructionText::statements(const Instruction& instruction) {
  std::vector<std::string> out;
  if (kernarg_load(instruction, out)) return out;
  if (!instruction.semantics) {
    if (instruction.is(SW_ISA_NO_EFFECT) || instruction.is(SW_ISA_RECONVERGE) ||
        instruction.is(SW_ISA_BRANCH) || instruction.is(SW_ISA_EXIT))
      return out;
    unlifted_.push_back(&instruction);
    std::string call = program_.isa + "." + unlifted_name(instruction) + "(";
    for (size_t i = 0; i < instruction.operands.size(); ++i)
      call += (i ? ", " : "") + operand(instruction, i, "");
    out.push_back(call + ")");
    return out;
  }
  std::stringstream parts(*instruction.semantics);
  std::string part;
  // All values of one instruction are computed before any is written (IADD3 R8, P1, R8, ...).
  std::vector<std::pair<std::string, std::string>> writes;
  while (std::getline(parts, part, ';')) {
    part = trim(part);
    if (part.empty()) continue;
    size_t index = 0;
    uint32_t words = 1;
    std::string name, value;
    if (operand_destination(part, index, words, value)) {
      const std::string line = assignment(instruction, index, words,
                                          simplify_expression(expression(instruction, value)));
      if (line.empty()) continue;
      const auto equals = line.find(" = ");
      writes.emplace_back(line.substr(0, equals), line.substr(equals + 3));
    } else if (named_destination(part, name, value)) {
      writes.emplace_back(name, simplify_expression(expression(instruction, value)));
    } else {
      out.push_back(simplify_expression(expression(instruction, part)));
    }
  }
  if (writes.size() == 1) out.push_back(writes[0].first + " = " + writes[0].second);
  if (writes.size() > 1) {
    std::string targets, values;
    for (const auto& [target, value] : writes) {
      const bool tuple = target.find(',') != std::string::npos;
      targets += (targets.empty() ? "" : ", ") + (tuple ? "(" + target + ")" : target);
      values += (values.empty() ? "" : ", ") + value;
    }
    out.push_back(targets + " = " + values);
  }
  return out;
}

std::string InstructionText::guard(const Instruction& instruction) const {
  if (!instruction.predicate || *instruction.predicate == "PT") return "";
  return instruction.predicate_negated ? "not " + *instruction.predicate : *instruction.predicate;
}

std::string InstructionText::condition(const Instruction& instruction) {
  std::string result = guard(instruction);
  if (instruction.semantics && instruction.is(SW_ISA_BRANCH)) {
    const std::string taken = simplify_expression(expression(instruction, *instruction.semantics));
    if (taken != "True") result = result.empty() ? taken : "(" + result + ") and (" + taken + ")";
  }
  return result.empty() ? "True" : result;
}

}  // namespace switcheroo::lift
