// Stacked recurrent layers towards a target whose recurrent layer is one layer of one direction
// returning the states of every step, (batch, steps, hidden) each ([recurrent] stack = "list":
// MLX's nn.LSTM returns (hidden, cell)): nn.LSTM(i, h, num_layers=2) is a plain list of the
// target's layers, and `out, (h, c) = self.stacked(x)` runs them in turn, each on the hidden
// states of the one before, the final (h, c) each layer's last step stacked as PyTorch's h_n.
// Two directions are two layers each, the backward one run on the steps reversed.
#include "converter.h"
#include "recurrent_carries.h"

#include "rewrite/edits.h"
#include "rewrite/tree_query.h"

namespace switcheroo::convert::engine_detail {

// `out = layer(x)[0]`, `out, _ = layer(x)`, `out, (h, c) = layer(x)` or `out, h = layer(x)`
// as a statement of its own: the targets (a part of the final state never read after it "_"),
// where the statement begins and the call (with its `[0]`) ends; nullopt for any other use.
std::optional<Converter::ListedRun> Converter::listed_run(const Call& call) const {
  const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
  if (statement == python::kNoNode) return std::nullopt;
  const auto& bytes = tree_.source().bytes();
  ListedRun run;
  run.begin = tree_.node(statement).begin;
  run.end = tree_.node(call.trailer).end;
  const NodeId next = tree_.node(call.trailer).next_sibling;
  const bool first = next != python::kNoNode && rewrite::token_text(tree_, next) == "[0]";
  if (first) run.end = tree_.node(next).end;
  for (uint32_t i = run.end; i < tree_.node(statement).end; ++i) {
    if (bytes[i] != ' ' && bytes[i] != '\n' && bytes[i] != '\r') return std::nullopt;
  }
  const std::string before(bytes.substr(run.begin, call.callee_begin - run.begin));
  if (first) {
    const std::string name = before.size() > 3 ? before.substr(0, before.size() - 3) : "";
    if (before.compare(name.size(), 3, " = ") != 0 || !is_identifier(name)) return std::nullopt;
    run.targets = {name};
    return run;
  }
  run.targets = unpacked_targets(before);
  if (run.targets.empty()) return std::nullopt;
  for (size_t i = 1; i < run.targets.size(); ++i) {
    if (!used_after(call, run.targets[i])) run.targets[i] = "_";
  }
  return run;
}

// Is every call of the layer `call` (a construction or a call) one listed_run reads?
bool Converter::runs_of_listed_layers(const Call& call) const {
  const auto built = built_attribute(call);
  const auto key = built ? *built : layer_attribute(call.primary, call.dotted_callee);
  for (const auto& [trailer, used] : calls_by_trailer_) {
    if (used->dotted_callee.empty() || built_attribute(*used)) continue;
    if (layer_attribute(used->primary, used->dotted_callee) == key && !listed_run(*used)) {
      return false;
    }
  }
  return true;
}

// The features of a layer's two directions concatenated, forward first as PyTorch's outputs:
// `mx.concatenate([h_l0, h_l0_reverse[:, ::-1]], axis=-1)`, the backward states (which ran
// over the steps in reverse) put back in the order of the steps.
std::optional<std::string> Converter::joined_directions(const std::string& forward,
                                                        const std::string& backward,
                                                        std::string& why) {
  const HubOp* concat = builtin_hub().find("concat");
  auto mapping = target_.data->ops.find("concat");
  if (concat == nullptr || mapping == target_.data->ops.end()) {
    why = "'" + target_.name + "' has no 'concat' for the two directions' outputs";
    return std::nullopt;
  }
  HubCall joined;
  joined.op = concat;
  joined.values["tensors"] = value_of("[" + forward + ", " + backward + "[:, ::-1]]");
  joined.values["axis"] = value_of("-1");
  auto text = write_call(joined, mapping->second, Phase::construct, hub_spelling(), {}, why);
  if (!text) return std::nullopt;
  return text->text;
}

// Each layer of the list run in turn (`h_l0, c_l0 = self.stacked[0](x)`, in the order of the
// traits' lstm-state), the outputs the last layer's hidden states (axes swapped back where the
// source is time-major), then the final state the source reads, each layer's last step stacked.
// Two directions are two layers each: the backward one runs on the steps reversed
// (`self.both[1](x[:, ::-1])`) and the layer's outputs join both (`out_l0`, joined_directions);
// its input must then be a name, read twice.
std::optional<std::string> Converter::listed_runs(const Call& call, const HubOp& op,
                                                  const RecurrentShape& shape,
                                                  const std::string& input, bool swapped,
                                                  const ListedRun& run, std::string& why) {
  auto stack = target_.data->ops.find("stack");
  if (stack == target_.data->ops.end()) {
    why = "'" + target_.name + "' has no 'stack' for the final state";
    return std::nullopt;
  }
  if (shape.bidirectional && !is_identifier(input)) {
    why = "two directions read their input twice: it converts where it is a name";
    return std::nullopt;
  }
  const bool lstm = op.name == "lstm";
  const bool c_first = target_.data->traits.recurrent.lstm_state.front() == "c";
  const std::string callee = edits_.text(call.callee_begin, call.callee_end);
  const std::string indent = "\n" + rewrite::indentation_of(tree_, call.primary);
  const int directions = shape.bidirectional ? 2 : 1;
  std::vector<std::string> hs, cs;
  std::string text, previous = input;
  for (int index = 0; index < shape.layers * directions; ++index) {
    const std::string suffix =
        std::to_string(index / directions) + (index % directions ? "_reverse" : "");
    hs.push_back("h_l" + suffix);
    cs.push_back("c_l" + suffix);
    const std::string states =
        !lstm ? hs.back() : c_first ? cs.back() + ", " + hs.back() : hs.back() + ", " + cs.back();
    text += (index ? indent : "") + states + " = " + callee + "[" + std::to_string(index) + "](" +
            previous + (index % directions ? "[:, ::-1])" : ")");
    if (directions == 1) {
      previous = hs.back();
    } else if (index % 2 == 1) {
      auto joined = joined_directions(hs[index - 1], hs[index], why);
      if (!joined) return std::nullopt;
      previous = "out_l" + std::to_string(index / 2);
      text += indent + previous + " = " + *joined;
    }
  }
  std::optional<std::string> out = previous;
  if (swapped) out = axes_swapped(*out);
  if (!out) {
    why = "'" + target_.name + "' cannot swap the outputs' axes back";
    return std::nullopt;
  }
  text += indent + run.targets[0] + " = " + *out;
  auto last_steps = [&](const std::vector<std::string>& names) {
    std::string list;
    for (size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + names[i] + "[:, -1]";
    return spelling_.api(stack->second.api) + "([" + list + "])";
  };
  auto state = final_state_statements(run.targets, lstm, indent, last_steps, hs, cs, why);
  if (!state) return std::nullopt;
  return text + *state;
}

// A call of a layer built as a list of layers (several layers: their runs, written here);
// nullopt where the layer is one layer, or the target's stacks are no list.
std::optional<bool> Converter::convert_listed_run(const Call& call, const SourceEntry& entry,
                                                  const HubCall& hub_call, const OpMapping& target,
                                                  const std::string& api, bool swapped) {
  if (target_.data->traits.recurrent.stack != "list" || !stacks_recurrent_layers(*entry.op, target)) {
    return std::nullopt;
  }
  const auto constructions = constructions_of(call);
  std::string why;
  if (constructions.size() != 1 || !constructions.front().call) return std::nullopt;
  const auto shape = recurrent_shape(*constructions.front().call, why);
  if (!shape || (shape->layers == 1 && !shape->bidirectional)) return std::nullopt;
  auto input = hub_call.values.find("input");
  const auto run = listed_run(call);
  std::optional<std::string> text;
  if (input == hub_call.values.end() || hub_call.values.size() != 1) {
    why = "an initial state has no place in the runs of '" + target.api + "'";
  } else if (!run || !runs_of_listed_layers(call)) {
    why = "a call of the layers, which '" + target_.name + "' runs one by one, converts as a " +
          "statement of its own ('out = layer(x)[0]', 'out, _ = ...', 'out, (h, c) = ...')";
  } else {
    text = listed_runs(call, *entry.op, *shape, input->second.text, swapped, *run, why);
  }
  if (!text || !edits_.replace(run->begin, call.callee_begin, "") ||
      !edits_.replace(call.callee_begin, run->end, *text)) {
    unconverted(call, api, text ? "it overlaps another rewrite" : why);
    return false;
  }
  ++result_.converted;
  return true;
}

}  // namespace switcheroo::convert::engine_detail
