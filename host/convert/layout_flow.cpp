#include "layout_flow_internal.h"

#include <algorithm>
#include <cctype>

namespace switcheroo::convert {
namespace flow_detail {

Flow::Flow(const SyntaxTree& tree, const std::vector<Call>& calls, const CallOracle& oracle,
           std::string forward_method, bool keep_layout, const ValueOracle& values,
           std::pair<std::string, std::string> images)
    : tree_(tree),
      oracle_(oracle),
      values_(values),
      images_(std::move(images)),
      forward_method_(std::move(forward_method)),
      keep_layout_(keep_layout) {
  for (const Call& call : calls) by_trailer_[call.trailer] = &call;
  for (const auto& function : rewrite::find_functions(tree)) functions_[function.node] = function;
  for (const auto& cls : rewrite::find_classes(tree)) {
    classes_[cls.name] = cls;
    collect_attributes(cls);
  }
  for (const auto& [node, function] : functions_) {
    if (owner_class(node) == nullptr && enclosing_function(node) == kNoNode) {
      module_functions_[function.name] = node;
    }
  }
}

LayoutPlan Flow::run() {
  // A layout given to a function (Flow::give) after a caller had read what the function does
  // without it: every function is analysed again, with the layouts given from the start.
  constexpr int kRounds = 4;
  for (int round = 0; round < kRounds; ++round) {
    given_changed_ = false;
    results_.clear();
    for (const auto& [node, function] : functions_) analysed(node);
    if (!given_changed_) break;
  }
  LayoutPlan plan;
  for (const auto& [node, function] : functions_) {
    const FunctionResult& result = analysed(node);
    for (const auto& [offset, action] : result.plan.actions) plan.actions[offset] = action;
    for (const auto& [offset, restore] : result.plan.restores) {
      plan.restores.emplace(offset, restore);
    }
    for (const auto& [offset, replacement] : result.plan.replacements) {
      plan.replacements[offset] = replacement;
    }
    plan.unfollowed.insert(result.plan.unfollowed.begin(), result.plan.unfollowed.end());
  }
  return plan;
}

const rewrite::ClassDef* Flow::owner_class(NodeId function) const {
  NodeId parent = tree_.node(function).parent;
  while (parent != kNoNode) {
    const std::string_view kind = tree_.kind_name(parent);
    if (kind == "function_def") return nullptr;
    if (kind == "class_def") {
      for (const auto& [name, cls] : classes_) {
        if (cls.node == parent) return &cls;
      }
      return nullptr;
    }
    parent = tree_.node(parent).parent;
  }
  return nullptr;
}

NodeId Flow::enclosing_function(NodeId node) const {
  NodeId parent = tree_.node(node).parent;
  while (parent != kNoNode && tree_.kind_name(parent) != "function_def") {
    parent = tree_.node(parent).parent;
  }
  return parent;
}

// `self.NAME = value` anywhere in the class's methods.
void Flow::collect_attributes(const rewrite::ClassDef& cls) {
  auto& attributes = attributes_[cls.name];
  visit(cls.body, [&](NodeId node) {
    if (tree_.kind_name(node) != "expression_stmt") return;
    const auto children = tree_.children(node);
    if (children.size() != 3 || tree_.kind_name(children[1]) != "EQUAL") return;
    const std::string target = rewrite::token_text(tree_, children[0]);
    if (target.rfind("self.", 0) != 0 || target.find('.', 5) != std::string::npos) return;
    attributes[target.substr(5)].push_back(children[2]);
  });
}

const Call* Flow::final_call(NodeId expression) const {
  if (tree_.kind_name(expression) != "primary") return nullptr;
  const auto children = tree_.children(expression);
  auto found = by_trailer_.find(children.back());
  return found == by_trailer_.end() ? nullptr : found->second;
}

std::vector<std::string> Flow::parameter_names(NodeId function) const {
  std::vector<std::string> names;
  for (const auto& parameter : functions_.at(function).parameters.items) {
    if (!parameter.name.empty()) names.push_back(parameter.name);
  }
  return names;
}

const FunctionResult& Flow::analysed(NodeId function) {
  if (auto done = results_.find(function); done != results_.end()) return done->second;
  if (!in_progress_.insert(function).second) {
    static const FunctionResult none;
    return none;  // recursion: nothing known
  }
  const auto given = given_.find(function);
  FunctionResult first =
      analyse(function, given == given_.end() ? std::map<std::string, Perm>() : given->second, {});
  if (!first.consumed.empty() || !first.consumed_lists.empty()) {
    first = analyse(function, first.consumed, first.consumed_lists);
  }
  in_progress_.erase(function);
  return results_[function] = std::move(first);
}

FunctionResult Flow::analyse(NodeId function, const std::map<std::string, Perm>& images,
                             const std::map<std::string, Perm>& lists) {
  Scope scope;
  scope.result = {};
  scope.cls = owner_class(function);
  for (const auto& name : parameter_names(function)) {
    scope.parameters.insert(name);
    if (auto image = images.find(name); image != images.end()) {
      scope.env[name] = State{image->second, false, false};
    } else if (auto list = lists.find(name); list != lists.end()) {
      scope.env[name] = image_list(list->second);
    } else if (keep_layout_) {
      scope.env[name] = source_layout_image();
    }
  }
  scope.result.consumed = images;
  scope.result.consumed_lists = lists;
  Scope* const outer = scope_;  // analysing a callee in the middle of its caller
  scope_ = &scope;
  statements(functions_.at(function).body);
  scope_ = outer;
  return std::move(scope.result);
}

void Flow::statements(NodeId node) {
  if (node == kNoNode) return;
  const std::string_view kind = tree_.kind_name(node);
  if (kind == "function_def" || kind == "class_def" || kind == "decorated") return;
  if (kind == "expression_stmt") {
    assignment(node);
    return;
  }
  if (kind == "return_stmt") {
    const auto children = tree_.children(node);
    State state = children.size() == 2 ? evaluate(children[1]) : State{};
    Scope& scope = *scope_;
    if (state.source_image && !scope.result.consumed.empty() &&
        state.rank == scope.result.consumed.begin()->second.size()) {
      // Images in, images out: a function that takes images in the target's layout returns
      // them in it too, so what it computed in the source's layout is permuted back.
      const Perm layout = scope.result.consumed.begin()->second;
      permute_into(node, children[1], layout);
      state = State{normalized(layout)};
    }
    if (keep_layout_ && !state.perm.empty() && !state.shape_of && !state.parts && !state.display) {
      restore(node, children[1], state.perm);  // the caller gets the source's layout
      state = source_layout_image(state.perm.size());
    }
    const Perm value = state.perm;
    scope.result.returned_source = scope.result.returned_source || state.source_image;
    if (state.source_image && !scope.ranked_any) {
      scope.result.returned_rank = state.rank;
      scope.ranked_any = true;
    } else if (state.source_image && scope.result.returned_rank != state.rank) {
      scope.result.returned_rank.reset();
    }
    if (!scope.returned_any) {
      scope.result.returned = value;
      scope.result.returned_images = state.same_images;
      scope.returned_any = true;
    } else if (scope.result.returned && *scope.result.returned != value) {
      scope.result.returned = Perm();
    }
    scope.result.returned_images = scope.result.returned_images && state.same_images;
    return;
  }
  if (kind == "for_stmt") {
    // The loop variable: unknown, or a child of a container module (bind_loop_children).
    NodeId target = kNoNode;
    for (NodeId child : tree_.children(node)) {
      if (tree_.kind_name(child) == "block" || tree_.kind_name(child) == "else_block") {
        statements(child);
      } else if (!tree_.is_token(child)) {
        evaluate(child);
        bind(child, State{});
        if (target == kNoNode) {
          target = child;
        } else {
          bind_loop_children(target, child);
        }
      }
    }
    return;
  }
  const bool compound = kind == "block" || kind == "simple_stmts" || kind == "if_stmt" ||
                        kind == "elif_clause" || kind == "else_block" || kind == "while_stmt" ||
                        kind == "with_stmt" || kind == "try_stmt" || kind == "except_clause" ||
                        kind == "finally_block" || kind == "file_input" ||
                        kind == "compound_stmt" || kind == "with_item";
  if (compound) {
    for (NodeId child : tree_.children(node)) {
      if (tree_.is_token(child)) continue;
      statements(child);
    }
    return;
  }
  if (tree_.is_token(node)) return;
  evaluate(node);  // an expression statement without `=`, an assert, ...
}

void Flow::assignment(NodeId node) {
  const auto children = tree_.children(node);
  std::vector<NodeId> targets;
  NodeId value = kNoNode;
  bool augmented = false;
  for (size_t i = 0; i < children.size(); ++i) {
    const std::string_view kind = tree_.kind_name(children[i]);
    if (kind == "EQUAL") {
      targets.push_back(children[i - 1]);
      value = children[i + 1];
    } else if (kind == "augassign") {
      augmented = true;
      targets.push_back(children[i - 1]);
      value = children[i + 1];
    }
  }
  if (value == kNoNode) {
    evaluate(children.front());
    return;
  }
  State state = evaluate(value);
  if (augmented) {
    const State before = evaluate(targets.front());
    if (state.perm.empty()) state = before;
  }
  for (NodeId target : targets) bind(target, state);
}

void Flow::bind(NodeId target, const State& state) {
  const std::string_view kind = tree_.kind_name(target);
  if (kind == "atom") {
    const std::string name = rewrite::token_text(tree_, target);
    if (!name.empty() && (std::isalpha(static_cast<unsigned char>(name[0])) || name[0] == '_')) {
      // A list display of images of several layouts is not followed through a name.
      const bool mixed = state.display && !state.same_images;
      State kept = state;
      if (mixed) kept.perm.clear();
      const bool growing = state.empty_list || !state.listed.empty();
      scope_->env[name] = state.shape_of || (mixed && !growing) ? State{} : kept;
      scope_->parameters.erase(name);  // the name no longer holds the argument
    }
    return;
  }
  if (kind == "star_expressions" || kind == "star_targets" || kind == "parenthesized" ||
      kind == "list_display") {
    if (state.shape_of) unpack_shape(target, state.perm);
    for (NodeId child : tree_.children(target)) {
      if (tree_.is_token(child)) continue;
      bind(child, state.parts ? State{state.perm, false, false} : State{});
    }
  }
}

State Flow::lookup(const std::string& name) const {
  auto found = scope_->env.find(name);
  return found == scope_->env.end() ? State{} : found->second;
}

// `n, c, h, w = x.shape` of an image in layout `perm`: the names take the sizes in the
// converted array's order, `n, h, w, c = x.shape` against NHWC.
void Flow::unpack_shape(NodeId target, const Perm& perm) {
  std::vector<NodeId> names;
  for (NodeId child : tree_.children(target)) {
    if (tree_.is_token(child) && tree_.kind_name(child) == "NAME") {
      names.push_back(child);
    } else if (!tree_.is_token(child) && tree_.kind_name(child) == "atom") {
      names.push_back(child);
    } else if (!tree_.is_token(child)) {
      return;  // a starred or nested target: the sizes it takes are not one each
    }
  }
  if (names.size() != perm.size() || perm.empty()) return;
  for (size_t i = 0; i < names.size(); ++i) {
    const std::string wanted = rewrite::token_text(tree_, names[perm[i]]);
    if (wanted == rewrite::token_text(tree_, names[i])) continue;
    const auto& node = tree_.node(names[i]);
    scope_->result.plan.replacements[node.begin] = {node.end, wanted};
  }
}

State Flow::evaluate(NodeId node) {
  if (node == kNoNode || tree_.is_token(node) || depth_ >= kMaxDepth) return {};
  struct Deeper {
    int& depth;
    explicit Deeper(int& at) : depth(at) { ++depth; }
    ~Deeper() { --depth; }
    Deeper(const Deeper&) = delete;
    Deeper& operator=(const Deeper&) = delete;
  } deeper(depth_);
  const std::string_view kind = tree_.kind_name(node);
  if (kind == "atom") {
    const auto children = tree_.children(node);
    if (children.size() == 1 && tree_.kind_name(children[0]) == "NAME") {
      const std::string name(tree_.text(children[0]));
      State state = lookup(name);
      if (scope_->parameters.count(name) && state.perm.empty() && !state.display &&
          !state.source_image) {
        state.parameter = name;  // as given: a layer that consumes it tells its layout
      }
      return state;
    }
    for (NodeId child : children) evaluate(child);
    return {};
  }
  if (kind == "primary") return primary(node);
  if (kind == "expression") return conditional(node);
  if (kind == "parenthesized" || kind == "list_display" || kind == "star_expressions") {
    const auto children = tree_.children(node);
    if (kind == "parenthesized" && children.size() == 3) return evaluate(children[1]);
    State display;
    display.display = true;
    bool same = true;
    size_t elements = 0;
    for (NodeId child : children) {
      if (tree_.is_token(child)) continue;
      State element = evaluate(child);
      const bool image = plain_image(element);
      if (!element.parameter.empty() && !element.joined) display.listed.push_back(element.parameter);
      if (display.perm.empty() && image) display.perm = element.perm;
      same = same && image && element.perm == display.perm;
      ++elements;
    }
    display.same_images = same && elements > 0;
    display.empty_list = kind == "list_display" && elements == 0;
    return display;
  }
  const bool operation = kind == "sum" || kind == "term" || kind == "factor" || kind == "power" ||
                         kind == "shift_expr" || kind == "bitwise_and" || kind == "bitwise_or" ||
                         kind == "bitwise_xor" || kind == "comparison" || kind == "inversion";
  State result;
  std::vector<NodeId> plain;  // operands in the source's layout
  std::vector<std::pair<NodeId, State>> images;
  for (NodeId child : tree_.children(node)) {
    State operand = evaluate(child);
    if (!operation || tree_.is_token(child)) continue;
    if (operand.source_image) images.emplace_back(child, operand);
    if (result.perm.empty() && !operand.shape_of && !operand.parts && !operand.display) {
      result.perm = operand.perm;
    }
    if (operand.source_image && !result.source_image) result.rank = operand.rank;
    result.source_image = result.source_image || operand.source_image;
    if (operand.perm.empty()) plain.push_back(child);
  }
  if (!operation) return {};
  for (NodeId operand : plain) broadcast_like(operand, result.perm);
  if (!result.perm.empty()) {
    // `x + self.conv(x)`: an image in the source's layout meets one in the target's; the
    // first is permuted to match (where its rank is known to fit, or any image may arrive).
    for (const auto& [operand, state] : images) {
      if (state.rank == result.perm.size() || (keep_layout_ && !state.rank)) {
        permute_into(consumer_of(node), operand, result.perm);
      }
    }
    result.source_image = false;
  }
  return result;
}

// The innermost call whose arguments contain `node` (its conversion reads them), or `node`
// itself when none does.
NodeId Flow::consumer_of(NodeId node) const {
  for (NodeId parent = tree_.node(node).parent; parent != kNoNode;
       parent = tree_.node(parent).parent) {
    if (by_trailer_.count(parent)) return parent;
    const std::string_view kind = tree_.kind_name(parent);
    if (kind == "function_def" || kind == "class_def") break;
  }
  return node;
}

// An image of layout `perm` goes back to the source's layout where `consumer` uses it.
void Flow::restore(NodeId consumer, NodeId expression, const Perm& perm) {
  if (!perm.empty()) permute_into(consumer, expression, inverse(perm));
}

State Flow::primary(NodeId node) {
  const auto children = tree_.children(node);
  State state = evaluate(children.front());
  std::string dotted = rewrite::token_text(tree_, children.front());
  for (size_t i = 1; i < children.size(); ++i) {
    const NodeId trailer = children[i];
    const NodeId first = tree_.node(trailer).first_child;
    const std::string_view opener = tree_.kind_name(first);
    if (opener == "DOT") {
      const std::string name = std::string(tree_.text(tree_.node(first).next_sibling));
      const bool called = i + 1 < children.size() && by_trailer_.count(children[i + 1]) > 0;
      if (called) {
        // A method: the state is its receiver's until the call.
      } else if (name == "shape" && !state.perm.empty() && !state.shape_of) {
        state.shape_of = true;
      } else if (!state.perm.empty() && (name == "T" || name == "mT")) {
        restore_prefix(node, trailer, state.perm);
        state = {};
      } else {
        state = {};
      }
      if (!dotted.empty()) dotted += "." + name;
    } else if (opener == "LSQB") {
      // `self.pool(x)[0]` of a layer returning (out, paddings) is the layer's output itself.
      auto before = by_trailer_.find(children[i - 1]);
      const bool first_of_tuple = before != by_trailer_.end() &&
                                  rewrite::token_text(tree_, trailer) == "[0]" &&
                                  oracle_(*before->second).first_of_tuple;
      if (!first_of_tuple) subscript(node, trailer, state);
      dotted.clear();
    } else {
      auto found = by_trailer_.find(trailer);
      state = found == by_trailer_.end() ? State{} : call(*found->second, state, dotted);
      dotted.clear();
    }
  }
  return state;
}

// The value `node` computes up to (not including) `trailer` goes back to the source layout
// before `trailer` applies.
void Flow::restore_prefix(NodeId node, NodeId trailer, const Perm& perm) {
  LayoutRestore entry;
  entry.begin = tree_.node(node).begin;
  entry.end = tree_.node(trailer).begin;
  entry.axes = inverse(perm);
  const Call* consumer = enclosing_call_after(node, trailer);
  const NodeId key = consumer ? consumer->trailer : trailer;
  scope_->result.plan.restores.emplace(key, entry);
}

// A call whose conversion happens after the restore's target range is complete: the first
// call trailer at or after `trailer` in this primary, else the innermost call around it.
const Call* Flow::enclosing_call_after(NodeId node, NodeId trailer) const {
  bool seen = false;
  for (NodeId child : tree_.children(node)) {
    if (child == trailer) seen = true;
    if (!seen) continue;
    if (auto found = by_trailer_.find(child); found != by_trailer_.end()) return found->second;
  }
  for (NodeId parent = tree_.node(node).parent; parent != kNoNode;
       parent = tree_.node(parent).parent) {
    if (tree_.kind_name(parent) == "trailer") {
      if (auto found = by_trailer_.find(parent); found != by_trailer_.end()) {
        return found->second;
      }
    }
  }
  return nullptr;
}

void Flow::subscript(NodeId node, NodeId trailer, State& state) {
  // Evaluate the index expressions for what they contain.
  for (NodeId child : tree_.children(trailer)) evaluate(child);
  if (state.shape_of) {
    const auto inside = tree_.children(trailer);
    if (inside.size() == 3) {
      const NodeId index = inside[1];
      auto number = integer(rewrite::token_text(tree_, index));
      auto axis = number ? axis_in(*number, state.perm.size()) : std::nullopt;
      if (axis) {
        const int target = inverse(state.perm)[*axis];
        const auto& token = tree_.node(index);
        scope_->result.plan.replacements[token.begin] = {token.end, std::to_string(target)};
        state = {};
        return;
      }
    }
    // Anything else about the shape: read it in the source's layout.
    restore_prefix(node, shape_trailer(node, trailer), state.perm);
    state = {};
    return;
  }
  if (state.display) {
    // An element of a list of images has their layout; of any other display, unknown.
    state = state.same_images ? State{state.perm} : State{};
    return;
  }
  const bool image = !state.perm.empty() || state.source_image;
  if (!state.perm.empty()) restore_prefix(node, trailer, state.perm);
  state = image ? source_layout_image() : State{};
}

NodeId Flow::shape_trailer(NodeId node, NodeId before) const {
  NodeId previous = kNoNode;
  for (NodeId child : tree_.children(node)) {
    if (child == before) break;
    previous = child;
  }
  return previous;
}

}  // namespace flow_detail

LayoutPlan plan_layout(const python::SyntaxTree& tree, const std::vector<rewrite::Call>& calls,
                       const CallOracle& oracle, const std::string& forward_method,
                       bool keep_layout, const ValueOracle& values,
                       const std::pair<std::string, std::string>& images) {
  flow_detail::Flow flow(tree, calls, oracle, forward_method, keep_layout, values, images);
  return flow.run();
}

}  // namespace switcheroo::convert
