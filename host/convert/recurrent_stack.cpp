// Stacked and bidirectional recurrent layers read back whole: the source's sequential container
// of RNNs over cells (nnx.Sequential(nnx.RNN(...), nnx.RNN(...))) and its bidirectional layer
// of a forward and a backward RNN (nnx.Bidirectional(...)) are one hub `lstm` / `gru` with
// num_layers and bidirectional, which a target whose recurrent layer takes them writes itself
// (nn.LSTM(i, h, num_layers=2, bidirectional=True)). Their calls return the outputs alone, as
// one RNN's do, so they are narrowed the same way (`self.stacked(x)[0]`).
#include "converter.h"
#include "recurrent_carries.h"

#include "bound_layers.h"
#include "call_helpers.h"
#include "call_mapping.h"
#include "rewrite/edits.h"

#include <algorithm>

namespace switcheroo::convert::engine_detail {

// Is a framework's recurrent layer one layer of one direction, stacked by its sequential layer
// and doubled by its bidirectional layer of one layer ([recurrent] without a cell, as Keras)?
static bool layered(const RecurrentTraits& traits) {
  return traits.cell.empty() && traits.directions.size() == 1;
}

// The source's bidirectional layer (its [recurrent] traits: nnx.Bidirectional,
// keras.layers.Bidirectional) where its RNN is read by the recurrent_layer hook or is one layer
// the source stacks; empty for other sources.
std::string Converter::bidirectional_api() const {
  auto lstm = source_.data->ops.find("lstm");
  const RecurrentTraits& traits = source_.data->traits.recurrent;
  if (lstm == source_.data->ops.end() ||
      (lstm->second.hook != "recurrent_layer" && !layered(traits))) {
    return {};
  }
  return traits.bidirectional;
}

// An RNN over a cell, read as whichever recurrent op its cell belongs to (LSTMCell: lstm), or
// a one-layer recurrent layer of a source that stacks them (keras.layers.LSTM) read through its
// spoke entry.
std::optional<Converter::RecurrentReading> Converter::read_rnn_call(const Call& call,
                                                                    std::string& why) {
  const ResolvedCall resolved = resolver_.resolve(call);
  const auto* entries =
      resolved.kind == ResolvedCall::Kind::function ? index_.api(resolved.name) : nullptr;
  if (entries == nullptr) return std::nullopt;
  const FrameworkCall framework = framework_call(call);
  const bool one_layer = layered(source_.data->traits.recurrent);
  for (const SourceEntry& entry : *entries) {
    if (entry.mapping->hook == "recurrent_layer") {
      auto reading = read_rnn(call, entry, framework, hub_spelling(), why);
      if (reading) return reading;
    } else if (one_layer && entry.mapping->kind == "layer" &&
               (entry.op->name == "lstm" || entry.op->name == "gru")) {
      auto read =
          read_call(*entry.op, *entry.mapping, Phase::construct, framework, hub_spelling(), why);
      if (read) return RecurrentReading{&entry, std::move(*read), false};
    }
  }
  return std::nullopt;
}

// One layer of a stack: an RNN running forward, or a bidirectional layer of a forward RNN and a
// backward one (reverse=True, keep_order=True: the source's [recurrent] traits) over cells of
// the same sizes; its time axis is the bidirectional layer's own (it passes time_major to both).
std::optional<Converter::RecurrentReading> Converter::read_recurrent_stage(const Call& call,
                                                                           std::string& why) {
  const ResolvedCall resolved = resolver_.resolve(call);
  if (resolved.kind != ResolvedCall::Kind::function) return std::nullopt;
  if (resolved.name != bidirectional_api()) {
    auto reading = read_rnn_call(call, why);
    if (reading && reading->reverse) return std::nullopt;
    return reading;
  }
  const RecurrentTraits& traits = source_.data->traits.recurrent;
  if (layered(traits)) {  // Bidirectional(layer) alone: a copy of the layer runs backward
    const auto& items = call.arguments.items;
    const bool one = items.size() == 1 && (items[0].kind == rewrite::Argument::Kind::positional ||
                                           items[0].keyword == traits.directions[0]);
    const Call* layer = one ? call_of(items[0].value) : nullptr;
    auto forward = layer == nullptr ? std::nullopt : read_rnn_call(*layer, why);
    if (forward) forward->call.values["bidirectional"] = value_of("True");
    return forward;
  }
  const FrameworkCall framework = framework_call(call);
  const Call* directions[2] = {nullptr, nullptr};
  std::string batch_first = "True";
  for (size_t i = 0; i < call.arguments.items.size(); ++i) {
    const rewrite::Argument& argument = call.arguments.items[i];
    const bool positional = argument.kind == rewrite::Argument::Kind::positional;
    if ((positional && i < 2) || argument.keyword == traits.directions[0] ||
        argument.keyword == traits.directions[1]) {
      directions[positional ? i : argument.keyword == traits.directions[1]] =
          call_of(argument.value);
    } else if (argument.keyword == traits.time_major &&
               (same_value(framework.arguments[i].text, "True") ||
                same_value(framework.arguments[i].text, "False"))) {
      batch_first = same_value(framework.arguments[i].text, "True") ? "False" : "True";
    } else {
      return std::nullopt;
    }
  }
  if (directions[0] == nullptr || directions[1] == nullptr) return std::nullopt;
  auto forward = read_rnn_call(*directions[0], why);
  auto backward = read_rnn_call(*directions[1], why);
  if (!forward || !backward || forward->reverse || !backward->reverse ||
      forward->entry != backward->entry) {
    return std::nullopt;
  }
  for (const char* name : {"input_size", "hidden_size", "batch_first"}) {
    auto a = forward->call.values.find(name);
    auto b = backward->call.values.find(name);
    if (a == forward->call.values.end() || b == backward->call.values.end() ||
        !same_value(a->second.text, b->second.text)) {
      return std::nullopt;  // batch_first: True, the RNNs' own default, in both
    }
  }
  forward->call.values.erase("batch_first");
  if (batch_first != "False") forward->call.values["batch_first"] = value_of(batch_first);
  forward->call.values["bidirectional"] = value_of("True");
  return forward;
}

// The source's sequential container of recurrent layers (or one bidirectional layer) read as
// one hub recurrent layer: every layer of one op, hidden size, time axis and number of
// directions, each after the first taking the previous one's outputs (hidden, or 2 * hidden
// with two directions). No entry where the call is not such a stack.
Converter::Choice Converter::read_recurrent_stack(const Call& call, std::string& why) {
  const ResolvedCall resolved = resolver_.resolve(call);
  const std::string bidirectional = bidirectional_api();
  auto sequential = source_.data->ops.find("sequential");
  if (resolved.kind != ResolvedCall::Kind::function || bidirectional.empty()) return {};
  std::vector<const Call*> stages;
  if (resolved.name == bidirectional) {
    stages.push_back(&call);
  } else if (sequential != source_.data->ops.end() && resolved.name == sequential->second.api) {
    for (const auto& argument : call.arguments.items) {
      if (argument.kind != rewrite::Argument::Kind::positional) return {};
      // keras.Sequential([a, b]) takes its layers as one list
      const auto listed = list_display_items(tree_, argument.value);
      for (NodeId item : listed ? *listed : std::vector<NodeId>{argument.value}) {
        const Call* stage = call_of(item);
        if (stage == nullptr) return {};
        stages.push_back(stage);
      }
    }
  }
  if (stages.empty()) return {};
  std::vector<RecurrentReading> readings;
  for (const Call* stage : stages) {
    auto reading = read_recurrent_stage(*stage, why);
    if (!reading) return {};
    readings.push_back(std::move(*reading));
  }
  return chained_layers(std::move(readings));
}

// Layers read one by one as one hub recurrent layer: every layer of one op, hidden size, time
// axis and number of directions, each after the first taking the previous one's outputs
// (hidden, or 2 * hidden with two directions); num_layers their number. No entry otherwise.
Converter::Choice Converter::chained_layers(std::vector<RecurrentReading> readings) const {
  if (readings.empty()) return {};
  RecurrentReading& first = readings.front();
  for (size_t i = 1; i < readings.size(); ++i) {
    const RecurrentReading& stage = readings[i];
    const auto& values = first.call.values;
    const std::string& hidden = values.at("hidden_size").text;
    // a one-layer reading may say bidirectional=False (keras.layers.LSTM implies it)
    const auto directions = values.find("bidirectional");
    const bool both = directions != values.end() && same_value(directions->second.text, "True");
    const std::string input = both ? "2 * " + as_operand(hidden) : hidden;
    auto same = [&](const char* name) {
      auto a = values.find(name);
      auto b = stage.call.values.find(name);
      return (a == values.end()) == (b == stage.call.values.end()) &&
             (a == values.end() || same_value(a->second.text, b->second.text));
    };
    if (stage.entry != first.entry || !same("hidden_size") || !same("batch_first") ||
        !same("bidirectional") ||
        !(same_value(stage.call.values.at("input_size").text, input) ||
          same_value(stage.call.values.at("input_size").text, "(" + input + ")"))) {
      return {};
    }
  }
  if (readings.size() > 1) first.call.values["num_layers"] = value_of(std::to_string(readings.size()));
  return Choice{first.entry, std::move(first.call)};
}

// A call inside a stack that reads back whole (an RNN, its cell, a bidirectional layer): the
// stack is converted as one layer.
bool Converter::inside_recurrent_stack(const Call& call) {
  if (bidirectional_api().empty()) return false;
  const Call* outer = call_given(call);
  for (int depth = 0; depth < 3 && outer != nullptr; ++depth, outer = call_given(*outer)) {
    std::string why;
    if (read_recurrent_stack(*outer, why).entry != nullptr) return true;
  }
  return false;
}

// A stack's construction, or a call of the layer one built (`self.stacked(x)`), converted as
// the hub recurrent layer it reads as; false for any other call.
bool Converter::convert_recurrent_stack(const Call& call, const ResolvedCall& resolved) {
  std::string why;
  if (resolved.kind == ResolvedCall::Kind::function) {
    Choice stack = read_recurrent_stack(call, why);
    if (stack.entry == nullptr) return false;
    convert_chosen_call(call, resolved, *stack.entry, *stack.call, Phase::construct);
    return true;
  }
  auto sequential = source_.data->ops.find("sequential");
  if (resolved.kind != ResolvedCall::Kind::instance || bidirectional_api().empty() ||
      (resolved.name != bidirectional_api() &&
       (sequential == source_.data->ops.end() || resolved.name != sequential->second.api))) {
    return false;
  }
  const auto key = layer_attribute(call.primary, call.dotted_callee);
  std::optional<Choice> stack;
  for (const auto& [trailer, built] : calls_by_trailer_) {
    if (built_attribute(*built) != key) continue;
    Choice reading = read_recurrent_stack(*built, why);
    if (reading.entry == nullptr || stack) return false;  // another construction, or two
    stack = std::move(reading);
  }
  if (!stack) return false;
  auto hub_call = read_call(*stack->entry->op, *stack->entry->mapping, Phase::call,
                            framework_call(call), hub_spelling(), why);
  if (!hub_call) {
    unconverted(call, stack->entry->mapping->api, why);
    return true;
  }
  convert_chosen_call(call, resolved, *stack->entry, *hub_call, Phase::call);
  return true;
}

// Does the target's recurrent layer stand for one layer of one direction, which the host
// stacks and doubles ([recurrent] without a cell, its bidirectional layer taking one layer:
// keras.layers.LSTM in keras.layers.Bidirectional)? Its spoke entry implies num_layers=1 and
// bidirectional=False; other values are written as several layers.
bool Converter::stacks_recurrent_layers(const HubOp& op, const OpMapping& target) const {
  const RecurrentTraits& traits = target_.data->traits.recurrent;
  return (op.name == "lstm" || op.name == "gru") && target.kind == "layer" && target.hook.empty() &&
         traits.cell.empty() && (traits.directions.size() == 1 || traits.stack == "list");
}

// One direction of one layer: the target's layer written through its spoke entry for the hub
// call with one layer, one direction and `input_size` inputs.
std::optional<std::string> Converter::one_recurrent_layer(const Call& call, const HubCall& hub_call,
                                                          const OpMapping& target,
                                                          const HubValue& input_size,
                                                          std::string& why) {
  HubCall one = hub_call;
  one.values.erase("num_layers");
  one.values.erase("bidirectional");
  one.values["input_size"] = input_size;
  auto text = write_call(one, target, Phase::construct, hub_spelling(), {}, why);
  if (!text) return std::nullopt;
  return with_keys_in_scope(text->text, call.primary);
}

// nn.LSTM(i, h, num_layers=2, bidirectional=True) towards a target that stacks one-layer
// layers: each layer the target's own (a later layer's input `hidden`, `2 * hidden` with two
// directions), two directions the traits' bidirectional layer of it (which runs a copy backward
// and concatenates the outputs on the feature axis, forward first, as PyTorch's), several
// layers the target's sequential layer of them (keras.Sequential([...])). Called, it returns
// the outputs alone, as one layer does; the final state is reported by the call's narrowing.
// A target that runs its layers one by one ([recurrent] stack = "list") has them in a plain
// list, each call a statement of its own that runs them (recurrent_list.cpp); two directions
// are two layers in it, the forward one first, as PyTorch orders its weights.
std::optional<std::string> Converter::recurrent_layers(const Call& call, const HubCall& hub_call,
                                                       const OpMapping& target, std::string& why) {
  const auto shape = recurrent_shape(hub_call, why);
  if (!shape) return std::nullopt;
  const bool one_by_one = target_.data->traits.recurrent.stack == "list";  // a plain list
  auto sequential = target_.data->ops.find("sequential");
  if (shape->layers > 1 && sequential == target_.data->ops.end() && !one_by_one) {
    why = "'" + target_.name + "' has no sequential container for the stacked layers";
    return std::nullopt;
  }
  auto hidden = hub_call.values.find("hidden_size");
  auto input = hub_call.values.find("input_size");
  if (hidden == hub_call.values.end() || input == hub_call.values.end()) {
    why = "no input_size or hidden_size";
    return std::nullopt;
  }
  // The stack returns the outputs alone: a call that uses more (`out, (h, c) = self.lstm(x)`)
  // keeps the layer as it is, calls and all, so that it does not read back as another layer,
  // unless the target's layers return their state when built to: then every call unpacks
  // the results, and the layers are a list of such layers its calls run one by one. Layers the
  // target keeps in a plain list (one_by_one) are run one by one in any case.
  if (one_by_one && !calls_by_trailer_.empty() && !runs_of_listed_layers(call)) {
    why = "a call of the layers, which '" + target_.name + "' runs one by one, converts as a " +
          "statement of its own ('out = layer(x)[0]', 'out, _ = ...', 'out, (h, c) = ...')";
    return std::nullopt;
  }
  const StateUse use =
      one_by_one ? StateUse::outputs : recurrent_state_use(built_attribute(call));
  const std::string& returns_state = target_.data->traits.recurrent.return_state_built;
  if (use == StateUse::mixed) {
    why = "a call of the layer uses more than its outputs, which '" + target.api +
          "' stacked returns alone";
    return std::nullopt;
  }
  std::vector<std::string> layers;
  for (int layer = 0; layer < shape->layers; ++layer) {
    HubValue input_size = layer > 0 ? hidden->second : input->second;
    if (layer > 0 && shape->bidirectional) {
      input_size.text = "2 * " + as_operand(hidden->second.text);
    }
    auto text = one_recurrent_layer(call, hub_call, target, input_size, why);
    if (!text) return std::nullopt;
    if (use == StateUse::state) text->insert(text->size() - 1, ", " + returns_state + "=True");
    const std::string& wrapper = target_.data->traits.recurrent.bidirectional;
    if (one_by_one && shape->bidirectional) layers.push_back(*text);  // the backward copy
    const bool wrapped = shape->bidirectional && !one_by_one;
    layers.push_back(wrapped ? spelling_.api(wrapper) + "(" + *text + ")" : *text);
  }
  if (layers.size() == 1) return layers.front();
  if (one_by_one || use == StateUse::state) return "[" + call_detail::join(layers) + "]";
  const auto& lists = sequential->second.lists;
  const bool listed = std::find(lists.begin(), lists.end(), "layers") != lists.end();
  std::string text = call_detail::join(layers);
  return spelling_.api(sequential->second.api) + "(" + (listed ? "[" + text + "]" : text) + ")";
}

}  // namespace switcheroo::convert::engine_detail
