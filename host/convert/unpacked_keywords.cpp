// The keywords a `**name` argument may pass, where the function around binds the name once to
// dict displays with string keys:
//
//   params = {} if inplace is None else {"inplace": inplace}
//   layers.append(nn.Dropout(dropout, **params))        # may pass `inplace` only
//
// A name also bound elsewhere in the function, subscripted or read as an object
// (`params["p"] = 0.1`, `params.update(...)`), or bound to anything else, passes keywords not
// known here.
#include "unpacked_keywords.h"

#include "call_mapping.h"
#include "converter.h"
#include "class_values.h"
#include "self_attributes.h"
#include "rewrite/enclosing_nodes.h"
#include "rewrite/tree_query.h"

#include <string>
#include <vector>

namespace switcheroo::convert {
namespace {

using python::NodeId;

class DictKeys {
 public:
  DictKeys(const python::SyntaxTree& tree, std::vector<NodeId> tokens)
      : tree_(tree), tokens_(std::move(tokens)) {}

  // `{...}` or `{...} if <test> else <the same again>`: the keys of every display.
  std::optional<std::set<std::string>> read() {
    if (!display()) return std::nullopt;
    while (at_ < tokens_.size()) {
      if (kind() != "IF") return std::nullopt;
      for (int depth = 0; at_ < tokens_.size() && !(depth == 0 && kind() == "ELSE"); ++at_) {
        depth += opens() - closes();
      }
      if (at_ == tokens_.size()) return std::nullopt;
      ++at_;
      if (!display()) return std::nullopt;
    }
    return keys_;
  }

 private:
  std::string_view kind() const { return tree_.kind_name(tokens_[at_]); }
  int opens() const { return kind() == "LPAR" || kind() == "LSQB" || kind() == "LBRACE"; }
  int closes() const { return kind() == "RPAR" || kind() == "RSQB" || kind() == "RBRACE"; }

  // One dict display whose entries each start with a string key (`**other` is refused).
  bool display() {
    if (at_ >= tokens_.size() || kind() != "LBRACE") return false;
    ++at_;
    bool entry_start = true;
    for (int depth = 0; at_ < tokens_.size(); ++at_) {
      if (depth == 0 && kind() == "RBRACE") {
        ++at_;
        return true;
      }
      if (depth == 0 && entry_start) {
        const std::string key = string_literal(std::string(tree_.text(tokens_[at_])));
        if (kind() != "STRING" || key.empty() || at_ + 1 >= tokens_.size() ||
            tree_.kind_name(tokens_[at_ + 1]) != "COLON") {
          return false;
        }
        keys_.insert(key);
      }
      depth += opens() - closes();
      entry_start = depth == 0 && kind() == "COMMA";
    }
    return false;
  }

  const python::SyntaxTree& tree_;
  std::vector<NodeId> tokens_;
  size_t at_ = 0;
  std::set<std::string> keys_;
};

// Is `name`, at token `i` of `tokens`, used only as a value: not subscripted, not read as an
// object, not a loop's or another statement's target?
bool used_as_value(const python::SyntaxTree& tree, const std::vector<NodeId>& tokens, size_t i) {
  if (i > 0 && (tree.kind_name(tokens[i - 1]) == "FOR" || tree.kind_name(tokens[i - 1]) == "DEL" ||
                tree.kind_name(tokens[i - 1]) == "DOT")) {
    return false;
  }
  if (i + 1 >= tokens.size()) return true;
  const std::string_view next = tree.kind_name(tokens[i + 1]);
  return next != "LSQB" && next != "DOT" && next != "COLONEQUAL" &&
         (next.size() < 5 || next.substr(next.size() - 5) != "EQUAL" || next == "EQEQUAL" ||
          next == "NOTEQUAL" || next == "LESSEQUAL" || next == "GREATEREQUAL");
}

}  // namespace

std::optional<std::set<std::string>> unpacked_keywords(
    const python::SyntaxTree& tree, const std::vector<rewrite::FunctionDef>& functions,
    NodeId argument) {
  const std::string name = rewrite::token_text(tree, argument);
  const rewrite::EnclosingNodes bodies(tree, rewrite::bodies_of(functions));
  const auto around = bodies.innermost(argument);
  if (!is_identifier(name) || !around) return std::nullopt;
  const NodeId body = functions[*around].body;
  NodeId value = python::kNoNode;
  for (const auto& assignment : name_assignments(tree, functions, bodies)) {
    if (assignment.name != name || assignment.function != functions[*around].node) continue;
    if (value != python::kNoNode) return std::nullopt;  // bound twice
    value = assignment.value;
  }
  if (value == python::kNoNode) return std::nullopt;
  std::vector<NodeId> tokens;
  collect_tokens(tree, body, tokens);
  int bindings = 0;
  for (size_t i = 0; i < tokens.size(); ++i) {
    if (tree.kind_name(tokens[i]) != "NAME" || tree.text(tokens[i]) != name) continue;
    const bool binds = i + 1 < tokens.size() && tree.kind_name(tokens[i + 1]) == "EQUAL";
    if (binds ? ++bindings > 1 : !used_as_value(tree, tokens, i)) return std::nullopt;
  }
  std::vector<NodeId> value_tokens;
  collect_tokens(tree, value, value_tokens);
  return DictKeys(tree, std::move(value_tokens)).read();
}

namespace engine_detail {

std::optional<std::set<std::string>> Converter::unpacked_keywords(NodeId argument) const {
  return convert::unpacked_keywords(tree_, function_defs_, argument);
}

}  // namespace engine_detail
}  // namespace switcheroo::convert
