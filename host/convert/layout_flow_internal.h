// The layout flow's internals, shared by its two files: layout_flow.cpp walks each function's
// statements and expressions; layout_summaries.cpp summarizes what a called object (a layer, a
// Sequential, a module of the file, a helper that builds one) does to the layout of its input.
// Only plan_layout (layout_flow.h) is the interface; nothing else includes this header.
#pragma once

#include "layout_axes.h"
#include "layout_flow.h"

#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::convert::flow_detail {

using python::kNoNode;
using python::NodeId;
using python::SyntaxTree;
using rewrite::Call;
using namespace layout_detail;

struct State {
  State() = default;
  explicit State(Perm layout, bool shape = false, bool sequence = false)
      : perm(std::move(layout)), shape_of(shape), parts(sequence) {}

  Perm perm;              ///< empty: the source's layout (or not an image)
  bool shape_of = false;  ///< `x.shape` of a value whose layout is `perm`
  bool parts = false;     ///< a sequence of values (chunk, split) each of layout `perm`
  bool display = false;   ///< a list or tuple display whose first image has layout `perm`
  /// A display whose every element is an image in layout `perm`: a name keeps it, and an
  /// element taken from it has that layout (`outputs = [b1, b2]`, `torch.cat(outputs, 1)`).
  bool same_images = false;
  /// Computed exactly as the source computes it from an image put back in the source's
  /// layout: an image fed from it to a layout-dependent layer must be permuted first.
  bool source_image = false;
  std::optional<size_t> rank;  ///< of a source_image, where known
  /// A source_image the source's own code put in the target's image order (`y.transpose(0,
  /// 3, 1, 2)` of an NHWC image towards PyTorch, the transpose dropped): the layout the image
  /// had before. The transpose that undoes it, after a helper too, is dropped as well, and the
  /// value is that image again.
  Perm target_order;
  /// The function's parameter this value is, as given, its layout not known yet (a name bound
  /// to it too): a layer that consumes it makes the parameter an image (Flow::consume).
  std::string parameter;
  /// With `parameter`: the concatenation of that parameter, a list of images
  /// (`torch.cat(inputs, 1)`); a layer that consumes it makes the parameter a list of images.
  bool joined = false;
  /// A list display of no elements, or (with `display`) one that holds parameters of unknown
  /// layout, `listed` (`features = [init_features]`): `append` grows it (Flow::grow_list), and a
  /// function that consumes a list of images makes them images.
  bool empty_list = false;
  std::vector<std::string> listed;
  /// An instance of a module class of the file (a loop over a container's children all built
  /// from it): calling it runs that class's forward method.
  std::string instance_of;
};

/// An image: a value with a layout of its own, not a shape, a sequence or a list of them.
inline bool plain_image(const State& state) {
  return !state.perm.empty() && !state.shape_of && !state.parts && !state.display &&
         !state.source_image;
}

/// A list of images of layout `perm`.
inline State image_list(Perm perm) {
  State state{std::move(perm)};
  state.display = state.same_images = true;
  return state;
}

inline State source_layout_image(std::optional<size_t> rank = std::nullopt) {
  State state;
  state.source_image = true;
  state.rank = rank;
  return state;
}

struct Summary {
  enum class Kind {
    unknown, layout_layer, transparent, feature_flatten, other, chain, function, permute
  };
  Kind kind = Kind::unknown;
  Perm layout;                    ///< layout_layer: what it produces
  std::vector<Summary> elements;  ///< chain: in order
  NodeId function = kNoNode;      ///< function: the forward method or function called
  size_t skip = 0;                ///< function: leading parameters the call does not pass (self)
  bool repeats = false;           ///< chain element: any number of times, none included
  Perm dims;                      ///< permute: the axes it is constructed with
  NodeId dims_node = kNoNode;     ///< permute: where they are written (a list or tuple display)
};

/// What a permute layer does (Flow::permute_step): the layout of its result, and the target's
/// image order an image in the source's layout came from (State::target_order).
struct PermuteStep {
  Perm out;
  Perm remembered;
};

struct FunctionResult {
  std::map<std::string, Perm> consumed;  ///< parameters a layout layer takes as images
  /// Parameters that hold lists of such images (their concatenation is consumed).
  std::map<std::string, Perm> consumed_lists;
  std::optional<Perm> returned;          ///< the layout of what it returns
  bool returned_source = false;          ///< it returns an image in the source's layout
  /// With returned_source: the rank of every such image it returns, where all agree and known.
  std::optional<size_t> returned_rank;
  bool returned_images = false;  ///< every return gives a list of images in layout `returned`
  LayoutPlan plan;
};

/// Follows image layouts through one file: plan_layout's analysis.
class Flow {
 public:
  Flow(const SyntaxTree& tree, const std::vector<Call>& calls, const CallOracle& oracle,
       std::string forward_method, bool keep_layout, const ValueOracle& values,
       std::pair<std::string, std::string> images = {});

  LayoutPlan run();

 private:
  // ---- what the file defines -------------------------------------------------------------

  const rewrite::ClassDef* owner_class(NodeId function) const;
  NodeId enclosing_function(NodeId node) const;
  void collect_attributes(const rewrite::ClassDef& cls);

  template <class Visit>
  void visit(NodeId node, const Visit& on_node) const {
    if (node == kNoNode) return;
    on_node(node);
    for (NodeId child = tree_.node(node).first_child; child != kNoNode;
         child = tree_.node(child).next_sibling) {
      visit(child, on_node);
    }
  }

  const Call* final_call(NodeId expression) const;

  // ---- what a called object does to the layout of its input ------------------------------

