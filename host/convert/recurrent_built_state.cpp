// The final state of stacked one-layer recurrent layers that return it when built to (the
// traits' [recurrent] return-state-built, Keras's return_state=True): `out, (h, c) =
// self.stacked(x)` is a list of such layers run one by one (`out, h_l0, c_l0 =
// self.stacked[0](x)`), the state their states stacked as PyTorch's h_n and c_n.
#include "converter.h"
#include "recurrent_carries.h"
#include "result_use.h"

#include "bound_layers.h"
#include "rewrite/edits.h"

#include <algorithm>

namespace switcheroo::convert::engine_detail {

std::string stacked_layer(const AdapterTraits& traits, const std::string& callee, int layer,
                          int layers) {
  if (layers == 1) return callee;
  const std::string index = "[" + std::to_string(layer) + "]";
  if (!traits.recurrent.return_state_built.empty()) return callee + index;
  return callee + "." + traits.sequential_layers + index;
}

std::string layer_run(const RecurrentTraits& traits, bool lstm, bool bidirectional, int layer,
                      const std::string& callee, const std::string& out, const std::string& input,
                      std::vector<std::string>& hs, std::vector<std::string>& cs) {
  std::string carry = layer_carry(traits, lstm, bidirectional, layer, hs, cs);
  if (traits.return_state_built.empty()) {
    return carry + ", " + out + " = " + callee + "(" + input + ", " + traits.return_state +
           "=True)";
  }
  if (lstm) carry = carry.substr(1, carry.size() - 2);  // flattened: out, h, c
  return out + ", " + carry + " = " + callee + "(" + input + ")";
}

// How the calls of the recurrent layer built as `built` use its results: `outputs` where each
// reads the outputs alone (`self.lstm(x)[0]`, `out, _ = self.lstm(x)`); `state` where one
// unpacks the final state and every call is an unpacking statement of its own (`out, (h, c) =
// self.lstm(x)`), which a target whose layers return their state when built to writes as
// those layers run one by one; `mixed` otherwise.
Converter::StateUse Converter::recurrent_state_use(
    const std::optional<std::pair<NodeId, std::string>>& built) const {
  std::vector<CallResults> calls;
  const auto& bytes = tree_.source().bytes();
  for (const auto& [trailer, used] : calls_by_trailer_) {
    if (!built || layer_attribute(used->primary, used->dotted_callee) != *built) continue;
    const NodeId next = tree_.node(used->trailer).next_sibling;
    if (next != python::kNoNode && rewrite::token_text(tree_, next) == "[0]") {
      calls.push_back({true, {}});
      continue;
    }
    const NodeId statement = ends_statement(*used);
    const uint32_t begin = statement == python::kNoNode ? 0 : tree_.node(statement).begin;
    calls.push_back({false, statement == python::kNoNode
                                ? std::vector<std::string>{}
                                : unpacked_targets(std::string(bytes.substr(begin, used->callee_begin - begin)))});
  }
  const ResultUse use = result_use(calls);
  if (use == ResultUse::outputs) return StateUse::outputs;
  return use == ResultUse::mixed || target_.data->traits.recurrent.return_state_built.empty() ? StateUse::mixed
                                                                                              : StateUse::state;
}

// A call of a layer recurrent_layers wrote as layers returning their state (the statement it
// unpacks replaced by the layers' runs and the stacking); false where the layer is not one.
// An input whose axes the call swaps is swapped for the first layer, and the outputs swapped
// back where they are read afterwards.
bool Converter::convert_built_state_call(const Call& call, const SourceEntry& entry,
                                         const HubCall& hub_call, const OpMapping& target,
                                         const std::string& api, bool swapped) {
  if (!stacks_recurrent_layers(*entry.op, target) ||
      recurrent_state_use(layer_attribute(call.primary, call.dotted_callee)) != StateUse::state) {
    return false;
  }
  auto input = hub_call.values.find("input");
  if (input == hub_call.values.end() || hub_call.values.size() != 1) {
    unconverted(call, api, "an initial state has no place in '" + target.api + "'s call");
    return true;
  }
  const NodeId statement = ends_statement(call);
  const uint32_t begin = tree_.node(statement).begin;
  const auto& bytes = tree_.source().bytes();
  const auto targets =
      unpacked_targets(std::string(bytes.substr(begin, call.callee_begin - begin)));
  std::string why;
  auto text = recurrent_final_state(call, *entry.op, input->second.text, targets, why);
  if (text && swapped && used_after(call, targets[0])) {
    auto back = axes_swapped(targets[0]);
    if (back) *text += "\n" + rewrite::indentation_of(tree_, statement) + targets[0] + " = " + *back;
  }
  if (!text || !edits_.replace(begin, tree_.node(call.trailer).end, *text)) {
    unconverted(call, api, text ? "it overlaps another rewrite" : why);
    return true;
  }
  ++result_.converted;
  return true;
}

// The way back. The list display `[...]` the call is an item of, where that list is a
// statement's whole value; kNoNode otherwise.
NodeId Converter::list_of_item(const Call& call) const {
  NodeId node = tree_.node(call.primary).parent;
  for (int depth = 0; depth < 2 && node != python::kNoNode; ++depth) {
    if (tree_.kind_name(node) == "list_display") {
      const auto items = list_display_items(tree_, node);
      const bool item = items && std::find(items->begin(), items->end(), call.primary) != items->end();
      return item ? node : python::kNoNode;
    }
    node = tree_.node(node).parent;
  }
  return python::kNoNode;
}

// The attribute a construction builds: `self.<name> = <call>`, or `self.<name> = [<call>, ...]`
// for the first item of a list; nullopt otherwise.
std::optional<std::pair<NodeId, std::string>> Converter::constructed_attribute(
    const Call& call) const {
  const NodeId list = list_of_item(call);
  if (list == python::kNoNode) return built_attribute(call);
  const auto items = list_display_items(tree_, list);
  const NodeId statement = tree_.node(list).parent;
  if (items->front() != call.primary || statement == python::kNoNode ||
      tree_.kind_name(statement) != "expression_stmt") {
    return std::nullopt;
  }
  const auto parts = tree_.children(statement);
  if (parts.size() != 3 || parts[2] != list) return std::nullopt;
  return layer_attribute(statement, rewrite::token_text(tree_, parts[0]));
}

// One layer built to return its state (`keras.layers.LSTM(..., return_state=True)`), read as
// the hub's recurrent layer of one layer without that keyword.
std::optional<Converter::RecurrentReading> Converter::read_state_layer(const Call& call,
                                                                       std::string& why) {
  const std::string& keyword = source_.data->traits.recurrent.return_state_built;
  const auto& items = call.arguments.items;
  const auto at = std::find_if(items.begin(), items.end(),
                               [&](const auto& item) { return item.keyword == keyword; });
  const ResolvedCall resolved = resolver_.resolve(call);
  const auto* entries =
      resolved.kind == ResolvedCall::Kind::function ? index_.api(resolved.name) : nullptr;
  if (keyword.empty() || at == items.end() || tree_.text(at->value) != "True" ||
      entries == nullptr) {
    return std::nullopt;
  }
  FrameworkCall framework = framework_call(call);
  framework.arguments.erase(framework.arguments.begin() + (at - items.begin()));
  for (const SourceEntry& entry : *entries) {
    if (entry.mapping->kind != "layer" || (entry.op->name != "lstm" && entry.op->name != "gru")) {
      continue;
    }
    auto read =
        read_call(*entry.op, *entry.mapping, Phase::construct, framework, hub_spelling(), why);
    if (read) return RecurrentReading{&entry, std::move(*read), false};
  }
  return std::nullopt;
}

// A construction of layers built to return their state: one such layer, or the first item of
// a list of them, each taking the previous one's outputs, read as one hub recurrent layer (with
// num_layers). No entry otherwise, and for a later item of the list.
Converter::Choice Converter::read_state_layers(const Call& call, std::string& why) {
  if (!constructed_attribute(call)) return {};
  const NodeId list = list_of_item(call);
  std::vector<RecurrentReading> readings;
  for (NodeId item : list == python::kNoNode ? std::vector<NodeId>{call.primary}
                                             : *list_display_items(tree_, list)) {
    const Call* layer = call_of(item);
    auto reading = layer == nullptr ? std::nullopt : read_state_layer(*layer, why);
    if (!reading) return {};
    readings.push_back(std::move(*reading));
  }
  return chained_layers(std::move(readings));
}

// Does `self.<name>` (as called by `call`) hold layers built to return their state?
bool Converter::built_state_layer(const Call& call, const std::string& name) {
  if (source_.data->traits.recurrent.return_state_built.empty()) return false;
  const auto key = layer_attribute(call.primary, name);
  std::string why;
  return std::any_of(calls_by_trailer_.begin(), calls_by_trailer_.end(), [&](const auto& built) {
    return constructed_attribute(*built.second) == key &&
           read_state_layers(*built.second, why).entry != nullptr;
  });
}

// Layers built to return their state written as the target's one recurrent layer: the list's
// first item becomes it, the brackets and the other items go; no container wraps it. True
// for each item of such a list.
bool Converter::convert_state_layers(const Call& call) {
  if (source_.data->traits.recurrent.return_state_built.empty()) return false;
  const NodeId list = list_of_item(call);
  const Call* first = call_of(list == python::kNoNode ? call.primary
                                                      : list_display_items(tree_, list)->front());
  std::string why;
  Choice stack = first == nullptr ? Choice{} : read_state_layers(*first, why);
  if (stack.entry == nullptr) return false;
  if (first != &call) return true;  // a later item: written with the first
  convert_chosen_call(call, resolver_.resolve(call), *stack.entry, *stack.call, Phase::construct);
  if (list != python::kNoNode) {
    edits_.replace(tree_.node(list).begin, tree_.node(call.primary).begin, "");
    edits_.replace(tree_.node(call.primary).end, tree_.node(list).end, "");
    state_.forget_container(list);
  }
  return true;
}

}  // namespace switcheroo::convert::engine_detail
