// Children registered from templates, the way frameworks whose layers take hyper-parameter
// fields build them (the names come from the adapter's traits, `[module] children`):
//
//   self.create_child('fc', Config(Linear, input_dims=4, output_dims=8))
//        ^ method      ^ name ^ template ^ layer class ^ fields
//
// Read as `self.fc = Linear(input_dims=4, output_dims=8)`.
#pragma once

#include "tree_query.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo::rewrite {

struct ChildTemplate {
  const Call* registration = nullptr;  ///< `self.<method>(<name>, <template>)`
  const Call* template_call = nullptr; ///< `<template>(<layer class>, ...)`
  std::string name;                    ///< the child's attribute name
  NodeId layer_class = python::kNoNode;  ///< the template's first argument
};

/// `self.<method>('<name>', <template call>)` statements among `calls`, where `is_template`
/// says whether a dotted callee is the template factory. Calls of the template elsewhere are
/// not children.
std::vector<ChildTemplate> find_child_templates(
    const SyntaxTree& tree, const std::vector<Call>& calls, const std::string& method,
    const std::function<bool(const std::string&)>& is_template);

/// A named list of children, `self.<method>('<name>', [<template call>, ...])` or a list
/// comprehension of one template call (`[Config(Linear, ...) for _ in range(n)]`).
struct ChildList {
  const Call* registration = nullptr;  ///< `self.<method>(<name>, <list>)`
  std::string name;
  NodeId list = python::kNoNode;       ///< the list display or comprehension
};

/// The elements of a list display (`[a, b]`), or the one of a comprehension (`[a for ...]`).
std::vector<NodeId> list_elements(const SyntaxTree& tree, NodeId list);

/// The `self.<method>('<name>', <list>)` statements among `calls` whose list holds template
/// calls only (`is_template` as above) or is a comprehension of one.
std::vector<ChildList> find_child_lists(
    const SyntaxTree& tree, const std::vector<Call>& calls, const std::string& method,
    const std::function<bool(const std::string&)>& is_template);

/// The template call as a call of its layer class: callee the first argument, arguments the
/// rest (`Config(Linear, input_dims=4)` -> `Linear(input_dims=4)`); nullopt when its first
/// argument is not a dotted name passed positionally.
std::optional<Call> as_layer_call(const SyntaxTree& tree, const Call& template_call);

}  // namespace switcheroo::rewrite