  Summary summary_of_expression(NodeId expression, int depth);
  bool add_starred_layers(NodeId value, int depth, std::vector<Summary>& elements);
  bool builds_layout_layers();
  std::optional<Summary> agreed_summary(const std::vector<NodeId>& values, const State& in);
  void add_branches(NodeId value, std::vector<NodeId>& found) const;
  bool identity_lambda(NodeId expression) const;
  std::optional<Summary> lambda_of_call(NodeId expression);
  static Summary called_layer(const CallFacts& facts);
  Summary permute_summary(NodeId dims) const;
  Perm image_order(size_t rank) const;
  std::optional<PermuteStep> permute_step(const Summary& layer, const Perm& in,
                                          const Perm& remembered);
  static bool feature_flatten(const CallFacts& facts);
  bool consumes_image(const Summary& summary);
  bool give(const Summary& summary, const Perm& in);
  Perm apply(const Summary& summary, const Perm& in, bool& restore, Perm* taken = nullptr);
  std::vector<std::string> parameter_names(NodeId function) const;

  // ---- one function ------------------------------------------------------------------------

  const FunctionResult& analysed(NodeId function);
  FunctionResult analyse(NodeId function, const std::map<std::string, Perm>& images,
                         const std::map<std::string, Perm>& lists);

  struct Scope {
    const rewrite::ClassDef* cls = nullptr;
    std::map<std::string, State> env;
    std::set<std::string> parameters;
    FunctionResult result;
    bool returned_any = false;
    bool ranked_any = false;  // a return of an image in the source's layout seen
  };

  void statements(NodeId node);
  void assignment(NodeId node);
  void bind(NodeId target, const State& state);
  void unpack_shape(NodeId target, const Perm& perm);
  State lookup(const std::string& name) const;

  // ---- expressions ------------------------------------------------------------------------

  State evaluate(NodeId node);
  /// How deep evaluate() has recursed: past kMaxDepth (no program nests so deep; hostile input
  /// such as `not not ... x` does) a value is unknown, so that the stack holds under the
  /// sanitizers too, whose frames are several times larger.
  int depth_ = 0;
  static constexpr int kMaxDepth = 1000;
  NodeId consumer_of(NodeId node) const;
  void broadcast_like(NodeId operand, const Perm& perm);
  void broadcast_held(NodeId operand, const Perm& perm);
  std::vector<NodeId> factory_shape(NodeId value) const;
  void restore(NodeId consumer, NodeId expression, const Perm& perm);
  void consume(NodeId argument, const State& state, const Perm& layout, bool list = false);
  bool consumes_list(const Summary& summary);
  void grow_list(const Call& call, const State& value);
  State conditional(NodeId node);
  Summary class_summary(const std::string& cls) const;
  void bind_loop_children(NodeId target, NodeId iterable);
  std::string child_class(const rewrite::ClassDef& cls);
  State primary(NodeId node);
  void restore_prefix(NodeId node, NodeId trailer, const Perm& perm);
  const Call* enclosing_call_after(NodeId node, NodeId trailer) const;
  void subscript(NodeId node, NodeId trailer, State& state);
  NodeId shape_trailer(NodeId node, NodeId before) const;
  NodeId positional(const Call& call, size_t index) const;
  State call(const Call& call, const State& receiver, const std::string& dotted);
  NodeId own_method(const std::string& dotted) const;
  State evaluate_cached(const Call& call, NodeId node, const std::vector<State>& states) const;
  State through(const Call& call, const Summary& summary, NodeId input, const State& in);
  void permute_into(NodeId consumer, NodeId expression, const Perm& axes);
  Perm first_layout(const Summary& summary);
  State framework(const Call& call, const CallFacts& facts, const State& in, NodeId input,
                  const std::vector<State>& states);
  std::optional<State> undoing_permute(const HubOp& op, const CallFacts& facts, NodeId key,
                                       const State& image);
  State apply_outcome(const AxisOutcome& outcome, NodeId key, const Perm& perm);

  static std::optional<size_t> result_rank(const HubOp& op, const CallFacts& facts,
                                           const State& in);

  const SyntaxTree& tree_;
  const CallOracle& oracle_;
  const ValueOracle& values_;
  std::pair<std::string, std::string> images_;  // the source's and the target's image layouts
  const std::string forward_method_;  // of the source framework
  // --keep-layout: functions take and return images in the source's layout; inside them,
  // layout-dependent layers still work in the target's.
  const bool keep_layout_;
  std::map<NodeId, const Call*> by_trailer_;
  std::map<NodeId, rewrite::FunctionDef> functions_;
  std::map<std::string, rewrite::ClassDef> classes_;
  /// `self.NAME = value` by class and name: every value assigned (a branch may set either).
  std::map<std::string, std::map<std::string, std::vector<NodeId>>> attributes_;
  std::map<std::string, NodeId> module_functions_;
  /// Why the last summary read could not list a Sequential's layers (`*layers`), or "".
  std::string unfollowed_layers_;
  std::optional<bool> builds_layout_layers_;
  std::map<NodeId, FunctionResult> results_;
  /// By function: parameters a caller gives images in a layout of their own, where it cannot
  /// permute them first (Flow::give); they are taken as consumed in that layout.
  std::map<NodeId, std::map<std::string, Perm>> given_;
  bool given_changed_ = false;  // in this round of Flow::run
  /// By class: the one class of the file every child it adds is built from ("" where none).
  std::map<std::string, std::string> child_classes_;
  std::set<NodeId> in_progress_;
  Scope* scope_ = nullptr;
};

}  // namespace switcheroo::convert::flow_detail
