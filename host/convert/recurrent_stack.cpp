// Stacked and bidirectional recurrent layers read back whole: the source's sequential container
// of RNNs over cells (nnx.Sequential(nnx.RNN(...), nnx.RNN(...))) and its bidirectional layer
// of a forward and a backward RNN (nnx.Bidirectional(...)) are one hub `lstm` / `gru` with
// num_layers and bidirectional, which a target whose recurrent layer takes them writes itself
// (nn.LSTM(i, h, num_layers=2, bidirectional=True)). Their calls return the outputs alone, as
// one RNN's do, so they are narrowed the same way (`self.stacked(x)[0]`).
#include "converter.h"

#include "call_mapping.h"

namespace switcheroo::convert::engine_detail {

// The source's bidirectional layer: named beside its RNN (nnx.RNN -> nnx.Bidirectional) where
// the RNN is read by the recurrent_layer hook; empty for other sources.
std::string Converter::bidirectional_api() const {
  auto lstm = source_.data->ops.find("lstm");
  if (lstm == source_.data->ops.end() || lstm->second.hook != "recurrent_layer") return {};
  return lstm->second.api.substr(0, lstm->second.api.rfind('.') + 1) + "Bidirectional";
}

// An RNN over a cell, read as whichever recurrent op its cell belongs to (LSTMCell: lstm).
std::optional<Converter::RecurrentReading> Converter::read_rnn_call(const Call& call,
                                                                    std::string& why) {
  const ResolvedCall resolved = resolver_.resolve(call);
  const auto* entries =
      resolved.kind == ResolvedCall::Kind::function ? index_.api(resolved.name) : nullptr;
  if (entries == nullptr) return std::nullopt;
  const FrameworkCall framework = framework_call(call);
  for (const SourceEntry& entry : *entries) {
    if (entry.mapping->hook != "recurrent_layer") continue;
    auto reading = read_rnn(call, entry, framework, hub_spelling(), why);
    if (reading) return reading;
  }
  return std::nullopt;
}

// One layer of a stack: an RNN running forward, or a bidirectional layer of a forward RNN and a
// backward one (reverse=True, keep_order=True) over cells of the same sizes; its time axis is
// the bidirectional layer's own (it passes time_major to both).
std::optional<Converter::RecurrentReading> Converter::read_recurrent_stage(const Call& call,
                                                                           std::string& why) {
  const ResolvedCall resolved = resolver_.resolve(call);
  if (resolved.kind != ResolvedCall::Kind::function) return std::nullopt;
  if (resolved.name != bidirectional_api()) {
    auto reading = read_rnn_call(call, why);
    if (reading && reading->reverse) return std::nullopt;
    return reading;
  }
  const FrameworkCall framework = framework_call(call);
  const Call* directions[2] = {nullptr, nullptr};
  std::string batch_first = "True";
  for (size_t i = 0; i < call.arguments.items.size(); ++i) {
    const rewrite::Argument& argument = call.arguments.items[i];
    const bool positional = argument.kind == rewrite::Argument::Kind::positional;
    if ((positional && i < 2) || argument.keyword == "forward_rnn" ||
        argument.keyword == "backward_rnn") {
      directions[positional ? i : argument.keyword == "backward_rnn"] = call_of(argument.value);
    } else if (argument.keyword == "time_major" &&
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
      const Call* stage = call_of(argument.value);
      if (argument.kind != rewrite::Argument::Kind::positional || stage == nullptr) return {};
      stages.push_back(stage);
    }
  }
  if (stages.empty()) return {};
  std::optional<RecurrentReading> first;
  for (size_t i = 0; i < stages.size(); ++i) {
    auto stage = read_recurrent_stage(*stages[i], why);
    if (!stage) return {};
    if (i == 0) {
      first = std::move(stage);
      continue;
    }
    const auto& values = first->call.values;
    const std::string& hidden = values.at("hidden_size").text;
    const bool both = values.count("bidirectional") > 0;
    const std::string input = both ? "2 * " + as_operand(hidden) : hidden;
    auto same = [&](const char* name) {
      auto a = values.find(name);
      auto b = stage->call.values.find(name);
      return (a == values.end()) == (b == stage->call.values.end()) &&
             (a == values.end() || same_value(a->second.text, b->second.text));
    };
    if (stage->entry != first->entry || !same("hidden_size") || !same("batch_first") ||
        !same("bidirectional") || !same_value(stage->call.values.at("input_size").text, input)) {
      return {};
    }
  }
  if (stages.size() > 1) first->call.values["num_layers"] = value_of(std::to_string(stages.size()));
  return Choice{first->entry, std::move(first->call)};
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

}  // namespace switcheroo::convert::engine_detail
