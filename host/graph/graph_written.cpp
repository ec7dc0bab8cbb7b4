// A layer's arguments as the model file writes them, beside the values they evaluate to: what
// `swhost convert` decides by, which reads the text and not the values. `swhost weights` asks
// the same questions to name the tensors of the layers the conversion writes (a convolution
// whose padding Keras cannot write is a Sequential of a padding layer and itself where it has
// no attribute of its own: its weights move one level down; host/weights/padded_paths.cpp).
#include "graph_builder.h"

#include "convert/layer_idioms.h"

#include <regex>

namespace switcheroo::graph {

namespace {

// Is the statement around `call` `self.<name> = <call>` (an annotation, and a comment after it,
// allowed)?
bool assigned_whole(const python::SyntaxTree& tree, const rewrite::Call& call) {
  const python::NodeId statement = rewrite::enclosing_statement(tree, call.primary);
  if (statement == python::kNoNode) return false;
  static const std::regex before(R"(^\s*self\.[A-Za-z_]\w*\s*(:[^=]*)?=\s*$)");
  static const std::regex after(R"(^\s*(#.*)?\s*$)");
  const std::string& source = tree.source().bytes();
  const uint32_t begin = tree.node(statement).begin;
  const uint32_t call_end = tree.node(call.trailer).end;
  const uint32_t end = tree.node(statement).end;
  if (call.callee_begin < begin || call_end > end) return false;
  return std::regex_match(source.substr(begin, call.callee_begin - begin), before) &&
         std::regex_match(source.substr(call_end, end - call_end), after);
}

}  // namespace

void GraphBuilder::record_written(const ReadCall& call, const std::string& api, uint32_t offset,
                                  Module& module) {
  if (tree_ == nullptr || call.op == nullptr || call.mapping == nullptr) return;
  if (tree_calls_.empty()) {
    for (auto& found : rewrite::find_calls(*tree_)) {
      tree_calls_.emplace(found.callee_begin, std::move(found));
    }
  }
  const auto found = tree_calls_.find(offset);
  // (A construction in another file of the package has offsets of that file.)
  const std::string last = api.substr(api.rfind('.') + 1);
  if (found == tree_calls_.end() || found->second.dotted_callee.empty() ||
      found->second.dotted_callee.substr(found->second.dotted_callee.rfind('.') + 1) != last) {
    return;
  }
  std::string why;
  const auto read = convert::read_call(*call.op, *call.mapping, convert::Phase::construct,
                                       convert::written_call(*tree_, found->second), reading_spelling(),
                                       why);
  if (!read) return;
  for (const auto& [name, value] : read->values) {
    if (!value.implicit) module.written.push_back(Argument{name, value.text, false});
  }
  module.attribute_built = assigned_whole(*tree_, found->second);
}

}  // namespace switcheroo::graph
