// The edits conversions are made of, each on top of Rewriter and each keeping the file valid
// Python with its untouched formatting: replace an expression with a parsed fragment, insert or
// remove a call argument or a function parameter, insert or remove a statement or a decorator,
// add or remove an import.
//
// Fragments are parsed before they are used (an expression fragment must parse as one
// expression, a statement fragment as statements) and statements are re-indented to where they
// go; a fragment that does not parse is refused with the syntax error.
#pragma once

#include "rewriter.h"
#include "tree_query.h"

#include <string>
#include <string_view>

namespace switcheroo::rewrite {

/// Replaces an expression node with `fragment`, which must parse as a single expression.
void replace_expression(Rewriter& rewriter, NodeId node, std::string_view fragment);

/// Replaces a whole call `callee(arguments)` with `fragment`, an expression.
void replace_call(Rewriter& rewriter, const Call& call, std::string_view fragment);
/// Replaces only the called expression: `nn.Linear(...)` -> `nnx.Linear(...)`.
void rename_callee(Rewriter& rewriter, const Call& call, std::string_view callee);

/// Inserts `argument` (e.g. `rngs=rngs`, `x`) before position `index` of the call's arguments
/// (index >= size appends).
void insert_argument(Rewriter& rewriter, const Call& call, size_t index, std::string_view argument);
/// Removes argument `index` with its separating comma.
void remove_argument(Rewriter& rewriter, const Call& call, size_t index);

/// Inserts `parameter` (e.g. `rngs: nnx.Rngs`) before position `index` of the parameters.
void insert_parameter(Rewriter& rewriter, const FunctionDef& function, size_t index,
                      std::string_view parameter);
void remove_parameter(Rewriter& rewriter, const FunctionDef& function, size_t index);

/// Inserts statements before or after `statement` (a child of a block or of the file), at its
/// indentation. `fragment` may hold several lines; its own common indentation is removed.
void insert_statement_before(Rewriter& rewriter, NodeId statement, std::string_view fragment);
/// As insert_statement_before, but above the comment lines directly over `statement` (at its
/// indentation): a statement that must come first goes above what annotates the next one.
void insert_statement_above_comments(Rewriter& rewriter, NodeId statement,
                                     std::string_view fragment);
void insert_statement_after(Rewriter& rewriter, NodeId statement, std::string_view fragment);
/// Removes a statement with its line; a block left empty gets `pass` (not when statements were
/// inserted after it first: that is how a statement is replaced).
void remove_statement(Rewriter& rewriter, NodeId statement);

/// Adds `@decorator` (text without the `@`) above a definition, at its indentation.
void add_decorator(Rewriter& rewriter, NodeId definition_statement, std::string_view decorator);
void remove_decorator(Rewriter& rewriter, NodeId decorator);

/// Adds an import statement (`import jax.numpy as jnp`) after the file's last top-level
/// import, or at the top after the docstring and `__future__` imports.
void add_import(Rewriter& rewriter, std::string_view import_statement);
/// Removes one binding; the whole statement when it is the statement's only name.
void remove_import(Rewriter& rewriter, const ImportBinding& binding);

/// The indentation of the line a node starts on.
std::string indentation_of(const SyntaxTree& tree, NodeId node);

}  // namespace switcheroo::rewrite
