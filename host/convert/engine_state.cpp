// The engine's part in module state (module_state.h) and the purity scan (purity_scan.h):
// what they find that does not convert is reported on its line, marked in the output and
// counted as unconverted, like a call without a mapping.
#include "converter.h"
#include "purity_scan.h"

namespace switcheroo::convert::engine_detail {
namespace {

// The innermost node that starts at `offset` (for the statement a problem is marked on).
NodeId node_at(const python::SyntaxTree& tree, uint32_t offset) {
  NodeId found = python::kNoNode;
  for (std::size_t index = 0; index < tree.size(); ++index) {
    const auto node = static_cast<NodeId>(index);
    if (tree.node(node).begin == offset) found = node;
  }
  return found;
}

}  // namespace

void Converter::plan_state(const std::vector<Call>& calls) {
  std::vector<ModuleState::Problem> problems;
  plan_listed_stacks(calls);
  state_.plan(modules_.module_classes(), calls, *values_, edits_, problems);
  for (const auto& problem : problems) {
    report_unconverted(problem.offset, node_at(tree_, problem.offset), problem.message,
                       problem.unit);
  }
}

// The part of a training step that the target traces: the statements of the block that calls
// the source's backward pass, from after its last `zero_grad` up to the backward call (the
// loss computation the training hook moves into the differentiated function). [begin, end)
// byte ranges; none when the function calls no backward pass.
std::vector<std::pair<uint32_t, uint32_t>> Converter::traced_steps(NodeId function) const {
  std::vector<std::pair<uint32_t, uint32_t>> ranges;
  auto is_op = [&](const Call& call, const char* op) {
    const auto* entries = call.method.empty() ? nullptr : index_.method(call.method);
    return entries != nullptr &&
           std::any_of(entries->begin(), entries->end(),
                       [&](const SourceEntry& entry) { return entry.op->name == op; });
  };
  for (const auto& [trailer, backward] : calls_by_trailer_) {
    if (!rewrite::is_within(tree_, backward->primary, function) || !is_op(*backward, "backward")) {
      continue;
    }
    const NodeId statement = rewrite::enclosing_statement(tree_, backward->primary);
    const NodeId block = tree_.node(statement).parent;
    uint32_t begin = tree_.node(block).begin;
    for (const auto& [other_trailer, other] : calls_by_trailer_) {
      const NodeId around = rewrite::enclosing_statement(tree_, other->primary);
      if (tree_.node(around).parent == block && is_op(*other, "zero_grad") &&
          tree_.node(around).end <= tree_.node(statement).begin) {
        begin = std::max(begin, tree_.node(around).end);
      }
    }
    ranges.emplace_back(begin, tree_.node(statement).end);
  }
  return ranges;
}

void Converter::report_side_effects() {
  if (!target_.data->traits.pure_functions) return;
  for (const auto& function : rewrite::find_functions(tree_)) {
    bool forward = false;
    for (const auto& module : modules_.module_classes()) {
      const NodeId statement =
          function.statement != python::kNoNode ? function.statement : function.node;
      forward = forward || (tree_.node(statement).parent == module.body &&
                            function.name == source_.data->traits.forward_method);
    }
    const auto steps = forward ? std::vector<std::pair<uint32_t, uint32_t>>{}
                               : traced_steps(function.node);
    if (!forward && steps.empty()) continue;
    for (const auto& effect : find_side_effects(tree_, resolver_, function.node)) {
      const bool traced = forward || std::any_of(steps.begin(), steps.end(), [&](const auto& range) {
                            return effect.offset >= range.first && effect.offset < range.second;
                          });
      if (!traced) continue;
      report_unconverted(effect.offset, node_at(tree_, effect.offset),
                         effect.what + " in '" + function.name + "' is a side effect, and '" +
                             target_.name + "' needs pure functions",
                         "purity");
    }
  }
}

}  // namespace switcheroo::convert::engine_detail
