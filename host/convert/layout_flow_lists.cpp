// The layout flow's lists and parameters: what a function's parameter holds, told by the layer
// that consumes it (an image, or a list of images whose concatenation it takes), lists grown
// by `append`, and the children of a container module walked in a loop:
//
//   def bn_function(self, inputs):          inputs: a list of images (the norm consumes their
//       x = torch.cat(inputs, 1)              concatenation), so the axis is renumbered
//       return self.conv(self.norm(x))
//
//   def forward(self, init_features):       init_features: an image (a list holding it goes to
//       features = [init_features]            a layer that takes a list of images), and
//       for name, layer in self.items():      `features` stays a list of images of one layout
//           features.append(layer(features))  while what is appended is one
//       return torch.cat(features, 1)
//
// and a conditional expression whose branches agree (a dropout written out in the target,
// `jnp.where(...) if not self.deterministic else x`).
#include "layout_flow_internal.h"

#include "bound_layers.h"

#include <set>

namespace switcheroo::convert::flow_detail {

// A layer of layout `layout` consumes `argument`, of state `state` (a list of such images
// where `list`): a parameter it is, or a list display holds, arrives in the target's layout,
// and one whose concatenation it is holds a list of such images.
void Flow::consume(NodeId argument, const State& state, const Perm& layout, bool list) {
  if (keep_layout_ || argument == kNoNode) return;  // --keep-layout: the source's layout
  auto mark = [&](std::map<std::string, Perm>& into, const std::string& parameter) {
    if (scope_->parameters.count(parameter) && !into.count(parameter)) into[parameter] = layout;
  };
  if (list && state.display) {
    for (const std::string& parameter : state.listed) mark(scope_->result.consumed, parameter);
  } else if (!state.parameter.empty() && state.perm.empty() && !(list && state.joined)) {
    mark(list || state.joined ? scope_->result.consumed_lists : scope_->result.consumed,
         state.parameter);
  }
}

// Does the summarized function take its first argument as a list of images?
bool Flow::consumes_list(const Summary& summary) {
  if (summary.kind != Summary::Kind::function) return false;
  const auto parameters = parameter_names(summary.function);
  return parameters.size() > summary.skip &&
         analysed(summary.function).consumed_lists.count(parameters[summary.skip]) > 0;
}

// `images.append(value)` of a list the function holds by name: it stays a list of images of
// one layout while every value appended is an image of that layout.
void Flow::grow_list(const Call& call, const State& value) {
  if (call.method != "append" || call.arguments.items.size() != 1) return;
  const std::string suffix = ".append";
  const std::string& callee = call.dotted_callee;
  if (callee.size() <= suffix.size()) return;
  const std::string name = callee.substr(0, callee.size() - suffix.size());
  if (name.find('.') != std::string::npos) return;
  auto found = scope_->env.find(name);
  if (found == scope_->env.end() || !found->second.display) return;
  State& list = found->second;
  const bool image = plain_image(value);
  if (list.empty_list) {
    list.same_images = image;
    list.perm = image ? value.perm : Perm();
    list.empty_list = false;
    return;
  }
  list.same_images = list.same_images && image && value.perm == list.perm;
  if (!list.same_images) list.perm.clear();
}

// `a if condition else b`: an image (or a list of images) where both branches give one of
// the same layout; unknown otherwise. `a if c else b if d else e` nests to the right: the chain
// is walked in a loop, not by recursion, so that its length costs no stack.
State Flow::conditional(NodeId node) {
  auto both = [](const State& chosen, const State& other) -> State {
    if (plain_image(chosen) && plain_image(other) && chosen.perm == other.perm) {
      return State{chosen.perm};
    }
    if (chosen.display && chosen.same_images && other.display && other.same_images &&
        chosen.perm == other.perm) {
      return image_list(chosen.perm);
    }
    return {};
  };
  std::vector<State> chosen;  // the branches before each `else`, in order
  State last;
  for (NodeId at = node;;) {
    std::vector<NodeId> parts;
    for (NodeId child : tree_.children(at)) {
      if (!tree_.is_token(child)) parts.push_back(child);
    }
    if (parts.size() != 3) {
      for (NodeId part : parts) evaluate(part);
      return {};
    }
    chosen.push_back(evaluate(parts[0]));
    evaluate(parts[1]);  // the condition
    if (tree_.kind_name(parts[2]) != "expression") {
      last = evaluate(parts[2]);
      break;
    }
    at = parts[2];
  }
  for (auto branch = chosen.rbegin(); branch != chosen.rend(); ++branch) last = both(*branch, last);
  return last;
}

// Calling an instance of module class `cls` runs its forward method (or Python's __call__).
Summary Flow::class_summary(const std::string& cls) const {
  Summary summary;
  for (const auto& [node, function] : functions_) {
    if (function.name != forward_method_ && function.name != "__call__") continue;
    const rewrite::ClassDef* owner = owner_class(node);
    if (owner != nullptr && owner->name == cls) {
      summary.kind = Summary::Kind::function;
      summary.function = node;
      summary.skip = 1;
    }
  }
  return summary;
}

// `for name, layer in self.items()` or `for layer in self.values()` in a class whose every
// child is built from one module class of the file: the loop variable is an instance of it.
void Flow::bind_loop_children(NodeId target, NodeId iterable) {
  if (scope_->cls == nullptr) return;
  const std::string walked = rewrite::token_text(tree_, iterable);
  NodeId child = kNoNode;
  if (walked == "self.values()") {
    child = target;
  } else if (walked == "self.items()" && tree_.kind_name(target) == "star_targets") {
    std::vector<NodeId> names;
    for (NodeId item : tree_.children(target)) {
      if (!tree_.is_token(item)) names.push_back(item);
    }
    if (names.size() == 2) child = names[1];
  }
  if (child == kNoNode || tree_.kind_name(child) != "atom") return;
  State instance;
  instance.instance_of = child_class(*scope_->cls);
  if (!instance.instance_of.empty()) bind(child, instance);
}

// The one module class of the file that every child `cls` adds is built from: by item
// assignment (`self[name] = layer`) or by an add-child method (`self.add_module(name, layer)`),
// the child constructed there or bound once to a name of the same function. "" otherwise.
std::string Flow::child_class(const rewrite::ClassDef& cls) {
  if (auto known = child_classes_.find(cls.name); known != child_classes_.end()) {
    return known->second;
  }
  std::vector<NodeId> children;
  visit(cls.body, [&](NodeId node) {
    if (tree_.kind_name(node) == "expression_stmt") {
      const auto parts = tree_.children(node);
      if (parts.size() == 3 && tree_.kind_name(parts[1]) == "EQUAL" &&
          rewrite::token_text(tree_, parts[0]).rfind("self[", 0) == 0) {
        children.push_back(parts[2]);
      }
    }
    auto call = by_trailer_.find(node);
    if (call != by_trailer_.end() && call->second->dotted_callee.rfind("self.", 0) == 0 &&
        oracle_(*call->second).adds_child) {
      children.push_back(positional(*call->second, 1));
    }
  });
  std::set<std::string> built;
  for (NodeId value : children) {
    NodeId made = value;
    if (value != kNoNode && tree_.kind_name(value) == "atom") {
      const auto bound = bound_layers(tree_, enclosing_function(value), value, false);
      made = bound && bound->once.size() == 1 ? bound->once.front() : kNoNode;
    }
    const Call* call = made == kNoNode ? nullptr : final_call(made);
    const std::string callee = call == nullptr ? "" : call->dotted_callee;
    built.insert(classes_.count(callee) ? callee : "");
  }
  const std::string found = built.size() == 1 ? *built.begin() : "";
  return child_classes_[cls.name] = found;
}

}  // namespace switcheroo::convert::flow_detail
