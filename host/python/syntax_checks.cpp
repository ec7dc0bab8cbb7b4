#include "syntax_checks.h"

#include "PythonParser.h"
#include "syntax_error.h"

namespace switcheroo::python {
namespace {

using P = generated::PythonParser;

enum class Target { assign, augmented, annotated, del, loop };

class Checker {
 public:
  explicit Checker(const SyntaxTree& tree) : tree_(tree), base_(SyntaxTree::token_kind_base()) {}

  void run() {
    for (NodeId id = 0; id < tree_.size(); ++id) check_node(id);
  }

 private:
  // All helpers accept kNoNode, so that optional children can be tested without guards.
  bool is_rule(NodeId id, std::size_t rule) const {
    return id != kNoNode && tree_.node(id).kind == static_cast<uint16_t>(rule);
  }
  bool is_token(NodeId id, std::size_t type) const {
    return id != kNoNode && tree_.node(id).kind == static_cast<uint16_t>(base_ + type);
  }
  NodeId first(NodeId id) const { return id == kNoNode ? kNoNode : tree_.node(id).first_child; }
  NodeId next(NodeId id) const { return id == kNoNode ? kNoNode : tree_.node(id).next_sibling; }
  NodeId last(NodeId id) const {
    NodeId result = first(id);
    for (NodeId child = result; child != kNoNode; child = next(child)) result = child;
    return result;
  }

  [[noreturn]] void fail(NodeId at, const std::string& message) const {
    SyntaxError error(message, 0);
    error.locate_byte(tree_.source(), tree_.node(at).begin);
    throw error;
  }

  void check_node(NodeId id) {
    const std::size_t kind = tree_.node(id).kind;
    switch (kind) {
      case P::RuleExpression_stmt: return check_expression_statement(id);
      case P::RuleFor_stmt:
      case P::RuleFor_if_clause:
        for (NodeId child = first(id); child != kNoNode; child = next(child)) {
          if (is_token(child, P::FOR)) return check_target(next(child), Target::loop, false);
        }
        return;
      case P::RuleWith_item:
        if (NodeId as = next(first(id)); as != kNoNode) check_target(next(as), Target::assign, false);
        return;
      case P::RuleDel_stmt:
        for (NodeId child = next(first(id)); child != kNoNode; child = next(child)) {
          if (!is_token(child, P::COMMA)) check_target(child, Target::del, false);
        }
        return;
      case P::RuleStrings: return check_strings(id);
      case P::RuleClass_def:
        // A generator expression is no base class list.
        for (NodeId child = first(id); child != kNoNode; child = next(child)) {
          if (is_token(child, P::LPAR) && is_rule(next(child), P::RuleArgument) &&
              (is_rule(last(next(child)), P::RuleComprehension) ||
               is_rule(last(next(child)), P::RuleFor_if_clause))) {
            fail(next(child), "invalid syntax");
          }
        }
        return;
      case P::RuleArguments: return check_arguments(id);
      case P::RuleParameters:
      case P::RuleLambda_parameters: return check_parameters(id);
      case P::RuleDict_or_set_display: return check_display(id);
      case P::RuleParameter:
      case P::RuleLambda_parameter: {
        // A lone bare '*' (with two or more parameters, check_parameters sees it).
        const NodeId parent = tree_.node(id).parent;
        if (is_token(first(id), P::STAR) && next(first(id)) == kNoNode &&
            !is_rule(parent, P::RuleParameters) && !is_rule(parent, P::RuleLambda_parameters)) {
          fail(id, "named arguments must follow bare *");
        }
        return;
      }
      default: return;
    }
  }

  void check_expression_statement(NodeId id) {
    NodeId operation = next(first(id));
    if (operation == kNoNode) return;
    if (is_rule(operation, P::RuleAugassign)) return check_target(first(id), Target::augmented, false);
    if (is_rule(operation, P::RuleAnnotation)) return check_target(first(id), Target::annotated, false);
    for (NodeId value = first(id); value != kNoNode && next(value) != kNoNode;
         value = next(next(value))) {
      check_target(value, Target::assign, false);
    }
  }

