#include "rdna_listing.h"

#include "rdna_kernel_info.h"
#include "rdna_lane_masks.h"
#include "rdna_operands.h"
#include "rdna_symbols.h"

#include <cctype>
#include <set>
#include <vector>

namespace switcheroo::rdna {
namespace {

using sdk::isa::starts_with;
using sdk::isa::trim;
using sdk::isa::Instruction;
using sdk::isa::Kernel;
using sdk::isa::Operand;

bool is_vector(std::string_view opcode) {
  for (std::string_view prefix :
       {"v_", "global_", "ds_", "buffer_load", "buffer_store", "flat_", "scratch_"})
    if (starts_with(opcode, prefix)) return true;
  return false;
}

bool is_memory(std::string_view opcode) {
  for (std::string_view prefix : {"global_", "ds_", "buffer_", "flat_", "scratch_"})
    if (starts_with(opcode, prefix)) return true;
  return false;
}

sdk::isa::Operand zero_offset() {
  sdk::isa::Operand operand;
  operand.kind = SW_ISA_OPERAND_IMMEDIATE;
  operand.text = "0";
  return operand;
}

struct PendingKernel {
  Kernel header;
  std::vector<Instruction> instructions;
  std::vector<std::pair<std::string, std::pair<size_t, uint32_t>>> labels;  // name, index, line
};

class ListingReader {
 public:
  ListingReader(std::string_view file, const sdk::Host& host,
                const sdk::isa::SemanticsTable& semantics)
      : file_(file), host_(host), semantics_(semantics) {}

  bool read(std::string_view text, const sdk::isa::Builder& builder) {
    uint32_t number = 1;
    for (size_t start = 0; start <= text.size(); ++number) {
      size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      read_line(text.substr(start, end - start), number);
      start = end + 1;
    }
    if (kernels_.empty() && errors_ == 0)
      error(1, 1, "no kernel found: expected a '.globl' symbol defined as a label");
    const auto info = read_kernel_info(text);
    for (auto& kernel : kernels_) {
      const auto found = info.find(kernel.header.symbol);
      if (found != info.end()) describe_kernel(found->second, kernel.header);
      for (const auto& [index, message] : resolve_symbol_addresses(kernel.instructions))
        error(kernel.instructions[index].line, kernel.instructions[index].column, message);
      check_targets(kernel);
    }
    if (errors_ > 0) return false;
    for (auto& kernel : kernels_) lift_mask_values(kernel, info);
    for (const auto& kernel : kernels_) {
      builder.begin_kernel(kernel.header);
      size_t label = 0;
      for (size_t i = 0; i <= kernel.instructions.size(); ++i) {
        for (; label < kernel.labels.size() && kernel.labels[label].second.first == i; ++label)
          builder.add_label(kernel.labels[label].first, 4 * i, kernel.labels[label].second.second);
        if (i < kernel.instructions.size()) builder.add_instruction(kernel.instructions[i]);
      }
    }
    return true;
  }

 private:
  void error(uint32_t line, size_t column, const std::string& message) {
    ++errors_;
    host_.report(sdk::Severity::error, file_, line, static_cast<uint32_t>(column), message, kUnit);
  }

  // Ballots: comparisons whose masks are read as values (rdna_lane_masks.h); a value read of
  // a mask that is not one keeps no semantics, with a warning saying why.
  void lift_mask_values(PendingKernel& kernel, const std::map<std::string, KernelInfo>& info) {
    std::map<std::string, size_t> labels;
    for (const auto& [name, place] : kernel.labels) labels.emplace(name, place.first);
    // Without the descriptor, gfx10 and gfx11 default to wave32 as LLVM does.
    bool wave32 = true;
    if (const auto found = info.find(kernel.header.symbol); found != info.end()) {
      const auto size32 = found->second.directives.find(".amdhsa_wavefront_size32");
      if (size32 != found->second.directives.end()) wave32 = size32->second != 0;
    }
    const auto next = successors(kernel.instructions, labels);
    const auto result = lift_lane_mask_values(kernel.instructions, next, wave32);
    for (const auto& read : result.unmodelled) {
      const Instruction& in = kernel.instructions[read.instruction];
      host_.report(sdk::Severity::warning, file_, in.line, in.column,
                   "the lane mask in " + read.mask +
                       " is read here as a value (a ballot), which is not lifted: " + read.reason,
                   kUnit);
    }
  }

