#include "class_values.h"

#include <algorithm>

namespace switcheroo::convert {
using python::NodeId;

void collect_tokens(const python::SyntaxTree& tree, NodeId node, std::vector<NodeId>& tokens) {
  if (tree.is_token(node)) {
    tokens.push_back(node);
    return;
  }
  for (NodeId child : tree.children(node)) collect_tokens(tree, child, tokens);
}

namespace {

// A type annotation that names classes as values: `Type[Block]`, `Optional[type[Block]]`.
bool names_class_values(const std::string& annotation) {
  return annotation.find("Type[") != std::string::npos ||
         annotation.find("type[") != std::string::npos;
}

}  // namespace

ClassValues::ClassValues(const python::SyntaxTree& tree,
                         const std::vector<rewrite::FunctionDef>& functions,
                         std::set<std::string> classes)
    : tree_(tree),
      functions_(functions),
      classes_(std::move(classes)),
      bodies_(tree, rewrite::bodies_of(functions)) {
  if (classes_.empty()) return;
  for (const auto& function : functions_) collect_parameters(function);
  collect_assignments();
  // `conv_block = blocks[0]` after `blocks = [...]`: names flow from names until nothing
  // changes (a chain deeper than the rounds stays unknown at its end).
  for (int round = 0; round < 10; ++round) {
    bool grew = false;
    for (const Binding& binding : bindings_) {
      auto& held = held_[{binding.function, binding.name}];
      for (const std::string& name : named_classes(binding.function, binding.expression)) {
        grew = held.insert(name).second || grew;
      }
    }
    if (!grew) break;
  }
}

void ClassValues::collect_parameters(const rewrite::FunctionDef& function) {
  for (const auto& parameter : function.parameters.items) {
    if (parameter.name.empty()) continue;
    const auto parts = tree_.children(parameter.node);
    for (size_t i = 0; i + 1 < parts.size(); ++i) {
      const std::string_view kind = tree_.kind_name(parts[i]);
      const bool annotation =
          kind == "COLON" && names_class_values(rewrite::token_text(tree_, parts[i + 1]));
      if (annotation || kind == "EQUAL") {
        bindings_.push_back({function.node, parameter.name, parts[i + 1]});
      }
    }
  }
}

void ClassValues::collect_assignments() {
  for (const auto& assignment : name_assignments(tree_, functions_, bodies_)) {
    bindings_.push_back({assignment.function, assignment.name, assignment.value});
  }
}

std::vector<NameAssignment> name_assignments(const python::SyntaxTree& tree,
                                             const std::vector<rewrite::FunctionDef>& functions,
                                             const rewrite::EnclosingNodes& bodies) {
  std::vector<NameAssignment> found;
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (tree.kind_name(id) != "expression_stmt") continue;
    const auto parts = tree.children(id);
    if (parts.size() < 3 || tree.kind_name(parts[1]) != "EQUAL") continue;
    const auto function = bodies.innermost(id);
    if (!function) continue;
    for (size_t i = 0; i + 2 < parts.size(); i += 2) {
      std::vector<NodeId> target;
      collect_tokens(tree, parts[i], target);
      if (target.size() == 1 && tree.kind_name(target[0]) == "NAME") {
        found.push_back(
            {functions[*function].node, std::string(tree.text(target[0])), parts.back()});
      }
    }
  }
  return found;
}

