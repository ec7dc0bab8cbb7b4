// Header-only C++ layer over <switcheroo/isa.h> for ISA frontend authors: owning C++ records
// that are turned into the C structs only for the duration of a builder call, a reader for the
// per-opcode semantics data files, and the trampoline that keeps exceptions inside the plugin.
#ifndef SWITCHEROO_ISA_HPP
#define SWITCHEROO_ISA_HPP

#include <switcheroo/isa.h>
#include <switcheroo/sdk.hpp>

#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::sdk::isa {

/// Listing text helpers every ISA frontend needs (C++17, so the SDK spells them itself).
/// `text` without the white space around it.
inline std::string_view trim(std::string_view text) {
  auto space = [](char c) {
    return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\v' || c == '\f';
  };
  while (!text.empty() && space(text.front())) text.remove_prefix(1);
  while (!text.empty() && space(text.back())) text.remove_suffix(1);
  return text;
}

/// Whether `text` begins with `prefix`.
inline bool starts_with(std::string_view text, std::string_view prefix) {
  return text.substr(0, prefix.size()) == prefix;
}

/// An operand owning its strings; see sw_isa_operand for the fields.
struct Operand {
  uint32_t kind = SW_ISA_OPERAND_REGISTER;
  uint32_t flags = 0;
  uint32_t count = 1;
  std::string text;
  std::optional<std::string> name;
  int64_t index = 0;
  int64_t value = 0;
  double number = 0.0;
};

/// An instruction owning its strings; see sw_isa_instruction for the fields.
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
};

/// A kernel parameter; see sw_isa_parameter.
struct Parameter {
  uint32_t offset = 0;
  uint32_t size = 0;
  bool is_pointer = false;
  std::optional<std::string> name;
  std::optional<std::string> type_name;
};

/// A kernel header; see sw_isa_kernel.
struct Kernel {
  uint32_t line = 0;
  std::string name;
  std::string symbol;
  std::string architecture;
  std::string listing_format;
  uint32_t parameter_base = 0;
  std::optional<std::string> kernarg_register;
  std::vector<Parameter> parameters;
  std::vector<std::pair<std::string, std::string>> live_ins;  ///< register, expression
};

/// Thrown when the host refuses a record; parse_trampoline turns it into SW_FAILED.
class BuilderRefused : public std::runtime_error {
 public:
  BuilderRefused() : std::runtime_error("the host refused a record") {}
};

/// The host's builder, fed with the owning records above.
class Builder {
 public:
  explicit Builder(const sw_isa_builder* builder) : builder_(builder) {}

  void begin_kernel(const Kernel& kernel) const {
    std::vector<sw_isa_parameter> parameters;
    for (const auto& parameter : kernel.parameters) {
      parameters.push_back({sizeof(sw_isa_parameter), parameter.offset, parameter.size,
                            parameter.is_pointer ? 1u : 0u, c_string(parameter.name),
                            c_string(parameter.type_name)});
    }
    std::vector<sw_isa_live_in> live_ins;
    for (const auto& [register_text, expression] : kernel.live_ins) {
      live_ins.push_back({sizeof(sw_isa_live_in), register_text.c_str(), expression.c_str()});
    }
    sw_isa_kernel record{};
    record.struct_size = sizeof(sw_isa_kernel);
    record.line = kernel.line;
    record.name = kernel.name.c_str();
    record.symbol = kernel.symbol.c_str();
    record.architecture = kernel.architecture.c_str();
    record.listing_format = kernel.listing_format.c_str();
    record.parameter_base = kernel.parameter_base;
    record.kernarg_register = c_string(kernel.kernarg_register);
    record.parameter_count = static_cast<uint32_t>(parameters.size());
    record.parameters = parameters.data();
    record.live_in_count = static_cast<uint32_t>(live_ins.size());
    record.live_ins = live_ins.data();
    check(builder_->begin_kernel(builder_->context, &record));
  }

  void add_label(const std::string& name, uint64_t address, uint32_t line) const {
    check(builder_->add_label(builder_->context, name.c_str(), address, line));
  }

