// Variables a module declares by name in its constructor (`[module] variables`, module_state.h),
// both ways. Towards such a framework, a buffer, a parameter or an attribute the forward pass
// updates, made in the constructor by a fill (`zeros`, `ones`, `full`, or a number), is declared;
// a parameter is read through the attribute that holds them, the others through the read
// method and written through the write method:
//
//   self.register_buffer("mean", torch.zeros(d))     self.create_variable('mean',
//                                                        base_layer.WeightHParams(shape=(d,),
//                                            <->         init=base_layer.WeightInit.Constant(0.0)),
//                                                        trainable=False)
//   self.gain = nn.Parameter(torch.ones(d))          self.create_variable('gain', ...)
//   self.mean = self.mean * 0.9 + x.mean(0)          self.update_var('mean',
//                                                        self.get_var('mean') * 0.9 + ...)
//   return x * self.gain                             return x * self.theta.gain
//
// A variable of shape () filled with an integer of an integer dtype that is not trained is
// the counter a plain attribute was (`self.calls = 0`), and reads back as one. Read back, each
// declaration is the target's registration (or buffer or parameter class) of its fill.
#include "module_state.h"

#include "call_helpers.h"
#include "self_attributes.h"

#include "rewrite/edits.h"
#include "rewrite/tree_query.h"

#include <algorithm>
#include <string_view>

