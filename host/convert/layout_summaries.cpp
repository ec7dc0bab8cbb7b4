// What a called object does to the layout of its input: the summaries of layers, Sequentials,
// modules and helpers of the file that the flow walk (layout_flow.cpp) applies at each call.
#include "layout_flow_internal.h"

#include "bound_layers.h"

#include <algorithm>
#include <cctype>

namespace switcheroo::convert::flow_detail {

Summary Flow::summary_of_expression(NodeId expression, int depth) {
  Summary summary;
  if (depth > 8) return summary;
  const Call* call = final_call(expression);
  if (call == nullptr) {
    if (identity_lambda(expression)) {
      summary.kind = Summary::Kind::transparent;
      return summary;
    }
    if (auto applied = lambda_of_call(expression)) return *applied;
    // A function held as a layer (`self.act = jax.nn.relu`): elementwise ones keep the layout.
    const HubOp* op = values_ ? values_(std::string(tree_.text(expression))) : nullptr;
    if (op != nullptr && layout_transparent(*op)) {
      summary.kind = Summary::Kind::transparent;
    } else if (auto bound = bound_layers(tree_, enclosing_function(expression), expression, false)) {
      return summary_of_expression(bound->once.front(), depth + 1);  // `first = Block(...)`
    }
    return summary;
  }
  const CallFacts facts = oracle_(*call);
  if (facts.permute_dims != kNoNode) return permute_summary(facts.permute_dims);
  if (facts.op != nullptr && facts.constructor) {
    const HubOp& op = *facts.op;
    if (op.name == "sequential") {
      summary.kind = Summary::Kind::chain;
      for (const auto& argument : call->arguments.items) {
        const auto mapped =
            argument.kind == rewrite::Argument::Kind::positional
                ? mapped_layers(tree_, enclosing_function(argument.value), argument.value)
                : std::nullopt;
        if (mapped) {
          for (NodeId item : mapped->once) {
            summary.elements.push_back(summary_of_expression(item, depth + 1));
          }
        } else if (argument.kind == rewrite::Argument::Kind::positional) {
          summary.elements.push_back(summary_of_expression(argument.value, depth + 1));
        } else if (argument.kind != rewrite::Argument::Kind::star ||
                   !add_starred_layers(argument.value, depth, summary.elements)) {
          return Summary{};
        }
      }
      return summary;
    }
    if (!facts.layout.empty()) {
      summary.kind = Summary::Kind::layout_layer;
      summary.layout = facts.layout;
    } else if (op.name == "flatten_layer") {
      summary.kind = feature_flatten(facts) ? Summary::Kind::feature_flatten : Summary::Kind::other;
    } else if (layout_transparent(op)) {
      summary.kind = Summary::Kind::transparent;
    } else {
      summary.kind = Summary::Kind::other;
    }
    return summary;
  }
  if (facts.op != nullptr) return summary;
  const std::string callee = facts.constructs.empty() ? call->dotted_callee : facts.constructs;
  if (classes_.count(callee)) return class_summary(callee);
  if (auto function = module_functions_.find(callee); function != module_functions_.end()) {
    // A helper that builds a layer: what it returns.
    NodeId returned = kNoNode;
    visit(functions_.at(function->second).body, [&](NodeId node) {
      if (returned == kNoNode && tree_.kind_name(node) == "return_stmt") {
        const auto children = tree_.children(node);
        if (children.size() == 2) returned = children[1];
      }
    });
    if (returned != kNoNode) return summary_of_expression(returned, depth + 1);
  }
  return summary;
}

// `*layers` in a Sequential, with `layers` a list of the function (bound_layers.h): its
// items in order, then what is appended to it, each any number of times. `*layers.values()`
// of a mapping filled by item assignments: its values in order.
bool Flow::add_starred_layers(NodeId value, int depth, std::vector<Summary>& elements) {
  const auto parts = tree_.children(value);
  const bool values = tree_.kind_name(value) == "primary" && parts.size() == 3 &&
                      rewrite::token_text(tree_, value).size() > 9 &&
                      rewrite::token_text(tree_, parts[1]) == ".values" &&
                      rewrite::token_text(tree_, parts[2]) == "()";
  const auto bound = values ? mapped_layers(tree_, enclosing_function(value), parts[0])
                            : bound_layers(tree_, enclosing_function(value), value, true);
  if (!bound) {
    unfollowed_layers_ = "the layers of '*" + std::string(tree_.text(value)) +
                         "' are not known: only a list display and its appends are followed";
    return false;
  }
  for (NodeId item : bound->once) elements.push_back(summary_of_expression(item, depth + 1));
  for (NodeId item : bound->repeated) {
    elements.push_back(summary_of_expression(item, depth + 1));
    elements.back().repeats = true;
  }
  return true;
}

// Does the file construct a layer whose layout differs in the target (a convolution, a pool)?
// Only then may a Sequential the flow cannot list change the layout of what it returns.
bool Flow::builds_layout_layers() {
  if (!builds_layout_layers_) {
    builds_layout_layers_ =
        std::any_of(by_trailer_.begin(), by_trailer_.end(), [&](const auto& entry) {
          const CallFacts facts = oracle_(*entry.second);
          return facts.constructor && !facts.layout.empty();
        });
  }
  return *builds_layout_layers_;
}

// The summary of an attribute assigned `values` (`self.branch = nnx.Sequential(...)` in one
// branch, `lambda x: x` in the other), where every one of them gives an input of state `in`
// the same layout: one that takes images where any does (its parameter is then an image);
// nullopt where any is unknown or they differ.
std::optional<Summary> Flow::agreed_summary(const std::vector<NodeId>& values, const State& in) {
  std::vector<Summary> summaries;
  const Summary* consuming = nullptr;
  std::vector<NodeId> alternatives;
  for (NodeId value : values) add_branches(value, alternatives);
  for (NodeId value : alternatives) {
    summaries.push_back(summary_of_expression(value, 0));
    if (summaries.back().kind == Summary::Kind::unknown) return std::nullopt;
  }
  for (const Summary& summary : summaries) {
    if (consuming == nullptr && consumes_image(summary)) consuming = &summary;
  }
  Perm flowing = in.shape_of || in.parts || in.display ? Perm() : in.perm;
  // An image in the source's layout is permuted for the one that takes images: the others
  // then get it in the target's layout too.
  if (consuming != nullptr && flowing.empty() && (in.source_image || keep_layout_)) {
    flowing = normalized(first_layout(*consuming));
  }
  std::optional<std::pair<Perm, bool>> agreed;
  for (const Summary& summary : summaries) {
    bool restore = false;
    const Perm out = apply(summary, flowing, restore);
    if (agreed && *agreed != std::pair(out, restore)) return std::nullopt;
    agreed = std::pair(out, restore);
  }
  return consuming != nullptr ? *consuming : summaries.front();
}

// The values `value` may give: the branches of a conditional expression (`SwapAxes(-2, -3) if
// grid else nn.Identity()`, MaxViT's PartitionAttentionLayer), a chain of them in turn (a
// conditional nested in the body is parenthesized, so taken whole).
void Flow::add_branches(NodeId value, std::vector<NodeId>& found) const {
  for (NodeId at = value;;) {
    std::vector<NodeId> parts;
    if (tree_.kind_name(at) == "expression") {
      for (NodeId child : tree_.children(at)) {
        if (!tree_.is_token(child)) parts.push_back(child);
      }
    }
    if (parts.size() != 3) {
      found.push_back(at);
      return;
    }
    found.push_back(parts[0]);  // parts[1] is the condition
    at = parts[2];
  }
}

// `lambda x: x`: the identity (nn.Identity() converted, an empty branch).
// `lambda input: f(input, (6, 6))`, a function written for a layer (an expression template
// standing for nn.AdaptiveAvgPool2d): what `f` does to its first argument, the parameter.
std::optional<Summary> Flow::lambda_of_call(NodeId expression) {
  if (tree_.kind_name(expression) != "lambdef") return std::nullopt;
  const auto children = tree_.children(expression);
  if (children.size() != 4) return std::nullopt;
  const Call* call = final_call(children[3]);
  if (call == nullptr || call->arguments.items.empty()) return std::nullopt;
  const auto& first = call->arguments.items.front();
  const std::string parameter = rewrite::token_text(tree_, children[1]);
  if (first.kind != rewrite::Argument::Kind::positional ||
      rewrite::token_text(tree_, first.value) != parameter) {
    return std::nullopt;
  }
  const CallFacts facts = oracle_(*call);
  if (facts.op == nullptr || facts.constructor || facts.layer_call || facts.method) {
    return std::nullopt;
  }
  Summary summary = called_layer(facts);
  const bool known =
      summary.kind == Summary::Kind::layout_layer || summary.kind == Summary::Kind::transparent;
  return known ? std::optional<Summary>(summary) : std::nullopt;
}

// A framework layer called (`self.pool(x)` of an nn.MaxPool2d) or a function in its place.
Summary Flow::called_layer(const CallFacts& facts) {
  Summary summary;
  if (!facts.layout.empty()) {
    summary.kind = Summary::Kind::layout_layer;
    summary.layout = facts.layout;
  } else if (layout_transparent(*facts.op)) {
    summary.kind = Summary::Kind::transparent;
  } else if (facts.op->name == "flatten_layer") {
    summary.kind = Summary::Kind::feature_flatten;
  } else {
    summary.kind = Summary::Kind::other;
  }
  return summary;
}

// A permute layer constructed with the axes `dims`: unknown unless they are a literal list or
// tuple of a permutation.
Summary Flow::permute_summary(NodeId dims) const {
  Summary summary;
  const std::string text = rewrite::token_text(tree_, dims);
  if (text.size() < 2 || !((text.front() == '[' && text.back() == ']') ||
                           (text.front() == '(' && text.back() == ')'))) {
    return summary;
  }
  Perm axes;
  size_t start = 1;
  while (start < text.size() - 1) {
    size_t comma = text.find(',', start);
    if (comma == std::string::npos) comma = text.size() - 1;
    std::string item = text.substr(start, comma - start);
    item.erase(std::remove_if(item.begin(), item.end(),
                              [](char c) { return std::isspace(static_cast<unsigned char>(c)); }),
               item.end());
    if (!item.empty()) {
      const auto axis = integer(item);
      if (!axis) return summary;
      axes.push_back(*axis);
    }
    start = comma + 1;
  }
  Perm sorted = axes;
  std::sort(sorted.begin(), sorted.end());
  for (size_t i = 0; i < sorted.size(); ++i) {
    if (sorted[i] != static_cast<int>(i)) return summary;
  }
  if (axes.empty()) return summary;
  summary.kind = Summary::Kind::permute;
  summary.dims = axes;
  summary.dims_node = dims;
  return summary;
}

// The permutation from the source's image layout to the target's for images of `rank` axes
// (channels first to last: 0, 2, 3, 1); empty where they are the same.
Perm Flow::image_order(size_t rank) const {
  if (rank < 3 || images_.first == images_.second || images_.first.empty() ||
      images_.second.empty()) {
    return {};
  }
  Perm last(rank);  // channels last, read from channels first
  last[0] = 0;
  for (size_t k = 1; k + 1 < rank; ++k) last[k] = static_cast<int>(k + 1);
  last[rank - 1] = 1;
  return images_.second == "channels-last" ? last : inverse(last);
}

// A permute layer given a value of layout `in`, where an earlier one took an image out of the
// target's order `remembered` (empty: none). An image in a layout other than the source's comes
// out in the source's: the layer's axes are rewritten to do both permutations (PyTorch's
// `Permute([0, 2, 3, 1])` of an NHWC image is the identity). A value in the source's layout
// after such a layer goes back to that order (`Permute([0, 3, 1, 2])` after it: the identity
// too), as does one whose axes are the inverse of the target's image order given any other
// value in the source's layout: the source puts channels from last into its image order, and
// the target has them last already. The axes written change where needed; nullopt where none
// applies (the layer then stays as it is and gives the source's layout).
std::optional<PermuteStep> Flow::permute_step(const Summary& layer, const Perm& in,
                                              const Perm& given) {
  const Perm& dims = layer.dims;
  const Perm order = image_order(dims.size());
  const Perm& remembered =
      in.empty() && given.empty() && !order.empty() && dims == inverse(order) ? order : given;
  Perm axes(dims.size());
  PermuteStep step;
  if (!in.empty() && in.size() == dims.size()) {
    const Perm back = inverse(in);
    for (size_t k = 0; k < dims.size(); ++k) axes[k] = back[dims[k]];
    step.remembered = in;
  } else if (in.empty() && remembered.size() == dims.size()) {
    for (size_t k = 0; k < dims.size(); ++k) axes[k] = dims[remembered[k]];
    step.out = normalized(remembered);
  } else {
    return std::nullopt;
  }
  if (axes != dims && scope_ != nullptr) {
    const auto& node = tree_.node(layer.dims_node);
    const std::string text = rewrite::token_text(tree_, layer.dims_node);
    // Written as the source wrote them, a list or a tuple (of two axes or more: one is the
    // identity, never rewritten).
    scope_->result.plan.replacements[node.begin] = {node.end,
                                                    text.front() + axes_text(axes) + text.back()};
  }
  return step;
}

bool Flow::identity_lambda(NodeId expression) const {
  if (tree_.kind_name(expression) != "lambdef") return false;
  const auto children = tree_.children(expression);
  if (children.size() != 4) return false;
  const std::string parameter = rewrite::token_text(tree_, children[1]);
  return !parameter.empty() && parameter == rewrite::token_text(tree_, children[3]) &&
         std::all_of(parameter.begin(), parameter.end(), [](char c) {
           return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
         });
}

bool Flow::feature_flatten(const CallFacts& facts) {
  if (!facts.hub) return true;
  auto start = facts.hub->values.find("start_axis");
  auto end = facts.hub->values.find("end_axis");
  const bool start_one = start == facts.hub->values.end() || integer(start->second.text) == 1;
  const bool end_last = end == facts.hub->values.end() || integer(end->second.text) == -1;
  return start_one && end_last;
}

bool Flow::consumes_image(const Summary& summary) {
  switch (summary.kind) {
    case Summary::Kind::layout_layer: return true;
    case Summary::Kind::chain:
      for (const Summary& element : summary.elements) {
        if (element.kind == Summary::Kind::transparent) continue;
        return consumes_image(element);
      }
      return false;
    case Summary::Kind::function: {
      const FunctionResult& result = analysed(summary.function);
      const auto parameters = parameter_names(summary.function);
      return parameters.size() > summary.skip &&
             (result.consumed.count(parameters[summary.skip]) > 0 ||
              result.consumed_lists.count(parameters[summary.skip]) > 0);
    }
    default: return false;
  }
}

// A module or function of the file whose input no layout-dependent layer consumes, reached
// by an image of layout `in` where no permute can be written before it (a later layer of a
// Sequential, MaxViT's PartitionAttentionLayer after MBConv): its parameter takes the image as
// given, as if a layer consumed it there, so that its own code permutes it back where it needs
// the source's layout and returns images of the rank it was given in `in` (images in, images
// out). True where it now takes `in`.
bool Flow::give(const Summary& summary, const Perm& in) {
  if (summary.kind != Summary::Kind::function || in.empty() || consumes_image(summary)) {
    return false;
  }
  const auto parameters = parameter_names(summary.function);
  if (parameters.size() <= summary.skip || in_progress_.count(summary.function)) return false;
  given_[summary.function][parameters[summary.skip]] = in;
  results_.erase(summary.function);  // analysed again, with it
  given_changed_ = true;
  return consumes_image(summary);
}

// The layout of a summarized object's output for an input of layout `in`; `restore` is set
// when the input must first go back to the source's layout. `taken`, where given, gets the
// target's order a permute layer of a Sequential took an image out of, where the Sequential
// gives it in the source's layout (swin's features read back from Flax: its first block's
// `Permute([0, 1, 2, 3])` puts PyTorch's NCHW convolution output back into NHWC).
Perm Flow::apply(const Summary& summary, const Perm& in, bool& restore, Perm* taken) {
  restore = false;
  switch (summary.kind) {
    case Summary::Kind::layout_layer: return normalized(summary.layout);
    case Summary::Kind::transparent: return in;
    case Summary::Kind::feature_flatten:
      restore = keep_layout_ && !in.empty();  // --keep-layout: the source's order
      return {};
    case Summary::Kind::other: restore = !in.empty(); return {};
    case Summary::Kind::permute: {
      const auto step = permute_step(summary, in, {});
      restore = !step && !in.empty();
      return step ? step->out : Perm();
    }
    case Summary::Kind::chain: {
      Perm state = in;
      Perm remembered;  // after a permute layer: the target's order the image came from
      bool first = true;
      for (const Summary& element : summary.elements) {
        bool inner = false;
        const Perm before = state;
        if (element.kind == Summary::Kind::permute && !element.repeats) {
          const auto step = permute_step(element, state, remembered);
          if (!step && !state.empty()) return {};
          state = step ? step->out : Perm();
          remembered = step ? step->remembered : Perm();
          first = false;
          continue;
        }
        if (element.kind == Summary::Kind::feature_flatten) remembered.clear();
        if (!first) give(element, state);  // nothing can be permuted before it
        Perm inner_taken;
        state = apply(element, state, inner, &inner_taken);
        if (!inner_taken.empty()) remembered = inner_taken;
        if (element.repeats && (inner || state != before)) return {};  // depends on the count
        if (inner && first) {
          restore = true;
        } else if (inner) {
          return {};  // inside a Sequential nothing can be inserted: unknown
        }
        first = first && element.kind == Summary::Kind::transparent;
      }
      if (taken != nullptr && state.empty()) *taken = remembered;
      return state;
    }
    case Summary::Kind::function: {
      if (!in.empty() && !consumes_image(summary)) restore = true;
      const FunctionResult& result = analysed(summary.function);
      return result.returned ? *result.returned : Perm();
    }
    case Summary::Kind::unknown: return {};
  }
  return {};
}

Perm Flow::first_layout(const Summary& summary) {
  switch (summary.kind) {
    case Summary::Kind::layout_layer: return summary.layout;
    case Summary::Kind::chain:
      for (const Summary& element : summary.elements) {
        if (element.kind == Summary::Kind::transparent) continue;
        return first_layout(element);
      }
      return {};
    case Summary::Kind::function: {
      const FunctionResult& result = analysed(summary.function);
      const auto parameters = parameter_names(summary.function);
      if (parameters.size() <= summary.skip) return {};
      const std::string& parameter = parameters[summary.skip];
      if (auto found = result.consumed.find(parameter); found != result.consumed.end()) {
        return found->second;
      }
      auto list = result.consumed_lists.find(parameter);
      return list == result.consumed_lists.end() ? Perm() : list->second;
    }
    default: return {};
  }
}

}  // namespace switcheroo::convert::flow_detail
