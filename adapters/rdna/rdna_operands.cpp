#include "rdna_operands.h"

#include <cctype>
#include <charconv>
#include <cstdlib>

namespace switcheroo::rdna {
namespace {

using sdk::isa::starts_with;
using sdk::isa::Operand;

bool parse_number(std::string_view text, int64_t& value) {
  bool negative = false;
  if (!text.empty() && text.front() == '-') {
    negative = true;
    text.remove_prefix(1);
  }
  int base = 10;
  if (starts_with(text, "0x")) {
    base = 16;
    text.remove_prefix(2);
  }
  uint64_t magnitude = 0;
  if (text.empty()) return false;
  const auto [end, status] =
      std::from_chars(text.data(), text.data() + text.size(), magnitude, base);
  if (status != std::errc() || end != text.data() + text.size()) return false;
  value = negative ? -static_cast<int64_t>(magnitude) : static_cast<int64_t>(magnitude);
  return true;
}

bool parse_float(std::string_view text, double& value) {
  if (text.find('.') == std::string_view::npos) return false;
  const std::string copy(text);
  char* end = nullptr;
  value = std::strtod(copy.c_str(), &end);
  return end == copy.c_str() + copy.size();
}

// v5, s12, v[0:1], s[4:7], ttmp3
bool parse_register(std::string_view text, Operand& operand) {
  static const std::pair<std::string_view, std::string_view> named[] = {
      {"vcc_lo", "vcc"}, {"vcc", "vcc"}, {"exec_lo", "exec"},  {"exec", "exec"},
      {"scc", "scc"},    {"m0", "m0"},   {"vcc_hi", "vcc_hi"}, {"exec_hi", "exec_hi"}};
  for (const auto& [spelling, name] : named) {
    if (text == spelling) {
      operand.kind = SW_ISA_OPERAND_REGISTER;
      operand.name = std::string(name);
      operand.index = -1;
      return true;
    }
  }
  if (text == "null" || text == "off") {
    operand.kind = SW_ISA_OPERAND_IMMEDIATE;
    operand.flags |= SW_ISA_OPERAND_ZERO;
    return true;
  }
  const size_t letters = starts_with(text, "ttmp") ? 4 : 1;
  if (text.size() <= letters || (text[0] != 'v' && text[0] != 's' && letters == 1)) return false;
  operand.name = std::string(text.substr(0, letters));
  std::string_view rest = text.substr(letters);
  int64_t first = 0, last = 0;
  if (rest.front() == '[' && rest.back() == ']') {
    const auto colon = rest.find(':');
    if (colon == std::string_view::npos) {
      if (!parse_number(rest.substr(1, rest.size() - 2), first)) return false;
      last = first;
    } else if (!parse_number(rest.substr(1, colon - 1), first) ||
               !parse_number(rest.substr(colon + 1, rest.size() - colon - 2), last) ||
               last < first || last - first > 15) {
      return false;
    }
  } else {
    for (char c : rest)
      if (!std::isdigit(static_cast<unsigned char>(c))) return false;
    if (!parse_number(rest, first) || first > 1023) return false;
    last = first;
  }
  operand.index = first;
  operand.count = static_cast<uint32_t>(last - first + 1);
  operand.kind = operand.count > 1 ? SW_ISA_OPERAND_REGISTER_RANGE : SW_ISA_OPERAND_REGISTER;
  return true;
}

}  // namespace

std::optional<Operand> parse_operand(std::string_view text, std::string& error) {
  Operand operand;
  operand.text = std::string(text);
  std::string_view body = text;
  if (starts_with(body, ".L") ||
      (starts_with(body, "_") && body.find('@') == std::string_view::npos)) {
    operand.kind = SW_ISA_OPERAND_LABEL;
    operand.name = std::string(body);
    return operand;
  }
  int64_t integer = 0;
  double number = 0;
  if (parse_number(body, integer)) {
    operand.kind = SW_ISA_OPERAND_IMMEDIATE;
    operand.value = integer;
    return operand;
  }
  if (parse_float(body, number)) {
    operand.kind = SW_ISA_OPERAND_IMMEDIATE;
    operand.flags |= SW_ISA_OPERAND_FLOAT;
    operand.number = number;
    return operand;
  }
  if (!body.empty() && body.front() == '-') {
    operand.flags |= SW_ISA_OPERAND_NEGATED;
    body.remove_prefix(1);
  }
  if (body.size() >= 2 && body.front() == '|' && body.back() == '|') {
    operand.flags |= SW_ISA_OPERAND_ABSOLUTE;
    body = body.substr(1, body.size() - 2);
  }
  if (parse_register(body, operand)) return operand;
  if (body.find('@') != std::string_view::npos) {  // symbol@rel32@lo+4: a code address
    operand.kind = SW_ISA_OPERAND_LABEL;
    operand.name = std::string(body);
    return operand;
  }
  error = "cannot read operand '" + std::string(text) + "'";
  return std::nullopt;
}

void split_mnemonic(std::string_view mnemonic, std::string& opcode,
                    std::vector<std::string>& modifiers) {
  // GFX11 dual-issue halves (v_dual_mov_b32 ...) compute what their single forms do.
  std::string single;
  if (starts_with(mnemonic, "v_dual_")) {
    single = "v_" + std::string(mnemonic.substr(7));
    modifiers.emplace_back("dual");
    mnemonic = single;
  }
  for (std::string_view suffix : {"_e32", "_e64", "_sdwa", "_dpp"}) {
    if (mnemonic.size() > suffix.size() &&
        mnemonic.substr(mnemonic.size() - suffix.size()) == suffix) {
      modifiers.emplace_back(suffix.substr(1));
      mnemonic.remove_suffix(suffix.size());
      break;
    }
  }
  // Compares carry their condition and type in the name: v_cmp_gt_i32, s_cmp_lg_u32, v_cmpx_...
  for (std::string_view family : {"v_cmpx_", "v_cmp_", "s_cmp_"}) {
    if (!starts_with(mnemonic, family)) continue;
    opcode = std::string(family.substr(0, family.size() - 1));
    std::string_view rest = mnemonic.substr(family.size());
    std::vector<std::string> parts;
    while (!rest.empty()) {
      const auto underscore = rest.find('_');
      parts.emplace_back(rest.substr(0, underscore));
      rest =
          underscore == std::string_view::npos ? std::string_view{} : rest.substr(underscore + 1);
    }
    parts.insert(parts.end(), modifiers.begin(), modifiers.end());
    modifiers = std::move(parts);
    return;
  }
  opcode = std::string(mnemonic);
}

}  // namespace switcheroo::rdna
