// Ordered mappings of named layers bound to names (see converter.h): `layers = OrderedDict()`
// makes `nn.Sequential(layers)` a Sequential of named layers, not of one layer.
#include "converter.h"

#include "call_mapping.h"
#include "rewrite/tree_query.h"

#include <string>

namespace switcheroo::convert::engine_detail {

// `NAME = OrderedDict(...)` or `NAME: T = OrderedDict(...)` as a statement of its own.
void Converter::collect_ordered_mappings(const std::vector<Call>& calls) {
  function_defs_ = rewrite::find_functions(tree_);
  for (const Call& call : calls) {
    const ResolvedCall resolved = resolver_.resolve(call);
    if (resolved.kind != ResolvedCall::Kind::function ||
        (resolved.name != kOrderedMapping && resolved.name != kTypingOrderedMapping)) {
      continue;
    }
    const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
    if (statement == python::kNoNode) continue;
    std::string text = rewrite::token_text(tree_, statement);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    const std::string value = "=" + rewrite::token_text(tree_, call.primary);
    if (text.size() <= value.size() ||
        text.compare(text.size() - value.size(), value.size(), value) != 0) {
      continue;
    }
    const std::string target = text.substr(0, text.size() - value.size());
    const std::string name = target.substr(0, target.find(':'));
    if (is_identifier(name)) ordered_mappings_.insert({function_around(statement), name});
  }
}

// A variadic argument `NAME` or `*NAME.values()` whose name is bound to an ordered mapping.
bool Converter::names_ordered_mapping(NodeId argument) const {
  if (ordered_mappings_.empty()) return false;
  std::string name = rewrite::token_text(tree_, argument);
  const std::string values = ".values()";
  if (name.size() > values.size() &&
      name.compare(name.size() - values.size(), values.size(), values) == 0) {
    name.resize(name.size() - values.size());
  }
  return is_identifier(name) && ordered_mappings_.count({function_around(argument), name}) > 0;
}

// The body of the innermost function holding `node`, kNoNode at module level.
NodeId Converter::function_around(NodeId node) const {
  NodeId innermost = python::kNoNode;
  for (const auto& function : function_defs_) {
    if (rewrite::is_within(tree_, node, function.body) &&
        (innermost == python::kNoNode || rewrite::is_within(tree_, function.body, innermost))) {
      innermost = function.body;
    }
  }
  return innermost;
}

}  // namespace switcheroo::convert::engine_detail
