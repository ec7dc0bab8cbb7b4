// Children of a sequential layer read by the names of the ordered mapping it was built from,
// towards a framework whose sequential layer keeps no names (its spoke's `sequential` takes no
// `varargs-mapping`, so the layers go in as `*layers.values()`). In the function that builds
// it, after the statement that does, the mapping is at hand and holds the same layer objects
// (torchvision's VisionTransformer):
//
//   self.heads = nn.Sequential(layers)        ->  self.heads = nnx.Sequential(*layers.values())
//   hasattr(self.heads, "pre_logits")         ->  "pre_logits" in layers
//   self.heads.head                           ->  layers["head"]
//
// Only where the construction is a statement of the function's own block (not in a branch or
// a loop), the class assigns the attribute once, and the mapping's name does not occur after
// that statement (so neither it nor its items change). The names are the string keys of the
// mapping's item assignments (`layers["head"] = ...`) in that function. A read of one of those
// names anywhere else (a `forward` reading `self.heads.head`) is reported: the target's
// sequential layer has no such attribute.
#include "converter.h"

#include "class_values.h"
#include "narrowed_classes.h"
#include "self_attributes.h"

#include <algorithm>
#include <functional>
#include <optional>
#include <set>

namespace switcheroo::convert::engine_detail {
namespace {

// The sequential layer built from a mapping, and where its names may be read from the mapping.
struct NamedSequential {
  std::string attribute;  // `self.heads`
  std::string mapping;    // `layers`
  NodeId body = python::kNoNode;
  uint32_t from = 0;  // the end of the constructing statement
  bool at_hand = false;  // the mapping is not named after that statement
  std::set<std::string> names;
};

// The string keys of `mapping[<key>] = ...` in the tokens of a function; false where the mapping
// is named after `from` (read, updated or rebound there).
bool mapping_names(const python::SyntaxTree& tree, const std::vector<NodeId>& tokens,
                   NamedSequential& named) {
  bool at_hand = true;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tree.text(tokens[i]) != named.mapping ||
        (i > 0 && tree.kind_name(tokens[i - 1]) == "DOT")) {
      continue;
    }
    if (tree.node(tokens[i]).begin >= named.from) at_hand = false;
    if (i + 4 < tokens.size() && tree.text(tokens[i + 1]) == "[" &&
        tree.text(tokens[i + 3]) == "]" && tree.text(tokens[i + 4]) == "=") {
      const std::string key = string_literal(std::string(tree.text(tokens[i + 2])));
      if (!key.empty()) named.names.insert(key);
    }
  }
  return at_hand;
}

// The sequential layers the file's functions build from ordered mappings, as NamedSequential;
// `mapping_of(value)` names the mapping a value builds one from, or is nullopt.
std::vector<NamedSequential> named_sequentials(
    const python::SyntaxTree& tree, const std::vector<rewrite::FunctionDef>& functions,
    const std::function<std::optional<std::string>(NodeId)>& mapping_of) {
  std::vector<NamedSequential> found;
  for (const auto& function : functions) {
    for (NodeId statement : inner_nodes(tree, function.body)) {
      const auto assignment = self_assignment(tree, statement);
      const auto mapping = assignment ? mapping_of(assignment->value) : std::nullopt;
      if (!mapping) continue;
      NamedSequential named;
      named.attribute = "self." + assignment->name;
      named.mapping = *mapping;
      named.body = function.body;
      named.from = tree.node(statement).end;
      std::vector<NodeId> tokens;
      collect_tokens(tree, function.body, tokens);
      named.at_hand = mapping_names(tree, tokens, named);
      if (!named.names.empty()) found.push_back(std::move(named));
    }
  }
  return found;
}

}  // namespace

// The ordered mapping `value` builds the source's sequential layer from (`nn.Sequential(layers)`),
// or nullopt.
std::optional<std::string> Converter::sequential_mapping(NodeId value) const {
  const auto call = std::find_if(calls_by_trailer_.begin(), calls_by_trailer_.end(),
                                 [&](const auto& entry) { return entry.second->primary == value; });
  if (call == calls_by_trailer_.end()) return std::nullopt;
  const Call& built = *call->second;
  if (tree_.node(built.trailer).end != tree_.node(value).end || built.arguments.items.size() != 1 ||
      built.arguments.items[0].kind != rewrite::Argument::Kind::positional ||
      !names_ordered_mapping(built.arguments.items[0].value)) {
    return std::nullopt;
  }
  const ResolvedCall resolved = resolver_.resolve(built);
  const auto* entries =
      resolved.kind == ResolvedCall::Kind::function ? index_.api(resolved.name) : nullptr;
  if (entries == nullptr || entries->empty() || entries->front().op->name != "sequential") {
    return std::nullopt;
  }
  const std::string argument = rewrite::token_text(tree_, built.arguments.items[0].value);
  return argument.substr(0, argument.find('.'));
}

