// Reading common shapes out of the syntax tree: calls with their callee and arguments,
// function and class definitions with their parameters and decorators, import statements with
// the names they bind. Everything points back at tree nodes, so a rewrite can edit exactly the
// bytes it means to.
#pragma once

#include "python/syntax_tree.h"

#include <string>
#include <vector>

namespace switcheroo::rewrite {

using python::NodeId;
using python::SyntaxTree;

/// One argument of a call, or one base or keyword of a class definition.
struct Argument {
  enum class Kind { positional, keyword, star, double_star };
  Kind kind = Kind::positional;
  NodeId node = python::kNoNode;   ///< the whole argument (`bias=False`, `*xs`, `x + 1`)
  NodeId value = python::kNoNode;  ///< the expression (after `=`, `*` or `**`)
  std::string keyword;             ///< the name before `=`, for keyword arguments
};

/// A parameter of a function definition.
struct Parameter {
  NodeId node = python::kNoNode;
  std::string name;  ///< empty for the bare `*` and `/` markers
  std::string text;  ///< the parameter as written, without leading trivia
};

/// An argument or parameter list between parentheses.
template <class Item>
struct ItemList {
  NodeId open = python::kNoNode;   ///< the LPAR token
  NodeId close = python::kNoNode;  ///< the RPAR token
  std::vector<Item> items;
  bool trailing_comma = false;
};

/// A call `callee(arguments)`: the `( ... )` trailer of a `primary` node.
struct Call {
  NodeId primary = python::kNoNode;  ///< the primary node the call belongs to
  NodeId trailer = python::kNoNode;  ///< the `( ... )` trailer
  uint32_t callee_begin = 0;         ///< byte range of the called expression
  uint32_t callee_end = 0;
  /// The callee when it is a dotted name (`nn.Linear`, `self.fc`, `x.view`), else empty.
  std::string dotted_callee;
  /// For `<expression>.name(...)`: `name`, and where the receiver expression ends.
  std::string method;
  uint32_t receiver_end = 0;
  ItemList<Argument> arguments;
};

struct FunctionDef {
  NodeId node = python::kNoNode;       ///< the function_def node
  NodeId statement = python::kNoNode;  ///< the `decorated` node when there are decorators
  std::string name;
  ItemList<Parameter> parameters;
  std::vector<NodeId> decorators;
  NodeId body = python::kNoNode;  ///< the block
};

struct ClassDef {
  NodeId node = python::kNoNode;
  NodeId statement = python::kNoNode;
  std::string name;
  ItemList<Argument> bases;  ///< open/close are kNoNode when there are no parentheses
  std::vector<NodeId> decorators;
  NodeId body = python::kNoNode;
};

/// One name bound by an import statement.
struct ImportBinding {
  std::string local;                   ///< the name the file uses: `nn` in `import torch.nn as nn`
  std::string target;                  ///< what it stands for: `torch.nn`
  NodeId statement = python::kNoNode;  ///< the import_name / import_from node
  NodeId item = python::kNoNode;       ///< the `torch.nn as nn` / `Linear as L` part
  bool from_import = false;
};

std::vector<Call> find_calls(const SyntaxTree& tree);
std::vector<FunctionDef> find_functions(const SyntaxTree& tree);
std::vector<ClassDef> find_classes(const SyntaxTree& tree);
std::vector<ImportBinding> find_imports(const SyntaxTree& tree);

/// The node's tokens concatenated without any trivia (`torch . nn` reads `torch.nn`).
std::string token_text(const SyntaxTree& tree, NodeId node);
/// Is `node` inside (or equal to) `ancestor`?
bool is_within(const SyntaxTree& tree, NodeId node, NodeId ancestor);
/// The statement (a child of a block or of the file) that contains `node`.
NodeId enclosing_statement(const SyntaxTree& tree, NodeId node);
/// Can an expression of any precedence (a lambda, `a if c else b`) be written over `call`
/// without parentheses? Only where the call is a whole value: an argument, a list item, the
/// value assigned or returned, a lambda's body; not where it is called, indexed or an operand.
bool call_stands_alone(const SyntaxTree& tree, const Call& call);

}  // namespace switcheroo::rewrite
