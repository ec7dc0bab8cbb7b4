// The final state of a recurrent layer whose target returns its outputs alone (Flax NNX's
// nnx.RNN): `out, (h, c) = self.lstm(x)` written as each layer run in turn with the traits'
// return-state keyword True (return_carry=True) and the carries stacked as PyTorch's h_n, and
// that form read back.
#include "converter.h"
#include "recurrent_carries.h"

#include "rewrite/edits.h"

#include <algorithm>
#include <cctype>

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

// `out, (h, c) = ...` or `out, h = ...`: the targets of the statement around a call that is its
// whole value, the second one split into its parts when it is a pair; empty otherwise.
std::vector<std::string> unpacked_targets(const std::string& before) {
  auto name = [](const std::string& text) {
    return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
    });
  };
  const size_t comma = before.find(", ");
  if (comma == std::string::npos || before.size() < comma + 5 ||
      before.compare(before.size() - 3, 3, " = ") != 0) {
    return {};
  }
  const std::string first = before.substr(0, comma);
  std::string second = before.substr(comma + 2, before.size() - 3 - comma - 2);
  if (!name(first)) return {};
  if (name(second)) return {first, second};
  if (second.size() < 6 || second.front() != '(' || second.back() != ')') return {};
  const size_t inner = second.find(", ");
  if (inner == std::string::npos) return {};
  const std::string h = second.substr(1, inner - 1);
  const std::string c = second.substr(inner + 2, second.size() - inner - 3);
  if (!name(h) || !name(c)) return {};
  return {first, h, c};
}

std::string layer_carry(const RecurrentTraits& traits, bool lstm, bool bidirectional, int layer,
                        std::vector<std::string>& hs, std::vector<std::string>& cs) {
  std::vector<std::string> carries;
  for (const char* suffix : {"", "_reverse"}) {
    if (*suffix != '\0' && !bidirectional) break;
    const std::string h = "h_l" + std::to_string(layer) + suffix;
    const std::string c = "c_l" + std::to_string(layer) + suffix;
    hs.push_back(h);
    cs.push_back(c);
    const bool c_first = traits.lstm_state.front() == "c";
    carries.push_back(!lstm ? h : c_first ? "(" + c + ", " + h + ")" : "(" + h + ", " + c + ")");
  }
  return bidirectional ? "(" + carries[0] + ", " + carries[1] + ")" : carries[0];
}

// `out, (h, c) = self.lstm(x)` (`out, h = self.gru(x)`): each layer run in turn with
// return_carry=True, its carry named after PyTorch's weights (`c_l0, h_l0`, `h_l0_reverse`),
// and h (and c) the carries stacked on a new first axis, (layers * directions, batch, hidden)
// as PyTorch returns them. An LSTM's carry is (c, h); a bidirectional layer's carries are
// (forward, backward).
// Is `name` read after the call, in the function around it? Any whole-word occurrence counts
// (a comment too); a part of the final state the source unpacks but never reads is not
// written, so that no local is assigned and left unused.
bool Converter::used_after(const Call& call, const std::string& name) const {
  NodeId function = tree_.node(call.primary).parent;
  while (function != python::kNoNode && tree_.kind_name(function) != "function_def") {
    function = tree_.node(function).parent;
  }
  if (function == python::kNoNode) return true;
  const auto& bytes = tree_.source().bytes();
  const uint32_t end = tree_.node(function).end;
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  for (size_t at = bytes.find(name, tree_.node(call.trailer).end);
       at != std::string::npos && at < end; at = bytes.find(name, at + 1)) {
    const size_t after = at + name.size();
    if (!word(bytes[at - 1]) && bytes[at - 1] != '.' &&
        (after >= bytes.size() || !word(bytes[after]))) {
      return true;
    }
  }
  return false;
}

