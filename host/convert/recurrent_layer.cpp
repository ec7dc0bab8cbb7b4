// The recurrent_layer hook the engine implements itself: PyTorch's nn.LSTM / nn.GRU written as
// the target's loop over a cell (Flax NNX's nnx.RNN), and read back.
#include "converter.h"

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
  NodeId parent = tree_.node(call.primary).parent;
  for (int depth = 0; depth < 3 && parent != python::kNoNode; ++depth) {
    auto outer = calls_by_trailer_.find(parent);
    if (outer != calls_by_trailer_.end()) {
      const ResolvedCall resolved = resolver_.resolve(*outer->second);
      const auto* entries = index_.api(resolved.name);
      if (entries == nullptr || resolved.kind != ResolvedCall::Kind::function) return false;
      return std::any_of(entries->begin(), entries->end(), [&](const SourceEntry& entry) {
        const OpMapping* target = target_mapping(*target_.data, entry.op->name, "layer");
        return entry.mapping->hook == "recurrent_layer" && cell_op_of(*entry.op) != nullptr &&
               target != nullptr && target->hook.empty() && target->gap.empty();
      });
    }
    parent = tree_.node(parent).parent;
  }
  return false;
}

// The way back: `nnx.RNN(nnx.LSTMCell(i, h, rngs=rngs))` read as the hub's one-layer `lstm`
// (input_size i, hidden_size h, batch_first=True; False with time_major=True), which a target
// whose recurrent layer takes the sizes writes itself (nn.LSTM(i, h, batch_first=True)).
std::optional<HubCall> Converter::read_recurrent_layer(const Call& call, const SourceEntry& entry,
                                                       const FrameworkCall& framework,
                                                       const Spelling& spelling,
                                                       std::string& why) const {
  const HubOp* cell_op = cell_op_of(*entry.op);
  auto cell_mapping =
      cell_op == nullptr ? source_.data->ops.end() : source_.data->ops.find(cell_op->name);
  if (cell_mapping == source_.data->ops.end()) return std::nullopt;
  const Call* cell = nullptr;
  std::string batch_first = "True";
  for (size_t i = 0; i < call.arguments.items.size(); ++i) {
    const rewrite::Argument& argument = call.arguments.items[i];
    const std::string& text = framework.arguments[i].text;
    if ((i == 0 && argument.kind == rewrite::Argument::Kind::positional) ||
        argument.keyword == "cell") {
      cell = call_of(argument.value);
    } else if (argument.keyword == "time_major") {
      batch_first = same_value(text, "True")    ? "False"
                    : same_value(text, "False") ? "True"
                                                : "not " + as_operand(text);
    } else {
      why = "only a cell and time_major have a place in '" + target_.name + "'s layer";
      return std::nullopt;
    }
  }
  if (cell == nullptr || resolver_.resolve(*cell).name != cell_mapping->second.api) {
    why = "the cell is not a '" + cell_mapping->second.api + "(...)' call";
    return std::nullopt;
  }
  auto sizes = read_call(*cell_op, cell_mapping->second, Phase::construct, framework_call(*cell),
                         spelling, why);
  if (!sizes) return std::nullopt;
  HubCall layer;
  layer.op = entry.op;
  for (const char* name : {"input_size", "hidden_size"}) {
    auto value = sizes->values.find(name);
    if (value == sizes->values.end()) {
      why = std::string("the cell has no ") + name;
      return std::nullopt;
    }
    layer.values[name] = value->second;
  }
  if (batch_first != "False") layer.values["batch_first"] = value_of(batch_first);  // the default
  return layer;
}

// nn.LSTM / nn.GRU where the target runs one cell over a sequence (nnx.RNN): one layer, one
// direction, with biases, becomes nnx.RNN(nnx.LSTMCell(input_size, hidden_size, rngs=rngs)),
// time_major=True unless batch_first. The layer's call returns the outputs only, so it converts
// where the source uses only those: `out, _ = self.lstm(x)` or `self.lstm(x)[0]`.
std::optional<std::string> Converter::recurrent_layer(const Call& call, const HubOp& op,
                                                      const HubCall& hub_call,
                                                      const OpMapping& target, Phase phase,
                                                      std::string& why) {
  auto has = [&](const std::string& name, const std::string& standard) {
    auto value = hub_call.values.find(name);
    return value == hub_call.values.end() || same_value(value->second.text, standard);
  };
  if (phase == Phase::call) {
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
    const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
    const auto& bytes = tree_.source().bytes();
    if (statement != python::kNoNode && is_whole_value(call)) {
      const uint32_t begin = tree_.node(statement).begin;
      const std::string before(bytes.substr(begin, call.callee_begin - begin));
      const size_t comma = before.find(", _ = ");
      const std::string name = before.substr(0, comma);
      if (comma != std::string::npos && comma + 6 == before.size() &&
          std::all_of(name.begin(), name.end(), [](char c) {
            return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
          })) {
        edits_.replace(begin, call.callee_begin, name + " = ");
        return text;
      }
    }
    why = "'" + target.api + "' returns the outputs only: the final state needs return_carry=True" +
          " (an LSTM's carry is (c, h), not (h, c))";
    return std::nullopt;
  }
  const HubOp* cell_op = cell_op_of(op);
  auto cell_mapping =
      cell_op == nullptr ? target_.data->ops.end() : target_.data->ops.find(cell_op->name);
  if (cell_op == nullptr || cell_mapping == target_.data->ops.end()) {
    why = "it needs the 'recurrent_layer' hook";
    return std::nullopt;
  }
  if (!has("num_layers", "1") || !has("bidirectional", "False") || !has("bias", "True") ||
      !has("every_step", "True")) {
    why = "only one layer, one direction with biases, returning every step, converts ('" +
          target.api +
          "' runs one cell: stack them for more)";
    return std::nullopt;
  }
  HubCall cell_call;
  cell_call.op = cell_op;
  for (const char* name : {"input_size", "hidden_size"}) {
    auto value = hub_call.values.find(name);
    if (value == hub_call.values.end()) {
      why = std::string("no ") + name;
      return std::nullopt;
    }
    cell_call.values[name] = value->second;
  }
  auto cell_text =
      write_call(cell_call, cell_mapping->second, Phase::construct, hub_spelling(), {}, why);
  if (!cell_text) return std::nullopt;
  std::string text =
      spelling_.api(target.api) + "(" + with_keys_in_scope(cell_text->text, call.primary);
  // PyTorch's recurrent layers are time-major unless batch_first; Flax's are batch-major.
  auto batch_first = hub_call.values.find("batch_first");
  if (batch_first == hub_call.values.end() || same_value(batch_first->second.text, "False")) {
    text += ", time_major=True";
  } else if (!same_value(batch_first->second.text, "True")) {
    text += ", time_major=not " + as_operand(batch_first->second.text);
  }
  return text + ")";
}

std::optional<std::string> Converter::write_recurrent_layer(IdiomCall& idiom) {
  return recurrent_layer(idiom.call, *idiom.entry.op, idiom.hub_call, idiom.target, idiom.phase,
                         idiom.why);
}

}  // namespace switcheroo::convert::engine_detail