void Converter::convert_sequential_names() {
  const OpMapping* source = target_mapping(*source_.data, "sequential", "layer");
  const OpMapping* target = target_mapping(*target_.data, "sequential", "layer");
  if (source == nullptr || target == nullptr || source->varargs_mapping.empty() ||
      !target->varargs_mapping.empty() || ordered_mappings_.empty()) {
    return;
  }
  auto named = named_sequentials(tree_, function_defs_,
                                 [this](NodeId value) { return sequential_mapping(value); });
  if (named.empty()) return;
  // The one construction of the attribute in its class.
  std::erase_if(named, [&](const NamedSequential& one) {
    return assignments_of(tree_, layer_attribute(one.body, one.attribute).first, one.attribute) != 1;
  });
  const auto why = [&](const NamedSequential& one) {
    return "the '" + target_.name + "' sequential layer keeps no names of its layers; only in "
           "the function that builds it from '" + one.mapping + "', after it, are they read "
           "from the mapping";
  };
  // Where the mapping is at hand: the reads after the construction, in its function.
  const auto in_reach = [&](const NamedSequential& one, NodeId node) {
    return one.at_hand && rewrite::is_within(tree_, node, one.body) &&
           tree_.node(node).begin >= one.from;
  };
  const auto of = [&](NodeId node, std::string_view attribute) -> const NamedSequential* {
    const NodeId owner = layer_attribute(node, std::string(attribute)).first;
    for (const NamedSequential& one : named) {
      if (one.attribute == attribute && layer_attribute(one.body, one.attribute).first == owner) {
        return &one;
      }
    }
    return nullptr;
  };
  for (const AttributeRead& read : attribute_reads(tree_)) {
    const NamedSequential* one = of(read.trailer, read.receiver);
    if (one == nullptr || one->names.count(read.name) == 0 || read.assigned) continue;
    const NodeId primary = tree_.node(read.trailer).parent;
    const uint32_t begin = tree_.node(primary).begin;
    if (!in_reach(*one, read.trailer)) {
      unconverted_at(begin, read.trailer, source->api + "." + read.name, why(*one));
      continue;
    }
    edits_.replace(begin, tree_.node(read.trailer).end,
                   one->mapping + "[\"" + read.name + "\"]");
  }
  // hasattr(self.heads, "pre_logits") -> "pre_logits" in layers; self.heads.head(x) ->
  // layers["head"](x)
  for (const auto& [trailer, call] : calls_by_trailer_) {
    const auto& items = call->arguments.items;
    const std::string& callee = call->dotted_callee;
    const size_t dot = callee.rfind('.');
    const NamedSequential* called =
        dot == std::string::npos ? nullptr : of(call->primary, std::string_view(callee).substr(0, dot));
    if (called != nullptr && called->names.count(callee.substr(dot + 1))) {
      if (!in_reach(*called, call->primary)) {
        unconverted(*call, source->api + callee.substr(dot), why(*called));
      } else {
        edits_.replace(call->callee_begin, call->callee_end,
                       called->mapping + "[\"" + callee.substr(dot + 1) + "\"]");
      }
      continue;
    }
    if (callee != "hasattr" || items.size() != 2) continue;
    const std::string receiver = rewrite::token_text(tree_, items[0].value);
    const std::string name = string_literal(rewrite::token_text(tree_, items[1].value));
    const NamedSequential* one = of(call->primary, receiver);
    if (one == nullptr || name.empty()) continue;
    if (!in_reach(*one, call->primary)) {
      unconverted(*call, "hasattr", why(*one));
      continue;
    }
    if (edits_.replace(call->callee_begin, tree_.node(trailer).end,
                       "\"" + name + "\" in " + one->mapping)) {
      ++result_.converted;
    }
  }
}

}  // namespace switcheroo::convert::engine_detail
