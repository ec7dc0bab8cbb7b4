// A layer whose call returns another number of results in the target (PyTorch's
// MultiheadAttention returns (output, weights), Flax's MultiHeadAttention its output alone):
// the call site is narrowed to the result both share.
#include "converter.h"

#include "rewrite/tree_query.h"

#include "call_mapping.h"
#include "idioms.h"
#include "layer_idioms.h"

#include <algorithm>

namespace switcheroo::convert::engine_detail {

namespace {

bool same_first_result(const std::vector<std::string>& from, const std::vector<std::string>& to) {
  const auto discarded = [](const std::vector<std::string>& results) {
    return std::find(results.begin(), results.end(), "_") != results.end();
  };
  return !from.empty() && !to.empty() && from[0] == to[0] && !discarded(from) && !discarded(to);
}

// A target that returns as many results but leaves one of the source's unused ("_":
// Praxis's attention returns per-head probabilities where PyTorch's weights are averaged).
bool discards_a_result(const std::vector<std::string>& from, const std::vector<std::string>& to) {
  if (from.size() != to.size() || from.empty() || from[0] == "_" || from[0] != to[0]) return false;
  for (size_t i = 1; i < to.size(); ++i) {
    if (to[i] == "_" && from[i] != "_") return true;
  }
  return false;
}

}  // namespace

// `out, _ = layer(...)`: the statement around the call when it unpacks the call's results into
// a first target and discards the rest; kNoNode otherwise.
NodeId Converter::discarding_unpack(const Call& call, size_t results) const {
  const NodeId primary = tree_.node(call.trailer).parent;
  if (tree_.node(call.trailer).next_sibling != python::kNoNode || primary == python::kNoNode) {
    return python::kNoNode;
  }
  const NodeId statement = tree_.node(primary).parent;
  if (statement == python::kNoNode || tree_.kind_name(statement) != "expression_stmt") {
    return python::kNoNode;
  }
  const auto parts = tree_.children(statement);
  if (parts.size() != 3 || parts[2] != primary || tree_.kind_name(parts[0]) != "star_expressions") {
    return python::kNoNode;
  }
  std::vector<NodeId> targets;
  for (NodeId child : tree_.children(parts[0])) {
    if (!tree_.is_token(child)) targets.push_back(child);
  }
  if (targets.size() != results) return python::kNoNode;
  for (size_t i = 1; i < targets.size(); ++i) {
    if (rewrite::token_text(tree_, targets[i]) != "_") return python::kNoNode;
  }
  return parts[0];
}

// Where the rewritten call ends once its results are narrowed: a target spelling with more
// results than the source's gets `[0]` (nnx.MultiHeadAttention -> nn.MultiheadAttention); one
// with fewer drops the source's `[0]`, or the discarded targets of `out, _ = ...`. Where both
// return several results but share only the first (PyTorch's LSTM returns the outputs and the
// final (h, c), MLX's the hidden and the cell states of every step), those become `out = ...[0]`.
// Any other use of the results cannot be narrowed: nullopt, with `why` saying so.
std::optional<uint32_t> Converter::narrowed_layer_results(const Call& call,
                                                          const SourceEntry& entry,
                                                          const OpMapping& target,
                                                          std::string& text, uint32_t end,
                                                          std::string& why) {
  const auto& from = entry.mapping->results;
  const auto& to = target.results;
  const NodeId next = tree_.node(call.trailer).next_sibling;
  if (entry.op->kind == "layer" && discards_a_result(from, to)) {
    const bool selected = next != python::kNoNode && rewrite::token_text(tree_, next) == "[0]";
    if (selected || discarding_unpack(call, to.size()) != python::kNoNode) return end;
    why = "'" + target.api + "' does not return the same results after its '" + to[0] +
          "': only a call whose other results are discarded ('" + from[0] +
          ", _ = ...' or '...[0]') converts";
    return std::nullopt;
  }
  if (entry.op->kind != "layer" || !entry.mapping->hook.empty() || !target.hook.empty() ||
      from == to || !same_first_result(from, to)) {
    return end;
  }
  if (from.size() == 1) {
    // A call already written for the target's results (a PyTorch call left in a Flax file,
    // `x, _ = attention(..., need_weights=False)`) keeps them.
    const bool selected = next != python::kNoNode && rewrite::token_text(tree_, next) == "[0]";
    if (!selected && discarding_unpack(call, to.size()) == python::kNoNode) text += "[0]";
    return end;
  }
  // A target with several results keeps the first by `[0]`, which a swapped layer's call
  // then wraps whole.
  const std::string selector = to.size() > 1 ? "[0]" : "";
  if (next != python::kNoNode && rewrite::token_text(tree_, next) == "[0]") {
    text += selector;
    return tree_.node(next).end;
  }
  const NodeId targets = discarding_unpack(call, from.size());
  if (targets == python::kNoNode) {
    why = "'" + target.api + "' returns its '" + to[0] + "' " +
          (to.size() > 1 ? "and other results than the source's" : "alone") +
          ": only a call whose other results are discarded ('" + from[0] +
          ", _ = ...' or '...[0]') converts";
    return std::nullopt;
  }
  const auto& span = tree_.node(targets);
  if (!edits_.replace(span.begin, span.end, node_text(tree_.children(targets).front()))) {
    why = "it overlaps another rewrite";
    return std::nullopt;
  }
  text += selector;
  return end;
}

}  // namespace switcheroo::convert::engine_detail

