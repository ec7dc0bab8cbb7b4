// The host side of the tree service (sdk/include/switcheroo/tree.h): one converted file's
// syntax tree, its pending edits, its call sites and their resolved names, behind the opaque
// sw_tree that hooks receive.
#pragma once

#include "diagnostics.h"

#include "rewrite/names.h"
#include "rewrite/rewriter.h"
#include "rewrite/tree_query.h"

#include <switcheroo/tree.h>

#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace switcheroo {

/// A function or class definition as the tree service shows it.
struct TreeDefinition {
  uint32_t kind = SW_DEFINITION_FUNCTION;
  std::string name;
  std::string qualified;          ///< `Net.forward`
  rewrite::FunctionDef function;  ///< for functions: what the parameter edits need
  python::NodeId node = python::kNoNode;
  python::NodeId statement = python::kNoNode;
  python::NodeId body = python::kNoNode;
  std::vector<std::pair<std::string, python::NodeId>> items;  ///< parameters or bases
  std::vector<python::NodeId> decorators;
};

}  // namespace switcheroo

struct sw_tree {
  std::string file;
  const switcheroo::python::SyntaxTree* tree = nullptr;
  switcheroo::rewrite::Rewriter* rewriter = nullptr;
  std::vector<switcheroo::rewrite::Call> calls;
  std::vector<switcheroo::rewrite::ResolvedCall> resolved;
  std::vector<switcheroo::TreeDefinition> definitions;  ///< in source order
  std::vector<switcheroo::rewrite::ImportBinding> imports;
  /// Where refused edits are reported, located in `file`.
  std::function<void(const switcheroo::Diagnostic&)> report;
  std::string unit;  ///< the hook being applied, for the `[unit]` of its diagnostics
  /// Imports added in this pass: the file's own imports are read from the tree as it was.
  std::set<std::string> added_imports;
};

namespace switcheroo {

/// Builds the sw_tree of a parsed file whose edits go to `rewriter`.
sw_tree make_tree_handle(std::string file, rewrite::Rewriter& rewriter,
                         std::function<void(const Diagnostic&)> report);

/// The service table, version 1.
const sw_tree_service* tree_service();

}  // namespace switcheroo
