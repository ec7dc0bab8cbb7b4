// The recurrent_layer hook the engine implements itself: PyTorch's nn.LSTM / nn.GRU written as
// the target's loop over a cell (Flax NNX's nnx.RNN), and read back.
#include "converter.h"
#include "recurrent_carries.h"

#include "call_helpers.h"

#include "rewrite/edits.h"

#include <algorithm>
#include <cctype>
#include <map>

namespace switcheroo::convert::engine_detail {
// The hub op of the cell a recurrent layer runs (lstm -> lstm_cell); nullptr for other ops.
static const HubOp* cell_op_of(const HubOp& layer) {
  static const std::map<std::string, std::string> kCells = {{"lstm", "lstm_cell"},
                                                            {"gru", "gru_cell"}};
  auto cell = kCells.find(layer.name);
  return cell == kCells.end() ? nullptr : builtin_hub().find(cell->second);
}

// `keyword=True` for each of `keywords`.
static std::vector<std::string> set_true(const std::vector<std::string>& keywords) {
  std::vector<std::string> set;
  for (const auto& keyword : keywords) set.push_back(keyword + "=True");
  return set;
}

// The call `node` (an argument's value) makes, or nullptr when it is not a call.
const Call* Converter::call_of(NodeId node) const {
  if (node == python::kNoNode || tree_.kind_name(node) != "primary") return nullptr;
  const auto children = tree_.children(node);
  auto found = calls_by_trailer_.find(children.back());
  return found == calls_by_trailer_.end() ? nullptr : found->second;
}

// Is the call the cell of a recurrent layer that is read back (`nnx.LSTMCell(...)` in
// `nnx.RNN(nnx.LSTMCell(...))` towards a target whose recurrent layer needs no hook)? The
// layer's reading takes the cell's sizes; the cell alone is not converted.
bool Converter::cell_of_recurrent_layer(const Call& call) const {
  const Call* outer = call_given(call);
  if (outer == nullptr) return false;
  const ResolvedCall resolved = resolver_.resolve(*outer);
  const auto* entries = index_.api(resolved.name);
  if (entries == nullptr || resolved.kind != ResolvedCall::Kind::function) return false;
  return std::any_of(entries->begin(), entries->end(), [&](const SourceEntry& entry) {
    const OpMapping* target = target_mapping(*target_.data, entry.op->name, "layer");
    return entry.mapping->hook == "recurrent_layer" && cell_op_of(*entry.op) != nullptr &&
           target != nullptr && target->hook.empty() && target->gap.empty();
  });
}

// Does the RNN run a cell of another recurrent op than `entry`'s (nnx.RNN over an
// nnx.GRUCell, read as the lstm)? Its reading as `entry` is no candidate then.
bool Converter::runs_other_cell(const Call& call, const SourceEntry& entry) const {
  const Call* cell = nullptr;
  for (const auto& argument : call.arguments.items) {
    if (argument.keyword == source_.data->traits.recurrent.cell ||
        (argument.kind == rewrite::Argument::Kind::positional &&
         &argument == &call.arguments.items.front())) {
      cell = call_of(argument.value);
    }
  }
  if (cell == nullptr) return false;
  const std::string api = resolver_.resolve(*cell).name;
  for (const char* layer : {"lstm", "gru"}) {
    const HubOp* op = builtin_hub().find(layer);
    const HubOp* cell_op = op == nullptr ? nullptr : cell_op_of(*op);
    auto mapping =
        cell_op == nullptr ? source_.data->ops.end() : source_.data->ops.find(cell_op->name);
    if (op != entry.op && mapping != source_.data->ops.end() && mapping->second.api == api) {
      return true;
    }
  }
  return false;
}

// The call `call` is an argument of (`nnx.RNN(...)` for its cell); nullptr for none.
const Call* Converter::call_given(const Call& call) const {
  NodeId parent = tree_.node(call.primary).parent;
  for (int depth = 0; depth < 3 && parent != python::kNoNode; ++depth) {
    auto outer = calls_by_trailer_.find(parent);
    if (outer != calls_by_trailer_.end()) return outer->second;
    parent = tree_.node(parent).parent;
  }
  return nullptr;
}

// The way back: `nnx.RNN(nnx.LSTMCell(i, h, rngs=rngs))` read as the hub's one-layer `lstm`
// (input_size i, hidden_size h, batch_first=True; False with time_major=True), which a target
// whose recurrent layer takes the sizes writes itself (nn.LSTM(i, h, batch_first=True)).
std::optional<HubCall> Converter::read_recurrent_layer(const Call& call, const SourceEntry& entry,
                                                       const FrameworkCall& framework,
                                                       const Spelling& spelling,
                                                       std::string& why) const {
  auto reading = read_rnn(call, entry, framework, spelling, why);
  if (!reading) return std::nullopt;
  // Held by another layer (nnx.Sequential, nnx.Bidirectional), the RNN returns its outputs
  // alone to it, where the target's layer returns (outputs, state): no call site narrows that.
  if (call_given(call) != nullptr) {
    why = "an RNN given to another layer returns its outputs alone there; only one built as a "
          "value of its own, or the layers of a stack that reads back whole, is read back";
    return std::nullopt;
  }
  if (reading->reverse) {
    why = "a reversed RNN reads back only as the backward direction of a bidirectional layer";
    return std::nullopt;
  }
  return reading->call;
}

// One RNN over a cell: its sizes and time axis as the hub's one-layer, one-direction `lstm`
// (or `gru`), and whether it runs backward (the source's [recurrent] backward keywords all
// True, Flax's reverse=True with keep_order=True: the backward direction of a bidirectional
// layer).
std::optional<Converter::RecurrentReading> Converter::read_rnn(const Call& call,
                                                               const SourceEntry& entry,
                                                               const FrameworkCall& framework,
                                                               const Spelling& spelling,
                                                               std::string& why) const {
  const HubOp* cell_op = cell_op_of(*entry.op);
  auto cell_mapping =
      cell_op == nullptr ? source_.data->ops.end() : source_.data->ops.find(cell_op->name);
  if (cell_mapping == source_.data->ops.end()) return std::nullopt;
  const RecurrentTraits& traits = source_.data->traits.recurrent;
  const Call* cell = nullptr;
  std::string batch_first = "True";
  std::map<std::string, bool> direction;
  for (const auto& keyword : traits.backward) direction[keyword] = false;
  for (size_t i = 0; i < call.arguments.items.size(); ++i) {
    const rewrite::Argument& argument = call.arguments.items[i];
    const std::string& text = framework.arguments[i].text;
    if ((i == 0 && argument.kind == rewrite::Argument::Kind::positional) ||
        argument.keyword == traits.cell) {
      cell = call_of(argument.value);
    } else if (argument.keyword == traits.time_major) {
      batch_first = same_value(text, "True")    ? "False"
                    : same_value(text, "False") ? "True"
                                                : "not " + as_operand(text);
    } else if (direction.count(argument.keyword) &&
               (same_value(text, "True") || same_value(text, "False"))) {
      direction[argument.keyword] = same_value(text, "True");
    } else {
      std::vector<std::string> keywords = {traits.time_major};
      keywords.insert(keywords.end(), traits.backward.begin(), traits.backward.end() - 1);
      why = "only a cell, " + call_detail::join(keywords) + " and " + traits.backward.back() +
            " have a place in '" + target_.name + "'s layer";
      return std::nullopt;
    }
  }
  const bool backward = direction[traits.backward.front()];
  if (std::any_of(direction.begin(), direction.end(),
                  [&](const auto& keyword) { return keyword.second != backward; })) {
    why = "a reversed RNN converts only with " +
          call_detail::join(set_true({traits.backward.begin() + 1, traits.backward.end()})) +
          ", as the backward direction of a bidirectional layer";
    return std::nullopt;
  }
  if (cell == nullptr || resolver_.resolve(*cell).name != cell_mapping->second.api) {
    why = "the cell is not a '" + cell_mapping->second.api + "(...)' call";
    return std::nullopt;
  }
  auto sizes = read_call(*cell_op, cell_mapping->second, Phase::construct, framework_call(*cell),
                         spelling, why);
  if (!sizes) return std::nullopt;
  RecurrentReading reading{&entry, HubCall{}, backward};
  reading.call.op = entry.op;
  for (const char* name : {"input_size", "hidden_size"}) {
    auto value = sizes->values.find(name);
    if (value == sizes->values.end()) {
      why = std::string("the cell has no ") + name;
      return std::nullopt;
    }
    reading.call.values[name] = value->second;
  }
  if (batch_first != "False") reading.call.values["batch_first"] = value_of(batch_first);
  return reading;
}

// nn.LSTM / nn.GRU where the target runs one cell over a sequence (nnx.RNN): each layer and
// direction, with biases, becomes nnx.RNN(nnx.LSTMCell(input_size, hidden_size, rngs=rngs)),
// time_major=True unless batch_first (the keywords are the target's [recurrent] traits); two
// directions the target's bidirectional layer (nnx.Bidirectional) of a forward RNN and one with
// the backward keywords True (reverse=True, keep_order=True; its outputs concatenated on the
// feature axis, as PyTorch's), several layers the target's sequential container of them, each
// layer after the first taking the previous one's outputs. The layer's call returns the outputs
// only; the final state is the carries of its layers (recurrent_final_state).
std::optional<std::string> Converter::recurrent_layer(const Call& call, const HubOp& op,
                                                      const HubCall& hub_call,
                                                      const OpMapping& target, Phase phase,
                                                      std::string& why) {
  if (phase == Phase::call) return recurrent_call(call, op, hub_call, target, why);
  auto has = [&](const std::string& name, const std::string& standard) {
    auto value = hub_call.values.find(name);
    return value == hub_call.values.end() || same_value(value->second.text, standard);
  };
  const HubOp* cell_op = cell_op_of(op);
  auto cell_mapping =
      cell_op == nullptr ? target_.data->ops.end() : target_.data->ops.find(cell_op->name);
  if (cell_op == nullptr || cell_mapping == target_.data->ops.end()) {
    why = "it needs the 'recurrent_layer' hook";
    return std::nullopt;
  }
  if (!has("bias", "True") || !has("every_step", "True")) {
    why = "only layers with biases, returning every step, convert ('" + target.api +
          "' runs one cell)";
    return std::nullopt;
  }
  const auto shape = recurrent_shape(hub_call, why);
  if (!shape) return std::nullopt;
  const RecurrentTraits& traits = target_.data->traits.recurrent;
  if (traits.empty()) {
    why = "'" + target_.name + "' has no [recurrent] traits for its layer's options";
    return std::nullopt;
  }
  auto sequential = target_.data->ops.find("sequential");
  if (shape->layers > 1 && sequential == target_.data->ops.end()) {
    why = "'" + target_.name + "' has no sequential container for the stacked layers";
    return std::nullopt;
  }
  std::string time_major;
  // PyTorch's recurrent layers are time-major unless batch_first; Flax's are batch-major.
  auto batch_first = hub_call.values.find("batch_first");
  if (batch_first == hub_call.values.end() || same_value(batch_first->second.text, "False")) {
    time_major = ", " + traits.time_major + "=True";
  } else if (!same_value(batch_first->second.text, "True")) {
    time_major = ", " + traits.time_major + "=not " + as_operand(batch_first->second.text);
  }
  auto hidden = hub_call.values.find("hidden_size");
  auto input = hub_call.values.find("input_size");
  if (hidden == hub_call.values.end() || input == hub_call.values.end()) {
    why = "no input_size or hidden_size";
    return std::nullopt;
  }
  // One direction of one layer: the RNN over a new cell of `input_size` inputs.
  auto direction = [&](const HubValue& input_size,
                       const std::string& options) -> std::optional<std::string> {
    HubCall cell_call;
    cell_call.op = cell_op;
    cell_call.values["input_size"] = input_size;
    cell_call.values["hidden_size"] = hidden->second;
    auto cell_text =
        write_call(cell_call, cell_mapping->second, Phase::construct, hub_spelling(), {}, why);
    if (!cell_text) return std::nullopt;
    return spelling_.api(target.api) + "(" + with_keys_in_scope(cell_text->text, call.primary) +
           options + ")";
  };
  std::vector<std::string> layers;
  for (int layer = 0; layer < shape->layers; ++layer) {
    HubValue input_size = layer > 0 ? hidden->second : input->second;
    if (layer > 0 && shape->bidirectional) {
      input_size.text = "2 * " + as_operand(hidden->second.text);
    }
    auto forward = direction(input_size, shape->bidirectional ? "" : time_major);
    if (!forward) return std::nullopt;
    if (!shape->bidirectional) {
      layers.push_back(*forward);
      continue;
    }
    auto backward = direction(input_size, ", " + call_detail::join(set_true(traits.backward)));
    if (!backward) return std::nullopt;
    layers.push_back(spelling_.api(traits.bidirectional) + "(" + *forward + ", " + *backward +
                     time_major + ")");
  }
  if (layers.size() == 1) return layers.front();
  std::string text = spelling_.api(sequential->second.api) + "(";
  for (size_t i = 0; i < layers.size(); ++i) text += (i ? ", " : "") + layers[i];
  return text + ")";
}

// The call of a layer written by recurrent_layer, which returns the outputs only: converts
// where the source uses only those (`out, _ = self.lstm(x)`, `self.lstm(x)[0]`) or unpacks
// the final state as a statement of its own (`out, (h, c) = self.lstm(x)`).
std::optional<std::string> Converter::recurrent_call(const Call& call, const HubOp& op,
                                                     const HubCall& hub_call,
                                                     const OpMapping& target, std::string& why) {
  auto input = hub_call.values.find("input");
  if (input == hub_call.values.end() || hub_call.values.size() != 1) {
    why = "an initial state has no place in '" + target.api + "'s call (it takes initial_carry)";
    return std::nullopt;
  }
  const std::string callee = edits_.text(call.callee_begin, call.callee_end);
  const std::string text = callee + "(" + input->second.text + ")";
  const NodeId next = tree_.node(call.trailer).next_sibling;
  if (next != python::kNoNode && rewrite::token_text(tree_, next) == "[0]") {
    edits_.replace(tree_.node(next).begin, tree_.node(next).end, "");
    return text;
  }
  const NodeId statement = ends_statement(call);
  const auto& bytes = tree_.source().bytes();
  std::vector<std::string> targets;
  uint32_t begin = 0;
  if (statement != python::kNoNode) {
    begin = tree_.node(statement).begin;
    targets = unpacked_targets(std::string(bytes.substr(begin, call.callee_begin - begin)));
  }
  if (targets.size() == 2 && targets[1] == "_") {
    edits_.replace(begin, call.callee_begin, targets[0] + " = ");
    return text;
  }
  if (!targets.empty()) {
    auto final_state = recurrent_final_state(call, op, input->second.text, targets, why);
    if (final_state) edits_.replace(begin, call.callee_begin, "");
    return final_state;
  }
  why = "'" + target.api + "' returns the outputs only: the final state converts where the " +
        "call unpacks it as a statement of its own ('out, (h, c) = ...')";
  return std::nullopt;
}

std::optional<std::string> Converter::write_recurrent_layer(IdiomCall& idiom) {
  return recurrent_layer(idiom.call, *idiom.entry.op, idiom.hub_call, idiom.target, idiom.phase,
                         idiom.why);
}

}  // namespace switcheroo::convert::engine_detail