std::optional<std::string> Converter::recurrent_final_state(const Call& call, const HubOp& op,
                                                            const std::string& input,
                                                            std::vector<std::string> targets,
                                                            std::string& why) {
  for (size_t i = 1; i < targets.size(); ++i) {
    if (!used_after(call, targets[i])) targets[i] = "_";
  }
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
  const AdapterTraits& traits = target_.data->traits;
  const bool built = !traits.recurrent.return_state_built.empty();
  if (shape->bidirectional && built) {
    why = "the final state of two directions is not written for layers built to return it";
    return std::nullopt;
  }
  if (shape->layers > 1 && traits.sequential_layers.empty() && !built) {
    why = "'" + target_.name + "' names no attribute its sequential layer keeps its layers in";
    return std::nullopt;
  }
  const bool lstm = op.name == "lstm";
  const std::string callee = edits_.text(call.callee_begin, call.callee_end);
  const std::string indent = "\n" + rewrite::indentation_of(tree_, call.primary);
  std::vector<std::string> hs, cs;
  std::string text;
  for (int layer = 0; layer < shape->layers; ++layer) {
    text += (layer ? indent : "") +
            layer_run(traits.recurrent, lstm, shape->bidirectional, layer,
                      stacked_layer(traits, callee, layer, shape->layers), targets[0],
                      layer ? targets[0] : input, hs, cs);
  }
  auto stacked = [&](const std::vector<std::string>& names) {
    std::string list;
    for (size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + names[i];
    return spelling_.api(stack->second.api) + "([" + list + "])";
  };
  auto state = final_state_statements(targets, lstm, indent, stacked, hs, cs, why);
  if (!state) return std::nullopt;
  return text + *state;
}

std::optional<std::string> final_state_statements(
    const std::vector<std::string>& targets, bool lstm, const std::string& indent,
    const std::function<std::string(const std::vector<std::string>&)>& stacked,
    const std::vector<std::string>& hs, const std::vector<std::string>& cs, std::string& why) {
  std::string text;
  if (!lstm && targets.size() == 2) {
    if (targets[1] != "_") text += indent + targets[1] + " = " + stacked(hs);
  } else if (targets.size() == 2) {
    if (targets[1] != "_") text += indent + targets[1] + " = " + stacked(hs) + ", " + stacked(cs);
  } else if (lstm && targets.size() == 3 && targets[1] != "_" && targets[2] != "_") {
    // one assignment, as the source's unpacking: a part left unused is no unused local
    text += indent + targets[1] + ", " + targets[2] + " = " + stacked(hs) + ", " + stacked(cs);
  } else if (lstm && targets.size() == 3) {
    if (targets[1] != "_") text += indent + targets[1] + " = " + stacked(hs);
    if (targets[2] != "_") text += indent + targets[2] + " = " + stacked(cs);
  } else if (targets.size() == 3) {
    why = "a GRU's final state is one array, not a pair";
    return std::nullopt;
  }
  return text;
}

}  // namespace switcheroo::convert::engine_detail

