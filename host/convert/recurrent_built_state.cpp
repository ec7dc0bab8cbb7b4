// The final state of stacked one-layer recurrent layers that return it when built to (the
// traits' [recurrent] return-state-built, Keras's return_state=True): `out, (h, c) =
// self.stacked(x)` is a list of such layers run one by one (`out, h_l0, c_l0 =
// self.stacked[0](x)`), the state their states stacked as PyTorch's h_n and c_n.
#include "converter.h"
#include "recurrent_carries.h"

#include "rewrite/edits.h"

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
  bool state = false, other = false;
  const auto& bytes = tree_.source().bytes();
  for (const auto& [trailer, used] : calls_by_trailer_) {
    if (!built || layer_attribute(used->primary, used->dotted_callee) != *built) continue;
    const NodeId next = tree_.node(used->trailer).next_sibling;
    if (next != python::kNoNode && rewrite::token_text(tree_, next) == "[0]") {
      other = true;
      continue;
    }
    const NodeId statement = ends_statement(*used);
    const uint32_t begin = statement == python::kNoNode ? 0 : tree_.node(statement).begin;
    const auto targets =
        statement == python::kNoNode
            ? std::vector<std::string>{}
            : unpacked_targets(std::string(bytes.substr(begin, used->callee_begin - begin)));
    if (targets.empty()) return StateUse::mixed;
    state = state || targets.size() > 2 || targets[1] != "_";
  }
  if (!state) return StateUse::outputs;
  return other || target_.data->traits.recurrent.return_state_built.empty() ? StateUse::mixed
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

}  // namespace switcheroo::convert::engine_detail
