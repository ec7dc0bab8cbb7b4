// The layout flow's calls: what a layer, a function of the file or a framework op does to an
// image's layout as it passes through (the walk over statements and expressions is in
// layout_flow.cpp).
#include "layout_flow_internal.h"

#include <algorithm>
#include <cctype>

namespace switcheroo::convert {
namespace flow_detail {

NodeId Flow::positional(const Call& call, size_t index) const {
  size_t seen = 0;
  for (const auto& argument : call.arguments.items) {
    if (argument.kind != rewrite::Argument::Kind::positional) continue;
    if (seen++ == index) return argument.value;
  }
  return kNoNode;
}

State Flow::call(const Call& call, const State& receiver, const std::string& dotted) {
  // Arguments first: their own calls, and their states.
  std::vector<State> states;
  for (const auto& argument : call.arguments.items) states.push_back(evaluate(argument.value));
  const CallFacts facts = oracle_(call);
  const NodeId first = positional(call, 0);
  const State first_state = first == kNoNode ? State{} : evaluate_cached(call, first, states);
  grow_list(call, states.empty() ? State{} : states.front());
  if (!receiver.instance_of.empty() && call.method.empty()) {
    const Summary summary = class_summary(receiver.instance_of);
    if (summary.kind != Summary::Kind::unknown) return through(call, summary, first, first_state);
  }

  // A layer object: a self attribute the class sets, or a constructed framework layer.
  if (dotted.rfind("self.", 0) == 0 && scope_->cls != nullptr) {
    auto attributes = attributes_.find(scope_->cls->name);
    const std::string name = dotted.substr(5);
    if (attributes != attributes_.end() && attributes->second.count(name)) {
      unfollowed_layers_.clear();
      const auto summary = agreed_summary(attributes->second.at(name), first_state);
      if (summary) return through(call, *summary, first, first_state);
      if (!unfollowed_layers_.empty() && builds_layout_layers()) {
        scope_->result.plan.unfollowed[call.callee_begin] =
            "the layout of what '" + dotted + "' returns is not known (" + unfollowed_layers_ +
            "): axis numbers after it are not renumbered for the target's image layout";
      }
    }
  }
  if (facts.layer_call && facts.op != nullptr) {
    return through(call, called_layer(facts), first, first_state);
  }
  if (facts.op == nullptr) {
    if (auto function = module_functions_.find(dotted); function != module_functions_.end()) {
      Summary summary;
      summary.kind = Summary::Kind::function;
      summary.function = function->second;
      return through(call, summary, first, first_state);
    }
    if (const NodeId method = own_method(dotted); method != kNoNode) {
      Summary summary;  // `self._forward(x)`: what the class's method returns
      summary.kind = Summary::Kind::function;
      summary.function = method;
      summary.skip = 1;
      return through(call, summary, first, first_state);
    }
    if (!keep_layout_) return {};
    // With --keep-layout, code the engine cannot follow takes the source's layout too.
    for (size_t i = 0; i < call.arguments.items.size(); ++i) {
      if (!states[i].shape_of && !states[i].parts && !states[i].display) {
        restore(call.trailer, call.arguments.items[i].value, states[i].perm);
      }
    }
    return source_layout_image();
  }
  return framework(call, facts, facts.method ? receiver : first_state,
                   facts.method ? kNoNode : first, states);
}

// `self.<name>` of a method the class being walked defines (not its forward method, which
// the class's own call reaches); kNoNode for anything else.
NodeId Flow::own_method(const std::string& dotted) const {
  if (dotted.rfind("self.", 0) != 0 || scope_->cls == nullptr) return kNoNode;
  const std::string name = dotted.substr(5);
  if (name == forward_method_ || name.find('.') != std::string::npos) return kNoNode;
  for (const auto& [node, function] : functions_) {
    const rewrite::ClassDef* owner = owner_class(node);
    if (function.name == name && owner != nullptr && owner->name == scope_->cls->name) {
      return node;
    }
  }
  return kNoNode;
}

State Flow::evaluate_cached(const Call& call, NodeId node, const std::vector<State>& states) const {
  for (size_t i = 0; i < call.arguments.items.size(); ++i) {
    if (call.arguments.items[i].value == node) return states[i];
  }
  return {};
}

State Flow::through(const Call& call, const Summary& summary, NodeId input, const State& in) {
  if (summary.kind == Summary::Kind::permute && !in.shape_of && !in.parts && !in.display) {
    const auto step = permute_step(summary, in.perm, in.target_order);
    if (step && !step->out.empty()) return State{step->out};
    if (step) {
      State result = source_layout_image(summary.dims.size());
      result.target_order = step->remembered;
      return result;
    }
  }
  const bool consumes = consumes_image(summary);
  if (consumes) {
    Perm layout = summary.layout;
    if (summary.kind != Summary::Kind::layout_layer) layout = first_layout(summary);
    const bool list = consumes_list(summary);
    if (!layout.empty()) consume(input, in, layout, list);
    if (!layout.empty() && !list && (in.source_image || (keep_layout_ && in.perm.empty())) &&
        input != kNoNode) {
      permute_into(call.trailer, input, layout);
    }
  }
  bool must_restore = false;
  const Perm flowing = in.shape_of || in.parts || in.display ? Perm() : in.perm;
  Perm taken;  // a Sequential's permute layer took the image out of the target's order
  const Perm out = apply(summary, flowing, must_restore, &taken);
  if (must_restore && input != kNoNode) restore(call.trailer, input, flowing);
  State result{out, false, false};
  if (summary.kind == Summary::Kind::function && !out.empty() &&
      analysed(summary.function).returned_images) {
    result.display = result.same_images = true;  // a list of images, as the function made it
  }
  const bool returns_source =
      summary.kind == Summary::Kind::function && analysed(summary.function).returned_source;
  result.source_image =
      out.empty() && (returns_source || (!consumes && (must_restore || in.source_image)));
  if (!taken.empty() && out.empty()) {
    result.source_image = true;
    result.rank = taken.size();
    result.target_order = taken;
    return result;
  }
  // A helper given an image is taken to return one of the same rank; one that makes an image
  // in the source's layout, of the rank its returns agree on.
  if (result.source_image && summary.kind == Summary::Kind::function && returns_source) {
    result.rank = analysed(summary.function).returned_rank;
  } else if (result.source_image && summary.kind == Summary::Kind::function) {
    result.rank = must_restore ? std::optional<size_t>(flowing.size()) : in.rank;
    if (!must_restore) result.target_order = in.target_order;
  }
  return result;
}

// `expression` is permuted by `axes` where `consumer` uses it (an image in the source's
// layout going into a layer that takes the target's: the layer's layout permutation).
void Flow::permute_into(NodeId consumer, NodeId expression, const Perm& axes) {
  const auto& node = tree_.node(expression);
  const std::string_view kind = tree_.kind_name(expression);
  LayoutRestore entry;
  entry.begin = node.begin;
  entry.end = node.end;
  entry.parenthesize = !(kind == "atom" || kind == "primary" || kind == "parenthesized");
  entry.axes = axes;
  scope_->result.plan.restores.emplace(consumer, entry);
}

// A framework function or method with tensor input `in` (the receiver of a method).
State Flow::framework(const Call& call, const CallFacts& facts, const State& in, NodeId input,
                      const std::vector<State>& states) {
  const HubOp& op = *facts.op;
  const NodeId key = call.trailer;
  bool from_source = in.source_image;
  for (const State& state : states) from_source = from_source || state.source_image;
  auto restore_inputs = [&]() {
    from_source = from_source || !in.perm.empty();
    if (facts.method && !in.perm.empty()) {
      LayoutRestore entry;
      entry.begin = tree_.node(call.primary).begin;
      entry.end = call.receiver_end;
      entry.axes = inverse(in.perm);
      scope_->result.plan.restores.emplace(key, entry);
    }
    for (size_t i = 0; i < call.arguments.items.size(); ++i) {
      if (!states[i].perm.empty() && !states[i].shape_of && !states[i].display &&
          !states[i].parts) {
        restore(key, call.arguments.items[i].value, states[i].perm);
        from_source = true;
      }
    }
  };
  // A constructor: no tensor flows through here.
  if (facts.constructor) return {};
  // A call the target refuses stays the source's: it takes and gives the source's layout.
  if (facts.refused) {
    restore_inputs();
    return from_source ? source_layout_image(result_rank(op, facts, in)) : State{};
  }
  // A functional layer (F.max_pool2d): images in, images out.
  if (!facts.layout.empty()) {
    consume(input, in, facts.layout);
    if ((in.source_image || (keep_layout_ && in.perm.empty())) && input != kNoNode) {
      permute_into(key, input, facts.layout);
    }
    return State{normalized(facts.layout), false, false};
  }
  // The concatenation of a parameter: a layer that consumes it makes that a list of images.
  if (op.name == "concat" && !in.parameter.empty() && !in.joined && !in.display) {
    State joined;
    joined.parameter = in.parameter;
    joined.joined = true;
    return joined;
  }
  // Concatenation: the first image among the listed tensors decides.
  State image = in;
  if (op.name == "concat" && image.display) image.display = false;
  if (auto undone = undoing_permute(op, facts, key, image)) return *undone;
  if (image.perm.empty() || image.shape_of || image.parts || image.display) {
    if (layout_transparent(op)) {
      for (const State& state : states) {
        if (!state.perm.empty() && !state.shape_of && !state.parts && !state.display) {
          return State{state.perm};
        }
      }
    } else {
      restore_inputs();
    }
    return from_source ? source_layout_image(result_rank(op, facts, in)) : State{};
  }
  const Perm& perm = image.perm;
  if (!facts.hub) {
    restore_inputs();
    return source_layout_image(result_rank(op, facts, image));
  }
  if (auto outcome = through_op(op, facts.hub->values, perm, keep_layout_)) {
    return apply_outcome(*outcome, key, perm);
  }
  restore_inputs();
  return source_layout_image(result_rank(op, facts, image));
}

// A permute that undoes the order an earlier call left (`target_order`) is dropped.
std::optional<State> Flow::undoing_permute(const HubOp& op, const CallFacts& facts, NodeId key,
                                           const State& image) {
  if (op.name != "permute" || image.target_order.empty() || !facts.hub) return std::nullopt;
  auto dims = facts.hub->values.find("axes");
  if (dims == facts.hub->values.end() ||
      !inverse_of(literal_axes(dims->second), image.target_order)) {
    return std::nullopt;
  }
  scope_->result.plan.actions[key] = LayoutAction{LayoutAction::Kind::drop, {}};
  return State{image.target_order};
}

// What an op does to an image in layout `perm`: the action planned at `key`, the state after.
State Flow::apply_outcome(const AxisOutcome& outcome, NodeId key, const Perm& perm) {
  if (outcome.action) {
    const bool drop = *outcome.action == LayoutAction::Kind::drop;
    scope_->result.plan.actions[key] = LayoutAction{*outcome.action, drop ? Perm() : inverse(perm)};
  }
  switch (outcome.kind) {
    case AxisOutcome::Kind::image: return State{outcome.perm, false, outcome.parts};
    case AxisOutcome::Kind::plain: return {};
    case AxisOutcome::Kind::reordered: {
      State reordered = source_layout_image(perm.size());
      reordered.target_order = outcome.perm;
      return reordered;
    }
  }
  return {};
}

// The rank of what an op computes in the source's layout, where the call shows it.
std::optional<size_t> Flow::result_rank(const HubOp& op, const CallFacts& facts, const State& in) {
  const std::optional<size_t> rank =
      !in.perm.empty() ? std::optional<size_t>(in.perm.size()) : in.rank;
  if (op.name == "reshape" && facts.hub) {
    auto shape = facts.hub->values.find("shape");
    if (shape == facts.hub->values.end()) return std::nullopt;
    if (shape->second.spread) return shape->second.items.size();
    if (shape->second.elements) return shape->second.elements->size();
    return std::nullopt;
  }
  if (op.name == "swapaxes" || op.name == "permute" || same_rank_axis_op(op.name) ||
      layout_transparent(op)) {
    return rank;
  }
  return std::nullopt;
}

}  // namespace flow_detail

}  // namespace switcheroo::convert