  // `in_sequence`: the target is an element of a tuple or list, where '*x' is allowed.
  void check_target(NodeId id, Target context, bool in_sequence) {
    const std::size_t kind = tree_.node(id).kind;
    switch (kind) {
      case P::RuleAtom: {
        NodeId token = first(id);
        if (is_token(token, P::NAME)) return;
        if (is_token(token, P::TRUE)) fail(id, "cannot assign to True");
        if (is_token(token, P::FALSE)) fail(id, "cannot assign to False");
        if (is_token(token, P::NONE)) fail(id, "cannot assign to None");
        if (is_token(token, P::ELLIPSIS)) fail(id, assign_message(id, "ellipsis", context));
        fail(id, assign_message(id, "literal", context));
      }
      case P::RuleStrings:
      case P::RuleFstring:
        fail(id, assign_message(id, "literal", context));
      case P::RulePrimary: {
        NodeId trailer = last(id);
        if (is_token(first(trailer), P::LPAR)) fail(id, assign_message(id, "function call", context));
        return;
      }
      case P::RuleParenthesized: {
        // '(x)' is x itself; '()' and '(x,)' are tuples.
        const NodeId inner = next(first(id));
        if (!is_token(inner, P::RPAR) && is_token(next(inner), P::RPAR)) {
          if (is_rule(inner, P::RuleYield_expr)) fail(id, assign_message(id, "yield expression", context));
          return check_target(inner, context, in_sequence);
        }
        return check_sequence_target(id, context);
      }
      case P::RuleList_display:
      case P::RuleStar_expressions:
      case P::RuleStar_targets:
        return check_sequence_target(id, context);
      case P::RuleStar_expression:
      case P::RuleStar_named_expression:
      case P::RuleStar_target:
        if (is_token(first(id), P::STAR)) {
          // A lone '*a = b' is the compiler's error, not the parser's.
          if (context == Target::del) fail(id, "cannot delete starred");
          if (context == Target::augmented) {
            fail(id, "'starred' is an illegal expression for augmented assignment");
          }
          if (context == Target::annotated) fail(id, "invalid syntax");
          return check_target(next(first(id)), context, true);
        }
        return check_target(first(id), context, in_sequence);
      default:
        break;
    }
    std::string what = "expression";
    if (kind == P::RuleLambdef) what = "lambda";
    if (kind == P::RuleNamed_expression) what = "named expression";
    if (kind == P::RuleExpression) what = "conditional expression";
    if (kind == P::RuleDict_or_set_display) what = "dict literal";
    if (kind == P::RuleAwait_primary) what = "await expression";
    if (kind == P::RuleComparison) what = "comparison";
    if (kind == P::RuleYield_expr) {
      if (!is_rule(tree_.node(id).parent, P::RuleParenthesized)) {
        fail(id, "assignment to yield expression not possible");
      }
      what = "yield expression";
    }
    fail(id, assign_message(id, what, context));
  }

  // Operators binding looser than '|': CPython's "Maybe you meant '=='" hint is only given
  // when both sides of a single '=' bind at least as tightly as '|'.
  bool binds_loosely(NodeId id) const {
    switch (tree_.node(id).kind) {
      case P::RuleComparison: case P::RuleInversion: case P::RuleConjunction:
      case P::RuleDisjunction: case P::RuleExpression: case P::RuleLambdef:
      case P::RuleNamed_expression: case P::RuleStar_expressions: case P::RuleStar_expression:
      case P::RuleYield_expr:
        return true;
      default:
        return false;
    }
  }

  std::string assign_message(NodeId id, const std::string& what, Target context) const {
    if (context == Target::del) return "cannot delete " + what;
    std::string message = "cannot assign to " + what;
    const NodeId statement = tree_.node(id).parent;
    if (context == Target::assign && is_rule(statement, P::RuleExpression_stmt) &&
        first(statement) == id && is_token(next(id), P::EQUAL) &&
        next(next(next(id))) == kNoNode && !binds_loosely(id) &&
        !binds_loosely(next(next(id)))) {
      message += " here. Maybe you meant '==' instead of '='?";
    }
    return message;
  }

  void check_sequence_target(NodeId id, Target context) {
    const bool bracketed = is_rule(id, P::RuleParenthesized) || is_rule(id, P::RuleList_display);
    if (bracketed && (context == Target::augmented || context == Target::annotated)) {
      fail(id, is_rule(id, P::RuleList_display)
                   ? "only single target (not list) can be annotated"
                   : "only single target (not tuple) can be annotated");
    }
    if (!bracketed && (context == Target::augmented || context == Target::annotated)) {
      fail(id, context == Target::augmented
                   ? "'tuple' is an illegal expression for augmented assignment"
                   : "only single target (not tuple) can be annotated");
    }
    for (NodeId child = first(id); child != kNoNode; child = next(child)) {
      const std::size_t kind = tree_.node(child).kind;
      if (kind == base_ + P::COMMA || kind == base_ + P::LPAR || kind == base_ + P::RPAR ||
          kind == base_ + P::LSQB || kind == base_ + P::RSQB) {
        continue;
      }
      if (kind == P::RuleComprehension || kind == P::RuleFor_if_clause) {
        fail(id, assign_message(id, is_rule(id, P::RuleList_display) ? "list comprehension"
                                                                      : "generator expression",
                                context));
      }
      check_target(child, context, true);
    }
  }

