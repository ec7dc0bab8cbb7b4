#include "sass_listing.h"

#include "sass_halves.h"
#include "sass_operands.h"

#include <cxxabi.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <cstdlib>
#include <memory>
#include <optional>
#include <set>
#include <vector>

namespace switcheroo::sass {
namespace {

using sdk::isa::Instruction;
using sdk::isa::Kernel;
using sdk::isa::starts_with;
using sdk::isa::trim;

struct Line {
  std::string_view text;
  uint32_t number = 0;
};

std::string demangle(const std::string& symbol) {
  int status = 0;
  std::unique_ptr<char, void (*)(void*)> readable(
      abi::__cxa_demangle(symbol.c_str(), nullptr, nullptr, &status), std::free);
  return status == 0 && readable ? std::string(readable.get()) : symbol;
}

// Splits operands at top-level commas; "R6 0x0" (cuobjdump's RET) becomes two operands.
std::vector<std::pair<std::string_view, size_t>> split_operands(std::string_view text) {
  std::vector<std::pair<std::string_view, size_t>> pieces;
  int depth = 0;
  size_t start = 0;
  auto flush = [&](size_t end) {
    std::string_view piece = text.substr(start, end - start);
    size_t offset = start;
    while (!piece.empty() && std::isspace(static_cast<unsigned char>(piece.front()))) {
      piece.remove_prefix(1);
      ++offset;
    }
    piece = trim(piece);
    const auto space = piece.find(' ');
    if (space != std::string_view::npos && piece.find('`') != 0 && piece.find('[') == piece.npos) {
      pieces.emplace_back(piece.substr(0, space), offset);
      const std::string_view rest = trim(piece.substr(space));
      pieces.emplace_back(rest, offset + piece.find(rest, space));
    } else if (!piece.empty()) {
      pieces.emplace_back(piece, offset);
    }
  };
  for (size_t at = 0; at < text.size(); ++at) {
    const char c = text[at];
    if (c == '[' || c == '(') ++depth;
    if (c == ']' || c == ')') --depth;
    if (c == ',' && depth == 0) {
      flush(at);
      start = at + 1;
    }
  }
  flush(text.size());
  return pieces;
}

class ListingReader {
 public:
  ListingReader(std::string_view file, const sdk::Host& host,
                const sdk::isa::SemanticsTable& semantics)
      : file_(file), host_(host), semantics_(semantics) {}

  bool read(std::string_view text, const sdk::isa::Builder& builder) {
    std::vector<Line> lines;
    uint32_t number = 1;
    for (size_t start = 0; start <= text.size(); ++number) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      lines.push_back({text.substr(start, end - start), number});
      start = end + 1;
    }
    for (const Line& line : lines) read_line(line);
    finish_kernel();
    if (kernels_.empty() && errors_ == 0) {
      error(1, 1,
            "no kernel found: expected a 'Function :' header (cuobjdump) or a global "
            "function label (nvdisasm)");
    }
    if (errors_ > 0) return false;
    for (const auto& kernel : kernels_) {
      builder.begin_kernel(kernel.header);
      size_t next_label = 0;
      for (const auto& instruction : kernel.instructions) {
        for (; next_label < kernel.labels.size() &&
               kernel.labels[next_label].address <= instruction.address;
             ++next_label) {
          const auto& label = kernel.labels[next_label];
          builder.add_label(label.name, label.address, label.line);
        }
        builder.add_instruction(instruction);
      }
      for (; next_label < kernel.labels.size(); ++next_label) {
        const auto& label = kernel.labels[next_label];
        builder.add_label(label.name, label.address, label.line);
      }
    }
    return true;
  }

 private:
  struct Label {
    std::string name;
    uint64_t address = 0;
    uint32_t line = 0;
  };
  struct PendingKernel {
    Kernel header;
    std::vector<Label> labels;
    std::vector<Instruction> instructions;
    std::vector<Label> pending;  // nvdisasm labels waiting for the next instruction's address
  };

