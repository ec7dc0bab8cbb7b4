#include "sass_operands.h"

#include <cctype>
#include <charconv>
#include <cmath>
#include <cstdlib>
#include <map>

namespace switcheroo::sass {
namespace {

using sdk::isa::starts_with;
using sdk::isa::Operand;

bool all_digits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text)
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  return true;
}

// Integer literal: 0x1f, -0x4, 12. Returns false when `text` is not one.
bool parse_integer(std::string_view text, int64_t& value) {
  bool negative = false;
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) {
    negative = text.front() == '-';
    text.remove_prefix(1);
  }
  int base = 10;
  if (starts_with(text, "0x") || starts_with(text, "0X")) {
    base = 16;
    text.remove_prefix(2);
  }
  if (text.empty()) return false;
  uint64_t magnitude = 0;
  const auto [end, status] =
      std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
  if (status != std::errc() || end != text.data() + text.size()) return false;
  value = negative ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
  return true;
}

bool parse_float(std::string_view text, double& value) {
  if (text == "+INF" || text == "INF") return value = HUGE_VAL, true;
  if (text == "-INF") return value = -HUGE_VAL, true;
  if (text == "+QNAN" || text == "QNAN" || text == "-QNAN") return value = std::nan(""), true;
  if (text.find_first_of(".eE") == std::string_view::npos) return false;
  const std::string copy(text);
  char* end = nullptr;
  value = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size();
}

// A register name with its suffixes into `operand`: `.64` (a pair) and, inside a memory operand
// only, an address scale (`.X4`, `.X8`, `.X16`) into `scale`. `.H0_H0` (the low half, in both
// halves) stays in the operand's text for the listing to check against the semantics. Any other
// suffix selects part of the register (`.H1_H1`, `.H1`, `.B2`) or reads it another way, which
// the semantics cannot express: read as the whole register it would change the result, so it
// is refused with `error` set.
bool parse_register(std::string_view text, Operand& operand, std::string& error,
                    int* scale = nullptr) {
  std::string_view name = text.substr(0, text.find('.'));
  std::string_view suffixes = text.substr(name.size());
  if (starts_with(text, "SR_")) {
    operand.kind = SW_ISA_OPERAND_SPECIAL_REGISTER;
    operand.name = special_register_name(text);
    return true;
  }
  if (name == "SRZ") {
    operand.kind = SW_ISA_OPERAND_IMMEDIATE;
    operand.flags |= SW_ISA_OPERAND_ZERO;
    return true;
  }
  static const std::pair<std::string_view, uint32_t> files[] = {{"UR", SW_ISA_OPERAND_REGISTER},
                                                                {"UP", SW_ISA_OPERAND_PREDICATE},
                                                                {"R", SW_ISA_OPERAND_REGISTER},
                                                                {"P", SW_ISA_OPERAND_PREDICATE},
                                                                {"B", SW_ISA_OPERAND_REGISTER}};
  for (const auto& [file, kind] : files) {
    if (!starts_with(name, file)) continue;
    const std::string_view number = name.substr(file.size());
    operand.kind = kind;
    operand.name = std::string(file);
    if (number == "Z" || number == "T") {
      operand.flags |= SW_ISA_OPERAND_ZERO;
    } else if (all_digits(number) && number.size() < 6) {
      std::from_chars(number.data(), number.data() + number.size(), operand.index);
    } else {
      return false;
    }
    while (!suffixes.empty()) {
      suffixes.remove_prefix(1);
      const std::string_view suffix = suffixes.substr(0, suffixes.find('.'));
      suffixes.remove_prefix(suffix.size());
      if (suffix == "64") {
        operand.count = 2;
        if (!(operand.flags & SW_ISA_OPERAND_ZERO)) operand.kind = SW_ISA_OPERAND_REGISTER_RANGE;
      } else if (suffix == "H0_H0" && scale == nullptr) {
        // The low half in both halves: the operand's text keeps the selector, and the listing
        // accepts it only where the semantics read the operand as a half (`$N.h`).
      } else if (suffix == "X4" || suffix == "X8" || suffix == "X16") {
        if (scale == nullptr) return false;
        *scale = suffix == "X4" ? 4 : suffix == "X8" ? 8 : 16;
      } else {
        const bool half = suffix == "H0" || suffix == "H1" || suffix == "H0_H0" ||
                          suffix == "H1_H1" || suffix == "H0_H1" || suffix == "H1_H0";
        error = std::string(half ? "half selector" : "register suffix") + " '." +
                std::string(suffix) + "' in '" + std::string(text) + "' is not supported";
        return false;
      }
    }
    return true;
  }
  return false;
}

// `[R2.64+0x10]`, `[R1+-0x4]`, `[UR4]`: one base register and a byte offset.
bool parse_memory(std::string_view inside, Operand& operand, std::string& error) {
  operand.kind = SW_ISA_OPERAND_MEMORY;
  bool have_base = false;
  while (!inside.empty()) {
    size_t end = inside.find('+', 1);
    std::string_view term = inside.substr(0, end);
    inside = end == std::string_view::npos ? std::string_view{} : inside.substr(end + 1);
    int64_t value = 0;
    if (parse_integer(term, value)) {
      operand.value += value;
      continue;
    }
    Operand base;
    int scale = 1;
    if (have_base || !parse_register(term, base, error, &scale) ||
        base.kind == SW_ISA_OPERAND_PREDICATE) {
      if (have_base) error = "memory operand with two base registers is not supported";
      if (error.empty()) error = "cannot read address term '" + std::string(term) + "'";
      return false;
    }
    have_base = true;
    operand.name = base.name;
    operand.index = base.index;
    operand.count = base.count;
    operand.flags |= base.flags & SW_ISA_OPERAND_ZERO;
    if (scale != 1) {
      operand.flags |= SW_ISA_OPERAND_SCALED;
      operand.number = scale;
    }
  }
  return true;
}

