// Module state read from a framework whose array attributes are parameters (`[module]
// array-attributes = "parameters"`): arrays assigned in the constructor become the target's
// parameters, or its buffers where a `freeze` statement names them, and lists and dicts of
// arrays or layers become the target's containers of them (module_state.h).
#include "module_state.h"

#include "self_attributes.h"

#include "rewrite/edits.h"
#include "rewrite/tree_query.h"

#include <algorithm>
#include <map>

namespace switcheroo::convert {
namespace {

using python::NodeId;
using rewrite::Argument;
using rewrite::Call;

// The method and keyword of a freeze template `self.<method>(<keyword>=[{names}], ...)`;
// empty strings when the template is not of that shape.
std::pair<std::string, std::string> freeze_parts(const std::string& freeze) {
  const std::size_t open = freeze.find('(');
  const std::size_t names = freeze.find("=[{names}]");
  if (freeze.rfind("self.", 0) != 0 || open == std::string::npos || names == std::string::npos ||
      names < open) {
    return {"", ""};
  }
  std::size_t keyword = freeze.find_last_of("(, ", names - 1);
  return {freeze.substr(5, open - 5), freeze.substr(keyword + 1, names - keyword - 1)};
}

// [begin, end) of a statement's whole line, with its indentation and newline.
std::pair<uint32_t, uint32_t> line_of(const python::SyntaxTree& tree, NodeId statement) {
  const std::string& text = tree.source().bytes();
  uint32_t begin = tree.node(statement).begin;
  while (begin > 0 && (text[begin - 1] == ' ' || text[begin - 1] == '\t')) --begin;
  uint32_t end = tree.node(statement).end;
  if (end > 0 && text[end - 1] != '\n') {
    const std::size_t newline = text.find('\n', end);
    end = newline == std::string::npos ? static_cast<uint32_t>(text.size())
                                       : static_cast<uint32_t>(newline + 1);
  }
  return {begin, end};
}

}  // namespace

std::string ModuleState::freeze_statement(const std::string& name) const {
  std::string text = target_.traits.freeze;
  text.replace(text.find("{names}"), 7, "'" + name + "'");
  return text;
}

std::set<std::string> ModuleState::frozen_names(NodeId constructor, const std::vector<Call>& calls,
                                                EditSet& edits) {
  std::set<std::string> frozen;
  const auto [method, keyword] = freeze_parts(source_.traits.freeze);
  if (method.empty()) return frozen;
  for (const Call& call : calls) {
    const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
    if (call.dotted_callee != "self." + method ||
        !rewrite::is_within(tree_, call.primary, constructor) || !whole_statement(call)) {
      continue;
    }
    std::vector<std::string> names;
    for (const Argument& argument : call.arguments.items) {
      if (argument.kind != Argument::Kind::keyword || argument.keyword != keyword ||
          tree_.kind_name(argument.value) != "list_display") {
        continue;
      }
      for (NodeId item : inner_nodes(tree_, argument.value)) {
        names.push_back(string_literal(rewrite::token_text(tree_, item)));
      }
    }
    if (names.empty() || std::count(names.begin(), names.end(), "") > 0) continue;
    frozen.insert(names.begin(), names.end());
    handled_.insert(call.primary);
    const auto [begin, end] = line_of(tree_, statement);
    edits.replace(begin, end, "");
  }
  return frozen;
}

ValueKind ModuleState::kind_of(NodeId expression, const TensorValues& values,
                               const std::set<std::string>& module_classes) const {
  const Value value = values.value_of(expression);
  if (value.kind != ValueKind::other || tree_.kind_name(expression) != "primary") {
    return value.kind;
  }
  // An instance of a module class of the file is a layer.
  const auto parts = tree_.children(expression);
  const bool called = parts.size() == 2 && tree_.kind_name(parts[1]) == "trailer" &&
                      rewrite::token_text(tree_, parts[1]).front() == '(';
  return called && module_classes.count(rewrite::token_text(tree_, parts[0])) ? ValueKind::layer
                                                                              : value.kind;
}

void ModuleState::plan_array_attributes(NodeId constructor, const std::vector<Call>& calls,
                                        const TensorValues& values,
                                        const std::set<std::string>& module_classes,
                                        EditSet& edits, std::vector<Problem>& problems) {
  const std::string parameter = target_api("parameter");
  if (constructor == python::kNoNode || parameter.empty()) return;
  const bool arrays = source_.traits.array_attributes == "parameters";
  const std::set<std::string> frozen =
      arrays ? frozen_names(constructor, calls, edits) : std::set<std::string>();
  std::map<NodeId, const Call*> by_primary;
  for (const Call& call : calls) by_primary[call.primary] = &call;
  const auto registration = target_.traits.register_state.find("buffer");
  for (NodeId statement : inner_nodes(tree_, constructor)) {
    const auto assignment = self_assignment(tree_, statement);
    if (!assignment) continue;
    const NodeId value = assignment->value;
    const std::string self_name = "self." + assignment->name + " = ";
    if (!arrays || kind_of(value, values, module_classes) != ValueKind::tensor) {
      plan_container(*assignment, values, module_classes, by_primary);
    } else if (!frozen.count(assignment->name)) {
      statements_.push_back({assignment->assignment, self_name, parameter, value, "", ""});
    } else if (registration != target_.traits.register_state.end()) {
      statements_.push_back({assignment->assignment,
                             "self." + registration->second + "('" + assignment->name + "', ",
                             "", value, ")", ""});
    } else if (!target_api("buffer").empty()) {
      statements_.push_back({assignment->assignment, self_name, target_api("buffer"), value, "",
                             buffer_keywords()});
    } else {
      problems.push_back({tree_.node(statement).begin,
                          "no form for the frozen array '" + assignment->name + "' in '" +
                              target_.traits.framework + "'",
                          "kb"});
    }
  }
}

// The values a list or dict display holds (a comprehension's element); empty for anything else.
std::vector<NodeId> ModuleState::container_items(NodeId display) const {
  std::vector<NodeId> items;
  for (NodeId item : inner_nodes(tree_, display)) {
    if (tree_.kind_name(item) == "for_if_clause") {
      continue;
    } else if (tree_.kind_name(display) == "list_display") {
      items.push_back(item);
    } else if (tree_.kind_name(item) == "display_item" && inner_nodes(tree_, item).size() == 2) {
      items.push_back(inner_nodes(tree_, item)[1]);
    } else {
      return {};  // a set, or a dict unpacking another
    }
  }
  return items;
}

void ModuleState::plan_container(const SelfAssignment& assignment, const TensorValues& values,
                                 const std::set<std::string>& module_classes,
                                 const std::map<NodeId, const Call*>& by_primary) {
  const std::string display(tree_.kind_name(assignment.value));
  if (display != "list_display" && display != "dict_or_set_display") return;
  if (kept_lists_.count(assignment.value)) return;
  const bool list = display == "list_display";
  const std::vector<NodeId> items = container_items(assignment.value);
  // Each item a layer, a parameter made by the source's parameter API, or (with array
  // attributes) an array the target's parameter API wraps.
  enum class Item { layer, parameter, array, other };
  auto parameter_op = source_.ops.find("parameter");
  const std::string parameter_api =
      parameter_op == source_.ops.end() ? std::string() : parameter_op->second.api;
  auto item_kind = [&](NodeId item) {
    auto call = by_primary.find(item);
    if (call != by_primary.end() && !parameter_api.empty() &&
        qualified(*call->second) == parameter_api) {
      return Item::parameter;
    }
    const ValueKind kind = kind_of(item, values, module_classes);
    if (kind == ValueKind::layer) return Item::layer;
    const bool arrays = source_.traits.array_attributes == "parameters";
    return kind == ValueKind::tensor && arrays ? Item::array : Item::other;
  };
  if (items.empty()) return;
  const Item kind = item_kind(items[0]);
  if (kind == Item::other || std::any_of(items.begin(), items.end(), [&](NodeId item) {
        return item_kind(item) != kind;
      })) {
    return;
  }
  const auto parts = inner_nodes(tree_, assignment.value);
  const bool comprehension = std::any_of(parts.begin(), parts.end(), [&](NodeId part) {
    return tree_.kind_name(part) == "for_if_clause";
  });
  const std::string op = kind == Item::layer ? (list ? "module_list" : "module_dict")
                                             : (list ? "parameter_list" : "parameter_dict");
  auto source_op = source_.ops.find(op);
  const std::string container = target_api(op);
  if (container.empty() || source_op == source_.ops.end() ||
      source_op->second.kind != "identity" || (comprehension && kind == Item::array)) {
    return;
  }
  if (kind == Item::array) {
    for (NodeId item : items) wraps_.push_back({item, target_api("parameter")});
  }
  statements_.push_back({assignment.assignment, "self." + assignment.name + " = ", container,
                         assignment.value, "", ""});
}

}  // namespace switcheroo::convert