  void add_instruction(const Instruction& instruction) const {
    std::vector<sw_isa_operand> operands;
    for (const auto& operand : instruction.operands) {
      operands.push_back({sizeof(sw_isa_operand), operand.kind, operand.flags, operand.count,
                          operand.text.c_str(), c_string(operand.name), operand.index,
                          operand.value, operand.number});
    }
    std::vector<const char*> modifiers;
    for (const auto& modifier : instruction.modifiers) modifiers.push_back(modifier.c_str());
    sw_isa_instruction record{};
    record.struct_size = sizeof(sw_isa_instruction);
    record.flags = instruction.flags;
    if (instruction.target_address) record.flags |= SW_ISA_HAS_TARGET_ADDRESS;
    record.line = instruction.line;
    record.column = instruction.column;
    record.address = instruction.address;
    record.predicate = c_string(instruction.predicate);
    record.predicate_negated = instruction.predicate_negated ? 1u : 0u;
    record.operand_count = static_cast<uint32_t>(operands.size());
    record.opcode = instruction.opcode.c_str();
    record.modifiers = modifiers.data();
    record.modifier_count = static_cast<uint32_t>(modifiers.size());
    record.operands = operands.data();
    record.target_label = c_string(instruction.target_label);
    record.target_address = instruction.target_address.value_or(0);
    record.semantics = c_string(instruction.semantics);
    check(builder_->add_instruction(builder_->context, &record));
  }

 private:
  static const char* c_string(const std::optional<std::string>& text) {
    return text ? text->c_str() : nullptr;
  }
  static void check(int32_t status) {
    if (status != SW_OK) throw BuilderRefused();
  }
  const sw_isa_builder* builder_;
};

/// Flags and template of one opcode (or opcode plus modifiers) from a semantics data file.
struct OpcodeSemantics {
  std::vector<std::string> modifiers;  ///< modifiers this entry requires
  uint32_t operand_count = 0;          ///< operands this entry requires; 0 for any count
  uint32_t flags = 0;
  std::string expression;  ///< empty when the entry gives flags only
};

/// Per-opcode semantics read from a plugin's data file. One entry a line:
///
///     OPCODE[.MOD...][/OPERANDS]  [flag...]  | template
///     class NAME  MOD=text MOD=text ...
///
///     inert OPCODE|* MOD ...
///
/// Flags: branch conditional exit barrier read write no-effect call reconverge. In a template
/// `{NAME}` becomes the text of whichever of the instruction's modifiers belongs to class NAME
/// (or the class's `default=` text); with neither, the instruction has no semantics (`find`
/// gives none), so that a modifier the data does not know is never read as another. The entry
/// requiring the most modifiers that the instruction has wins; an entry naming an operand count
/// beats one that does not. Every modifier of the instruction must then be accounted for: named
/// by the entry, belonging to a class its template uses, listed by an `inert` line for the
/// opcode or for `*` (every opcode) as one that never changes a value (`MOD:` or `MOD(` ending
/// a word covers every `MOD:value` or `MOD(value)`), or the entry is `no-effect`. Otherwise
/// `find` gives none, as for an opcode without semantics, so a modifier is never dropped.
/// `#` starts a comment.
class SemanticsTable {
 public:
  /// Parses `data`; throws std::runtime_error naming the line of a malformed entry.
  explicit SemanticsTable(std::string_view data) {
    std::istringstream lines{std::string(data)};
    std::string line;
    for (int number = 1; std::getline(lines, line); ++number) {
      std::string_view rest = line;
      const std::string_view expression = split_off(rest, '|');
      std::istringstream words{std::string(strip_comment(rest))};
      std::string head, word;
      if (!(words >> head)) continue;
      if (head == "inert") {
        std::string opcode;
        if (!(words >> opcode)) fail(number, "expected 'inert OPCODE|* MOD ...'");
        while (words >> word) inert_[opcode].insert(word);
        continue;
      }
      if (head == "class") {
        std::string name;
        words >> name;
        while (words >> word) {
          const auto equals = word.find('=');
          if (equals == std::string::npos) fail(number, "expected MOD=text, got '" + word + "'");
          classes_[name][word.substr(0, equals)] = word.substr(equals + 1);
        }
        continue;
      }
      OpcodeSemantics entry;
      std::string opcode;
      if (const auto slash = head.find('/'); slash != std::string::npos) {
        entry.operand_count = static_cast<uint32_t>(std::stoul(head.substr(slash + 1)));
        head.resize(slash);
      }
      split_modifiers(head, opcode, entry.modifiers);
      while (words >> word) entry.flags |= flag_named(word, number);
      entry.expression = std::string(trim(expression));
      entries_[opcode].push_back(std::move(entry));
    }
  }