  void error(uint32_t line, size_t column, const std::string& message) {
    ++errors_;
    host_.report(sdk::Severity::error, file_, line, static_cast<uint32_t>(column), message, kUnit);
  }

  void read_line(const Line& line) {
    const std::string_view text = trim(line.text);
    if (text.empty()) return;
    const size_t indent = line.text.find(text);
    if (starts_with(text, "code for sm_")) {
      architecture_ = std::string(trim(text.substr(9)));
      format_ = "cuobjdump";
    } else if (starts_with(text, "Function :")) {
      start_kernel(std::string(trim(text.substr(10))), line.number);
    } else if (starts_with(text, ".headerflags")) {
      const auto at = text.find("EF_CUDA_SM");
      if (at != std::string_view::npos && architecture_.empty()) {
        size_t end = at + 10;
        while (end < text.size() && std::isdigit(static_cast<unsigned char>(text[end]))) ++end;
        architecture_ = "sm_" + std::string(text.substr(at + 10, end - at - 10));
      }
    } else if (starts_with(text, ".global")) {
      globals_.insert(std::string(trim(text.substr(7))));
    } else if (starts_with(text, "/*") && text.size() > 3 && text[2] == ' ') {
      // cuobjdump's second encoding word on a line of its own
    } else if (starts_with(text, "/*")) {
      read_instruction(line, text, indent);
    } else if (text.back() == ':' && text.find(' ') == std::string_view::npos) {
      read_label(std::string(text.substr(0, text.size() - 1)), line.number);
    } else if (starts_with(text, "//-") || starts_with(text, "........")) {
      finish_kernel();
    }
  }

  void read_label(const std::string& name, uint32_t line) {
    if (starts_with(name, ".text.")) return;
    if (globals_.count(name)) {
      format_ = "nvdisasm";
      start_kernel(name, line);
      return;
    }
    if (current_) current_->pending.push_back({name, 0, line});
  }

  void start_kernel(std::string symbol, uint32_t line) {
    finish_kernel();
    current_ = std::make_unique<PendingKernel>();
    Kernel& header = current_->header;
    header.line = line;
    header.name = demangle(symbol);
    header.symbol = std::move(symbol);
    header.architecture = architecture_.empty() ? "sm_80" : architecture_;
    header.listing_format = format_.empty() ? "nvdisasm" : format_;
    header.parameter_base = constant_bank_layout(header.architecture).parameter_base;
  }

  void finish_kernel() {
    if (!current_) return;
    PendingKernel& kernel = *current_;
    const uint64_t end = kernel.instructions.empty() ? 0 : kernel.instructions.back().address + 16;
    for (auto& label : kernel.pending) kernel.labels.push_back({label.name, end, label.line});
    if (kernel.instructions.empty()) {
      error(kernel.header.line, 1, "function '" + kernel.header.name + "' has no instructions");
    }
    check_targets(kernel, end);
    kernels_.push_back(std::move(kernel));
    current_.reset();
  }

  void check_targets(const PendingKernel& kernel, uint64_t end) {
    std::set<std::string> names;
    for (const auto& label : kernel.labels) names.insert(label.name);
    for (const auto& instruction : kernel.instructions) {
      if (instruction.target_label && !names.count(*instruction.target_label) &&
          *instruction.target_label != kernel.header.symbol) {
        error(instruction.line, instruction.column,
              "branch to undefined label '" + *instruction.target_label + "'");
      }
      if (instruction.target_address && *instruction.target_address >= end) {
        error(instruction.line, instruction.column, "branch target is outside the function");
      }
    }
  }