bool parse_constant(std::string_view text, Operand& operand, const ConstantBankLayout& layout) {
  // c[0x0][0x160]
  const auto close = text.find(']');
  if (!starts_with(text, "c[") || close == std::string_view::npos ||
      text.substr(close, 2) != "][" || text.back() != ']')
    return false;
  int64_t bank = 0, offset = 0;
  std::string_view slot = text.substr(close + 2, text.size() - close - 3);
  // `c[0x0][RZ]` and `c[0x0][RZ+0x10]` index with the zero register: a plain offset.
  if (starts_with(slot, "RZ")) slot = slot.size() > 3 ? slot.substr(3) : std::string_view("0");
  if (!parse_integer(text.substr(2, close - 2), bank) || !parse_integer(slot, offset)) return false;
  operand.kind = SW_ISA_OPERAND_CONSTANT;
  operand.index = bank;
  operand.value = offset;
  static const std::map<int64_t, std::string> names = {
      {0x0, "block_dim_x"}, {0x4, "block_dim_y"}, {0x8, "block_dim_z"},     {0xc, "grid_dim_x"},
      {0x10, "grid_dim_y"}, {0x14, "grid_dim_z"}, {0x28, "local_stack_top"}};
  if (bank == 0) {
    if (const auto found = names.find(offset); found != names.end()) operand.name = found->second;
    if (offset == layout.memory_descriptor) operand.name = "global_memory_descriptor";
  }
  return true;
}

}  // namespace

ConstantBankLayout constant_bank_layout(std::string_view architecture) {
  int number = 0;
  if (starts_with(architecture, "sm_")) {
    std::from_chars(architecture.data() + 3, architecture.data() + architecture.size(), number);
  }
  if (number >= 90) return {0x210, 0x208};
  return {0x160, 0x118};
}

std::string special_register_name(std::string_view name) {
  static const std::map<std::string_view, std::string> names = {
      {"SR_TID.X", "thread_idx_x"},  {"SR_TID.Y", "thread_idx_y"},
      {"SR_TID.Z", "thread_idx_z"},  {"SR_CTAID.X", "block_idx_x"},
      {"SR_CTAID.Y", "block_idx_y"}, {"SR_CTAID.Z", "block_idx_z"},
      {"SR_LANEID", "lane_id"},      {"SR_CgaCtaId", "cluster_cta_id"},
      {"SR_CLOCKLO", "clock_low"},   {"SR_CLOCKHI", "clock_high"}};
  if (const auto found = names.find(name); found != names.end()) return found->second;
  std::string lower;
  for (char c : name.substr(3)) lower += c == '.' ? '_' : static_cast<char>(std::tolower(c));
  return lower;
}

std::optional<Operand> parse_operand(std::string_view text, const ConstantBankLayout& layout,
                                     std::string& error) {
  Operand operand;
  operand.text = std::string(text);
  if (starts_with(text, "`(") && text.back() == ')') {
    operand.kind = SW_ISA_OPERAND_LABEL;
    operand.name = std::string(text.substr(2, text.size() - 3));
    return operand;
  }
  int64_t integer = 0;
  double number = 0;
  if (parse_integer(text, integer)) {
    operand.kind = SW_ISA_OPERAND_IMMEDIATE;
    operand.value = integer;
    return operand;
  }
  if (parse_float(text, number)) {
    operand.kind = SW_ISA_OPERAND_IMMEDIATE;
    operand.flags |= SW_ISA_OPERAND_FLOAT;
    operand.number = number;
    return operand;
  }
  // `.reuse` (an operand cache hint) ends the operand or stands before a half selector
  // (`R2.reuse.H0_H0`).
  std::string without_reuse(text);
  for (size_t at = without_reuse.find(".reuse"); at != std::string::npos;
       at = without_reuse.find(".reuse", at)) {
    const size_t after = at + 6;
    if (after == without_reuse.size() || without_reuse[after] == '.')
      without_reuse.erase(at, 6);
    else
      at = after;
  }
  std::string_view body = without_reuse;
  while (!body.empty() && (body.front() == '-' || body.front() == '!' || body.front() == '~')) {
    operand.flags |= body.front() == '-' ? SW_ISA_OPERAND_NEGATED : SW_ISA_OPERAND_INVERTED;
    body.remove_prefix(1);
  }
  if (body.size() >= 2 && body.front() == '|' && body.back() == '|') {
    operand.flags |= SW_ISA_OPERAND_ABSOLUTE;
    body = body.substr(1, body.size() - 2);
  }
  if (body.size() >= 2 && body.front() == '[' && body.back() == ']') {
    if (parse_memory(body.substr(1, body.size() - 2), operand, error)) return operand;
    return std::nullopt;
  }
  if (parse_constant(body, operand, layout) || parse_register(body, operand, error)) return operand;
  if (error.empty()) error = "cannot read operand '" + std::string(text) + "'";
  return std::nullopt;
}

}  // namespace switcheroo::sass