  /// The best entry for an opcode with these modifiers, with `{class}` parts filled in;
  /// std::nullopt when no entry applies, or when the best one names a class none of the
  /// modifiers belongs to and the class has no default.
  std::optional<OpcodeSemantics> find(std::string_view opcode,
                                      const std::vector<std::string>& modifiers,
                                      size_t operand_count) const {
    const auto found = entries_.find(std::string(opcode));
    if (found == entries_.end()) return std::nullopt;
    const OpcodeSemantics* best = nullptr;
    for (const auto& entry : found->second) {
      const bool applies = std::all_of(
          entry.modifiers.begin(), entry.modifiers.end(), [&](const std::string& modifier) {
            return std::find(modifiers.begin(), modifiers.end(), modifier) != modifiers.end();
          });
      if (!applies || (entry.operand_count != 0 && entry.operand_count != operand_count)) continue;
      if (best == nullptr || rank(entry) > rank(*best)) best = &entry;
    }
    if (best == nullptr || !unnamed_modifiers(opcode, *best, modifiers).empty())
      return std::nullopt;
    OpcodeSemantics result = *best;
    auto filled = fill_classes(result.expression, modifiers);
    if (!filled) return std::nullopt;
    result.expression = std::move(*filled);
    return result;
  }

  /// How many operands a semantics template reads: one more than its highest `$N`. A listing
  /// line with fewer operands is malformed.
  static uint32_t operands_read(std::string_view expression) {
    uint32_t count = 0;
    for (size_t at = expression.find('$'); at != std::string::npos;
         at = expression.find('$', at + 1)) {
      uint32_t index = 0;
      size_t digit = at + 1;
      for (; digit < expression.size() && expression[digit] >= '0' && expression[digit] <= '9';
           ++digit)
        index = index * 10 + static_cast<uint32_t>(expression[digit] - '0');
      if (digit > at + 1) count = std::max(count, index + 1);
    }
    return count;
  }

  bool knows(std::string_view opcode) const { return entries_.count(std::string(opcode)) > 0; }

  /// The modifiers of an instruction that `entry` does not account for (see the class comment).
  std::vector<std::string> unnamed_modifiers(std::string_view opcode, const OpcodeSemantics& entry,
                                             const std::vector<std::string>& modifiers) const {
    std::vector<std::string> unnamed;
    if (entry.flags & SW_ISA_NO_EFFECT) return unnamed;
    const auto used = classes_used(entry.expression);
    for (const auto& modifier : modifiers) {
      const bool named = std::find(entry.modifiers.begin(), entry.modifiers.end(), modifier) !=
                             entry.modifiers.end() ||
                         std::any_of(used.begin(), used.end(), [&](const auto* members) {
                           return members->count(modifier) > 0;
                         });
      if (!named && !is_inert("*", modifier) && !is_inert(opcode, modifier))
        unnamed.push_back(modifier);
    }
    return unnamed;
  }