  void read_instruction(const Line& line, std::string_view text, size_t indent) {
    const auto close = text.find("*/");
    uint64_t address = 0;
    const auto digits = text.substr(2, close == std::string_view::npos ? 0 : close - 2);
    const auto [end, status] =
        std::from_chars(digits.data(), digits.data() + digits.size(), address, 16);
    if (close == std::string_view::npos || status != std::errc() ||
        end != digits.data() + digits.size()) {
      error(line.number, indent + 1, "expected an instruction address like '/*0040*/'");
      return;
    }
    if (!current_) {
      error(line.number, indent + 1, "instruction outside a function");
      return;
    }
    std::string_view body = text.substr(close + 2);
    const auto encoding = body.find("/*");
    if (encoding != std::string_view::npos) body = body.substr(0, encoding);
    const auto semicolon = body.rfind(';');
    const size_t body_column = indent + (body.data() - text.data()) + 1;
    if (semicolon == std::string_view::npos) {
      error(line.number, body_column + trim(body).size() + (body.find(trim(body))),
            "expected ';' at the end of the instruction (truncated listing?)");
      return;
    }
    Instruction instruction;
    instruction.line = line.number;
    instruction.address = address;
    if (!read_body(body.substr(0, semicolon), body_column, instruction)) return;
    for (auto& label : current_->pending) {
      label.address = address;
      current_->labels.push_back(label);
    }
    current_->pending.clear();
    current_->instructions.push_back(std::move(instruction));
  }

  // What follows the address up to the `;`: guard, opcode with modifiers, operands; checked
  // against the semantics. `body_column` is the column of its first character.
  bool read_body(std::string_view body, size_t body_column, Instruction& instruction) {
    const uint32_t line = instruction.line;
    size_t at = read_guard(body, instruction);
    const size_t opcode_end = std::min(body.find(' ', at), body.size());
    const std::string_view mnemonic = body.substr(at, opcode_end - at);
    instruction.column = static_cast<uint32_t>(body_column + at);
    if (mnemonic.empty() || !std::isupper(static_cast<unsigned char>(mnemonic.front()))) {
      error(line, instruction.column, "expected an opcode");
      return false;
    }
    size_t dot = mnemonic.find('.');
    instruction.opcode = std::string(mnemonic.substr(0, dot));
    while (dot != std::string_view::npos) {
      const size_t next = mnemonic.find('.', dot + 1);
      instruction.modifiers.emplace_back(mnemonic.substr(dot + 1, next - dot - 1));
      dot = next;
    }
    const ConstantBankLayout layout = constant_bank_layout(current_->header.architecture);
    std::vector<size_t> columns;
    for (const auto& [piece, offset] : split_operands(body.substr(opcode_end))) {
      std::string problem;
      auto operand = parse_operand(piece, layout, problem);
      if (!operand) {
        error(line, body_column + opcode_end + offset, problem);
        return false;
      }
      instruction.operands.push_back(std::move(*operand));
      columns.push_back(body_column + opcode_end + offset);
    }
    widen_extended_addresses(instruction);
    for (const size_t removed : merge_packed_immediates(instruction))
      columns.erase(columns.begin() + static_cast<std::ptrdiff_t>(removed));
    describe(instruction);
    if (const auto problem = half_operand_problem(instruction)) {
      error(line, columns[problem->first], problem->second);
      return false;
    }
    expand_packed_reads(instruction);
    const uint32_t needed =
        sdk::isa::SemanticsTable::operands_read(instruction.semantics.value_or(""));
    if (instruction.operands.size() < needed) {
      error(line, instruction.column,
            "'" + std::string(mnemonic) + "' needs " + std::to_string(needed) +
                " operands, found " + std::to_string(instruction.operands.size()));
      return false;
    }
    return true;
  }

  // `.E`: the address is 64 bits, a register pair. ATOMG prints the pair's base as `[R4]`
  // where LDG and STG print `[R4.64]`; both read the pair.
  static void widen_extended_addresses(Instruction& instruction) {
    const auto& modifiers = instruction.modifiers;
    if (std::find(modifiers.begin(), modifiers.end(), "E") == modifiers.end()) return;
    for (auto& operand : instruction.operands)
      if (operand.kind == SW_ISA_OPERAND_MEMORY && operand.name == "R" && operand.count < 2 &&
          !(operand.flags & SW_ISA_OPERAND_ZERO))
        operand.count = 2;
  }

