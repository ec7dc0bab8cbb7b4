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
    if (!instruction.is(SW_ISA_BRANCH) && !instruction.is(SW_ISA_CALL)) continue;
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

// Which instructions start a block: the first, labelled ones, the entry, branch targets and
// those after a branch or exit. One more entry than instructions, for the end.
std::vector<char> find_leaders(const Kernel& kernel, const std::vector<size_t>& targets,
                               size_t entry) {
  const auto& code = kernel.instructions;
  std::vector<char> leader(code.size() + 1, 0);
  leader[0] = 1;
  for (const auto& label : kernel.labels) leader[std::min(label.instruction, code.size())] = 1;
  if (entry < code.size()) leader[entry] = 1;
  for (size_t i = 0; i < code.size(); ++i) {
    if (code[i].is(SW_ISA_BRANCH) || code[i].is(SW_ISA_EXIT)) leader[i + 1] = 1;
    if (targets[i] != SIZE_MAX) leader[targets[i]] = 1;
  }
  return leader;
}

// Every block in layout order, before unreachable ones are dropped.
struct Layout {
  std::vector<BasicBlock> blocks;
  std::vector<int> block_of;  // per instruction
  std::vector<std::vector<int>> successors;
  std::vector<char> falls_off;  // control continues past the last instruction
};

Layout split_blocks(const std::vector<Instruction>& code, const std::vector<char>& leader) {
  Layout layout;
  layout.block_of.assign(code.size(), -1);
  for (size_t start = 0; start < code.size();) {
    size_t end = start + 1;
    while (end < code.size() && !leader[end]) ++end;
    BasicBlock block;
    block.first = start;
    block.last = end;
    for (size_t i = start; i < end; ++i)
      layout.block_of[i] = static_cast<int>(layout.blocks.size());
    layout.blocks.push_back(block);
    start = end;
  }
  layout.successors.resize(layout.blocks.size());
  layout.falls_off.assign(layout.blocks.size(), 0);
  return layout;
}

// Each block's end (exit, branch, jump or fall-through) and successors, from its last
// instruction.
void link_blocks(const std::vector<Instruction>& code, const std::vector<size_t>& targets,
                 Layout& layout) {
  for (size_t b = 0; b < layout.blocks.size(); ++b) {
    BasicBlock& block = layout.blocks[b];
    auto& successors = layout.successors[b];
    char& falls_off = layout.falls_off[b];
    const size_t last = block.last - 1;
    const Instruction& instruction = code[last];
    const int next = block.last < code.size() ? layout.block_of[block.last] : -1;
    if (instruction.is(SW_ISA_CALL)) {  // returns to the next instruction
      if (next >= 0) successors = {next};
      falls_off = next < 0;
      continue;
    }
    if (instruction.is(SW_ISA_EXIT)) {
      block.end = instruction.is(SW_ISA_CONDITIONAL) ? BlockEnd::conditional_exit : BlockEnd::exit;
      block.terminator = last;
      if (block.end == BlockEnd::conditional_exit && next >= 0) successors = {next};
      falls_off = block.end == BlockEnd::conditional_exit && next < 0;
    } else if (is_self_branch(code, targets, last)) {
      block.end = BlockEnd::exit;  // the padding loop after the last EXIT; never reached
    } else if (instruction.is(SW_ISA_BRANCH)) {
      const int target = layout.block_of[targets[last]];
      block.terminator = last;
      falls_off = instruction.is(SW_ISA_CONDITIONAL) && next < 0;
      if (instruction.is(SW_ISA_CONDITIONAL) && next >= 0) {
        block.end = BlockEnd::branch;
        successors = {target, next};
      } else {
        block.end = BlockEnd::jump;
        successors = {target};
      }
    } else if (next >= 0) {
      successors = {next};
    } else {
      falls_off = 1;
    }
  }
}

// The blocks reachable from the entry, in layout order (which reads best) but the entry
// first, because the structurer starts at block 0.
std::vector<int> reachable_blocks(const Layout& layout, int entry_block) {
  const std::vector<int> order = reverse_postorder(Graph{layout.successors, entry_block});
  std::vector<int> kept(order.begin(), order.end());
  std::sort(kept.begin(), kept.end(), [&](int a, int b) {
    return std::make_pair(a != entry_block, a) < std::make_pair(b != entry_block, b);
  });
  return kept;
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

ControlFlowGraph build_control_flow(const Kernel& kernel, const std::string& file, size_t entry) {
  const auto& code = kernel.instructions;
  if (code.empty()) {
    throw LiftError(Diagnostic{Severity::error,
                               {file, kernel.line, 1},
                               "kernel '" + kernel.name + "' has no instructions",
                               "lift"});
  }
  const std::vector<size_t> targets = branch_targets(kernel, file);
  Layout layout = split_blocks(code, find_leaders(kernel, targets, entry));
  link_blocks(code, targets, layout);
  const int entry_block = entry < code.size() ? layout.block_of[entry] : 0;
  const std::vector<int> kept = reachable_blocks(layout, entry_block);
  for (int b : kept) {
    if (!layout.falls_off[b]) continue;
    const Instruction& last = code[layout.blocks[b].last - 1];
    throw LiftError(Diagnostic{Severity::error,
                               {file, last.line, last.column},
                               "control runs past the end of '" + kernel.name +
                                   "' after this instruction (truncated listing?)",
                               "lift"});
  }
  std::vector<int> renumber(layout.blocks.size(), -1);
  ControlFlowGraph cfg;
  for (int b : kept) {
    renumber[b] = static_cast<int>(cfg.blocks.size());
    cfg.blocks.push_back(layout.blocks[b]);
  }
  for (size_t b = 0; b < layout.blocks.size(); ++b) {
    if (renumber[b] >= 0) {
      for (int successor : layout.successors[b])
        cfg.blocks[renumber[b]].successors.push_back(renumber[successor]);
    }
  }
  return cfg;
}

std::vector<Subroutine> find_subroutines(const Kernel& kernel, const std::string& file) {
  const std::vector<size_t> targets = branch_targets(kernel, file);
  std::map<size_t, Subroutine> found;
  for (size_t i = 0; i < kernel.instructions.size(); ++i) {
    const Instruction& call = kernel.instructions[i];
    if (!call.is(SW_ISA_CALL) || targets[i] == SIZE_MAX) continue;
    Subroutine& subroutine = found[targets[i]];
    subroutine.entry = targets[i];
    subroutine.calls.push_back(i);
    if (call.target_label) subroutine.label = *call.target_label;
  }
  std::vector<Subroutine> result;
  for (auto& [entry, subroutine] : found) result.push_back(std::move(subroutine));
  return result;
}

UnreachedCode count_unreached(const Kernel& kernel, const std::string& file,
                              const std::vector<const ControlFlowGraph*>& graphs) {
  const std::vector<size_t> targets = branch_targets(kernel, file);
  std::vector<char> reached(kernel.instructions.size(), 0);
  for (const ControlFlowGraph* cfg : graphs)
    for (const auto& block : cfg->blocks)
      for (size_t i = block.first; i < block.last; ++i) reached[i] = 1;
  UnreachedCode result;
  for (size_t i = 0; i < kernel.instructions.size(); ++i) {
    if (reached[i]) continue;
    const bool padding = is_self_branch(kernel.instructions, targets, i) ||
                         kernel.instructions[i].is(SW_ISA_NO_EFFECT);
    (padding ? result.padding : result.unreachable) += 1;
  }
  return result;
}

}  // namespace switcheroo::lift
