// The final state of a recurrent layer whose target returns its outputs alone (Flax NNX's
// nnx.RNN): `out, (h, c) = self.lstm(x)` written as each layer run in turn with
// return_carry=True and the carries stacked as PyTorch's h_n, and that form read back.
#include "converter.h"
#include "recurrent_carries.h"

#include "rewrite/edits.h"

#include <algorithm>

namespace switcheroo::convert::engine_detail {

std::optional<RecurrentShape> recurrent_shape(const HubCall& call, std::string& why) {
  RecurrentShape shape;
  auto layers = call.values.find("num_layers");
  if (layers != call.values.end()) {
    const std::string& text = layers->second.text;
    if (text.empty() || text.size() > 2 ||
        !std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; }) ||
        text == "0") {
      why = "num_layers must be a number written out, not '" + text + "'";
      return std::nullopt;
    }
    shape.layers = std::stoi(text);
  }
  auto bidirectional = call.values.find("bidirectional");
  if (bidirectional != call.values.end()) {
    if (!same_value(bidirectional->second.text, "True") &&
        !same_value(bidirectional->second.text, "False")) {
      why = "bidirectional must be True or False written out";
      return std::nullopt;
    }
    shape.bidirectional = same_value(bidirectional->second.text, "True");
  }
  return shape;
}

std::string layer_carry(bool lstm, bool bidirectional, int layer, std::vector<std::string>& hs,
                        std::vector<std::string>& cs) {
  std::vector<std::string> carries;
  for (const char* suffix : {"", "_reverse"}) {
    if (*suffix != '\0' && !bidirectional) break;
    const std::string h = "h_l" + std::to_string(layer) + suffix;
    const std::string c = "c_l" + std::to_string(layer) + suffix;
    hs.push_back(h);
    cs.push_back(c);
    carries.push_back(lstm ? "(" + c + ", " + h + ")" : h);
  }
  return bidirectional ? "(" + carries[0] + ", " + carries[1] + ")" : carries[0];
}

// `out, (h, c) = self.lstm(x)` (`out, h = self.gru(x)`): each layer run in turn with
// return_carry=True, its carry named after PyTorch's weights (`c_l0, h_l0`, `h_l0_reverse`),
// and h (and c) the carries stacked on a new first axis, (layers * directions, batch, hidden)
// as PyTorch returns them. An LSTM's carry is (c, h); a bidirectional layer's carries are
// (forward, backward).
std::optional<std::string> Converter::recurrent_final_state(const Call& call, const HubOp& op,
                                                            const std::string& input,
                                                            const std::vector<std::string>& targets,
                                                            std::string& why) {
  const auto constructions = constructions_of(call);
  if (constructions.size() != 1 || !constructions.front().call) {
    why = "the final state converts for a layer built once in its class";
    return std::nullopt;
  }
  const auto shape = recurrent_shape(*constructions.front().call, why);
  auto stack = target_.data->ops.find("stack");
  if (!shape) return std::nullopt;
  if (stack == target_.data->ops.end()) {
    why = "'" + target_.name + "' has no 'stack' for the final state";
    return std::nullopt;
  }
  const bool lstm = op.name == "lstm";
  const std::string callee = edits_.text(call.callee_begin, call.callee_end);
  const std::string indent = "\n" + rewrite::indentation_of(tree_, call.primary);
  std::vector<std::string> hs, cs;
  std::string text;
  for (int layer = 0; layer < shape->layers; ++layer) {
    const std::string carry = layer_carry(lstm, shape->bidirectional, layer, hs, cs);
    const std::string layer_callee =
        shape->layers > 1 ? callee + ".layers[" + std::to_string(layer) + "]" : callee;
    text += (layer ? indent : "") + carry + ", " + targets[0] + " = " + layer_callee + "(" +
            (layer ? targets[0] : input) + ", return_carry=True)";
  }
  auto stacked = [&](const std::vector<std::string>& names) {
    std::string list;
    for (size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + names[i];
    return spelling_.api(stack->second.api) + "([" + list + "])";
  };
  if (!lstm && targets.size() == 2) {
    if (targets[1] != "_") text += indent + targets[1] + " = " + stacked(hs);
  } else if (targets.size() == 2) {
    text += indent + targets[1] + " = " + stacked(hs) + ", " + stacked(cs);
  } else if (lstm && targets[1] != "_" && targets[2] != "_") {
    // one assignment, as the source's unpacking: a part left unused is no unused local
    text += indent + targets[1] + ", " + targets[2] + " = " + stacked(hs) + ", " + stacked(cs);
  } else if (lstm) {
    if (targets[1] != "_") text += indent + targets[1] + " = " + stacked(hs);
    if (targets[2] != "_") text += indent + targets[2] + " = " + stacked(cs);
  } else {
    why = "a GRU's final state is one array, not a pair";
    return std::nullopt;
  }
  return text;
}

}  // namespace switcheroo::convert::engine_detail