std::set<std::string> ClassValues::named_classes(NodeId function, NodeId expression) const {
  std::vector<NodeId> tokens;
  collect_tokens(tree_, expression, tokens);
  std::set<std::string> named;
  // Per open bracket: is it the argument list of a call other than `partial(...)`? A class
  // given to such a call (`make_layer(Block)`) is an argument, not what the call gives.
  std::vector<bool> in_call;
  for (size_t i = 0; i < tokens.size(); ++i) {
    const std::string_view kind = tree_.kind_name(tokens[i]);
    if (kind == "LPAR" || kind == "LSQB" || kind == "LBRACE") {
      const bool call =
          kind == "LPAR" && i > 0 &&
          (tree_.kind_name(tokens[i - 1]) == "NAME" || tree_.kind_name(tokens[i - 1]) == "RPAR" ||
           tree_.kind_name(tokens[i - 1]) == "RSQB");
      in_call.push_back(call && tree_.text(tokens[i - 1]) != "partial");
      continue;
    }
    if (kind == "RPAR" || kind == "RSQB" || kind == "RBRACE") {
      if (!in_call.empty()) in_call.pop_back();
      continue;
    }
    if (kind != "NAME" || std::find(in_call.begin(), in_call.end(), true) != in_call.end())
      continue;
    if (i > 0 && tree_.kind_name(tokens[i - 1]) == "DOT") continue;  // an attribute's name
    if (i + 1 < tokens.size()) {
      const std::string_view next = tree_.kind_name(tokens[i + 1]);
      if (next == "LPAR" || next == "DOT") continue;  // called, or an attribute's receiver
    }
    const std::string name(tree_.text(tokens[i]));
    auto element = depth_ < 8 ? subscripted_element(function, tokens, i) : std::nullopt;
    if (element) {
      // `blocks[0]` of `blocks = [BasicConv2d, Inception]` holds what that element names
      // (the depth bounds lists whose elements name each other).
      ++depth_;
      const auto held = named_classes(function, *element);
      --depth_;
      named.insert(held.begin(), held.end());
      i += 3;
      continue;
    }
    if (classes_.count(name)) {
      named.insert(name);
    } else if (auto found = held_.find({function, name}); found != held_.end()) {
      named.insert(found->second.begin(), found->second.end());
    }
  }
  return named;
}

// `name[<integer>]` at tokens[at], where every binding of `name` in the function that names a
// class is a list or tuple display long enough: the element every such display has there, if
// it is one node in all of them (a single binding); nullopt otherwise.
std::optional<NodeId> ClassValues::subscripted_element(NodeId function,
                                                       const std::vector<NodeId>& tokens,
                                                       size_t at) const {
  if (at + 3 >= tokens.size() || tree_.kind_name(tokens[at + 1]) != "LSQB" ||
      tree_.kind_name(tokens[at + 2]) != "NUMBER" || tree_.kind_name(tokens[at + 3]) != "RSQB") {
    return std::nullopt;
  }
  const std::string name(tree_.text(tokens[at]));
  const std::string index_text(tree_.text(tokens[at + 2]));
  if (index_text.find_first_not_of("0123456789") != std::string::npos) return std::nullopt;
  const size_t index = std::stoul(index_text);
  std::optional<NodeId> element;
  for (const Binding& binding : bindings_) {
    if (binding.function != function || binding.name != name) continue;
    const std::string_view kind = tree_.kind_name(binding.expression);
    if (kind != "list_display" && kind != "parenthesized") {
      if (rewrite::token_text(tree_, binding.expression) == "None") continue;  // `blocks=None`
      return std::nullopt;
    }
    std::vector<NodeId> elements;
    for (NodeId child : tree_.children(binding.expression)) {
      const std::string_view child_kind = tree_.kind_name(child);
      if (child_kind == "comprehension") return std::nullopt;
      if (child_kind != "COMMA" && child_kind != "LPAR" && child_kind != "RPAR" &&
          child_kind != "LSQB" && child_kind != "RSQB") {
        elements.push_back(child);
      }
    }
    if (index >= elements.size() || element) return std::nullopt;
    element = elements[index];
  }
  if (element) {
    // `blocks = [blocks[0], ...]` would name itself: not followed.
    std::vector<NodeId> inside;
    collect_tokens(tree_, *element, inside);
    for (NodeId token : inside) {
      if (tree_.text(token) == name) return std::nullopt;
    }
  }
  return element;
}

std::set<std::string> ClassValues::held(NodeId node, const std::string& name) const {
  const auto function = bodies_.innermost(node);
  if (!function) return {};
  const auto found = held_.find({functions_[*function].node, name});
  return found == held_.end() ? std::set<std::string>{} : found->second;
}

std::set<std::string> ClassValues::named(NodeId expression) const {
  const auto function = bodies_.innermost(expression);
  return named_classes(function ? functions_[*function].node : python::kNoNode, expression);
}

}  // namespace switcheroo::convert
