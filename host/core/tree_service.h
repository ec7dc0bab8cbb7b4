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
#include <memory>
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

/// What the tree service shows of one parsed file: its calls with their resolved names, its
/// definitions and its imports. A pure function of the tree, so hooks that run one after
/// another over a tree none of them changed share one.
struct TreeIndex {
  std::vector<rewrite::Call> calls;
  std::vector<rewrite::ResolvedCall> resolved;
  std::vector<TreeDefinition> definitions;  ///< in source order
  std::vector<rewrite::ImportBinding> imports;
};

/// The index of `tree`.
std::shared_ptr<const TreeIndex> index_tree(const python::SyntaxTree& tree);

}  // namespace switcheroo

struct sw_tree {
  std::string file;
  const switcheroo::python::SyntaxTree* tree = nullptr;
  switcheroo::rewrite::Rewriter* rewriter = nullptr;
  std::shared_ptr<const switcheroo::TreeIndex> index;  ///< of `tree`
  /// Where refused edits are reported, located in `file`.
  std::function<void(const switcheroo::Diagnostic&)> report;
  std::string unit;  ///< the hook being applied, for the `[unit]` of its diagnostics
  /// Imports added in this pass: the file's own imports are read from the tree as it was.
  std::set<std::string> added_imports;
};

namespace switcheroo {

/// Builds the sw_tree of a parsed file whose edits go to `rewriter`; `index` is that of
/// rewriter.tree(), made here when not given.
sw_tree make_tree_handle(std::string file, rewrite::Rewriter& rewriter,
                         std::function<void(const Diagnostic&)> report,
                         std::shared_ptr<const TreeIndex> index = nullptr);

/// The service table, version 1.
const sw_tree_service* tree_service();

}  // namespace switcheroo