  void read_line(std::string_view raw, uint32_t number) {
    std::string_view line = raw.substr(0, raw.find(';'));
    const std::string_view text = trim(line);
    if (text.empty()) return;
    const size_t column = static_cast<size_t>(text.data() - raw.data()) + 1;
    if (starts_with(text, ".amdgcn_target")) {
      const auto at = text.find("--");
      if (at != std::string_view::npos) {
        architecture_ = std::string(text.substr(at + 2));
        architecture_ = architecture_.substr(0, architecture_.find_first_of(":\""));
      }
    } else if (starts_with(text, ".globl")) {
      globals_.insert(std::string(trim(text.substr(6))));
    } else if (starts_with(text, ".type") && text.size() > 8 &&
               text.substr(text.size() - 8) == ",@object") {
      // A data symbol (`.type coefficients,@object`): its label is not a kernel.
      objects_.insert(std::string(trim(text.substr(5, text.size() - 13))));
    } else if (starts_with(text, ".section") || starts_with(text, ".end_amdhsa_kernel")) {
      current_ = nullptr;
    } else if (text.back() == ':' && text.find_first_of(" \t") == std::string_view::npos) {
      read_label(std::string(text.substr(0, text.size() - 1)), number);
    } else if (text.front() == '.') {
      // other directives
    } else if (current_ != nullptr) {
      const auto dual = text.find(" :: ");
      if (dual == std::string_view::npos) {
        read_instruction(text, number, column);
      } else {  // GFX11 dual issue: two instructions on one line
        const size_t before = current_->instructions.size();
        read_instruction(trim(text.substr(0, dual)), number, column);
        read_instruction(trim(text.substr(dual + 4)), number, column + dual + 4);
        if (current_->instructions.size() == before + 2) order_dual_halves(number, column);
      }
    }
  }

  // Both halves of a dual-issue instruction read their operands before either writes, so
  // the lifter, which runs them one after the other, runs second the half that does not read
  // the other's result (`v_dual_mov_b32 v2, 1 :: v_dual_add_nc_u32 v1, v1, v2` adds the old
  // v2); halves that each read what the other writes are refused.
  void order_dual_halves(uint32_t line, size_t column) {
    auto& instructions = current_->instructions;
    Instruction& x = instructions[instructions.size() - 2];
    Instruction& y = instructions.back();
    const auto reads_result = [](const Instruction& reader, const Instruction& writer) {
      if (writer.operands.empty()) return false;
      const Operand& written = writer.operands[0];
      for (size_t i = 1; i < reader.operands.size(); ++i) {
        const Operand& read = reader.operands[i];
        if (read.kind == SW_ISA_OPERAND_REGISTER && written.kind == SW_ISA_OPERAND_REGISTER &&
            read.name && read.name == written.name && read.index < written.index + written.count &&
            written.index < read.index + read.count)
          return true;
      }
      return false;
    };
    if (!reads_result(y, x)) return;
    if (reads_result(x, y)) {
      error(line, column, "the halves of a dual-issue instruction read each other's results");
      return;
    }
    std::swap(x, y);
    std::swap(x.address, y.address);
  }

  void read_label(const std::string& name, uint32_t line) {
    if (globals_.count(name) && !objects_.count(name)) {
      kernels_.emplace_back();
      current_ = &kernels_.back();
      current_->header.line = line;
      current_->header.name = name;
      current_->header.symbol = name;
      current_->header.architecture = architecture_.empty() ? "gfx1030" : architecture_;
      current_->header.listing_format = "llvm-mc";
      return;
    }
    if (current_ != nullptr)
      current_->labels.push_back({name, {current_->instructions.size(), line}});
  }

  void read_instruction(std::string_view text, uint32_t line, size_t column) {
    const size_t end = std::min(text.find_first_of(" \t"), text.size());
    const std::string_view mnemonic = text.substr(0, end);
    for (char c : mnemonic) {
      if (!std::islower(static_cast<unsigned char>(c)) &&
          !std::isdigit(static_cast<unsigned char>(c)) && c != '_') {
        error(line, column, "expected an instruction, found '" + std::string(mnemonic) + "'");
        return;
      }
    }
    Instruction instruction;
    instruction.line = line;
    instruction.column = static_cast<uint32_t>(column);
    instruction.address = 4 * current_->instructions.size();
    split_mnemonic(mnemonic, instruction.opcode, instruction.modifiers);
    const auto entry = semantics_.find(instruction.opcode, instruction.modifiers, 0);
    const bool effect_free = entry && (entry->flags & SW_ISA_NO_EFFECT);
    if (!effect_free && !read_operands(instruction, text.substr(end), column + end)) return;
    // The operand count is known now; look again so entries keyed by it can win.
    const auto exact =
        semantics_.find(instruction.opcode, instruction.modifiers, instruction.operands.size());
    if (exact) {
      instruction.flags = exact->flags;
      if (!exact->expression.empty()) instruction.semantics = exact->expression;
      const uint32_t needed = sdk::isa::SemanticsTable::operands_read(exact->expression);
      // Memory instructions write their offsets as optional modifiers (`offset:16`); absent,
      // they are zero.
      while (is_memory(instruction.opcode) && instruction.operands.size() < needed &&
             instruction.operands.size() >= 2)
        instruction.operands.push_back(zero_offset());
      if (instruction.operands.size() < needed) {
        error(line, column,
              "'" + std::string(mnemonic) + "' needs " + std::to_string(needed) +
                  " operands, found " + std::to_string(instruction.operands.size()));
        return;
      }
    }
    if (is_vector(instruction.opcode) && instruction.opcode != "v_readfirstlane_b32" &&
        instruction.opcode != "v_cmpx")
      instruction.predicate = "exec";
    if (instruction.flags & SW_ISA_BRANCH) {
      for (const auto& operand : instruction.operands)
        if (operand.kind == SW_ISA_OPERAND_LABEL) instruction.target_label = operand.name;
      if (!instruction.target_label) {
        error(line, column, "branch '" + instruction.opcode + "' has no target label");
        return;
      }
    }
    current_->instructions.push_back(std::move(instruction));
  }

