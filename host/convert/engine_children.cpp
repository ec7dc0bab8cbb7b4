// A named child added to a sequential container from inside a class derived from it, towards a
// framework whose modules have no method for that (traits `[module] sequential-layers`):
//
//   class AnyStage(nn.Sequential):                 class AnyStage(nnx.Sequential):
//       ...                                  ->        ...
//       self.add_module(f"b{i}", block)                self.layers.extend({f"b{i}": block}.values())
//
// The one-entry dict keeps the name, so the way back writes `self.add_module(f"b{i}", block)`.
// Alike, on a sequential layer the class builds once, `self.features.add_module(name, layer)` ->
// `self.features.layers.extend({name: layer}.values())` (DenseNet), and in a class derived from
// a dict of modules `self.add_module(name, layer)` -> `self[name] = layer` (which PyTorch's
// ModuleDict takes too, so it stays on the way back). Any other call of an add-child method (on another receiver, outside such a class, with other
// arguments) is reported where the target has no add-child method of its own.
#include "converter.h"

#include "call_mapping.h"
#include "class_values.h"
#include "narrowed_classes.h"
#include "self_attributes.h"
#include "rewrite/edits.h"

#include <algorithm>

namespace switcheroo::convert {
namespace engine_detail {
namespace {

// `{key: value}.values()` -> (key, value); nullopt for any other text.
std::optional<std::pair<std::string, std::string>> one_entry_values(const std::string& text) {
  const std::string tail = "}.values()";
  if (text.size() < tail.size() + 2 || text.front() != '{' ||
      text.compare(text.size() - tail.size(), tail.size(), tail) != 0) {
    return std::nullopt;
  }
  const std::string inside = text.substr(1, text.size() - tail.size() - 1);
  int depth = 0;
  std::optional<size_t> colon;
  for (size_t i = 0; i < inside.size(); ++i) {
    const char c = inside[i];
    if (c == '\'' || c == '"') {
      const size_t close = inside.find(c, i + 1);
      if (close == std::string::npos) return std::nullopt;
      i = close;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (depth == 0 && (c == ',' || (c == ':' && colon))) {
      return std::nullopt;  // more than one entry, or a slice-like key
    } else if (depth == 0 && c == ':') {
      colon = i;
    }
  }
  if (!colon) return std::nullopt;
  auto trim = [](std::string part) {
    part.erase(0, part.find_first_not_of(' '));
    part.erase(part.find_last_not_of(' ') + 1);
    return part;
  };
  return std::pair(trim(inside.substr(0, *colon)), trim(inside.substr(*colon + 1)));
}

}  // namespace

// Does the class around `node` derive from `framework`'s layer `op` (its sequential layer, its
// dict of modules), directly or through other classes of the file?
bool Converter::in_subclass_of(NodeId node, const Framework& framework,
                               const std::string& op) const {
  const std::string api = api_of(*framework.data, op);
  if (api.empty()) return false;
  const auto classes = rewrite::find_classes(tree_);
  const rewrite::ClassDef* around = nullptr;
  for (const auto& definition : classes) {
    const auto& body = tree_.node(definition.body);
    const auto& at = tree_.node(node);
    if (at.begin >= body.begin && at.end <= body.end &&
        (around == nullptr || body.begin >= tree_.node(around->body).begin)) {
      around = &definition;
    }
  }
  for (int depth = 0; around != nullptr && depth < 8; ++depth) {
    const rewrite::ClassDef* parent = nullptr;
    for (const auto& base : around->bases.items) {
      const std::string text = rewrite::token_text(tree_, base.value);
      if (resolver_.qualify(text) == api) return true;
      for (const auto& definition : classes) {
        if (definition.name == text) parent = &definition;
      }
    }
    around = parent;
  }
  return false;
}

// Is `receiver` `self.<name>`, which its class builds once, as `framework`'s sequential layer?
bool Converter::holds_sequential(const Call& call, const std::string& receiver) const {
  if (receiver.rfind("self.", 0) != 0 || !is_identifier(receiver.substr(5))) return false;
  const NodeId owner = layer_attribute(call.primary, receiver).first;
  return owner != python::kNoNode && assignments_of(tree_, owner, receiver) == 1 &&
         built_layer_op(call.primary, receiver) == "sequential";
}

// The target's form of `<receiver>.add_module(name, layer)` towards a framework whose modules
// have no add-child method; nullopt where it has none.
std::optional<std::string> Converter::added_child(const Call& call, const std::string& receiver,
                                                  const std::string& name,
                                                  const std::string& layer) const {
  const std::string& layers = target_.data->traits.sequential_layers;
  const std::string entry = "{" + name + ": " + layer + "}.values()";
  if (!layers.empty() && receiver == "self" && in_subclass_of(call.primary, source_, "sequential")) {
    return "self." + layers + ".extend(" + entry + ")";
  }
  if (!layers.empty() && holds_sequential(call, receiver)) {
    return receiver + "." + layers + ".extend(" + entry + ")";
  }
  // A dict of modules takes its children by item assignment, in a statement of its own.
  const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
  std::string statement_text =
      statement == python::kNoNode ? std::string() : rewrite::token_text(tree_, statement);
  while (!statement_text.empty() && (statement_text.back() == '\n' || statement_text.back() == '\r')) {
    statement_text.pop_back();
  }
  if (receiver == "self" && !api_of(*target_.data, "module_dict").empty() &&
      in_subclass_of(call.primary, source_, "module_dict") &&
      statement_text == rewrite::token_text(tree_, call.primary)) {
    return "self[" + name + "] = " + layer;
  }
  return std::nullopt;
}

// `self.add_module(name, layer)` -> `self.layers.extend({name: layer}.values())`, and back;
// true when the call is done with (converted or reported).
bool Converter::convert_added_child(const Call& call) {
  if (call.method.empty()) return false;
  const AdapterTraits& from = source_.data->traits;
  const AdapterTraits& to = target_.data->traits;
  const std::string receiver = edits_.text(call.callee_begin, call.receiver_end);
  const auto& items = call.arguments.items;
  const bool two_positional = items.size() == 2 &&
                              items[0].kind == rewrite::Argument::Kind::positional &&
                              items[1].kind == rewrite::Argument::Kind::positional;
  if (std::find(from.add_child.begin(), from.add_child.end(), call.method) != from.add_child.end() &&
      to.add_child.empty()) {
    const auto text = two_positional ? added_child(call, receiver, node_text(items[0].value),
                                                   node_text(items[1].value))
                                     : std::nullopt;
    if (text) {
      if (edits_.replace(call.callee_begin, tree_.node(call.trailer).end, *text)) {
        ++result_.converted;
      }
      return true;
    }
    unconverted(call, from.module_base_class + "." + call.method,
                "'" + target_.name + "' modules have no method adding a named child; only "
                "'self." + call.method + "(name, layer)' in a class derived from a sequential "
                "layer or a dict of modules, and '<sequential layer>." + call.method +
                "(name, layer)' on one the class builds, convert");
    return true;
  }
  const std::string suffix = "." + from.sequential_layers;
  if (from.sequential_layers.empty() || to.add_child.empty() || call.method != "extend" ||
      receiver.size() <= suffix.size() ||
      receiver.compare(receiver.size() - suffix.size(), suffix.size(), suffix) != 0 ||
      items.size() != 1 || items[0].kind != rewrite::Argument::Kind::positional) {
    return false;
  }
  const std::string owner = receiver.substr(0, receiver.size() - suffix.size());
  if (!(owner == "self" && in_subclass_of(call.primary, source_, "sequential")) &&
      !holds_sequential(call, owner)) {
    return false;
  }
  const auto entry = one_entry_values(node_text(items[0].value));
  if (!entry) return false;
  const std::string text =
      owner + "." + to.add_child.front() + "(" + entry->first + ", " + entry->second + ")";
  if (edits_.replace(call.callee_begin, tree_.node(call.trailer).end, text)) ++result_.converted;
  return true;
}

namespace {

// How often `self.<name>` occurs within `node`.
int self_attribute_uses(const python::SyntaxTree& tree, NodeId node, const std::string& name) {
  std::vector<NodeId> tokens;
  collect_tokens(tree, node, tokens);
  int uses = 0;
  for (size_t i = 0; i + 2 < tokens.size(); ++i) {
    uses += tree.text(tokens[i]) == "self" && tree.kind_name(tokens[i + 1]) == "DOT" &&
            tree.text(tokens[i + 2]) == name;
  }
  return uses;
}

}  // namespace

// In a class derived from the source's sequential layer without a forward method of its own,
// a layer the constructor assigns to an attribute read nowhere else is a child the container
// runs, in order, as PyTorch registers it (DenseNet's `_Transition`):
//   self.norm = nn.BatchNorm2d(c)  ->  self.layers.extend({"norm": nnx.BatchNorm(c, ...)}.values())
// Towards a framework whose sequential layer runs only the layers of its list (traits
// `[module] sequential-layers`); the way back is the one of `self.add_module`.
void Converter::convert_sequential_attributes() {
  const std::string& layers = target_.data->traits.sequential_layers;
  if (layers.empty() || !target_.data->traits.add_child.empty()) return;
  for (const auto& definition : rewrite::find_classes(tree_)) {
    if (!in_subclass_of(definition.body, source_, "sequential")) continue;
    const rewrite::FunctionDef* constructor = nullptr;
    bool runs_children = true;
    for (const auto& function : function_defs_) {
      if (!rewrite::is_within(tree_, function.node, definition.body)) continue;
      if (function.name == source_.data->traits.forward_method) runs_children = false;
      if (function.name == source_.data->traits.constructor) constructor = &function;
    }
    if (!runs_children || constructor == nullptr) continue;
    for (NodeId statement : inner_nodes(tree_, constructor->body)) {
      const auto assignment = self_assignment(tree_, statement);
      if (!assignment || self_attribute_uses(tree_, definition.body, assignment->name) != 1) {
        continue;
      }
      const auto built = std::find_if(calls_by_trailer_.begin(), calls_by_trailer_.end(),
                                      [&](const auto& entry) {
                                        return entry.second->primary == assignment->value;
                                      });
      if (built == calls_by_trailer_.end() || !builds_layer(*built->second)) continue;
      const auto& value = tree_.node(assignment->value);
      const std::string text = "self." + layers + ".extend({\"" + assignment->name + "\": " +
                               edits_.text(value.begin, value.end) + "}.values())";
      if (edits_.replace(tree_.node(assignment->assignment).begin, value.end, text)) {
        ++result_.converted;
      }
    }
  }
}

}  // namespace engine_detail
}  // namespace switcheroo::convert
