#include "ast.h"

#include "python/parse.h"

#include <string_view>

namespace switcheroo::graph {
namespace {

using python::NodeId;
using python::SyntaxTree;

class Builder {
 public:
  explicit Builder(const SyntaxTree& tree) : tree_(tree) {}

  std::vector<Stmt> file() {
    std::vector<Stmt> statements;
    for (NodeId child : tree_.children(tree_.root())) add_statement(child, statements);
    return statements;
  }

  ExprPtr expression(NodeId node);

 private:
  std::string_view kind(NodeId node) const { return tree_.kind_name(node); }
  std::string text(NodeId node) const { return std::string(tree_.text(node)); }

  ExprPtr make(Expr::Kind kind, NodeId node, std::string text = {}) const {
    auto expr = std::make_unique<Expr>();
    expr->kind = kind;
    expr->offset = tree_.node(node).begin;
    expr->text = std::move(text);
    return expr;
  }

  // A comma-separated list of expressions between optional brackets: a tuple when there is a
  // comma (or when `always_sequence`), else the single expression.
  ExprPtr sequence(NodeId node, Expr::Kind kind, bool always_sequence);
  ExprPtr display(NodeId node, Expr::Kind kind);
  ExprPtr operator_chain(NodeId node);
  ExprPtr comparison(NodeId node);
  ExprPtr primary(NodeId node);
  ExprPtr fstring(NodeId node);
  ExprPtr atom(NodeId node);
  ExprPtr subscript_of(NodeId slices);
  ExprPtr slice(NodeId node);
  ExprPtr comprehension(NodeId element, NodeId clause_list, NodeId node, std::string flavour);
  void call_arguments(NodeId arguments, Expr& call);

  void add_statement(NodeId node, std::vector<Stmt>& out);
  void add_simple(NodeId node, std::vector<Stmt>& out);
  std::vector<Stmt> block(NodeId node) {
    std::vector<Stmt> statements;
    if (kind(node) != "block") {
      add_statement(node, statements);
      return statements;
    }
    for (NodeId child : tree_.children(node)) add_statement(child, statements);
    return statements;
  }
  Stmt if_statement(NodeId node, size_t first_clause);
  Stmt function(NodeId node);
  Stmt class_statement(NodeId node);
  Stmt simple(Stmt::Kind kind, NodeId node) const {
    Stmt statement;
    statement.kind = kind;
    statement.offset = tree_.node(node).begin;
    statement.text = std::string(tree_.kind_name(node));
    return statement;
  }

