#include "field_class_values.h"

#include "self_attributes.h"

#include <string_view>

namespace switcheroo::convert {
namespace {

using python::NodeId;

bool is_dataclass(const python::SyntaxTree& tree, const rewrite::ClassDef& definition) {
  for (NodeId decorator : definition.decorators) {
    if (rewrite::token_text(tree, decorator).find("dataclass") != std::string::npos) return true;
  }
  return false;
}

// `name: annotation` and `name: annotation = default` at the top of a class body, in order.
std::vector<std::string> declared_fields(const python::SyntaxTree& tree, NodeId body) {
  std::vector<std::string> fields;
  for (NodeId statement : inner_nodes(tree, body)) {
    const NodeId expression = lone_expression_statement(tree, statement);
    if (expression == python::kNoNode) continue;
    const auto parts = tree.children(expression);
    if (parts.size() != 2 || tree.kind_name(parts[1]) != "annotation") continue;
    const std::string name = rewrite::token_text(tree, parts[0]);  // an `atom` of one NAME
    if (name.find_first_of(".[( ") == std::string::npos) fields.push_back(name);
  }
  return fields;
}

}  // namespace

FieldClassValues::FieldClassValues(const python::SyntaxTree& tree,
                                   const std::vector<rewrite::Call>& calls,
                                   const ClassValues& values)
    : tree_(tree), classes_(rewrite::find_classes(tree)) {
  for (const auto& definition : classes_) {
    if (is_dataclass(tree_, definition)) fields_[definition.name] = declared_fields(tree_, definition.body);
  }
  collect_self_assignments(values);
  if (!fields_.empty()) collect_field_arguments(calls, values);
}

void FieldClassValues::collect_self_assignments(const ClassValues& values) {
  for (NodeId id = 0; id < tree_.size(); ++id) {
    if (tree_.kind_name(id) != "expression_stmt") continue;
    const auto parts = tree_.children(id);
    if (parts.size() != 3 || tree_.kind_name(parts[1]) != "EQUAL") continue;
    const std::string target = rewrite::token_text(tree_, parts[0]);
    if (target.rfind("self.", 0) != 0 || target.find('.', 5) != std::string::npos) continue;
    hold(on_self_, target.substr(5), values.named(parts[2]));
  }
}

const std::vector<std::string>* FieldClassValues::fields_given(const rewrite::Call& call) const {
  const std::string_view callee = std::string_view(tree_.source().bytes())
                                      .substr(call.callee_begin, call.callee_end - call.callee_begin);
  if (callee.rfind("super(", 0) != 0 || !callee.ends_with(").__init__")) {
    const auto found = fields_.find(call.dotted_callee);
    return found == fields_.end() ? nullptr : &found->second;
  }
  // super().__init__(...) in the innermost class around it: its dataclass base's fields.
  const rewrite::ClassDef* owner = nullptr;
  for (const auto& definition : classes_) {
    if (rewrite::is_within(tree_, call.primary, definition.body)) owner = &definition;
  }
  if (owner == nullptr) return nullptr;
  for (const auto& base : owner->bases.items) {
    const auto found = fields_.find(rewrite::token_text(tree_, base.value));
    if (found != fields_.end()) return &found->second;
  }
  return nullptr;
}

void FieldClassValues::collect_field_arguments(const std::vector<rewrite::Call>& calls,
                                               const ClassValues& values) {
  for (const auto& call : calls) {
    const auto* fields = fields_given(call);
    if (fields == nullptr) continue;
    size_t position = 0;
    for (const auto& argument : call.arguments.items) {
      std::string field;
      if (argument.kind == rewrite::Argument::Kind::keyword) {
        field = argument.keyword;
      } else if (argument.kind != rewrite::Argument::Kind::positional) {
        break;  // `*values`: the later positions are not known
      } else if (position < fields->size()) {
        field = (*fields)[position++];
      }
      if (field.empty()) continue;
      hold(fields_held_, field, values.named(argument.value));
    }
  }
}

void FieldClassValues::hold(Held& held, const std::string& attribute,
                            const std::set<std::string>& classes) {
  if (classes.empty()) held.mixed.insert(attribute);
  held.classes[attribute].insert(classes.begin(), classes.end());
}

std::set<std::string> FieldClassValues::held(const std::string& attribute, bool on_self) const {
  const Held& held = on_self ? on_self_ : fields_held_;
  const auto found = held.classes.find(attribute);
  if (found == held.classes.end() || held.mixed.count(attribute)) return {};
  return found->second;
}

}  // namespace switcheroo::convert
