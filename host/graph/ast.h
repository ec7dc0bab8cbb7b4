// A small abstract syntax tree over the lossless CST, for the Python the model-graph builder
// interprets: expressions, assignments, `if`/`for`/`while`, `return`, function and class
// definitions. The graph builder evaluates constructors and forward methods statically; it
// needs the shape of the code, not its bytes, so this tree keeps only byte offsets (for
// located diagnostics) and drops trivia. Constructs it does not model (`with`, `try`, `match`,
// lambdas, walrus) become `unsupported` nodes that evaluate to an unknown value.
#pragma once

#include "python/syntax_tree.h"

#include <memory>
#include <string>
#include <vector>

namespace switcheroo::graph {

struct Expr;
using ExprPtr = std::unique_ptr<Expr>;

struct Expr {
  enum class Kind {
    name,         ///< text: the identifier
    number,       ///< text: the literal as written
    string,       ///< text: the value (escapes are not decoded; f-strings are unsupported)
    constant,     ///< text: "True", "False", "None" or "..."
    attribute,    ///< items[0].text
    call,         ///< items[0](items[1..]); keywords[i] names argument i+1
    subscript,    ///< items[0][items[1]]
    slice,        ///< items: start, stop, step (null where absent)
    binary,       ///< items[0] text items[1]: + - * / // % ** @ & | ^ << >>
    unary,        ///< text items[0]: - + ~ not
    compare,      ///< items[0] ops[0] items[1] ops[1] items[2] ...
    boolean,      ///< text: "and" / "or" over items
    conditional,  ///< items[1] if items[0] else items[2]
    tuple,
    list,
    dict,         ///< items: key, value, key, value, ...
    comprehension,  ///< text "list"/"tuple"/"generator": items[0] for items[1] in items[2] if items[3..]
    starred,      ///< *items[0]
    fstring,      ///< items: the literal parts (strings) and the fields; keywords: "" or the field's format spec
    unsupported,  ///< text: what it was
  };
  Kind kind = Kind::unsupported;
  uint32_t offset = 0;  ///< byte offset of the expression's first character
  std::string text;
  std::vector<ExprPtr> items;
  /// Call arguments: "" positional, "*", "**", or the keyword. Compare: the operators.
  std::vector<std::string> keywords;
};

struct Stmt;

/// A parameter of a function definition.
struct Param {
  enum class Kind { normal, star, double_star, keyword_marker, positional_marker };
  Kind kind = Kind::normal;
  std::string name;
  ExprPtr default_value;  ///< null when the parameter has none
  bool keyword_only = false;
};

struct FunctionDef {
  std::string name;
  /// "staticmethod", "classmethod" or "property" when so decorated; other decorators are
  /// not followed.
  std::string method_kind;
  uint32_t offset = 0;
  std::vector<Param> params;
  std::vector<Stmt> body;
};

struct ClassDef {
  std::string name;
  uint32_t offset = 0;
  std::vector<ExprPtr> bases;
  std::vector<Stmt> body;
  /// Decorated with `dataclass`: its `__init__` takes the annotated fields, in order.
  bool dataclass = false;
  std::vector<std::string> fields;  ///< the names annotated in the class body, in order
};

struct Stmt {
  enum class Kind {
    expression,  ///< value
    assign,      ///< targets = value (chained targets all bound)
    aug_assign,  ///< targets[0] text= value
    return_,     ///< value (may be null)
    if_,         ///< if value: body else orelse (elif chains nest in orelse)
    for_,        ///< for targets[0] in value: body else orelse
    while_,      ///< while value: body
    function_def,
    class_def,
    raise,
    break_,
    continue_,
    pass,        ///< also imports, asserts, global/nonlocal, del: nothing to evaluate
    unsupported,  ///< text: what it was
  };
  Kind kind = Kind::pass;
  uint32_t offset = 0;
  std::string text;
  std::vector<ExprPtr> targets;
  ExprPtr value;
  std::vector<Stmt> body;
  std::vector<Stmt> orelse;
  std::shared_ptr<FunctionDef> function;
  std::shared_ptr<ClassDef> class_def;
};

/// The statements of a parsed file.
std::vector<Stmt> build_ast(const python::SyntaxTree& tree);

/// One expression parsed from text on its own (shape rules, `--args` values). Throws
/// SyntaxError on invalid input.
ExprPtr parse_expression(const std::string& text);

}  // namespace switcheroo::graph