  // Comma-separated operands, then space-separated modifiers (offset:16, glc, ...).
  bool read_operands(Instruction& instruction, std::string_view text, size_t column) {
    int64_t offset = -1, offset0 = -1, offset1 = -1;
    size_t at = 0;
    while (at < text.size()) {
      while (at < text.size() && (text[at] == ' ' || text[at] == '\t' || text[at] == ',')) ++at;
      if (at >= text.size()) break;
      size_t end = at;
      int depth = 0;
      while (end < text.size() &&
             (depth > 0 || (text[end] != ',' && text[end] != ' ' && text[end] != '\t'))) {
        if (text[end] == '[' || text[end] == '(') ++depth;
        if (text[end] == ']' || text[end] == ')') --depth;
        ++end;
      }
      const std::string_view piece = text.substr(at, end - at);
      const auto colon = piece.find(':');
      if (piece.starts_with("op_sel:[") || piece.starts_with("op_sel_hi:[")) {
        // which half of each source a packed or mixed instruction reads: the entry names it
        instruction.modifiers.emplace_back(piece);
      } else if (colon != std::string_view::npos && piece.front() != 'v' && piece.front() != 's' &&
                 piece.find('[') == std::string_view::npos) {
        const std::string key(piece.substr(0, colon));
        int64_t value = 0;
        std::string problem;
        if (auto number = parse_operand(piece.substr(colon + 1), problem);
            number && number->kind == SW_ISA_OPERAND_IMMEDIATE)
          value = number->value;
        if (key == "offset")
          offset = value;
        else if (key == "offset0")
          offset0 = value;
        else if (key == "offset1")
          offset1 = value;
        else
          instruction.modifiers.emplace_back(piece);
      } else if (colon != std::string_view::npos && piece.find('[') == std::string_view::npos &&
                 (piece.front() == 'v' || piece.front() == 's') &&
                 piece.find("_") == std::string_view::npos) {
        instruction.modifiers.emplace_back(piece);
      } else if (piece.find('(') != std::string_view::npos && piece.front() != '-' &&
                 piece.front() != '|') {
        instruction.modifiers.emplace_back(piece);  // lgkmcnt(0), instid0(VALU_DEP_1)
      } else if (piece == "glc" || piece == "slc" || piece == "dlc") {
        instruction.modifiers.emplace_back(piece);  // cache policy: the semantics entry names it
      } else {
        std::string problem;
        auto operand = parse_operand(piece, problem);
        if (!operand) {
          error(instruction.line, column + at, problem);
          return false;
        }
        instruction.operands.push_back(std::move(*operand));
      }
      at = end;
    }
    auto immediate = [&](int64_t value) {
      sdk::isa::Operand operand;
      operand.kind = SW_ISA_OPERAND_IMMEDIATE;
      operand.value = value;
      operand.text = std::to_string(value);
      instruction.operands.push_back(operand);
    };
    if (offset0 >= 0 || offset1 >= 0) {
      immediate(offset0 < 0 ? 0 : offset0);
      immediate(offset1 < 0 ? 0 : offset1);
    } else if (offset >= 0) {
      immediate(offset);
    }
    return true;
  }

  void check_targets(const PendingKernel& kernel) {
    std::set<std::string> names;
    for (const auto& label : kernel.labels) names.insert(label.first);
    for (const auto& instruction : kernel.instructions) {
      if (instruction.target_label && !names.count(*instruction.target_label))
        error(instruction.line, instruction.column,
              "branch to undefined label '" + *instruction.target_label + "'");
    }
    if (kernel.instructions.empty())
      error(kernel.header.line, 1, "kernel '" + kernel.header.name + "' has no instructions");
  }

  std::string file_;
  const sdk::Host& host_;
  const sdk::isa::SemanticsTable& semantics_;
  std::string architecture_;
  std::set<std::string> globals_;
  std::set<std::string> objects_;  // data symbols, `.type NAME,@object`
  std::vector<PendingKernel> kernels_;
  PendingKernel* current_ = nullptr;
  int errors_ = 0;
};

}  // namespace

uint32_t sniff_listing(std::string_view text) {
  const std::string_view head = text.substr(0, 8192);
  uint32_t score = 0;
  if (head.find(".amdgcn_target") != std::string_view::npos) score += 70;
  if (head.find("amdgcn-amd-amdhsa") != std::string_view::npos) score += 20;
  if (head.find("s_endpgm") != std::string_view::npos ||
      head.find("s_load_") != std::string_view::npos)
    score += 20;
  return score > 100 ? 100 : score;
}

bool parse_listing(std::string_view file, std::string_view text, const sdk::Host& host,
                   const sdk::isa::SemanticsTable& semantics, const sdk::isa::Builder& builder) {
  ListingReader reader(file, host, semantics);
  return reader.read(text, builder);
}

}  // namespace switcheroo::rdna
