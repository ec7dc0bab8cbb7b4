// The layout flow's broadcasts: values that line up with an image's axes (an indexed weight,
// a held factory value) follow its layout (the walk is in layout_flow.cpp).
#include "layout_flow_internal.h"

#include <algorithm>
#include <cctype>

namespace switcheroo::convert::flow_detail {

// `w[:, :, None, None]` next to an image: the axes it lines up follow the image's layout
// (`w[:, None, None, :]` against NHWC).
void Flow::broadcast_like(NodeId operand, const Perm& perm) {
  if (perm.empty() || tree_.kind_name(operand) != "primary") return;
  broadcast_held(operand, perm);
  const auto children = tree_.children(operand);
  const NodeId trailer = children.back();
  if (tree_.kind_name(tree_.node(trailer).first_child) != "LSQB") return;
  const auto inside = tree_.children(trailer);
  if (inside.size() != 3) return;
  std::vector<NodeId> items;
  if (tree_.kind_name(inside[1]) == "slices") {
    for (NodeId item : tree_.children(inside[1])) {
      if (!tree_.is_token(item)) items.push_back(item);
    }
  } else {
    items.push_back(inside[1]);
  }
  if (items.size() != perm.size()) return;
  std::vector<std::string> texts;
  for (NodeId item : items) {
    texts.push_back(rewrite::token_text(tree_, item));
    if (texts.back() != ":" && texts.back() != "None") return;
  }
  std::string text;
  for (int source : perm) text += (text.empty() ? "" : ", ") + texts[source];
  scope_->result.plan.replacements[tree_.node(items.front()).begin] = {tree_.node(items.back()).end,
                                                                       text};
}

// `self.scale * image`, where the class sets `self.scale` once, to a value made by a factory of
// a shape with singleton axes (`nn.Parameter(torch.ones(c, 1, 1) * s)`, ConvNeXt's
// layer_scale): the held value lines up with the image's trailing axes, so its shape follows
// the image's layout (`jnp.ones((1, 1, c))` against NHWC).
void Flow::broadcast_held(NodeId operand, const Perm& perm) {
  const std::string text = rewrite::token_text(tree_, operand);
  if (scope_->cls == nullptr || text.rfind("self.", 0) != 0) return;
  const std::string name = text.substr(5);
  if (!std::all_of(name.begin(), name.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
      })) {
    return;
  }
  auto attributes = attributes_.find(scope_->cls->name);
  if (attributes == attributes_.end() || !attributes->second.count(name)) return;
  const auto& values = attributes->second.at(name);
  if (values.size() != 1) return;
  const std::vector<NodeId> shape = factory_shape(values.front());
  const size_t rank = shape.size(), n = perm.size();
  if (rank < 2 || rank > n) return;
  std::vector<std::string> texts;
  for (NodeId item : shape) texts.push_back(rewrite::token_text(tree_, item));
  if (std::find(texts.begin(), texts.end(), "1") == texts.end()) return;
  const size_t lead = n - rank;  // the image's axes before those the value lines up with
  for (size_t i = lead; i < n; ++i) {
    if (perm[i] < static_cast<int>(lead)) return;  // a leading axis would move into them
  }
  for (size_t i = lead; i < n; ++i) {
    const std::string& wanted = texts[perm[i] - lead];
    if (wanted == texts[i - lead]) continue;
    const auto& node = tree_.node(shape[i - lead]);
    scope_->result.plan.replacements[node.begin] = {node.end, wanted};
  }
}

// The shape items of the one framework factory call (`torch.ones(c, 1, 1)`, `jnp.ones((1, 1,
// c))`) in `value`; empty where there is none, or more than one.
std::vector<NodeId> Flow::factory_shape(NodeId value) const {
  std::vector<const Call*> factories;
  visit(value, [&](NodeId node) {
    auto found = by_trailer_.find(node);
    if (found == by_trailer_.end()) return;
    const CallFacts facts = oracle_(*found->second);
    if (facts.op != nullptr && !facts.op->arguments.empty() &&
        facts.op->arguments.front().name == "shape") {
      factories.push_back(found->second);
    }
  });
  if (factories.size() != 1) return {};
  std::vector<NodeId> items;
  for (const auto& argument : factories.front()->arguments.items) {
    if (argument.kind == rewrite::Argument::Kind::positional) items.push_back(argument.value);
  }
  if (items.size() != 1) return items;
  const std::string_view kind = tree_.kind_name(items.front());
  if (kind != "parenthesized" && kind != "list_display" && kind != "atom") return items;
  // `(1, 1, c)`: the items between the brackets, directly or under a tuple node.
  auto non_tokens = [&](NodeId node, bool& commas) {
    std::vector<NodeId> found;
    for (NodeId child : tree_.children(node)) {
      if (!tree_.is_token(child)) found.push_back(child);
      commas = commas || tree_.kind_name(child) == "COMMA";
    }
    return found;
  };
  bool commas = false;
  std::vector<NodeId> elements = non_tokens(items.front(), commas);
  if (elements.size() == 1 && !commas) {
    std::vector<NodeId> inner = non_tokens(elements.front(), commas);
    if (commas) elements = inner;
  }
  return elements.empty() ? items : elements;
}

}  // namespace switcheroo::convert::flow_detail
