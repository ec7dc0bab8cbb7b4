// Module state that the state class's own methods write (`[module] state-writes`): towards
// such a framework `self.running = v` in the forward pass becomes `self.running.assign(v)` and
// `self.calls += 1` becomes `self.calls.assign_add(1)`; read back, each is a statement again
// (module_state.h).
#include "module_state.h"

#include "self_attributes.h"

#include "rewrite/tree_query.h"

#include <algorithm>

namespace switcheroo::convert {

using python::NodeId;
using rewrite::Argument;
using rewrite::Call;

std::string ModuleState::unwritable(const std::string& attribute,
                                    const std::string& operation) const {
  std::string known;
  for (const auto& [statement, method] : target_.traits.state_writes) {
    known += (known.empty() ? "'" : ", '") + statement + "'";
  }
  return "cannot write '" + attribute + " " + operation + " ...': '" +
         target_.traits.framework + "' updates its state by " + known + " only";
}

void ModuleState::plan_state_writes(const std::vector<NodeId>& forward_pass,
                                    const std::set<std::string>& held,
                                    std::vector<Problem>& problems) {
  const auto& writes = target_.traits.state_writes;
  for (std::size_t index = 0; index < tree_.size(); ++index) {
    const auto node = static_cast<NodeId>(index);
    if (tree_.kind_name(node) != "expression_stmt" ||
        std::none_of(forward_pass.begin(), forward_pass.end(),
                     [&](NodeId body) { return rewrite::is_within(tree_, node, body); })) {
      continue;
    }
    const auto parts = tree_.children(node);
    if (parts.size() != 3 ||
        (tree_.kind_name(parts[1]) != "EQUAL" && tree_.kind_name(parts[1]) != "augassign")) {
      continue;
    }
    const std::string assigned = rewrite::token_text(tree_, parts[0]);
    if (assigned.rfind("self.", 0) != 0 || !held.count(assigned.substr(5))) continue;
    const std::string operation = rewrite::token_text(tree_, parts[1]);
    auto write = writes.find(operation);
    if (write == writes.end()) {
      problems.push_back({tree_.node(node).begin, unwritable(assigned, operation), "purity"});
      continue;
    }
    statements_.push_back({node, assigned + "." + write->second + "(", "", parts[2], ")", ""});
  }
}

void ModuleState::plan_state_writes_reading(const rewrite::ClassDef& module, NodeId constructor,
                                            const std::vector<Call>& calls,
                                            const std::set<std::string>& state) {
  const auto& writes = source_.traits.state_writes;
  if (writes.empty() || !target_.traits.state_writes.empty()) return;
  for (const Call& call : calls) {
    if (!rewrite::is_within(tree_, call.primary, module.body) ||
        rewrite::is_within(tree_, call.primary, constructor) ||
        call.dotted_callee.rfind("self.", 0) != 0 || call.arguments.items.size() != 1 ||
        call.arguments.items[0].kind != Argument::Kind::positional || !whole_statement(call)) {
      continue;
    }
    const std::string attribute = call.dotted_callee.substr(5);
    const std::size_t dot = attribute.find('.');
    if (dot == std::string::npos || !state.count(attribute.substr(0, dot))) continue;
    auto write = std::find_if(writes.begin(), writes.end(), [&](const auto& entry) {
      return entry.second == attribute.substr(dot + 1);
    });
    if (write == writes.end()) continue;
    handled_.insert(call.primary);
    const NodeId statement =
        inner_nodes(tree_, rewrite::enclosing_statement(tree_, call.primary))[0];
    statements_.push_back({statement, "self." + attribute.substr(0, dot) + " " + write->first +
                                          " ",
                           "", call.arguments.items[0].value, "", ""});
  }
}

bool ModuleState::plan_value_write(NodeId primary, const std::string& name,
                                   std::vector<Problem>& problems) {
  const NodeId statement = tree_.node(primary).parent;
  if (tree_.kind_name(statement) != "expression_stmt" || tree_.children(primary).size() != 3) {
    return false;
  }
  const auto parts = tree_.children(statement);
  if (parts.size() != 3 || parts[0] != primary ||
      (tree_.kind_name(parts[1]) != "EQUAL" && tree_.kind_name(parts[1]) != "augassign")) {
    return false;
  }
  const std::string operation = rewrite::token_text(tree_, parts[1]);
  auto write = target_.traits.state_writes.find(operation);
  if (write == target_.traits.state_writes.end()) {
    problems.push_back({tree_.node(statement).begin, unwritable("self." + name, operation),
                        "purity"});
    return true;
  }
  statements_.push_back(
      {statement, "self." + name + "." + write->second + "(", "", parts[2], ")", ""});
  return true;
}

}  // namespace switcheroo::convert
