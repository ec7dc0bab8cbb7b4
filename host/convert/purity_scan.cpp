#include "purity_scan.h"

#include "rewrite/tree_query.h"

#include <algorithm>
#include <set>

namespace switcheroo::convert {
namespace {

using python::NodeId;

bool is_builtin_effect(const std::string& name) {
  static const std::set<std::string> names = {"print", "input", "open", "breakpoint"};
  return names.count(name) > 0;
}

bool is_effect_module(const std::string& qualified) {
  static const std::set<std::string> modules = {"random", "os", "shutil", "sys",
                                                "logging", "pickle", "time"};
  return modules.count(qualified.substr(0, qualified.find('.'))) > 0;
}

// The names a module binds at its top level by assignment (`CACHE = {}`).
std::set<std::string> module_names(const python::SyntaxTree& tree) {
  std::set<std::string> names;
  for (NodeId statement : tree.children(tree.root())) {
    if (tree.kind_name(statement) != "simple_stmts") continue;
    for (NodeId simple : tree.children(statement)) {
      if (tree.kind_name(simple) != "expression_stmt") continue;
      const auto parts = tree.children(simple);
      if (parts.size() == 3 && tree.kind_name(parts[1]) == "EQUAL") {
        names.insert(rewrite::token_text(tree, parts[0]));
      }
    }
  }
  return names;
}

// The names a function binds: its parameters and the plain names it assigns.
std::set<std::string> local_names(const python::SyntaxTree& tree, NodeId function) {
  std::set<std::string> names;
  for (const auto& definition : rewrite::find_functions(tree)) {
    if (definition.node != function) continue;
    for (const auto& parameter : definition.parameters.items) names.insert(parameter.name);
  }
  for (std::size_t index = 0; index < tree.size(); ++index) {
    const auto node = static_cast<NodeId>(index);
    if (tree.kind_name(node) != "expression_stmt" || !rewrite::is_within(tree, node, function)) {
      continue;
    }
    const auto parts = tree.children(node);
    if (parts.size() >= 3 && tree.kind_name(parts[1]) == "EQUAL") {
      names.insert(rewrite::token_text(tree, parts[0]));
    }
  }
  return names;
}

// `NAME[...] = v`, `NAME.attr = v`, `NAME[...] += v`: the name, else empty.
std::string written_through(const python::SyntaxTree& tree, NodeId statement) {
  const auto parts = tree.children(statement);
  if (parts.size() != 3 ||
      (tree.kind_name(parts[1]) != "EQUAL" && tree.kind_name(parts[1]) != "augassign")) {
    return "";
  }
  const std::string target = rewrite::token_text(tree, parts[0]);
  const std::size_t end = target.find_first_of(".[");
  if (end == std::string::npos || end == 0) return "";
  return target.substr(0, end);
}

}  // namespace

std::vector<SideEffect> find_side_effects(const python::SyntaxTree& tree,
                                          const rewrite::NameResolver& resolver,
                                          NodeId function) {
  std::vector<SideEffect> effects;
  const std::set<std::string> locals = local_names(tree, function);
  for (const auto& call : rewrite::find_calls(tree)) {
    if (!rewrite::is_within(tree, call.primary, function) || call.dotted_callee.empty()) continue;
    const auto qualified = resolver.qualify(call.dotted_callee);
    if ((!qualified && is_builtin_effect(call.dotted_callee) &&
         !locals.count(call.dotted_callee)) ||
        (qualified && is_effect_module(*qualified))) {
      effects.push_back({call.callee_begin, "'" + qualified.value_or(call.dotted_callee) + "'"});
    }
  }
  const std::set<std::string> globals = module_names(tree);
  for (std::size_t index = 0; index < tree.size(); ++index) {
    const auto node = static_cast<NodeId>(index);
    if (!rewrite::is_within(tree, node, function)) continue;
    const std::string_view kind = tree.kind_name(node);
    if (kind == "global_stmt") {
      for (NodeId child : tree.children(node)) {
        if (tree.kind_name(child) != "NAME") continue;
        effects.push_back({tree.node(child).begin,
                           "writing the global '" + std::string(tree.text(child)) + "'"});
      }
    } else if (kind == "expression_stmt") {
      const std::string name = written_through(tree, node);
      if (!name.empty() && globals.count(name) && !locals.count(name)) {
        effects.push_back({tree.node(node).begin, "writing the global '" + name + "'"});
      }
    }
  }
  std::stable_sort(effects.begin(), effects.end(),
                   [](const SideEffect& a, const SideEffect& b) { return a.offset < b.offset; });
  return effects;
}

}  // namespace switcheroo::convert