  void check_strings(NodeId id) {
    bool bytes = false, text = false;
    for (NodeId child = first(id); child != kNoNode; child = next(child)) {
      if (!is_token(child, P::STRING)) {
        text = true;
        continue;
      }
      const std::string_view literal = tree_.text(child);
      const std::size_t quote = literal.find_first_of("'\"");
      (literal.substr(0, quote).find_first_of("bB") != std::string_view::npos ? bytes : text) = true;
    }
    if (bytes && text) fail(id, "cannot mix bytes and nonbytes literals");
  }

  void check_arguments(NodeId id) {
    bool keyword = false, keyword_unpacking = false;
    std::size_t count = 0;
    NodeId generator = kNoNode;
    for (NodeId child = first(id); child != kNoNode; child = next(child)) {
      if (is_token(child, P::COMMA)) continue;
      ++count;
      const bool is_argument = is_rule(child, P::RuleArgument);
      const NodeId head = is_argument ? first(child) : kNoNode;
      if (is_argument && is_token(head, P::DOUBLESTAR)) {
        keyword_unpacking = true;
      } else if (is_argument && is_token(head, P::STAR)) {
        if (keyword_unpacking) {
          fail(child, "iterable argument unpacking follows keyword argument unpacking");
        }
      } else if (is_argument && is_token(next(head), P::EQUAL)) {
        keyword = true;
      } else {
        if (keyword_unpacking) fail(child, "positional argument follows keyword argument unpacking");
        if (keyword) fail(child, "positional argument follows keyword argument");
        if (is_argument && is_rule(last(child), P::RuleComprehension)) generator = child;
        if (is_argument && is_rule(last(child), P::RuleFor_if_clause)) generator = child;
      }
    }
    const bool trailing_comma = is_token(last(id), P::COMMA);
    if (generator != kNoNode && (count > 1 || trailing_comma)) {
      fail(generator, "Generator expression must be parenthesized");
    }
  }

  void check_parameters(NodeId id) {
    bool seen_default = false, seen_star = false, bare_star = false;
    for (NodeId child = first(id); child != kNoNode; child = next(child)) {
      if (is_token(child, P::COMMA)) continue;
      const NodeId head = first(child);
      const bool is_parameter = is_rule(child, P::RuleParameter) || is_rule(child, P::RuleLambda_parameter);
      if (is_token(child, P::SLASH) || is_token(head, P::SLASH)) continue;
      if (is_token(child, P::STAR) || is_token(head, P::STAR)) {
        seen_star = true;
        bare_star = is_token(child, P::STAR) || next(head) == kNoNode;
        continue;
      }
      if (is_token(child, P::DOUBLESTAR) || is_token(head, P::DOUBLESTAR)) {
        if (bare_star) fail(child, "named arguments must follow bare *");
        return;
      }
      bare_star = false;
      bool has_default = false;
      if (is_parameter) {
        for (NodeId part = head; part != kNoNode; part = next(part)) {
          if (is_token(part, P::EQUAL)) has_default = true;
        }
      }
      if (has_default) seen_default = true;
      if (!has_default && seen_default && !seen_star) {
        fail(child, "non-default argument follows default argument");
      }
    }
    if (bare_star) fail(last(id), "named arguments must follow bare *");
  }

  void check_display(NodeId id) {
    bool pairs = false, elements = false;
    for (NodeId child = first(id); child != kNoNode; child = next(child)) {
      if (is_token(child, P::COMMA) || is_token(child, P::LBRACE) || is_token(child, P::RBRACE) ||
          is_rule(child, P::RuleComprehension) || is_rule(child, P::RuleFor_if_clause)) {
        continue;
      }
      const bool pair = is_rule(child, P::RuleDisplay_item) &&
                        (is_token(first(child), P::DOUBLESTAR) || is_token(next(first(child)), P::COLON));
      if (pair ? elements : pairs) {
        fail(child, pairs ? "':' expected after dictionary key" : "invalid syntax");
      }
      (pair ? pairs : elements) = true;
    }
  }

  const SyntaxTree& tree_;
  const std::size_t base_;
};

}  // namespace

void check_syntax(const SyntaxTree& tree) { Checker(tree).run(); }

}  // namespace switcheroo::python