namespace switcheroo::convert {
namespace {

using python::NodeId;
using rewrite::Argument;
using rewrite::Call;

// A number literal (`0`, `-0.5`, `1e-3`); `integer` tells whether it is written as an int.
bool number_literal(const std::string& text, bool& integer) {
  integer = call_detail::is_integer_literal(text);
  return call_detail::literal_kind(text) == call_detail::LiteralKind::number;
}

// Does `kind` need no parentheses as the right operand of a binary operator?
bool bare_operand(std::string_view kind) {
  return kind == "NAME" || kind == "NUMBER" || kind == "atom" || kind == "primary" ||
         kind == "STRING";
}

}  // namespace

std::optional<std::string> ModuleState::variable_write(const std::string& name,
                                                       const std::string& value) const {
  auto found = declared_.find(name);
  if (found == declared_.end() || found->second) return std::nullopt;
  return "self." + target_.traits.variables.write + "('" + name + "', " + value + ")";
}

std::string ModuleState::dtype_api(NodeId dtype) const {
  // `torch.int32` -> hub `int32` -> `jax.numpy.int32`, through both dtype modules and names.
  const std::string written = resolver_.qualify(rewrite::token_text(tree_, dtype)).value_or("");
  const std::string& module = source_.traits.dtype_module;
  if (module.empty() || target_.traits.dtype_module.empty() ||
      written.rfind(module + ".", 0) != 0) {
    return "";
  }
  std::string name = written.substr(module.size() + 1);
  for (const auto& [hub, spelled] : source_.traits.dtype_names) {
    if (spelled == name) name = hub;
  }
  auto named = target_.traits.dtype_names.find(name);
  return target_.traits.dtype_module + "." +
         (named == target_.traits.dtype_names.end() ? name : named->second);
}

bool ModuleState::fill_of(NodeId value, const std::map<NodeId, const Call*>& calls,
                          std::vector<Piece>& shape, Piece& fill, Piece& dtype) const {
  bool integer = false;
  if (!calls.count(value) && number_literal(rewrite::token_text(tree_, value), integer)) {
    shape = {{python::kNoNode, "()", ""}};
    fill = {value, "", ""};
    if (integer) {
      auto named = target_.traits.dtype_names.find("int32");
      const std::string dtype_name = named == target_.traits.dtype_names.end() ? "int32"
                                                                                : named->second;
      dtype = {python::kNoNode, "", target_.traits.dtype_module + "." + dtype_name};
    }
    return !integer || !target_.traits.dtype_module.empty();
  }
  auto found = calls.find(value);
  if (found == calls.end()) return false;
  const Call& call = *found->second;
  const std::string api = qualified(call);
  std::string op;
  for (const char* candidate : {"zeros", "ones", "full"}) {
    if (!api.empty() && api == primary_api(source_, candidate)) op = candidate;
  }
  if (op.empty()) return false;
  const auto& mapping = source_.ops.at(op);
  const std::string dtype_keyword = keyword_of(source_, op, "dtype");
  const std::string shape_keyword = keyword_of(source_, op, "shape");
  const std::string fill_keyword = keyword_of(source_, op, "fill_value");
  std::vector<NodeId> positional;
  for (const Argument& argument : call.arguments.items) {
    if (argument.kind == Argument::Kind::positional) {
      positional.push_back(argument.value);
    } else if (argument.kind != Argument::Kind::keyword ||
               (argument.keyword != dtype_keyword && argument.keyword != shape_keyword &&
                argument.keyword != fill_keyword &&
                std::find(mapping.ignored.begin(), mapping.ignored.end(), argument.keyword) ==
                    mapping.ignored.end())) {
      return false;
    }
  }
  if (const Argument* given = argument_of(call, std::size_t(-1), dtype_keyword)) {
    const std::string converted = dtype_api(given->value);
    if (converted.empty()) return false;
    dtype = {python::kNoNode, "", converted};
  }
  if (op == "full") {
    const Argument* size = argument_of(call, 0, shape_keyword);
    const Argument* filled = argument_of(call, 1, fill_keyword);
    if (size == nullptr || filled == nullptr) return false;
    shape = {{size->value, "", ""}};
    fill = {filled->value, "", ""};
    return true;
  }
  if (positional.empty()) return false;
  // An integer dtype is filled with an integer.
  const std::string dtype_name = dtype.api.substr(dtype.api.rfind('.') + 1);
  const bool whole = dtype_name.rfind("int", 0) == 0 || dtype_name.rfind("uint", 0) == 0;
  fill = {python::kNoNode, op == "zeros" ? (whole ? "0" : "0.0") : (whole ? "1" : "1.0"), ""};
  const std::string first = rewrite::token_text(tree_, positional[0]);
  if (positional.size() == 1 && (first.front() == '(' || first.front() == '[')) {
    shape = {{positional[0], "", ""}};
    return true;
  }
  shape = {{python::kNoNode, "(", ""}};
  for (std::size_t index = 0; index < positional.size(); ++index) {
    if (index > 0) shape.push_back({python::kNoNode, ", ", ""});
    shape.push_back({positional[index], "", ""});
  }
  shape.push_back({python::kNoNode, positional.size() == 1 ? ",)" : ")", ""});
  return true;
}

bool ModuleState::plan_declaration(NodeId statement, const std::string& name, NodeId value,
                                   bool trainable, const std::map<NodeId, const Call*>& calls,
                                   std::vector<Problem>& problems) {
  const DeclaredVariables& variables = target_.traits.variables;
  std::vector<Piece> shape;
  Piece fill;
  Piece dtype;
  if (!fill_of(value, calls, shape, fill, dtype)) {
    auto call = calls.find(value);
    const std::string made =
        call == calls.end() ? rewrite::token_text(tree_, value) : qualified(*call->second);
    problems.push_back({tree_.node(value).begin,
                        "cannot convert 'self." + name + "': '" + target_.traits.framework +
                            "' declares a variable filled with one value (" + variables.constant +
                            "), which '" + made + "' is not",
                        "kb"});
    return false;
  }
  if (calls.count(value)) handled_.insert(value);  // its arguments are written here
  std::vector<Piece> pieces = {
      {python::kNoNode, "self." + variables.declare + "('" + name + "', ", ""},
      {python::kNoNode, "", variables.spec},
      {python::kNoNode, "(" + variables.shape + "=", ""}};
  pieces.insert(pieces.end(), shape.begin(), shape.end());
  pieces.push_back({python::kNoNode, ", " + variables.init + "=", ""});
  pieces.push_back({python::kNoNode, "", variables.constant});
  pieces.push_back({python::kNoNode, "(", ""});
  pieces.push_back(fill);
  pieces.push_back({python::kNoNode, ")", ""});
  if (!dtype.api.empty()) {
    pieces.push_back({python::kNoNode, ", " + variables.dtype + "=", ""});
    pieces.push_back(dtype);
  }
  pieces.push_back({python::kNoNode, trainable ? "))" : "), " + variables.trainable + "=False)", ""});
  composed_.push_back({statement, pieces});
  declared_[name] = trainable;
  return true;
}

void ModuleState::plan_variables(const rewrite::ClassDef& module, NodeId constructor,
                                 const std::vector<NodeId>& forward_pass,
                                 const std::vector<Call>& calls, EditSet& edits,
                                 std::vector<Problem>& problems) {
  std::map<NodeId, const Call*> by_primary;
  for (const Call& call : calls) by_primary[call.primary] = &call;
  const auto updated = updated_attributes(forward_pass);
  const std::string parameter_api = primary_api(source_, "parameter");
  // The value a parameter class wraps (`nn.Parameter(v)`), else kNoNode.
  auto wrapped = [&](NodeId value) {
    auto found = by_primary.find(value);
    if (found == by_primary.end() || parameter_api.empty() ||
        qualified(*found->second) != parameter_api) {
      return python::kNoNode;
    }
    handled_.insert(found->second->primary);
    const Argument* inner = argument_of(*found->second, 0, keyword_of(source_, "parameter", "data"));
    return inner == nullptr ? python::kNoNode : inner->value;
  };
  for (const Call& call : calls) {
    if (constructor == python::kNoNode || !rewrite::is_within(tree_, call.primary, constructor)) {
      continue;
    }
    for (const auto& [op, method] : source_.traits.register_state) {
      if (call.dotted_callee != "self." + method) continue;
      handled_.insert(call.primary);
      const Argument* name = argument_of(call, 0, "name");
      const Argument* value = argument_of(call, 1, op == "buffer" ? "tensor" : "param");
      const std::string attribute =
          name ? string_literal(rewrite::token_text(tree_, name->value)) : std::string();
      const NodeId filled = value == nullptr ? python::kNoNode
                            : op == "buffer" ? value->value
                                             : wrapped(value->value);
      if (attribute.empty() || filled == python::kNoNode || !whole_statement(call) ||
          call.arguments.items.size() != 2) {
        problems.push_back({call.callee_begin, "cannot convert '" + method +
                                                   "': only a statement of its own with a literal "
                                                   "name and a value converts",
                            "kb"});
        continue;
      }
      const NodeId statement = inner_nodes(tree_, rewrite::enclosing_statement(tree_, call.primary))[0];
      plan_declaration(statement, attribute, filled, op != "buffer", by_primary, problems);
    }
  }
  for (NodeId statement : constructor == python::kNoNode ? std::vector<NodeId>()
                                                          : inner_nodes(tree_, constructor)) {
    const auto assignment = self_assignment(tree_, statement);
    if (!assignment || declared_.count(assignment->name)) continue;
    const NodeId parameter = wrapped(assignment->value);
    if (parameter != python::kNoNode) {
      plan_declaration(assignment->assignment, assignment->name, parameter, true, by_primary,
                       problems);
    } else if (updated.count(assignment->name)) {
      plan_declaration(assignment->assignment, assignment->name, assignment->value, false,
                       by_primary, problems);
    }
  }
  for (const auto& [name, offset] : updated) {
    if (declared_.count(name)) continue;
    problems.push_back({offset, "module attribute '" + name + "' is first set in the forward "
                                    "pass: '" + target_.traits.framework +
                                    "' declares its variables in '" + target_.traits.constructor +
                                    "'",
                        "purity"});
  }
  plan_variable_uses(module, constructor, forward_pass, edits, problems);
}

void ModuleState::plan_variable_uses(const rewrite::ClassDef& module, NodeId constructor,
                                     const std::vector<NodeId>& forward_pass, EditSet& edits,
                                     std::vector<Problem>& problems) {
  const DeclaredVariables& variables = target_.traits.variables;
  std::vector<NodeId> reported;  // writes that are reported
  for (std::size_t index = 0; index < tree_.size(); ++index) {
    const auto node = static_cast<NodeId>(index);
    if (!rewrite::is_within(tree_, node, module.body) ||
        (constructor != python::kNoNode && rewrite::is_within(tree_, node, constructor))) {
      continue;
    }
    if (tree_.kind_name(node) == "expression_stmt") {
      const auto parts = tree_.children(node);
      const std::string assigned = rewrite::token_text(tree_, parts[0]);
      if (parts.size() != 3 || assigned.rfind("self.", 0) != 0 ||
          !declared_.count(assigned.substr(5)) ||
          (tree_.kind_name(parts[1]) != "EQUAL" && tree_.kind_name(parts[1]) != "augassign")) {
        continue;
      }
      const std::string name = assigned.substr(5);
      const bool forward = std::any_of(forward_pass.begin(), forward_pass.end(), [&](NodeId body) {
        return rewrite::is_within(tree_, node, body);
      });
      if (declared_.at(name) || !forward) {
        reported.push_back(node);  // left as written
        problems.push_back({tree_.node(node).begin,
                            "cannot write '" + assigned + "': '" + target_.traits.framework +
                                "' writes the variables that are not trained, in the forward pass",
                            "purity"});
        continue;
      }
      std::string operation = rewrite::token_text(tree_, parts[1]);
      std::vector<Piece> pieces = {
          {python::kNoNode, "self." + variables.write + "('" + name + "', ", ""}};
      if (operation != "=") {
        operation.pop_back();
        const bool bare = bare_operand(tree_.kind_name(parts[2]));
        pieces.push_back({python::kNoNode, "self." + variables.read + "('" + name + "') " +
                                               operation + (bare ? " " : " ("),
                          ""});
        pieces.push_back({parts[2], "", ""});
        pieces.push_back({python::kNoNode, bare ? ")" : "))", ""});
      } else {
        pieces.push_back({parts[2], "", ""});
        pieces.push_back({python::kNoNode, ")", ""});
      }
      composed_.push_back({node, pieces});
      continue;
    }
    if (tree_.kind_name(node) != "primary") continue;
    const auto attribute = self_attribute(tree_, node);
    if (!attribute || !declared_.count(attribute->second) ||
        std::any_of(reported.begin(), reported.end(),
                    [&](NodeId statement) { return rewrite::is_within(tree_, node, statement); })) {
      continue;
    }
    const auto& trailer = tree_.node(attribute->first);
    if (declared_.at(attribute->second)) {
      edits.replace(trailer.begin, trailer.end,
                    "." + variables.parameters + "." + attribute->second);
      continue;
    }
    held_.insert(attribute->second);  // an in-place update of it is a write
    edits.replace(tree_.node(tree_.children(node)[0]).begin, trailer.end,
                  "self." + variables.read + "('" + attribute->second + "')");
  }
}

void ModuleState::plan_variables_reading(const rewrite::ClassDef& module, NodeId constructor,
                                         const std::vector<Call>& calls, EditSet& edits,
                                         std::vector<Problem>& problems) {
  const DeclaredVariables& variables = source_.traits.variables;
  std::map<NodeId, const Call*> by_primary;
  for (const Call& call : calls) by_primary[call.primary] = &call;
  for (const Call& call : calls) {
    if (call.dotted_callee != "self." + variables.declare ||
        !rewrite::is_within(tree_, call.primary, constructor)) {
      continue;
    }
    handled_.insert(call.primary);
    if (!target_.traits.state_class.empty()) {
      hold_specification(call, by_primary);
      problems.push_back({call.callee_begin, "cannot convert '" + call.dotted_callee + "' to '" +
                                                 target_.traits.framework +
                                                 "': its variables read back towards plain "
                                                 "module attributes only",
                          "kb"});
      continue;
    }
    read_declaration(call, by_primary, problems);
  }
  read_variable_uses(module, constructor, calls, edits);
}

}  // namespace switcheroo::convert