  // The `@P0` or `@!P0` guard, if any, into `instruction`: where the opcode starts.
  static size_t read_guard(std::string_view body, Instruction& instruction) {
    size_t at = 0;
    while (at < body.size() && (std::isspace(static_cast<unsigned char>(body[at])) ||
                                body[at] == '{' || body[at] == '}'))
      ++at;
    if (at < body.size() && body[at] == '@') {
      size_t end_of_guard = body.find(' ', at);
      if (end_of_guard == std::string_view::npos) end_of_guard = body.size();
      std::string_view guard = body.substr(at + 1, end_of_guard - at - 1);
      instruction.predicate_negated = !guard.empty() && guard.front() == '!';
      if (instruction.predicate_negated) guard.remove_prefix(1);
      instruction.predicate = std::string(guard);
      at = end_of_guard;
      while (at < body.size() && body[at] == ' ') ++at;
    }
    return at;
  }

  // Flags, branch target and semantics from the opcode data.
  void describe(Instruction& instruction) const {
    const auto entry =
        semantics_.find(instruction.opcode, instruction.modifiers, instruction.operands.size());
    if (!entry) return;
    instruction.flags = entry->flags;
    if (!entry->expression.empty()) instruction.semantics = entry->expression;
    // Float operands print as decimal numbers even when integral ("1", "-126"); hexadecimal
    // immediates stay bit patterns.
    for (size_t i = 0; i < instruction.operands.size(); ++i) {
      auto& operand = instruction.operands[i];
      if (operand.kind != SW_ISA_OPERAND_IMMEDIATE || (operand.flags & SW_ISA_OPERAND_FLOAT) ||
          operand.text.find("0x") != std::string::npos ||
          entry->expression.find("$" + std::to_string(i) + ".f") == std::string::npos)
        continue;
      operand.flags |= SW_ISA_OPERAND_FLOAT;
      operand.number = static_cast<double>(operand.value);
    }
    if (instruction.flags & (SW_ISA_BRANCH | SW_ISA_CALL)) {
      for (const auto& operand : instruction.operands) {
        if (operand.kind == SW_ISA_OPERAND_LABEL) instruction.target_label = operand.name;
        if (operand.kind == SW_ISA_OPERAND_IMMEDIATE && !(operand.flags & SW_ISA_OPERAND_FLOAT))
          instruction.target_address = static_cast<uint64_t>(operand.value);
      }
    }
    if (instruction.predicate && instruction.predicate != "PT") {
      if (instruction.flags & (SW_ISA_BRANCH | SW_ISA_EXIT))
        instruction.flags |= SW_ISA_CONDITIONAL;
    }
  }

  std::string file_;
  const sdk::Host& host_;
  const sdk::isa::SemanticsTable& semantics_;
  std::string architecture_;
  std::string format_;
  std::set<std::string> globals_;
  std::unique_ptr<PendingKernel> current_;
  std::vector<PendingKernel> kernels_;
  int errors_ = 0;
};

}  // namespace

uint32_t sniff_listing(std::string_view text) {
  const std::string_view head = text.substr(0, 4096);
  uint32_t score = 0;
  if (head.find("code for sm_") != std::string_view::npos) score += 60;
  if (head.find("Function :") != std::string_view::npos) score += 20;
  if (head.find("EF_CUDA_SM") != std::string_view::npos) score += 60;
  if (head.find("/*0000*/") != std::string_view::npos) score += 30;
  return score > 100 ? 100 : score;
}

bool parse_listing(std::string_view file, std::string_view text, const sdk::Host& host,
                   const sdk::isa::SemanticsTable& semantics, const sdk::isa::Builder& builder) {
  ListingReader reader(file, host, semantics);
  return reader.read(text, builder);
}

}  // namespace switcheroo::sass