namespace switcheroo::convert::engine_detail {

// `self.<name>` in the class around `node`, as a key: (the class_def, the attribute text).
std::pair<NodeId, std::string> Converter::layer_attribute(NodeId node,
                                                         const std::string& attribute) const {
  NodeId around = node;
  while (around != python::kNoNode && tree_.kind_name(around) != "class_def") {
    around = tree_.node(around).parent;
  }
  return {around, attribute};
}

// The layer attribute `self.<name> = API(...)` builds, as a key; nullopt for any other call.
std::optional<std::pair<NodeId, std::string>> Converter::built_attribute(const Call& call) const {
  const NodeId primary = call.primary;
  const NodeId statement = primary == python::kNoNode ? primary : tree_.node(primary).parent;
  if (auto child = fields_.child_name(call)) {
    return layer_attribute(call.primary, "self." + *child);  // a child registered from a template
  }
  if (statement == python::kNoNode || tree_.kind_name(statement) != "expression_stmt") {
    return std::nullopt;
  }
  const auto parts = tree_.children(statement);
  if (parts.size() != 3 || parts[2] != primary) return std::nullopt;
  return layer_attribute(statement, rewrite::token_text(tree_, parts[0]));
}

void Converter::remember_left_layer(const Call& call) {
  if (auto key = built_attribute(call)) left_layers_.insert(*key);
}

// Whether a construction read as `entry` has the values its target spelling implies
// (nnx.MultiHeadAttention's batch_first=True), the hub default standing for a value left out,
// and only those it can write for the arguments the target drops.
// With `swapped`, a value the target meets by swapping axes at each call (`axes-swapped`)
// counts as holding; otherwise it does not.
bool Converter::implied_values_hold(const SourceEntry& entry, const HubCall& read,
                                    bool swapped) const {
  const OpMapping* target = target_mapping(*target_.data, entry.op->name, entry.mapping->kind);
  if (target == nullptr) return true;
  const bool stacked = stacks_recurrent_layers(*entry.op, *target);
  for (const auto& [name, implied] : target->fixed) {
    // the target's stack of its one-layer layers meets these (recurrent_stack.cpp)
    if (stacked && (name == "num_layers" || name == "bidirectional")) continue;
    const auto value = read.values.find(name);
    const HubArgument* argument = entry.op->argument(name);
    std::optional<std::string> text;
    if (value != read.values.end()) {
      text = value->second.text;
    } else if (argument != nullptr) {
      text = argument->default_value;
    }
    if (!text || *text == "None" || same_value(implied, *text)) continue;
    if (!swapped || !swaps_axes(*target, name, *text)) return false;
  }
  // An argument the target lacks converts only at the hub default or the target's own
  // (nn.MSELoss(reduction='sum') towards Keras's MeanSquaredError stays PyTorch's), unless a
  // hook writes the layer (Flax's recurrent_layer meets batch_first itself).
  // A max pool's ceil_mode its calls pad for (ceil_mode_pads.cpp) holds as well.
  std::vector<int> widths;
  const bool ceil_padded = ceil_mode_pad(*entry.op, read, *target, widths) != nullptr;
  for (const auto& name : target->hook.empty() ? target->dropped : std::vector<std::string>{}) {
    const auto value = read.values.find(name);
    if (ceil_padded && name == "ceil_mode") continue;
    const HubArgument* argument = entry.op->argument(name);
    if (value == read.values.end() || argument == nullptr || value->second.implicit) continue;
    const auto own = target->defaults.find(name);
    const bool fits = (argument->default_value &&
                       same_value(*argument->default_value, value->second.text)) ||
                      (own != target->defaults.end() && same_value(own->second, value->second.text));
    if (!fits) return false;
  }
  return true;
}

// The constructions of the layer `call` calls (`self.attn = ...` for `self.attn(q, k, v)`),
// each read as the entry the conversion chooses for it (none where it chooses none).
std::vector<Converter::Choice> Converter::constructions_of(const Call& call) {
  std::vector<Choice> found;
  const auto key = layer_attribute(call.primary, call.dotted_callee);
  for (const auto& [trailer, written] : calls_by_trailer_) {
    // A child's template (`Config(pl.Conv2D, ...)`) is read as a call of its layer class.
    const std::optional<Call> layer = fields_.template_as_call(*written);
    const Call* built = layer ? &*layer : written;
    if (built_attribute(*built) != key) continue;
    const ResolvedCall resolved = resolver_.resolve(*built);
    const std::vector<SourceEntry>* entries =
        resolved.kind == ResolvedCall::Kind::function ? index_.api(resolved.name) : nullptr;
    if (entries == nullptr || entries->empty() || !entries->front().mapping->gap.empty()) {
      continue;
    }
    std::string why;
    Choice choice = choose_entry(*built, *entries, Phase::construct, framework_call(*built),
                                 hub_spelling(), why);
    // A construction whose arguments an idiom of either side refuses (a pool's ceil_mode where
    // pl.Pooling pads by name; pl.Pooling's 'SAME', which has no fixed width) is left as
    // written, and so is what its calls return.
    const OpMapping* target =
        choice.entry == nullptr
            ? nullptr
            : target_mapping(*target_.data, choice.entry->op->name, choice.entry->mapping->kind);
    auto adapts = [](const std::string& hook) {
      const BuiltinIdiom* idiom = find_idiom(hook);
      return idiom != nullptr && idiom->stage == IdiomStage::reading;
    };
    if (target != nullptr && (adapts(target->hook) || adapts(choice.entry->mapping->hook)) &&
        choice.call) {
      HubCall adapted = *choice.call;
      std::vector<int> widths;
      if (ceil_mode_pad(*choice.entry->op, adapted, *target, widths) != nullptr) {
        adapted.values.erase("ceil_mode");  // its calls pad for it (ceil_mode_pads.cpp)
      }
      if (!adapt_for_hook(*choice.entry->op, *choice.entry->mapping, *target, adapted, why)) {
        choice.entry = nullptr;
      }
    }
    found.push_back(std::move(choice));
  }
  return found;
}

// A layer whose construction is (or will be) left unconverted: its calls stay as they are too,
// since the results they return are still the source framework's. Constructions may be
// converted after the calls (module fields), so the construction is read here as well.
bool Converter::left_layer(const Call& call) {
  if (left_layers_.count(layer_attribute(call.primary, call.dotted_callee))) return true;
  for (const Choice& choice : constructions_of(call)) {
    if (choice.entry == nullptr || !implied_values_hold(*choice.entry, *choice.call, true)) {
      return true;
    }
  }
  return false;
}

// A layer built with a value its target meets by swapping axes (`axes-swapped`: PyTorch's
// sequence-first nn.MultiheadAttention as the batch-first nnx.MultiHeadAttention).
bool Converter::swapped_layer(const Call& call) {
  const auto constructions = constructions_of(call);
  return !constructions.empty() && constructions.front().entry != nullptr &&
         !implied_values_hold(*constructions.front().entry, *constructions.front().call, false);
}

// Axes 0 and 1 of `value` exchanged, spelled through the target spoke's `swapaxes`: its method
// form where it has one (`x.swapaxes(0, 1)`), else its function (`jnp.swapaxes(x, 0, 1)`), else
// its expression (TensorFlow's `tf.transpose` with the two axes exchanged in `perm`).
std::optional<std::string> Converter::axes_swapped(const std::string& value) {
  const OpMapping* spelling = method_or_function("swapaxes");
  if (spelling == nullptr) {
    auto primary = target_.data->ops.find("swapaxes");
    const HubOp* op = builtin_hub().find("swapaxes");
    if (primary == target_.data->ops.end() || primary->second.expression.empty() || !op) {
      return std::nullopt;
    }
    HubCall swap{op, {{"input", value_of(value)}, {"axis0", value_of("0")},
                      {"axis1", value_of("1")}}, {}, 0};
    std::string why;
    return convert::write_expression(swap, primary->second, hub_spelling(), why);
  }
  const std::string& api = spelling->api;
  if (spelling->kind == "method") {
    return as_operand(value) + "." + api.substr(api.rfind('.') + 1) + "(0, 1)";
  }
  return spelling_.api(api) + "(" + value + ", 0, 1)";
}

// The tensor inputs of a call of a swapped layer, each with axes 0 and 1 exchanged; false,
// with `why`, where the target cannot spell the swap.
bool Converter::swap_layer_inputs(const HubOp& op, HubCall& hub_call, std::string& why) {
  for (const HubArgument& input : op.inputs) {
    auto value = hub_call.values.find(input.name);
    if (input.kind != "tensor" || value == hub_call.values.end() || value->second.implicit ||
        value->second.text == "None") {
      continue;
    }
    const auto swapped = axes_swapped(value->second.text);
    if (!swapped) {
      why = "the layer is written with its axes 0 and 1 swapped, which '" + target_.name +
            "' has no 'swapaxes' to spell";
      return false;
    }
    value->second.text = *swapped;
  }
  return true;
}

}  // namespace switcheroo::convert::engine_detail