 private:
  bool is_inert(std::string_view opcode, const std::string& modifier) const {
    const auto found = inert_.find(std::string(opcode));
    if (found == inert_.end()) return false;
    if (found->second.count(modifier)) return true;
    const auto key_end = modifier.find_first_of(":(");
    return key_end != std::string::npos && found->second.count(modifier.substr(0, key_end + 1));
  }
  // The members of each class that `{NAME}` parts of `expression` name.
  std::vector<const std::map<std::string, std::string>*> classes_used(
      const std::string& expression) const {
    std::vector<const std::map<std::string, std::string>*> used;
    for (size_t open = expression.find('{'); open != std::string::npos;
         open = expression.find('{', open + 1)) {
      const auto close = expression.find('}', open);
      if (close == std::string::npos) break;
      const auto found = classes_.find(expression.substr(open + 1, close - open - 1));
      if (found != classes_.end()) used.push_back(&found->second);
    }
    return used;
  }
  static size_t rank(const OpcodeSemantics& entry) {
    return entry.modifiers.size() * 2 + (entry.operand_count != 0 ? 1 : 0);
  }
  static std::string_view strip_comment(std::string_view text) {
    return text.substr(0, text.find('#'));
  }
  // Returns what follows `separator` and leaves what precedes it in `text`.
  static std::string_view split_off(std::string_view& text, char separator) {
    const auto at = text.find(separator);
    if (at == std::string_view::npos) return {};
    const std::string_view after = text.substr(at + 1);
    text = text.substr(0, at);
    return after;
  }
  static void split_modifiers(const std::string& head, std::string& opcode,
                              std::vector<std::string>& modifiers) {
    std::istringstream parts(head);
    std::string part;
    std::getline(parts, opcode, '.');
    while (std::getline(parts, part, '.')) modifiers.push_back(part);
  }
  [[noreturn]] static void fail(int line, const std::string& message) {
    throw std::runtime_error("semantics data line " + std::to_string(line) + ": " + message);
  }
  static uint32_t flag_named(const std::string& word, int line) {
    static const std::map<std::string, uint32_t> names = {{"branch", SW_ISA_BRANCH},
                                                          {"conditional", SW_ISA_CONDITIONAL},
                                                          {"exit", SW_ISA_EXIT},
                                                          {"barrier", SW_ISA_BARRIER},
                                                          {"read", SW_ISA_MEMORY_READ},
                                                          {"write", SW_ISA_MEMORY_WRITE},
                                                          {"no-effect", SW_ISA_NO_EFFECT},
                                                          {"call", SW_ISA_CALL},
                                                          {"reconverge", SW_ISA_RECONVERGE}};
    const auto found = names.find(word);
    if (found == names.end()) fail(line, "unknown flag '" + word + "'");
    return found->second;
  }
  std::optional<std::string> fill_classes(const std::string& expression,
                                          const std::vector<std::string>& modifiers) const {
    std::string result;
    for (size_t at = 0; at < expression.size();) {
      const auto open = expression.find('{', at);
      const auto close = open == std::string::npos ? open : expression.find('}', open);
      if (close == std::string::npos) {
        result += expression.substr(at);
        break;
      }
      result += expression.substr(at, open - at);
      const auto text = class_text(expression.substr(open + 1, close - open - 1), modifiers);
      if (!text) return std::nullopt;
      result += *text;
      at = close + 1;
    }
    return result;
  }
  // The text of class `name` for these modifiers; `{name}` unchanged when there is no such
  // class, std::nullopt when none of the modifiers belongs to it and it has no default.
  std::optional<std::string> class_text(const std::string& name,
                                        const std::vector<std::string>& modifiers) const {
    const auto found = classes_.find(name);
    if (found == classes_.end()) return "{" + name + "}";
    for (const auto& modifier : modifiers) {
      const auto text = found->second.find(modifier);
      if (text != found->second.end()) return text->second;
    }
    const auto fallback = found->second.find("default");
    if (fallback == found->second.end()) return std::nullopt;
    return fallback->second;
  }

  std::map<std::string, std::vector<OpcodeSemantics>> entries_;
  std::map<std::string, std::map<std::string, std::string>> classes_;
  std::map<std::string, std::set<std::string>> inert_;  // by opcode, "*" for all
};

/// `parse` for a plugin class with `bool parse(std::string_view file, std::string_view text,
/// const Builder&)`: exceptions stay inside the plugin and become SW_FAILED.
template <class Plugin>
int32_t parse_trampoline(void* instance, const char* file, const char* text, uint64_t length,
                         const sw_isa_builder* builder) noexcept {
  try {
    const bool parsed = static_cast<Plugin*>(instance)->parse(
        file ? file : "<input>", std::string_view(text, static_cast<size_t>(length)),
        Builder(builder));
    return parsed ? SW_OK : SW_FAILED;
  } catch (...) {
    return SW_FAILED;
  }
}

}  // namespace switcheroo::sdk::isa

#endif  // SWITCHEROO_ISA_HPP