  const SyntaxTree& tree_;
};

bool is_binary_rule(std::string_view kind) {
  return kind == "sum" || kind == "term" || kind == "bitwise_or" || kind == "bitwise_xor" ||
         kind == "bitwise_and" || kind == "shift_expr";
}

ExprPtr Builder::expression(NodeId node) {
  const std::string_view k = kind(node);
  const auto children = tree_.children(node);
  if (k == "fstring") return fstring(node);
  if (k == "atom" || k == "parenthesized" || k == "list_display" ||
      k == "dict_or_set_display" || k == "strings") {
    return atom(node);
  }
  if (k == "primary") return primary(node);
  if (is_binary_rule(k)) return operator_chain(node);
  if (k == "power") {
    auto expr = make(Expr::Kind::binary, node, "**");
    expr->items.push_back(expression(children[0]));
    expr->items.push_back(expression(children[2]));
    return expr;
  }
  if (k == "factor" || k == "inversion") {
    auto expr = make(Expr::Kind::unary, node, text(children[0]));
    expr->items.push_back(expression(children[1]));
    return expr;
  }
  if (k == "await_primary") return expression(children.back());
  if (k == "comparison") return comparison(node);
  if (k == "disjunction" || k == "conjunction") {
    auto expr = make(Expr::Kind::boolean, node, k == "disjunction" ? "or" : "and");
    for (NodeId child : children) {
      if (!tree_.is_token(child)) expr->items.push_back(expression(child));
    }
    return expr;
  }
  if (k == "expression" && children.size() == 5) {
    auto expr = make(Expr::Kind::conditional, node);
    expr->items.push_back(expression(children[2]));
    expr->items.push_back(expression(children[0]));
    expr->items.push_back(expression(children[4]));
    return expr;
  }
  if (k == "star_expressions" || k == "star_targets") return sequence(node, Expr::Kind::tuple, false);
  if (k == "star_expression" || k == "star_named_expression" || k == "star_target") {
    if (kind(children[0]) == "STAR") {
      auto expr = make(Expr::Kind::starred, node);
      expr->items.push_back(expression(children[1]));
      return expr;
    }
    return expression(children.back());
  }
  return make(Expr::Kind::unsupported, node, std::string(k));
}

ExprPtr Builder::sequence(NodeId node, Expr::Kind kind_of, bool always_sequence) {
  auto expr = make(kind_of, node);
  bool comma = false;
  for (NodeId child : tree_.children(node)) {
    const std::string_view k = kind(child);
    if (k == "COMMA") {
      comma = true;
    } else if (k != "LPAR" && k != "RPAR" && k != "LSQB" && k != "RSQB") {
      expr->items.push_back(expression(child));
    }
  }
  if (!comma && !always_sequence && expr->items.size() == 1) return std::move(expr->items[0]);
  return expr;
}

ExprPtr Builder::display(NodeId node, Expr::Kind kind_of) {
  const auto children = tree_.children(node);
  for (size_t i = 0; i < children.size(); ++i) {
    if (kind(children[i]) == "comprehension" || kind(children[i]) == "for_if_clause") {
      return comprehension(children[i - 1], children[i], node,
                           kind_of == Expr::Kind::list ? "list" : "generator");
    }
  }
  return sequence(node, kind_of, kind_of == Expr::Kind::list);
}

ExprPtr Builder::comprehension(NodeId element, NodeId clause_list, NodeId node,
                               std::string flavour) {
  // One clause collapses into the comprehension node's place.
  const auto clauses = kind(clause_list) == "for_if_clause" ? std::vector<NodeId>{clause_list}
                                                             : tree_.children(clause_list);
  if (clauses.size() != 1) return make(Expr::Kind::unsupported, node, "nested comprehension");
  auto expr = make(Expr::Kind::comprehension, node, std::move(flavour));
  expr->items.push_back(expression(element));
  const auto parts = tree_.children(clauses[0]);
  size_t i = kind(parts[0]) == "ASYNC" ? 2 : 1;
  expr->items.push_back(expression(parts[i]));       // target
  expr->items.push_back(expression(parts[i + 2]));   // iterable
  for (i += 3; i + 1 < parts.size(); i += 2) expr->items.push_back(expression(parts[i + 1]));
  return expr;
}

ExprPtr Builder::operator_chain(NodeId node) {
  const auto children = tree_.children(node);
  ExprPtr left = expression(children[0]);
  for (size_t i = 1; i + 1 < children.size(); i += 2) {
    auto expr = make(Expr::Kind::binary, node, text(children[i]));
    expr->items.push_back(std::move(left));
    expr->items.push_back(expression(children[i + 1]));
    left = std::move(expr);
  }
  return left;
}

ExprPtr Builder::comparison(NodeId node) {
  auto expr = make(Expr::Kind::compare, node);
  for (NodeId child : tree_.children(node)) {
    if (kind(child) == "comparison_operator") {
      std::string op;
      for (NodeId token : tree_.children(child)) op += (op.empty() ? "" : " ") + text(token);
      expr->keywords.push_back(op);
    } else {
      expr->items.push_back(expression(child));
    }
  }
  return expr;
}

ExprPtr Builder::atom(NodeId node) {
  // An atom with one rule child is that child in the tree (a parenthesized node, a list).
  const NodeId first = kind(node) == "atom" ? tree_.children(node)[0] : node;
  const std::string_view k = kind(first);
  if (k == "NAME") return make(Expr::Kind::name, node, text(first));
  if (k == "NUMBER") return make(Expr::Kind::number, node, text(first));
  if (k == "TRUE" || k == "FALSE" || k == "NONE" || k == "ELLIPSIS") {
    return make(Expr::Kind::constant, node, text(first));
  }
  if (k == "strings") {
    std::string value;
    for (NodeId part : tree_.children(first)) {
      if (kind(part) == "fstring") {
        if (tree_.children(first).size() != 1) return make(Expr::Kind::unsupported, node, "f-string concatenation");
        return fstring(part);
      }
      std::string literal = text(part);
      size_t prefix = literal.find_first_of("'\"");
      const size_t quote = literal.size() - prefix >= 6 &&
                                   literal.compare(prefix, 3, std::string(3, literal[prefix])) == 0
                               ? 3
                               : 1;
      value += literal.substr(prefix + quote, literal.size() - prefix - 2 * quote);
    }
    return make(Expr::Kind::string, node, value);
  }
  if (k == "parenthesized") {
    const auto inside = tree_.children(first);
    if (inside.size() == 2) return make(Expr::Kind::tuple, node);
    if (kind(inside[1]) == "yield_expr") return make(Expr::Kind::unsupported, node, "yield");
    return display(first, Expr::Kind::tuple);
  }
  if (k == "list_display") return display(first, Expr::Kind::list);
  if (k == "dict_or_set_display") {
    auto expr = make(Expr::Kind::dict, node);
    for (NodeId item : tree_.children(first)) {
      const std::string_view item_kind = kind(item);
      if (item_kind == "LBRACE" || item_kind == "RBRACE" || item_kind == "COMMA") continue;
      const auto parts = tree_.children(item);
      if (item_kind != "display_item" || parts.size() != 3) {
        return make(Expr::Kind::unsupported, node, "set or dict display");
      }
      expr->items.push_back(expression(parts[0]));
      expr->items.push_back(expression(parts[2]));
    }
    return expr;
  }
  return make(Expr::Kind::unsupported, node, std::string(k));
}

ExprPtr Builder::fstring(NodeId node) {
  auto expr = make(Expr::Kind::fstring, node);
  for (NodeId part : tree_.children(node)) {
    const std::string_view k = kind(part);
    NodeId piece = k == "fstring_part" ? tree_.children(part)[0] : part;
    const std::string_view piece_kind = kind(piece);
    if (piece_kind == "FSTRING_MIDDLE") {
      expr->items.push_back(make(Expr::Kind::string, piece, text(piece)));
      expr->keywords.emplace_back();
    } else if (piece_kind == "fstring_field") {
      const auto inside = tree_.children(piece);
      std::string spec;
      bool after_colon = false;
      for (size_t i = 2; i + 1 < inside.size(); ++i) {
        if (kind(inside[i]) == "COLON") after_colon = true;
        else if (after_colon) spec += text(inside[i]);
        else return make(Expr::Kind::unsupported, node, "f-string conversion");
      }
      expr->items.push_back(expression(inside[1]));
      expr->keywords.push_back(after_colon ? ":" + spec : "");
    }
  }
  return expr;
}

ExprPtr Builder::primary(NodeId node) {
  const auto children = tree_.children(node);
  ExprPtr current = expression(children[0]);
  for (size_t i = 1; i < children.size(); ++i) {
    const auto parts = tree_.children(children[i]);
    const std::string_view opener = kind(parts[0]);
    ExprPtr next;
    if (opener == "DOT") {
      next = make(Expr::Kind::attribute, children[i], text(parts[1]));
      next->items.push_back(std::move(current));
    } else if (opener == "LPAR") {
      next = make(Expr::Kind::call, children[i]);
      next->items.push_back(std::move(current));
      if (parts.size() == 3) call_arguments(parts[1], *next);
    } else {
      next = make(Expr::Kind::subscript, children[i]);
      next->items.push_back(std::move(current));
      next->items.push_back(subscript_of(parts[1]));
    }
    next->offset = tree_.node(node).begin;
    current = std::move(next);
  }
  return current;
}

void Builder::call_arguments(NodeId arguments, Expr& call) {
  std::vector<NodeId> items;
  if (kind(arguments) == "arguments") {
    for (NodeId child : tree_.children(arguments)) {
      if (kind(child) != "COMMA") items.push_back(child);
    }
  } else {
    items.push_back(arguments);
  }
  for (NodeId item : items) {
    const auto parts = tree_.children(item);
    if (kind(item) != "argument") {
      call.items.push_back(expression(item));
      call.keywords.emplace_back();
    } else if (kind(parts[0]) == "STAR" || kind(parts[0]) == "DOUBLESTAR") {
      call.items.push_back(expression(parts[1]));
      call.keywords.push_back(kind(parts[0]) == "STAR" ? "*" : "**");
    } else if (parts.size() == 3 && kind(parts[1]) == "EQUAL") {
      call.items.push_back(expression(parts[2]));
      call.keywords.push_back(text(parts[0]));
    } else {  // a generator expression as the only argument
      call.items.push_back(comprehension(parts[0], parts[1], item, "generator"));
      call.keywords.emplace_back();
    }
  }
}

ExprPtr Builder::subscript_of(NodeId slices) {
  if (kind(slices) != "slices") return slice(slices);
  auto expr = make(Expr::Kind::tuple, slices);
  for (NodeId child : tree_.children(slices)) {
    if (kind(child) != "COMMA") expr->items.push_back(slice(child));
  }
  return expr;
}

ExprPtr Builder::slice(NodeId node) {
  if (kind(node) != "slice" && kind(node) != "COLON") return expression(node);
  auto expr = make(Expr::Kind::slice, node);
  expr->items.resize(3);
  size_t part = 0;
  const auto children = kind(node) == "COLON" ? std::vector<NodeId>{node} : tree_.children(node);
  for (NodeId child : children) {
    if (kind(child) == "COLON") {
      ++part;
    } else if (part < 3) {
      expr->items[part] = expression(child);
    }
  }
  return expr;
}

void Builder::add_statement(NodeId node, std::vector<Stmt>& out) {
  const std::string_view k = kind(node);
  if (k == "simple_stmts") {
    for (NodeId child : tree_.children(node)) {
      if (kind(child) != "SEMI" && kind(child) != "NEWLINE") add_simple(child, out);
    }
    return;
  }
  if (tree_.is_token(node)) return;  // NEWLINE, INDENT, DEDENT, EOF
  if (k == "if_stmt") {
    out.push_back(if_statement(node, 0));
  } else if (k == "for_stmt" || k == "while_stmt") {
    const auto children = tree_.children(node);
    const bool is_for = k == "for_stmt";
    Stmt statement = simple(is_for ? Stmt::Kind::for_ : Stmt::Kind::while_, node);
    size_t i = kind(children[0]) == "ASYNC" ? 1 : 0;
    if (is_for) {
      statement.targets.push_back(expression(children[i + 1]));
      statement.value = expression(children[i + 3]);
      statement.body = block(children[i + 5]);
    } else {
      statement.value = expression(children[1]);
      statement.body = block(children[3]);
    }
    if (kind(children.back()) == "else_block") {
      statement.orelse = block(tree_.children(children.back()).back());
    }
    out.push_back(std::move(statement));
  } else if (k == "function_def") {
    out.push_back(function(node));
  } else if (k == "class_def") {
    out.push_back(class_statement(node));
  } else if (k == "decorated") {
    add_statement(tree_.children(node).back(), out);
    for (NodeId child : tree_.children(node)) {
      if (kind(child) != "decorator") continue;
      const std::string name = text(tree_.children(child)[1]);
      if (out.back().kind == Stmt::Kind::class_def) {
        out.back().class_def->dataclass = name == "dataclass" || name == "dataclasses.dataclass";
      }
      if (out.back().kind != Stmt::Kind::function_def) continue;
      if (name == "staticmethod" || name == "classmethod" || name == "property") {
        out.back().function->method_kind = name;
      }
    }
  } else {
    out.push_back(simple(Stmt::Kind::unsupported, node));
  }
}

void Builder::add_simple(NodeId node, std::vector<Stmt>& out) {
  const std::string_view k = kind(node);
  const auto children = tree_.children(node);
  if (k == "return_stmt") {
    Stmt statement = simple(Stmt::Kind::return_, node);
    if (children.size() == 2) statement.value = expression(children[1]);
    out.push_back(std::move(statement));
  } else if (k == "raise_stmt") {
    out.push_back(simple(Stmt::Kind::raise, node));
  } else if (k == "break_stmt" || k == "continue_stmt") {
    out.push_back(simple(k == "break_stmt" ? Stmt::Kind::break_ : Stmt::Kind::continue_, node));
  } else if (k == "expression_stmt") {
    Stmt statement = simple(Stmt::Kind::expression, node);
    if (children.size() >= 2 && kind(children[1]) == "augassign") {
      statement.kind = Stmt::Kind::aug_assign;
      statement.text = text(children[1]);
      statement.text.pop_back();  // `+=` -> `+`
      statement.targets.push_back(expression(children[0]));
      statement.value = expression(children[2]);
    } else if (children.size() >= 2 && kind(children[1]) == "annotation") {
      const auto annotation = tree_.children(children[1]);
      if (annotation.size() < 4) {
        // `name: type` declares without binding; kept as the target of a pass (a dataclass field).
        Stmt declaration = simple(Stmt::Kind::pass, node);
        declaration.targets.push_back(expression(children[0]));
        declaration.text = "annotated";
        out.push_back(std::move(declaration));
        return;
      }
      statement.kind = Stmt::Kind::assign;
      statement.text = "annotated";
      statement.targets.push_back(expression(children[0]));
      statement.value = expression(annotation[3]);
    } else if (children.size() >= 3 && kind(children[1]) == "EQUAL") {
      statement.kind = Stmt::Kind::assign;
      for (size_t i = 0; i + 1 < children.size(); i += 2) {
        statement.targets.push_back(expression(children[i]));
      }
      statement.value = expression(children.back());
    } else {
      statement.value = expression(node);
    }
    out.push_back(std::move(statement));
  } else if (k == "pass_stmt" || k == "import_name" || k == "import_from" || k == "assert_stmt" ||
             k == "global_stmt" || k == "nonlocal_stmt" || k == "del_stmt") {
    out.push_back(simple(Stmt::Kind::pass, node));
  } else {
    // A bare expression statement whose only child collapsed into it (a call, a docstring).
    Stmt statement = simple(Stmt::Kind::expression, node);
    statement.value = expression(node);
    out.push_back(std::move(statement));
  }
}

Stmt Builder::if_statement(NodeId node, size_t first_clause) {
  // if_stmt: IF test COLON block elif_clause* else_block?; an elif chain nests in `orelse`.
  const auto children = tree_.children(node);
  Stmt statement = simple(Stmt::Kind::if_, node);
  std::vector<NodeId> clauses;  // the test and block of every if/elif, in order
  NodeId else_block = python::kNoNode;
  clauses.push_back(node);
  for (NodeId child : children) {
    if (kind(child) == "elif_clause") clauses.push_back(child);
    if (kind(child) == "else_block") else_block = child;
  }
  Stmt* current = &statement;
  for (size_t i = first_clause; i < clauses.size(); ++i) {
    const auto parts = tree_.children(clauses[i]);
    if (i > first_clause) {
      current->orelse.push_back(simple(Stmt::Kind::if_, clauses[i]));
      current = &current->orelse.back();
    }
    current->value = expression(parts[1]);
    current->body = block(parts[3]);
  }
  if (else_block != python::kNoNode) current->orelse = block(tree_.children(else_block).back());
  return statement;
}

Stmt Builder::function(NodeId node) {
  Stmt statement = simple(Stmt::Kind::function_def, node);
  auto function = std::make_shared<FunctionDef>();
  function->offset = tree_.node(node).begin;
  bool keyword_only = false;
  for (NodeId child : tree_.children(node)) {
    const std::string_view k = kind(child);
    if (k == "NAME" && function->name.empty()) function->name = text(child);
    if (k == "block") function->body = block(child);
    if (k != "parameters" && k != "parameter") continue;
    std::vector<NodeId> parameters;
    if (k == "parameter") parameters.push_back(child);
    for (NodeId item : k == "parameters" ? tree_.children(child) : std::vector<NodeId>{}) {
      if (kind(item) == "parameter") parameters.push_back(item);
    }
    for (NodeId item : parameters) {
      const auto parts = tree_.children(item);
      Param param;
      const std::string_view first = kind(parts[0]);
      if (first == "SLASH") {
        param.kind = Param::Kind::positional_marker;
      } else if (first == "STAR") {
        param.kind = parts.size() == 1 ? Param::Kind::keyword_marker : Param::Kind::star;
        if (parts.size() > 1) param.name = text(parts[1]);
        keyword_only = true;
      } else if (first == "DOUBLESTAR") {
        param.kind = Param::Kind::double_star;
        param.name = text(parts[1]);
      } else {
        param.name = text(parts[0]);
        param.keyword_only = keyword_only;
        for (size_t i = 1; i + 1 < parts.size(); ++i) {
          if (kind(parts[i]) == "EQUAL") param.default_value = expression(parts[i + 1]);
        }
      }
      function->params.push_back(std::move(param));
    }
  }
  statement.function = std::move(function);
  return statement;
}

Stmt Builder::class_statement(NodeId node) {
  Stmt statement = simple(Stmt::Kind::class_def, node);
  auto class_def = std::make_shared<ClassDef>();
  class_def->offset = tree_.node(node).begin;
  for (NodeId child : tree_.children(node)) {
    const std::string_view k = kind(child);
    if (k == "NAME" && class_def->name.empty()) class_def->name = text(child);
    if (k == "block") class_def->body = block(child);
    if (k == "block") {
      for (const Stmt& field : class_def->body) {
        if (field.text == "annotated" && field.targets.size() == 1 &&
            field.targets[0]->kind == Expr::Kind::name) {
          class_def->fields.push_back(field.targets[0]->text);
        }
      }
    }
    if (k == "arguments" || (!tree_.is_token(child) && k != "block" && k != "type_params")) {
      Expr holder;
      call_arguments(child, holder);
      for (size_t i = 0; i < holder.items.size(); ++i) {
        if (holder.keywords[i].empty()) class_def->bases.push_back(std::move(holder.items[i]));
      }
    }
  }
  statement.class_def = std::move(class_def);
  return statement;
}

}  // namespace

std::vector<Stmt> build_ast(const python::SyntaxTree& tree) {
  return Builder(tree).file();
}

ExprPtr parse_expression(const std::string& text) {
  const SyntaxTree tree = python::parse(text, python::ParseGoal::expression);
  Builder builder(tree);
  for (NodeId child : tree.children(tree.root())) {
    if (!tree.is_token(child)) return builder.expression(child);
  }
  auto empty = std::make_unique<Expr>();
  empty->text = "empty expression";
  return empty;
}

}  // namespace switcheroo::graph
