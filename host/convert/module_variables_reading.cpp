// Variables declared by name (`[module] variables`) read back (module_variables.cpp writes
// them): each declaration in the constructor is the target's registration of its fill (or its
// parameter class around it), the reads are the attribute, and a write is an assignment.
//
//   self.create_variable('mean', base_layer.WeightHParams(      self.register_buffer('mean',
//       shape=(d,), init=base_layer.WeightInit.Constant(0.0)),      torch.full((d,), 0.0))
//       trainable=False)                                  ->
//   self.update_var('mean', self.get_var('mean') * 0.9)         self.mean = self.mean * 0.9
//   x * self.theta.gain                                         x * self.gain
#include "module_state.h"

#include "call_helpers.h"
#include "self_attributes.h"

#include "rewrite/edits.h"
#include "rewrite/tree_query.h"

#include <array>

namespace switcheroo::convert {

using python::NodeId;
using rewrite::Argument;
using rewrite::Call;

void ModuleState::hold_specification(const Call& call,
                                     const std::map<NodeId, const Call*>& calls) {
  // The specification stays with its declaration, which is reported once.
  const Argument* spec = argument_of(call, 1, "");
  auto found = spec ? calls.find(spec->value) : calls.end();
  if (found == calls.end()) return;
  handled_.insert(found->second->primary);
  for (const Argument& argument : found->second->arguments.items) {
    if (calls.count(argument.value)) handled_.insert(argument.value);
  }
}

void ModuleState::read_declaration(const Call& call, const std::map<NodeId, const Call*>& calls,
                                   std::vector<Problem>& problems) {
  const DeclaredVariables& variables = source_.traits.variables;
  const Argument* name = argument_of(call, 0, "");
  const Argument* spec = argument_of(call, 1, "");
  const Argument* trainable = argument_of(call, std::size_t(-1), variables.trainable);
  const std::string attribute =
      name ? string_literal(rewrite::token_text(tree_, name->value)) : std::string();
  auto spec_call = spec ? calls.find(spec->value) : calls.end();
  NodeId shape = python::kNoNode, fill = python::kNoNode, dtype = python::kNoNode;
  bool known = !attribute.empty() && spec_call != calls.end() && whole_statement(call) &&
               qualified(*spec_call->second) == variables.spec &&
               call.arguments.items.size() == (trainable ? 3u : 2u);
  for (const Argument& argument :
       known ? spec_call->second->arguments.items : std::vector<Argument>()) {
    auto init = calls.find(argument.value);
    if (argument.keyword == variables.shape) {
      shape = argument.value;
    } else if (argument.keyword == variables.dtype) {
      dtype = argument.value;
    } else if (argument.keyword == variables.init && init != calls.end() &&
               qualified(*init->second) == variables.constant &&
               init->second->arguments.items.size() == 1 &&
               init->second->arguments.items[0].kind == Argument::Kind::positional) {
      fill = init->second->arguments.items[0].value;
      handled_.insert(init->second->primary);
    } else {
      known = false;
    }
  }
  const std::string flag = trainable ? rewrite::token_text(tree_, trainable->value) : "True";
  if (!known || shape == python::kNoNode || fill == python::kNoNode ||
      (dtype != python::kNoNode && dtype_api(dtype).empty()) ||
      (flag != "True" && flag != "False")) {
    hold_specification(call, calls);
    problems.push_back({call.callee_begin, "cannot convert '" + call.dotted_callee +
                                               "': only a statement of its own declaring a "
                                               "literal name, a shape and one value (" +
                                               variables.constant + "(v)) converts",
                        "kb"});
    return;
  }
  handled_.insert(spec_call->second->primary);
  const NodeId statement =
      inner_nodes(tree_, rewrite::enclosing_statement(tree_, call.primary))[0];
  read_filled(call, statement, attribute, {shape, fill, dtype}, flag == "True", problems);
}

void ModuleState::read_filled(const Call& call, NodeId statement, const std::string& attribute,
                              const std::array<NodeId, 3>& parts, bool trained,
                              std::vector<Problem>& problems) {
  const auto [shape, fill, dtype] = parts;
  const std::string shape_text = rewrite::token_text(tree_, shape);
  const std::string fill_text = rewrite::token_text(tree_, fill);
  const std::string dtype_text = dtype == python::kNoNode ? "" : rewrite::token_text(tree_, dtype);
  const std::string dtype_name = dtype_text.substr(dtype_text.rfind('.') + 1);
  if (!trained && (shape_text == "()" || shape_text == "[]") &&
      call_detail::is_integer_literal(fill_text) && dtype_name.rfind("int", 0) == 0) {
    // A counter: the plain attribute it was.
    composed_.push_back({statement, {{python::kNoNode, "self." + attribute + " = ", ""},
                                     {fill, "", ""}}});
    declared_[attribute] = false;
    return;
  }
  const std::string full = target_api("full");
  const std::string wrapper = target_api(trained ? "parameter" : "buffer");
  auto registration = target_.traits.register_state.find("buffer");
  if (full.empty() || (wrapper.empty() && (trained || registration ==
                                                          target_.traits.register_state.end()))) {
    problems.push_back({call.callee_begin, "no mapping for '" + call.dotted_callee + "' to '" +
                                               target_.traits.framework + "'",
                        "kb"});
    return;
  }
  // Without a dtype the variable is of floats: an integer literal is written as one.
  Piece value = {fill, "", ""};
  if (dtype == python::kNoNode && call_detail::is_integer_literal(fill_text)) {
    value = {python::kNoNode, fill_text + ".0", ""};
  }
  std::vector<Piece> filled = {{python::kNoNode, "", full}, {python::kNoNode, "(", ""},
                               {shape, "", ""}, {python::kNoNode, ", ", ""}, value};
  if (dtype != python::kNoNode) {
    filled.push_back({python::kNoNode, ", " + keyword_of(target_, "full", "dtype") + "=", ""});
    filled.push_back({python::kNoNode, "", dtype_api(dtype)});
  }
  filled.push_back({python::kNoNode, ")", ""});
  std::vector<Piece> pieces;
  if (!wrapper.empty()) {
    pieces = {{python::kNoNode, "self." + attribute + " = ", ""}, {python::kNoNode, "", wrapper},
              {python::kNoNode, "(", ""}};
  } else {
    pieces = {{python::kNoNode, "self." + registration->second + "('" + attribute + "', ", ""}};
  }
  pieces.insert(pieces.end(), filled.begin(), filled.end());
  pieces.push_back({python::kNoNode, ")", ""});
  composed_.push_back({statement, pieces});
  declared_[attribute] = trained;
}

void ModuleState::read_variable_uses(const rewrite::ClassDef& module, NodeId constructor,
                                     const std::vector<Call>& calls, EditSet& edits) {
  const DeclaredVariables& variables = source_.traits.variables;
  auto outside_constructor = [&](NodeId node) {
    return rewrite::is_within(tree_, node, module.body) &&
           !rewrite::is_within(tree_, node, constructor);
  };
  for (const Call& call : calls) {
    const bool reads = call.dotted_callee == "self." + variables.read;
    const bool writes = call.dotted_callee == "self." + variables.write;
    if ((!reads && !writes) || !outside_constructor(call.primary)) continue;
    const Argument* name = argument_of(call, 0, "");
    const std::string attribute =
        name ? string_literal(rewrite::token_text(tree_, name->value)) : std::string();
    if (!declared_.count(attribute)) continue;
    if (reads && call.arguments.items.size() == 1) {
      handled_.insert(call.primary);
      edits.replace(call.callee_begin, tree_.node(call.trailer).end, "self." + attribute);
      continue;
    }
    const Argument* value = argument_of(call, 1, "");
    if (writes && value != nullptr && call.arguments.items.size() == 2 && whole_statement(call)) {
      handled_.insert(call.primary);
      composed_.push_back({inner_nodes(tree_, rewrite::enclosing_statement(tree_, call.primary))[0],
                           {{python::kNoNode, "self." + attribute + " = ", ""},
                            {value->value, "", ""}}});
    }
  }
  for (std::size_t index = 0; index < tree_.size(); ++index) {
    const auto primary = static_cast<NodeId>(index);
    if (tree_.kind_name(primary) != "primary" || !outside_constructor(primary)) continue;
    const auto attribute = self_attribute(tree_, primary);
    const auto parts = tree_.children(primary);
    if (!attribute || attribute->second != variables.parameters || parts.size() < 3) continue;
    const std::string next = rewrite::token_text(tree_, parts[2]);
    if (next.size() < 2 || next[0] != '.' || !declared_.count(next.substr(1))) continue;
    edits.replace(tree_.node(attribute->first).begin, tree_.node(parts[2]).end, next);
  }
}

}  // namespace switcheroo::convert
