#include "control_flow.h"

#include <algorithm>
#include <map>

namespace switcheroo::lift {
namespace {

// `BRA` to itself without a predicate: the padding nvcc places after a kernel's last EXIT.
bool is_self_branch(const std::vector<Instruction>& code, const std::vector<size_t>& targets,
                    size_t i) {
  return code[i].is(SW_ISA_BRANCH) && !code[i].is(SW_ISA_CONDITIONAL) && targets[i] == i;
}

// Resolves each branch's target to an instruction index.
std::vector<size_t> branch_targets(const Kernel& kernel, const std::string& file) {
  std::map<std::string, size_t> labels;
  for (const auto& label : kernel.labels) labels.emplace(label.name, label.instruction);
  std::map<uint64_t, size_t> addresses;
  for (size_t i = 0; i < kernel.instructions.size(); ++i)
    addresses.emplace(kernel.instructions[i].address, i);
  std::vector<size_t> targets(kernel.instructions.size(), SIZE_MAX);
  for (size_t i = 0; i < kernel.instructions.size(); ++i) {
    const Instruction& instruction = kernel.instructions[i];
    if (!instruction.is(SW_ISA_BRANCH)) continue;
    if (instruction.target_label) {
      const auto found = labels.find(*instruction.target_label);
      if (found != labels.end()) targets[i] = found->second;
    } else if (instruction.target_address) {
      const auto found = addresses.find(*instruction.target_address);
      if (found != addresses.end()) targets[i] = found->second;
    }
    if (targets[i] == SIZE_MAX || targets[i] >= kernel.instructions.size()) {
      throw LiftError(Diagnostic{Severity::error,
                                 {file, instruction.line, instruction.column},
                                 "branch target of '" + instruction.mnemonic() +
                                     "' is not an instruction of '" + kernel.name + "'",
                                 "lift"});
    }
  }
  return targets;
}

}  // namespace

Graph ControlFlowGraph::graph() const {
  Graph result;
  for (const auto& block : blocks) result.successors.push_back(block.successors);
  return result;
}

std::vector<int> ControlFlowGraph::exits() const {
  std::vector<int> result;
  for (size_t i = 0; i < blocks.size(); ++i)
    if (blocks[i].end == BlockEnd::exit || blocks[i].end == BlockEnd::conditional_exit)
      result.push_back(static_cast<int>(i));
  return result;
}

ControlFlowGraph build_control_flow(const Kernel& kernel, const std::string& file) {
  const auto& code = kernel.instructions;
  const std::vector<size_t> targets = branch_targets(kernel, file);
  std::vector<char> leader(code.size() + 1, 0);
  leader[0] = 1;
  for (const auto& label : kernel.labels) leader[std::min(label.instruction, code.size())] = 1;
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i].is(SW_ISA_BRANCH) || code[i].is(SW_ISA_EXIT)) leader[i + 1] = 1;
    if (targets[i] != SIZE_MAX) leader[targets[i]] = 1;
  }
  // Every block in layout order first; unreachable ones are dropped below.
  std::vector<BasicBlock> all;
  std::vector<int> block_of(code.size(), -1);
  for (size_t start = 0; start < code.size();) {
    size_t end = start + 1;
    while (end < code.size() && !leader[end]) ++end;
    BasicBlock block;
    block.first = start;
    block.last = end;
    for (size_t i = start; i < end; ++i) block_of[i] = static_cast<int>(all.size());
    all.push_back(block);
    start = end;
  }
  std::vector<std::vector<int>> successors(all.size());
  for (size_t b = 0; b < all.size(); ++b) {
    BasicBlock& block = all[b];
    const size_t last = block.last - 1;
    const Instruction& instruction = code[last];
    const int next = block.last < code.size() ? block_of[block.last] : -1;
    if (instruction.is(SW_ISA_EXIT)) {
      block.end = instruction.is(SW_ISA_CONDITIONAL) ? BlockEnd::conditional_exit : BlockEnd::exit;
      block.terminator = last;
      if (block.end == BlockEnd::conditional_exit && next >= 0) successors[b] = {next};
      if (block.end == BlockEnd::conditional_exit && next < 0) block.end = BlockEnd::exit;
    } else if (is_self_branch(code, targets, last)) {
      block.end = BlockEnd::exit;  // the padding loop after the last EXIT; never reached
    } else if (instruction.is(SW_ISA_BRANCH)) {
      const int target = block_of[targets[last]];
      block.terminator = last;
      if (instruction.is(SW_ISA_CONDITIONAL) && next >= 0) {
        block.end = BlockEnd::branch;
        successors[b] = {target, next};
      } else {
        block.end = BlockEnd::jump;
        successors[b] = {target};
      }
    } else if (next >= 0) {
      successors[b] = {next};
    } else {
      block.end = BlockEnd::exit;  // runs off the end of the listing
    }
  }
  Graph layout{successors, 0};
  const std::vector<int> order = reverse_postorder(layout);
  std::vector<int> renumber(all.size(), -1);
  std::vector<int> kept(order.begin(), order.end());
  std::sort(kept.begin(), kept.end());  // keep layout order for readable output
  ControlFlowGraph cfg;
  for (int b : kept) {
    renumber[b] = static_cast<int>(cfg.blocks.size());
    cfg.blocks.push_back(all[b]);
  }
  for (size_t b = 0; b < all.size(); ++b) {
    if (renumber[b] >= 0) {
      for (int successor : successors[b])
        cfg.blocks[renumber[b]].successors.push_back(renumber[successor]);
      continue;
    }
    for (size_t i = all[b].first; i < all[b].last; ++i) {
      const bool padding = is_self_branch(code, targets, i) || code[i].is(SW_ISA_NO_EFFECT);
      (padding ? cfg.padding_instructions : cfg.unreachable_instructions) += 1;
    }
  }
  return cfg;
}

}  // namespace switcheroo::lift
