// The conversion engine's converter, shared by the files that define its members: engine.cpp
// (reading and writing calls, the run), engine_idioms.cpp (what the engine writes for the hooks
// it implements itself: recurrent layers, scan, cond, loss reductions, 'SAME' padding) and
// engine_references.cpp (framework names used without a call: classes, function values, array
// properties). Private to host/convert.
#pragma once

#include "call_mapping.h"
#include "edit_set.h"
#include "expression_reading.h"
#include "forwarded_keywords.h"
#include "inplace_updates.h"
#include "engine.h"
#include "held_layer_classes.h"
#include "layer_idioms.h"
#include "layer_subclasses.h"
#include "layout_flow.h"
#include "module_fields.h"
#include "module_rewriter.h"
#include "module_state.h"
#include "narrowed_classes.h"
#include "padding_layer_rules.h"
#include "recurrent_carries.h"
#include "source_index.h"
#include "spelling.h"
#include "tensor_values.h"

#include "core/hub.h"
#include "rewrite/names.h"

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace switcheroo::convert::engine_detail {

using python::NodeId;
using rewrite::Call;

/// `..ops.misc.Block` imported into a module of `pkg.models` is `pkg.ops.misc.Block`; an
/// absolute name stays as it is. Empty when the dots climb above the package (engine_keys.cpp).
std::string absolute_name(const std::string& qualified, const std::string& package);
using rewrite::NameResolver;
using rewrite::ResolvedCall;

constexpr const char* kUnit = "kb";

/// Where `node`'s text ends, without the newlines and blanks its node may end with
/// (engine_tied_calls.cpp).
uint32_t text_end(const python::SyntaxTree& tree, NodeId node);


// The target spelling of an op, preferring the source call's own kind: a layer stays a layer
// (nnx.Dropout -> nn.Dropout), a method a method (x.view -> x.reshape) where the target has one.
// The target's mapping of an op in the given kind, else its primary one; nullptr when none.
const OpMapping* target_mapping(const AdapterData& target, const std::string& op,
                                const std::string& kind);
/// The API of an op's primary spelling in `data`; empty when it has none.
std::string api_of(const AdapterData& data, const std::string& op);

/// The parameter of a layer op in `traits` named `name` (by_hub false) or holding the hub
/// parameter `name` (by_hub true), held whole; nullptr where the traits list none
/// (engine_ties.cpp).
const WeightParameter* weight_parameter(const WeightTraits& traits, const std::string& op,
                                        const std::string& name, bool by_hub);

/// What an idiom of the engine (idioms.h) is given: the call, how it was read, and the
/// target's spelling of its op.
struct IdiomCall {
  const Call& call;
  const SourceEntry& entry;
  HubCall& hub_call;
  const OpMapping& target;
  Phase phase;
  std::string& why;
};

class Converter {
 public:
  Converter(const std::string& file, const python::SyntaxTree& tree, const Framework& source,
            const Framework& target, const Options& options)
      : file_(file),
        tree_(tree),
        source_(source),
        target_(target),
        options_(options),
        resolver_(tree),
        own_index_(options.source_index && options.source_index->indexes(*source.data)
                       ? options.source_index
                       : std::make_shared<const SourceIndex>(*source.data, builtin_hub())),
        index_(*own_index_),
        spelling_(target.data->traits, resolver_.imports()),
        edits_(tree.source().bytes()),
        modules_(tree, resolver_, source.data->traits, target.data->traits),
        fields_(tree, resolver_, source.data->traits, target.data->traits),
        state_(tree, resolver_, *source.data, *target.data) {
    const ChildTemplates& children = source.data->traits.children;
    if (!children.method.empty()) {
      resolver_.add_child_templates(children.method, children.template_api);
    }
  }

  /// The converted tree, parsed again; nullopt when nothing changed.
  std::optional<python::SyntaxTree> run();
  /// Only the `rngs` plan: the file's callables whose key parameter the conversion adds or
  /// removes, by name (engine_keys.cpp, the first pass of a run over several files); `asked`
  /// gets the absolute names the plan looked up in Options::keyed_callables and
  /// Options::module_classes; `modules` the names of the file's module classes.
  std::vector<std::string> keyed_callables(std::set<std::string>& asked,
                                           std::vector<std::string>& modules);
  /// The file's permute layers by class name (engine_permute_layers.cpp); in the first pass,
  /// after keyed_callables().
  const std::map<std::string, PermuteLayer>& permute_layers();
  const rewrite::ImportPlan& import_plan() const { return imports_; }
  FileResult take_result() { return std::move(result_); }
  std::vector<rewrite::Rewriter::Span> spans() const { return spans_; }

 private:
  bool injects_keys(const std::string& qualified) const;
  /// Is `qualified` (as the file imports it, relative or not) one of Options::keyed_callables?
  bool imported_keys(const std::string& qualified) const;
  /// Is it one of Options::module_classes?
  bool imported_module(const std::string& qualified) const;
  bool imported_one_of(const std::set<std::string>& names, const std::string& qualified) const;
  void plan_subclasses();  // subclasses_, before plan_modules reads it
  void plan_modules(const std::vector<Call>& calls);
  void plan(const std::vector<Call>& calls);
  void convert(const std::vector<Call>& calls);
  void insert_comments(rewrite::Rewriter& rewriter);
  void convert_call(const Call& call);
  // Converting one framework call (framework_call.cpp).
  bool convert_framework_call(const Call& call, const ResolvedCall& resolved);
  bool convert_partial_call(const Call& call);
  const std::vector<SourceEntry>* source_entries(const Call& call, const ResolvedCall& resolved,
                                                 Phase& phase);
  bool left_to_reading_hook(const std::vector<SourceEntry>& entries) const;
  bool left_to_writing_hook(const std::vector<SourceEntry>& entries) const;
  void select_named_result(const Call& call, const SourceEntry& entry);
  bool convert_chosen_call(const Call& call, const ResolvedCall& resolved,
                           const SourceEntry& entry, HubCall& hub_call, Phase phase);
  std::optional<std::string> written_in_any_spelling(const Call& call, const SourceEntry& entry,
                                                     HubCall& hub_call, const OpMapping*& target,
                                                     Phase phase, std::string& why);
  uint32_t with_result_selector(const Call& call, const SourceEntry& entry,
                                const OpMapping& target, std::string& text);
  std::optional<uint32_t> narrowed_layer_results(const Call& call, const SourceEntry& entry,
                                                 const OpMapping& target, std::string& text,
                                                 uint32_t end, std::string& why);
  NodeId discarding_unpack(const Call& call, size_t results) const;
  std::pair<NodeId, std::string> layer_attribute(NodeId node, const std::string& attribute) const;
  std::optional<std::pair<NodeId, std::string>> built_attribute(const Call& call) const;
  void remember_left_layer(const Call& call);
  bool implied_values_hold(const SourceEntry& entry, const HubCall& read, bool swapped) const;
  bool left_layer(const Call& call);
  bool swapped_layer(const Call& call);
  std::optional<std::string> axes_swapped(const std::string& value);
  bool swap_layer_inputs(const HubOp& op, HubCall& hub_call, std::string& why);
  // Padding layers beside a convolution (padding_layers.cpp).
  const OpMapping* padding_layer(const HubOp& op, const HubCall& call,
                                 const OpMapping& target) const;
  enum class PaddingForm { none, layer, function };
  PaddingForm padding_form(const std::string& attribute, const HubOp& op, const HubCall& read,
                           const OpMapping& target) const;
  std::optional<std::string> padded_construction(const Call& call, const HubOp& op,
                                                 HubCall& hub_call, const OpMapping& target);
  bool padding_layer_before(const Call& call, const std::string& statement);
  std::optional<std::string> padding_layer_text(const OpMapping& layer, HubValue padding);
  const OpMapping* padding_function(const HubOp& op, const HubCall& call,
                                    const OpMapping& target) const;
  std::optional<std::string> padded_input(const Call& call, const std::string& input);
  std::optional<std::string> padded_by_function(const std::string& input,
                                                const HubValue& padding, const OpMapping& pad,
                                                const std::string& layout);
  bool padded_layer_input(const Call& call, const HubOp& op, HubCall& hub_call);
  std::optional<std::string> pad_call(const std::string& input, const std::string& widths,
                                      const OpMapping& pad, const std::string& value = "");
  // ... and folded into it again where the target pads with numbers (padding_folds.cpp).
  struct PaddingFold {
    HubValue padding;
    std::optional<std::pair<NodeId, std::string>> pad_layer;  // (class_def, attribute)
    std::set<NodeId> pad_calls;                                // trailers of pad calls
    std::string argument = "padding";  // what the fold sets (a max pool's ceil_mode)
  };
  using WrappedCalls =
      std::map<std::pair<NodeId, std::string>, std::vector<std::pair<const Call*, const Call*>>>;
  void count_wrapped_calls(std::map<std::pair<NodeId, std::string>, int>& calls,
                           WrappedCalls& by_layer, WrappedCalls& by_function) const;
  std::optional<HubValue> built_padding(const Call& call, const std::string& op);
  std::optional<std::string> built_layout(const Call& call);
  std::optional<HubValue> padding_of_call(const Call& pad, const std::string& layout);
  bool folds_into(const Call& conv, const std::string& pad_op, const HubValue& padding);
  const std::map<std::pair<NodeId, std::string>, PaddingFold>& padding_folds();
  std::optional<std::pair<std::string, HubValue>> folded_padding(const Call& call);
  // A max pool's ceil_mode as padding of its input, and back (ceil_mode_pads.cpp).
  const OpMapping* ceil_mode_pad(const HubOp& op, const HubCall& call, const OpMapping& target,
                                 std::vector<int>& widths) const;
  std::optional<std::string> ceil_padded(const std::string& input, const std::vector<int>& widths,
                                         const OpMapping& pad, const std::string& layout);
  bool ceil_mode_as_padding(const Call& call, const SourceEntry& entry, HubCall& hub_call,
                            const OpMapping& target, Phase phase);
  bool ceil_padded_layer_input(const Call& call, const HubOp& op, HubCall& hub_call);
  bool ceil_mode_fits(const HubOp& op, const HubCall& call, const OpMapping& target,
                      std::string& why) const;
  std::vector<int> ceil_widths_of_call(const Call& pad, const std::string& layout);
  bool ceil_mode_folds_into(const Call& pool, const std::vector<int>& widths);
  void ceil_mode_folds(const std::map<std::pair<NodeId, std::string>, int>& calls,
                       const WrappedCalls& by_function,
                       std::map<std::pair<NodeId, std::string>, PaddingFold>& folds);
  bool fold_padding_layer(const Call& call, Phase phase);
  bool replace_converted(const Call& call, const SourceEntry& entry, const HubCall& hub_call,
                         const OpMapping& target, uint32_t end, std::string text);
  /// A call whose callee spells an expression form of the source spoke (expression_reading.h):
  /// its readings; nullptr for any other call.
  const std::vector<SourceEntry>* expression_form(const Call& call) const;
  bool convert_layer_lambda(const Call& call, const SourceEntry& entry, const HubCall& read);
  struct Choice {
    const SourceEntry* entry = nullptr;
    std::optional<HubCall> call;
  };
  Choice choose_entry(const Call& call, const std::vector<SourceEntry>& entries, Phase phase,
                      const FrameworkCall& framework, const Spelling& spelling,
                      std::string& first_why) const;
  std::vector<Choice> constructions_of(const Call& call);
  // A convolution's padding layer beside it in the target's sequential layer, and folded back
  // (padded_sequences.cpp).
  std::optional<std::string> padded_sequence(const Call& call, const SourceEntry& entry,
                                             const HubCall& hub_call, const OpMapping& target);
  Choice read_construction(const Call& call);
  struct SequenceFold {
    const Call* conv = nullptr;
    HubValue padding;
  };
  std::optional<SequenceFold> padded_sequence_fold(const Call& sequential);
  std::optional<HubValue> sequence_padding(const Call& conv);
  bool fold_padded_sequence(const Call& call);
  void convert_local_call(const Call& call);
  bool convert_held_class_call(const Call& call);
  // A layer built with a constructor's `**kwargs` (engine_forwarding.cpp).
  void plan_forwardings(const std::vector<Call>& calls);
  bool plan_forwarding(const KeywordForwarding& forwarding, const std::string& api,
                       std::string& why);
  std::optional<std::string> forwarded_layer(const std::string& api, const FrameworkCall& fixed,
                                             const FrameworkCall& arguments,
                                             std::set<std::string>& inner, std::string& why);
  struct SiteEdit {
    uint32_t begin, end;
    std::string text;
  };
  std::vector<SiteEdit> site_keywords(const ForwardingSite& site,
                                      const std::vector<std::string>& passed, std::string& why);
  bool convert_forwarded(const Call& call);
  // A named child added to a sequential container (engine_children.cpp).
  bool in_subclass_of(NodeId node, const Framework& framework, const std::string& op) const;
  bool holds_sequential(const Call& call, const std::string& receiver) const;
  void convert_sequential_attributes();
  // Children read by the names of the mapping a sequential layer was built from (sequential_names.cpp).
  std::optional<std::string> sequential_mapping(NodeId value) const;
  void convert_sequential_names();
  void convert_array_type_tests(const std::vector<Call>& calls);
  std::optional<std::string> added_child(const Call& call, const std::string& receiver,
                                         const std::string& name, const std::string& layer) const;
  bool convert_added_child(const Call& call);
  bool convert_subclass_call(const Call& call);
  void convert_template_call(const Call& call, const Call& layer);
  void plan_fields(const std::vector<Call>& calls);
  bool builds_layer(const Call& call) const;
  // Module state and the purity scan (engine_state.cpp).
  void plan_state(const std::vector<Call>& calls);
  void report_side_effects();
  // Ties between layers' parameters (engine_ties.cpp).
  void convert_ties();
  std::string built_layer_op(NodeId node, const std::string& attribute) const;
  using LayerParameter = std::pair<std::string, std::string>;  // (`self.head`, `weight`)
  bool tie_as_call(NodeId statement, const LayerParameter& tied, const LayerParameter& owner,
                   const std::string& op, const std::string& owner_op);
  // ... and back, a method calling the owner as the layer and its tie (engine_tied_calls.cpp).
  void convert_tied_calls();
  bool tied_call_as_layer(const rewrite::FunctionDef& method, const WeightTiedLayer& form);
  std::optional<std::pair<const Call*, HubCall>> layer_construction(NodeId node,
                                                                    const std::string& attribute);
  std::optional<std::string> tied_layer_text(const WeightTiedLayer& form, const HubCall& owner);
  std::string tied_call_text(const WeightTiedLayer& form, const std::string& owner,
                             const std::string& input);
  std::optional<std::string> tied_call_owner(const WeightTiedLayer& form, const std::string& text,
                                             const std::string& input) const;
  std::optional<std::pair<std::string, std::string>> tie_in_target(
      const std::string& op, const std::string& name, const std::string& owner_op,
      const std::string& owner_name, std::string& why) const;
  // Attributes read from a layer of a known class (engine_layer_attributes.cpp).
  void convert_layer_attributes();
  const SourceEntry* layer_class_entry(const std::string& text) const;
  std::optional<std::string> attribute_in_target(const SourceEntry& entry,
                                                 const std::string& name, std::string& why) const;
  std::vector<const SourceEntry*> receiver_layers(const AttributeRead& read) const;
  NodeId base_class_in_file(NodeId definition) const;
  // ... and their parameters read as values (engine_parameter_values.cpp).
  void convert_parameter_values();
  bool parameter_taken_whole(const AttributeRead& read) const;
  NodeId next_trailer(NodeId trailer) const;
  bool convert_parameter_shape(const AttributeRead& read, const WeightParameter& own,
                               const WeightParameter* kept, const std::string& api);
  std::vector<std::pair<uint32_t, uint32_t>> traced_steps(python::NodeId function) const;
  void convert_references();
  void convert_array_properties();
  void convert_function_values();
  std::optional<std::string> function_value_of(const std::string& qualified,
                                               const FrameworkCall& arguments, NodeId where,
                                               std::string& why, bool as_value = false);
  std::optional<std::string> function_as_value(const std::vector<SourceEntry>& entries,
                                               const FrameworkCall& arguments, std::string& why);
  Choice function_value_entry(const std::vector<SourceEntry>& entries,
                              const FrameworkCall& arguments, std::string& why);
  bool is_assigned_value(const python::Node& node) const;
  bool is_argument_value(NodeId reference) const;
  NodeId value_position(NodeId reference) const;
  std::optional<std::string> layer_factory_of(const std::string& qualified, std::string& why);
  bool factory_parameters(const SourceEntry& entry, std::string& parameters,
                          FrameworkCall& passed) const;
  bool names_layer_class(const std::string& qualified) const;
  std::string with_keys_in_scope(std::string text, NodeId where);
  std::string without_keys(std::string text) const;
  std::optional<std::string> conditional(const HubCall& call, std::string& why);
  std::optional<std::string> scan_loop(const Call& call, const HubCall& hub_call,
                                       const std::string& api, std::string& why);
  std::optional<std::string> recurrent_layer(const Call& call, const HubOp& op,
                                             const HubCall& hub_call, const OpMapping& target,
                                             Phase phase, std::string& why);
  std::optional<std::string> recurrent_call(const Call& call, const HubOp& op,
                                            const HubCall& hub_call, const OpMapping& target,
                                            std::string& why);
  // A target whose recurrent layer is one layer of one direction (keras.layers.LSTM): stacked
  // and bidirectional layers written of several of them (recurrent_stack.cpp).
  bool stacks_recurrent_layers(const HubOp& op, const OpMapping& target) const;
  std::optional<std::string> recurrent_layers(const Call& call, const HubCall& hub_call,
                                              const OpMapping& target, std::string& why);
  // Stacked layers built to return their final state, run one by one (recurrent_built_state.cpp).
  enum class StateUse { outputs, state, mixed };
  StateUse recurrent_state_use(const std::optional<std::pair<NodeId, std::string>>& built) const;
  bool convert_built_state_call(const Call& call, const SourceEntry& entry,
                                const HubCall& hub_call, const OpMapping& target,
                                const std::string& api, bool swapped);
  std::optional<std::string> one_recurrent_layer(const Call& call, const HubCall& hub_call,
                                                 const OpMapping& target,
                                                 const HubValue& input_size, std::string& why);
  std::optional<std::string> recurrent_final_state(const Call& call, const HubOp& op,
                                                   const std::string& input,
                                                   std::vector<std::string> targets,
                                                   std::string& why);
  // A target whose stacked layers are a plain list of one-layer layers returning every step's
  // states ([recurrent] stack = "list": MLX), each run in turn (recurrent_list.cpp).
  struct ListedRun {
    std::vector<std::string> targets;  ///< out, then h (and c), "_" where not read
    uint32_t begin = 0;                ///< the statement's start
    uint32_t end = 0;                  ///< the end of the call, or of its `[0]`
  };
  std::optional<ListedRun> listed_run(const Call& call) const;
  bool runs_of_listed_layers(const Call& call) const;
  std::optional<bool> convert_listed_run(const Call& call, const SourceEntry& entry,
                                         const HubCall& hub_call, const OpMapping& target,
                                         const std::string& api, bool swapped);
  std::optional<std::string> listed_runs(const Call& call, const HubOp& op,
                                         const RecurrentShape& shape, const std::string& input,
                                         bool swapped, const ListedRun& run, std::string& why);
  std::optional<std::string> joined_directions(const std::string& forward,
                                               const std::string& backward,
                                               std::string& why);
  // That form read back: the list as one layer, the runs as one call of it.
  struct ListedStack {
    const SourceEntry* entry = nullptr;
    HubCall call;  ///< with num_layers
    const Call* first = nullptr;
    bool bidirectional = false;  ///< two layers per layer, forward then backward
  };
  bool runs_reversed(const std::string& attribute) const;
  std::optional<ListedStack> read_listed_stack(NodeId display, const std::string& attribute,
                                               std::string& why);
  void plan_listed_stacks(const std::vector<Call>& calls);
  bool convert_listed_stack(const Call& call);
  bool convert_listed_runs(const Call& call);
  struct ListedOutputs {
    std::vector<std::string> hs, cs;  ///< every run's last step, in the order of h_n
    std::string last;                 ///< the last layer's outputs: `h_l1`, `out_l1`
  };
  std::optional<uint32_t> listed_runs_end(const ListedStack& stack, uint32_t from,
                                          const std::string& base, const std::string& input,
                                          const std::string& indent, ListedOutputs& outputs);
  std::map<std::pair<NodeId, std::string>, ListedStack> listed_stacks_;  // by attribute
  bool used_after(const Call& call, const std::string& name) const;
  NodeId ends_statement(const Call& call) const;
  bool is_whole_value(const Call& call) const;
  std::optional<HubCall> read_recurrent_layer(const Call& call, const SourceEntry& entry,
                                              const FrameworkCall& framework,
                                              const Spelling& spelling, std::string& why) const;
  // One RNN read back (recurrent_layer.cpp): a one-layer, one-direction reading, and whether
  // it runs backward.
  struct RecurrentReading {
    const SourceEntry* entry = nullptr;
    HubCall call;
    bool reverse = false;
  };
  std::optional<RecurrentReading> read_rnn(const Call& call, const SourceEntry& entry,
                                           const FrameworkCall& framework,
                                           const Spelling& spelling, std::string& why) const;
  // Stacked and bidirectional layers read back whole (recurrent_stack.cpp).
  std::string bidirectional_api() const;
  std::optional<RecurrentReading> read_rnn_call(const Call& call, std::string& why);
  std::optional<RecurrentReading> read_recurrent_stage(const Call& call, std::string& why);
  Choice read_recurrent_stack(const Call& call, std::string& why);
  Choice chained_layers(std::vector<RecurrentReading> readings) const;
  // Layers built to return their state, read back (recurrent_built_state.cpp).
  NodeId list_of_item(const Call& call) const;
  std::optional<std::pair<NodeId, std::string>> constructed_attribute(const Call& call) const;
  std::optional<RecurrentReading> read_state_layer(const Call& call, std::string& why);
  Choice read_state_layers(const Call& call, std::string& why);
  bool built_state_layer(const Call& call, const std::string& name);
  bool convert_state_layers(const Call& call);
  bool inside_recurrent_stack(const Call& call);
  bool convert_recurrent_stack(const Call& call, const ResolvedCall& resolved);
  // A final state read back (recurrent_state.cpp).
  bool convert_final_state(const Call& call);
  bool read_with_first_layer(const Call& call, const std::string& first_callee);
  std::optional<RecurrentShape> built_recurrent_layer(const Call& call, const std::string& name,
                                                      const SourceEntry*& entry);
  bool inside_final_state(const Call& call) const;
  std::optional<std::pair<std::string, uint32_t>> read_stacked_state(
      uint32_t from, const std::string& indent, bool lstm, const std::vector<std::string>& hs,
      const std::vector<std::string>& cs) const;
  bool cell_of_recurrent_layer(const Call& call) const;
  const Call* call_given(const Call& call) const;
  bool runs_other_cell(const Call& call, const SourceEntry& entry) const;
  const Call* call_of(NodeId node) const;

 public:
  // The idioms of idioms.h, one member each (engine_idioms.cpp).
  std::optional<std::string> write_expression(IdiomCall& idiom);
  std::optional<std::string> write_conditional(IdiomCall& idiom);
  std::optional<std::string> write_recurrent_layer(IdiomCall& idiom);
  std::optional<std::string> write_scan_loop(IdiomCall& idiom);
  std::optional<std::string> write_reduced_loss(IdiomCall& idiom);
  std::optional<std::string> write_result_parts(IdiomCall& idiom);
  std::optional<std::string> write_chunks_as_split(IdiomCall& idiom);
  bool adjust_split_sizes(IdiomCall& idiom, std::string& suffix);
  bool adjust_split_size_list(IdiomCall& idiom, std::string& suffix);
  bool adjust_kept_sizes(IdiomCall& idiom, std::string& suffix);
  bool adjust_subscript(IdiomCall& idiom, std::string& suffix);

 private:
  std::optional<std::string> reduced_loss(const HubOp& op, bool layer, HubCall& call,
                                          const OpMapping& target, std::string& why);
  FrameworkCall framework_call(const Call& call) const;
  bool left_to_hook(const OpMapping& source, const OpMapping& target) const;
  const OpMapping* method_or_function(const std::string& op) const;
  std::optional<std::string> permuted(const std::string& value, const std::vector<int>& axes);
  const std::vector<std::string>& array_arguments(const HubOp& op, const OpMapping& target) const;
  bool tensor_method_receiver(const Call& call) const;
  std::optional<std::string> written(const Call& call, const SourceEntry& entry, HubCall& hub_call,
                                     const OpMapping& target, Phase phase, std::string& why);
  std::optional<std::string> written_construction(const Call& call, const HubOp& op,
                                                  const OpMapping& source, HubCall& hub_call,
                                                  const OpMapping& target, std::string& why);
  // A function call whose target is a layer, built in the constructor (hoisted_layers.cpp).
  const rewrite::FunctionDef* constructor_beside(NodeId node) const;
  std::string hoisted_name(const std::string& op);
  std::optional<std::string> hoisted_layer(const Call& call, const HubOp& op,
                                           const OpMapping& source, const HubCall& hub_call,
                                           const OpMapping& target, std::string& why);
  void unconverted(const Call& call, const std::string& api, const std::string& why);
  void unconverted_at(uint32_t offset, NodeId node, const std::string& api,
                      const std::string& why);
  void withdraw_reports(uint32_t begin, uint32_t end);
  // The tensor inference and what it reports (engine_tensors.cpp).
  TensorFacts tensor_facts() const;
  void collect_array_attributes();
  bool known_tensor(const Call& call) const;
  void report_unmapped_method(const Call& call);
  void report_unmapped_attributes();
  void note(uint32_t offset, const std::string& message);
  // In-place updates and immutable arrays (engine_inplace.cpp).
  void plan_in_place();
  const Call* call_at(NodeId trailer) const;
  void plan_functional_updates();
  InPlaceRules in_place_rules() const;
  const std::vector<SourceEntry>* out_of_place_api(const std::string& name) const;
  bool state_attribute(const InPlaceUpdate& update) const;
  bool calls_converted(const InPlaceUpdate& update) const;
  std::string in_place_name(const InPlaceUpdate& update) const;
  void rewrite_value_used(const InPlaceUpdate& update);
  void not_rewritten(const InPlaceUpdate& update, NodeId node);
  const std::vector<SourceEntry>* out_of_place_entries(const Call& call) const;
  bool convert_temporary_store(const Call& call);
  void rewrite_in_place();
  void rewrite_indexed_updates();
  void rewrite_indexed_reads();
  using AxisFields = std::pair<std::string, std::string>;  // `set-axis`'s {axis} and {at}
  std::optional<std::string> indexed_update(const std::string& update, const std::string& array,
                                            const std::string& index,
                                            const std::string& value,
                                            const AxisFields& axis = {});
  std::string index_text(NodeId trailer) const;
  std::optional<std::string> stored_value(const InPlaceUpdate& update) const;
  std::optional<std::string> updated_value(const InPlaceUpdate& update);
  std::optional<std::string> functional_text(const InPlaceUpdate& update);
  void report_sharing(const InPlaceUpdate& update);
  void purity(uint32_t offset, NodeId node, const std::string& message);
  /// A located warning tagged `unit`, counted unconverted, and marked as a comment above the
  /// statement around `node`.
  void report_unconverted(uint32_t offset, NodeId node, const std::string& message,
                          const std::string& unit);
  std::string node_text(NodeId node) const {
    const auto& n = tree_.node(node);
    return edits_.text(n.begin, n.end);
  }
  Spelling hub_spelling();
  bool same_padding_fits(HubCall& call, const OpMapping& target,
                         std::string& why) const;
  const HubOp* function_value_op(const std::string& dotted) const;
  void collect_ordered_mappings(const std::vector<Call>& calls);
  bool names_ordered_mapping(python::NodeId argument) const;
  std::optional<std::set<std::string>> unpacked_keywords(python::NodeId argument) const;
  python::NodeId function_around(python::NodeId node) const;
  CallFacts layout_facts(const Call& call);
  CallFacts partial_layout_facts(const Call& call);
  python::NodeId permute_dims(const Call& call, const ResolvedCall& resolved);
  std::optional<PermuteLayer> permute_layer(const rewrite::ClassDef& cls);
  std::optional<PermuteLayer> stored_parameter(const rewrite::FunctionDef& init,
                                               const std::string& attribute) const;
  bool fixed_values_refuse(const HubOp& op, const OpMapping& primary, const HubCall& call) const;
  void apply_restores(NodeId consumer);
  bool apply_layout_action(const Call& call, const ResolvedCall& resolved, const SourceEntry& entry,
                           HubCall& hub_call, const OpMapping* target);

  const std::string& file_;
  const python::SyntaxTree& tree_;
  const Framework& source_;
  const Framework& target_;
  const Options& options_;
  std::set<std::string>* asked_ = nullptr;  // during keyed_callables(): names looked up
  NameResolver resolver_;
  std::vector<rewrite::FunctionDef> function_defs_;
  std::optional<HeldLayerClasses> held_classes_;  // parameters whose default is a layer class
  std::string kept_callee_;  // a held class's call keeps its callee (`conv_layer(...)`)
  std::optional<LayerSubclasses> subclasses_;  // classes keeping a layer class's constructor
  bool kept_subclass_ = false;  // kept_callee_ is such a class: the layer's defaults and keys
  /// Names bound to an ordered mapping (`layers = OrderedDict()`), by the function that binds
  /// them (kNoNode: the module): a lone variadic argument of that name holds named items.
  std::set<std::pair<python::NodeId, std::string>> ordered_mappings_;
  std::shared_ptr<const SourceIndex> own_index_;  // the source's, or this file's own
  const SourceIndex& index_;
  TargetSpelling spelling_;
  // Layers built for function calls (hoisted_layers.cpp): their names, and by the point where
  // they are inserted the statements inserted there.
  std::set<std::string> hoisted_names_;
  std::map<uint32_t, std::map<uint32_t, std::string>> hoisted_at_;  // by the call's offset
  EditSet edits_;
  ModuleRewriter modules_;
  ModuleFields fields_;
  ModuleState state_;
  std::string selected_result_;  // the result a call's `.values` / `.indices` picks
  bool deferred_ = false;        // written() left the call to a hook plugin
  std::map<NodeId, std::vector<std::pair<uint32_t, std::string>>> comments_;  // statement -> marks
  FileResult result_;
  rewrite::ImportPlan imports_;
  std::vector<rewrite::Rewriter::Span> spans_;  // the edits of the printed result
  std::map<NodeId, const Call*> calls_by_trailer_;  // every call of the file, during run()
  std::optional<std::map<std::string, PermuteLayer>> own_permute_layers_;
  std::vector<Call> own_calls_;  // the calls permute_layers() reads outside run()
  std::map<std::string, Value> array_attributes_;  // the source's array properties, by name
  std::optional<TensorValues> values_;             // which expressions hold tensors
  std::vector<InPlaceUpdate> in_place_;          // updates made functional, or reported
  std::vector<InPlaceUpdate> blocked_in_place_;  // updates the target cannot make functional
  std::vector<std::pair<uint32_t, uint32_t>> final_states_;  // statements read back as one
  std::set<uint32_t> final_states_reported_;
  std::vector<const Call*> waiting_layers_;  // later layers' runs converted with the first's
  std::set<std::pair<NodeId, std::string>> left_layers_;  // (class_def, `self.x`) unconverted
  std::set<NodeId> in_place_calls_;    // in-place calls read as their out-of-place counterpart
  std::set<NodeId> in_place_handled_;  // in-place calls whose report is their update's
  std::vector<IndexedUpdate> indexed_updates_;  // `x = y.at[i].set(v)` towards in-place arrays
  std::set<NodeId> indexed_accessors_;          // their `.at` trailers
  /// Padding layers and pad calls folded into their convolution (padding_folds.cpp), by the
  /// convolution's key.
  std::optional<std::map<std::pair<NodeId, std::string>, PaddingFold>> padding_folds_;
  std::optional<ForwardedKeywords> forwarded_;  // layers built with a constructor's **kwargs
  std::map<NodeId, std::string> forwarded_texts_;  // their calls' texts, by trailer
  std::map<NodeId, std::vector<SiteEdit>> site_edits_;  // their constructions' keywords
  std::map<NodeId, FrameworkCall> forwarded_readings_;  // their calls, with one's keywords
  std::map<NodeId, std::pair<std::string, std::string>> forwarding_why_;  // (api, why) by call
  LayoutPlan layout_;  // axis numbers that follow the target's image layout (layout_flow.h)
};

}  // namespace switcheroo::convert::engine_detail
