// The hub's shape and parameter rules (kb/shapes.toml): per hub operation, a Python expression
// for its output shape and one for the parameters a layer owns, over the op's hub arguments,
// and ones for its result's dtype and for the values of a small constant result.
// Evaluated by the graph builder's own interpreter with a few generic helpers of shape
// arithmetic (expand, prod, windows, broadcast, ...); nothing in them names a framework.
#pragma once

#include "ast.h"
#include "value.h"

#include "core/hub.h"
#include "core/toml_reader.h"

#include <map>
#include <string>
#include <string_view>

namespace switcheroo::graph {

struct ShapeRule {
  ExprPtr out;     ///< null: the output shape is not known
  ExprPtr params;  ///< null: 0 parameters
  /// The result's values from the inputs' values (tensors as nested lists of numbers), for
  /// small constant tensors; null: not computed.
  ExprPtr values;
  ExprPtr dtype;  ///< the result's hub dtype from the inputs' dtypes; null: not known
  std::string out_text;
  std::string params_text;
  std::string values_text;
  std::string dtype_text;
  SourceLocation where;  ///< the rule's key in the rules document
  bool parsed = false;   ///< `out` and `params` are parsed from their texts on first use
};

/// The shape of each parameter a layer owns, in the hub's layout (kb/shapes.toml
/// `[parameters]`): parameter name -> an expression giving its shape, or None when the layer's
/// arguments leave it out (`bias=False`).
using ParameterRules = std::map<std::string, ExprPtr, std::less<>>;

class ShapeRules {
 public:
  /// Reads a rules document; every op must be a hub op. A rule's expressions are parsed when
  /// the rule is first looked up (a model uses a few of the hub's ops), so a rule that does not
  /// parse throws Error at its line and column then, or from check_all().
  ShapeRules(std::string_view file_name, std::string_view text, const Hub& hub);

  const ShapeRule* find(std::string_view op) const;
  /// The parameter shape rules of a layer op; null when the hub names none.
  const ParameterRules* parameters(std::string_view op) const;
  /// Parses every rule not parsed yet; throws Error at the first one that does not parse.
  void check_all() const;

  /// Evaluates a rule expression with `bindings` (hub argument -> value; tensors as their
  /// shapes). Unknown inputs give an unknown result with their reason.
  static ValuePtr evaluate(const Expr& rule, const std::map<std::string, ValuePtr>& bindings);

 private:
  /// A parameter rule's text, parsed on first use like the shape rules.
  struct ParameterTexts {
    std::map<std::string, std::string, std::less<>> texts;
    SourceLocation where;
    bool parsed = false;
  };

  void read_parameters(const TomlReader& reader, const toml::node& table, const Hub& hub);
  void parse_rule(const std::string& op, ShapeRule& rule) const;
  void parse_parameters(const std::string& op, ParameterTexts& texts) const;

  mutable std::map<std::string, ShapeRule, std::less<>> rules_;
  mutable std::map<std::string, ParameterTexts, std::less<>> parameter_texts_;
  mutable std::map<std::string, ParameterRules, std::less<>> parameters_;
};

/// swhost's own rules, built from kb/shapes.toml compiled into it; read on first use.
const ShapeRules& builtin_shape_rules();

}  // namespace switcheroo::graph
