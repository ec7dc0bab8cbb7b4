// The engine's part in module state (module_state.h) and the purity scan (purity_scan.h):
// what they find that does not convert is reported on its line, marked in the output and
// counted as unconverted, like a call without a mapping.
#include "converter.h"
#include "purity_scan.h"

namespace switcheroo::convert::engine_detail {
namespace {

void report(FileResult& result, const std::string& file, const python::SyntaxTree& tree,
            std::map<NodeId, std::vector<std::pair<uint32_t, std::string>>>& comments,
            uint32_t offset, NodeId node, const std::string& message, const std::string& unit) {
  const auto where = tree.source().line_column(offset);
  result.diagnostics.push_back(
      Diagnostic{Severity::warning, {file, where.line, where.column}, message, unit});
  ++result.unconverted;
  const NodeId statement = rewrite::enclosing_statement(tree, node);
  if (statement != python::kNoNode) comments[statement].emplace_back(offset, message);
}

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
  state_.plan(modules_.module_classes(), calls, edits_, problems);
  for (const auto& problem : problems) {
    report(result_, file_, tree_, comments_, problem.offset, node_at(tree_, problem.offset),
           problem.message, problem.unit);
  }
}

// A training step: a function that calls the source's backward pass or optimizer step.
bool Converter::is_training_step(NodeId function) const {
  for (const auto& [trailer, call] : calls_by_trailer_) {
    if (call->method.empty() || !rewrite::is_within(tree_, call->primary, function)) continue;
    const auto* entries = index_.method(call->method);
    if (entries == nullptr) continue;
    for (const SourceEntry& entry : *entries) {
      if (entry.op->name == "backward" || entry.op->name == "optimizer_step") return true;
    }
  }
  return false;
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
    if (!forward && !is_training_step(function.node)) continue;
    for (const auto& effect : find_side_effects(tree_, resolver_, function.node)) {
      report(result_, file_, tree_, comments_, effect.offset, node_at(tree_, effect.offset),
             effect.what + " in '" + function.name + "' is a side effect, and '" +
                 target_.name + "' needs pure functions",
             "purity");
    }
  }
}

}  // namespace switcheroo::convert::engine_detail