namespace switcheroo::convert::engine_detail {

namespace {

// `lists` as recurrent_final_state writes them, `S([a, b])` or `S([a, b]), S([c, d])` for any
// spelling S of stack: how many of them match, in order; 0 for anything else.
size_t stacked_lists(const std::string& text, const std::vector<std::vector<std::string>>& lists) {
  const size_t open = text.find("([");
  if (open == std::string::npos) return 0;
  const std::string stack = text.substr(0, open);
  auto spelled = [&](const std::vector<std::string>& names) {
    std::string list;
    for (size_t i = 0; i < names.size(); ++i) list += (i ? ", " : "") + names[i];
    return stack + "([" + list + "])";
  };
  if (lists.size() == 2 && text == spelled(lists[0]) + ", " + spelled(lists[1])) return 2;
  return text == spelled(lists[0]) ? 1 : 0;
}

bool is_name(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

}  // namespace

// What the statements after a layer's first run stack into the final state, as the target of
// an unpacking of the layer's results (`(h, c)`, `(h, _)`, `state`, a GRU's `h`), and where
// the last of them ends; nullopt when they are not what recurrent_final_state writes.
std::optional<std::pair<std::string, uint32_t>> Converter::read_stacked_state(
    uint32_t from, const std::string& indent, bool lstm, const std::vector<std::string>& hs,
    const std::vector<std::string>& cs) const {
  const auto& bytes = tree_.source().bytes();
  std::string h = "_", c = "_";
  uint32_t end = from;
  for (int line = 0; line < 2; ++line) {
    const size_t next = bytes.find('\n', end + 1);
    const std::string text(bytes.substr(end + 1, next == std::string::npos ? next : next - end - 1));
    const size_t equals = text.find(" = ");
    if (text.compare(0, indent.size(), indent) != 0 || equals == std::string::npos) break;
    const std::string target = text.substr(indent.size(), equals - indent.size());
    const std::string value = text.substr(equals + 3);
    const size_t comma = target.find(", ");
    if (lstm && line == 0 && stacked_lists(value, {hs, cs}) == 2) {
      if (is_name(target)) return std::make_pair(target, static_cast<uint32_t>(next));
      if (comma == std::string::npos || !is_name(target.substr(0, comma)) ||
          !is_name(target.substr(comma + 2))) {
        return std::nullopt;
      }
      return std::make_pair("(" + target + ")", static_cast<uint32_t>(next));
    }
    if (!is_name(target)) break;
    if (h == "_" && c == "_" && stacked_lists(value, {hs}) == 1) {
      h = target;
    } else if (lstm && c == "_" && stacked_lists(value, {cs}) == 1) {
      c = target;
    } else {
      break;
    }
    end = static_cast<uint32_t>(next);
    if (!lstm || c != "_" || next == std::string::npos) break;
  }
  if (h == "_" && c == "_") return std::nullopt;
  return std::make_pair(lstm ? "(" + h + ", " + c + ")" : h, end);
}

// The recurrent layer `self.<name>` holds, built once in its class as one RNN running forward
// or a stack that reads back whole: its reading and its number of layers and directions.
std::optional<RecurrentShape> Converter::built_recurrent_layer(const Call& call,
                                                               const std::string& name,
                                                               const SourceEntry*& entry) {
  const auto key = layer_attribute(call.primary, name);
  std::optional<HubCall> built;
  std::string why;
  for (const auto& [trailer, construction] : calls_by_trailer_) {
    if (constructed_attribute(*construction) != key) continue;
    Choice stack = read_state_layers(*construction, why);
    if (stack.entry == nullptr) stack = read_recurrent_stack(*construction, why);
    auto one = stack.entry ? std::nullopt : read_rnn_call(*construction, why);
    if (built || (!stack.entry && (!one || one->reverse))) return std::nullopt;
    entry = stack.entry ? stack.entry : one->entry;
    built = stack.entry ? *stack.call : one->call;
  }
  return built ? recurrent_shape(*built, why) : std::nullopt;
}

// The way back: the statements recurrent_final_state writes read as one unpacking of the
// layer's results. `(c_l0, h_l0), out = self.stacked.layers[0](x, return_carry=True)`, the
// later layers' runs on `out` and `h, c = jnp.stack([h_l0, h_l1]), jnp.stack([c_l0, c_l1])`
// become `out, (h, c) = self.stacked(x)` (the layer read back whole, recurrent_stack.cpp).
// The keywords are the source's traits ([recurrent] return-state, [module] sequential-layers).
// Any other call with return_carry is reported. False for a call without it.
bool Converter::convert_final_state(const Call& call) {
  const auto& items = call.arguments.items;
  const AdapterTraits& traits = source_.data->traits;
  const bool built = !traits.recurrent.return_state_built.empty();
  const auto& bytes = tree_.source().bytes();
  const std::string callee(bytes.substr(call.callee_begin, call.callee_end - call.callee_begin));
  const std::string layers = built ? "[" : "." + traits.sequential_layers + "[";
  const size_t index =
      !built && traits.sequential_layers.empty() ? std::string::npos : callee.rfind(layers);
  const std::string base = index == std::string::npos ? callee : callee.substr(0, index);
  const SourceEntry* entry = nullptr;
  if (bidirectional_api().empty() ||
      (built ? !built_state_layer(call, base)
             : traits.recurrent.return_state.empty() ||
                   std::none_of(items.begin(), items.end(), [&](const auto& argument) {
                     return argument.keyword == traits.recurrent.return_state;
                   }))) {
    return false;
  }
  if (inside_final_state(call)) return true;
  // A later layer's run is read with the first layer's, which may come later in this pass.
  if (index != std::string::npos && callee.compare(index, layers.size() + 2, layers + "0]") != 0 &&
      read_with_first_layer(call, base + layers + "0]")) {
    return true;
  }
  const NodeId statement = ends_statement(call);
  auto report = [&](const std::string& why) {
    if (final_states_reported_.insert(call.callee_begin).second) {  // once, if looked ahead
      unconverted_at(call.callee_begin, call.primary, callee, why);
    }
    for (const Call* later : waiting_layers_) {  // the later layers' runs stay as written too
      const std::string text = edits_.text(later->callee_begin, later->callee_end);
      if (text.rfind(base + layers, 0) == 0 &&
          final_states_reported_.insert(later->callee_begin).second) {
        unconverted_at(later->callee_begin, later->primary, text, why);
      }
    }
    return true;
  };
  std::vector<std::string> unused;
  const std::string written =
      "only the statements a final state is written as read back ('" +
      layer_run(traits.recurrent, true, false, 0, "layer", "out", "x", unused, unused) +
      "', the later layers' runs, the carries stacked)";
  if (statement == python::kNoNode || items.size() != (built ? 1u : 2u) ||
      items[0].kind != rewrite::Argument::Kind::positional ||
      (!built && (items[1].keyword != traits.recurrent.return_state ||
                  tree_.text(items[1].value) != "True"))) {
    return report(written);
  }
  const auto shape = built_recurrent_layer(call, base, entry);
  if (!shape) return report(written);
  // The target's layer returns the final state beside the outputs (PyTorch's (h, c)).
  const OpMapping* target = target_mapping(*target_.data, entry->op->name, "layer");
  if (target == nullptr || !target->hook.empty() || target->results.size() < 2 ||
      target->results[1] != "state") {
    return report("the target's layer does not return the final state beside its outputs");
  }
  const bool lstm = entry->op->name == "lstm";
  const uint32_t begin = tree_.node(statement).begin;
  const std::string before(bytes.substr(begin, call.callee_begin - begin));
  // the outputs' name: `out, h_l0, c_l0 = ` where the layer was built to return its state,
  // `(c_l0, h_l0), out = ` where its call returns its carry
  const size_t comma = built ? before.find(", ") : before.rfind(", ");
  const size_t equals = before.rfind(" = ");
  const std::string name = comma == std::string::npos || equals == std::string::npos
                               ? ""
                               : built ? before.substr(0, comma)
                                       : before.substr(comma + 2, equals - comma - 2);
  std::vector<std::string> hs, cs;
  const uint32_t first_end = tree_.node(call.trailer).end;
  if (name.empty() ||
      bytes.substr(begin, first_end - begin) !=
          layer_run(traits.recurrent, lstm, shape->bidirectional, 0,
                    stacked_layer(traits, base, 0, shape->layers), name,
                    std::string(tree_.text(items[0].value)), hs, cs)) {
    return report(written);
  }
  const std::string indent = rewrite::indentation_of(tree_, statement);
  uint32_t end = first_end;
  for (int layer = 1; layer < shape->layers; ++layer) {
    const std::string expected =
        "\n" + indent +
        layer_run(traits.recurrent, lstm, shape->bidirectional, layer,
                  stacked_layer(traits, base, layer, shape->layers), name, name, hs, cs);
    if (bytes.compare(end, expected.size(), expected) != 0) return report(written);
    end += static_cast<uint32_t>(expected.size());
  }
  auto state = read_stacked_state(end, indent, lstm, hs, cs);
  if (!state) return report(written);
  const std::string text = name + ", " + state->first + " = " + base + "(" +
                           node_text(items[0].value) + ")";
  if (!edits_.replace(begin, state->second, text)) return report("it overlaps another rewrite");
  final_states_.emplace_back(begin, state->second);
  ++result_.converted;
  return true;
}

// A later layer's run (`self.stacked.layers[1](...)`), read back with the nearest run of the
// first layer before it (`first`, its callee): true when that reading took this call in, or
// when the first run comes later in this pass (a longer call: its input is converted first),
// which reads this one with it or reports it.
bool Converter::read_with_first_layer(const Call& call, const std::string& first_callee) {
  const auto& bytes = tree_.source().bytes();
  const Call* first = nullptr;
  for (const auto& [trailer, other] : calls_by_trailer_) {
    const std::string text(
        bytes.substr(other->callee_begin, other->callee_end - other->callee_begin));
    if (other->callee_begin < call.callee_begin && text == first_callee &&
        (first == nullptr || other->callee_begin > first->callee_begin)) {
      first = other;
    }
  }
  if (first == nullptr) return false;
  auto length = [&](const Call& c) { return tree_.node(c.trailer).end - c.callee_begin; };
  if (length(*first) > length(call)) {
    waiting_layers_.push_back(&call);
    return true;
  }
  return inside_final_state(call);
}

// Is the call inside statements a final state was read back from (the later layers' runs, the
// stacking), which the one unpacking replaced?
bool Converter::inside_final_state(const Call& call) const {
  return std::any_of(final_states_.begin(), final_states_.end(), [&](const auto& range) {
    return call.callee_begin >= range.first && call.callee_begin < range.second;
  });
}

}  // namespace switcheroo::convert::engine_detail
