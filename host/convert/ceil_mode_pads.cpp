// A max pool's ceil_mode=True that its target cannot write (its pool pads by name or by
// symmetric widths only) as its input padded at the end of each spatial axis by stride - 1 with
// -inf, before a pool without ceil_mode (ceil_mode_widths, layer_idioms.h), by the target's pad
// function:
//
//   self.pool = nn.MaxPool2d(3, stride=2, ceil_mode=True)
//   -> self.pool = <pool>(3, stride 2, no padding)
//   self.pool(x)  ->  self.pool(<pad>(x, ((0, 0), (0, 1), (0, 1), (0, 0)), -inf))
//   F.max_pool2d(x, 3, 2, ceil_mode=True)  ->  <max_pool>(<pad>(x, ...), 3, stride 2)
//
// Only a pool built as `self.<name> = ...` (its calls are found by that name) or called as a
// function converts so. Read back, a pad call of that form as the one argument of every call of
// a max pool that pads nothing folds into its ceil_mode again (padding_folds.cpp's fold, with
// the argument `ceil_mode`).
#include "converter.h"

#include "call_helpers.h"
#include "layer_idioms.h"

#include <algorithm>
#include <set>

namespace switcheroo::convert::engine_detail {

namespace {

using Key = std::pair<NodeId, std::string>;

// Whether the target writes a max pool's ceil_mode itself: it passes it, or its pool_window
// hook writes it as explicit padding (Flax).
bool writes_ceil_mode(const OpMapping& target) {
  return !call_detail::contains(target.dropped, "ceil_mode") ||
         (target.hook == "pool_window" && !target.values.count("padding"));
}

bool spatial(char axis) { return axis != 'N' && axis != 'C'; }

// -inf as a Python expression of no framework.
constexpr const char* kMinusInfinity = "float('-inf')";

bool minus_infinity(const std::string& text) {
  return same_value(text, "float('-inf')") || same_value(text, "float(\"-inf\")") ||
         same_value(text, "-float('inf')") || same_value(text, "-float(\"inf\")") ||
         same_value(text, "-math.inf");
}

}  // namespace

// The target's pad function where the max pool `call` (read as `op`) pads its input for its
// ceil_mode, `widths` set to ceil_mode_widths along the target's layout; nullptr otherwise.
const OpMapping* Converter::ceil_mode_pad(const HubOp& op, const HubCall& call,
                                          const OpMapping& target,
                                          std::vector<int>& widths) const {
  const std::string layout = layout_of(op, target, "input");
  const size_t axes = static_cast<size_t>(std::count_if(layout.begin(), layout.end(), spatial));
  if (writes_ceil_mode(target) || axes == 0) return nullptr;
  widths = ceil_mode_widths(op, call, axes);
  const auto pad = target_.data->ops.find("pad");
  if (widths.empty() || pad == target_.data->ops.end() || pad->second.api.empty() ||
      pad->second.kind == "layer") {
    return nullptr;
  }
  return &pad->second;
}

// `input` padded at the end of the spatial axes of `layout` by `widths` with -inf; `input`
// itself where every width is 0 (stride 1: ceil_mode changes nothing).
std::optional<std::string> Converter::ceil_padded(const std::string& input,
                                                  const std::vector<int>& widths,
                                                  const OpMapping& pad,
                                                  const std::string& layout) {
  if (std::all_of(widths.begin(), widths.end(), [](int width) { return width == 0; })) {
    return input;
  }
  std::vector<std::string> pairs;
  size_t axis = 0;
  for (char letter : layout) {
    const int width = spatial(letter) && axis < widths.size() ? widths[axis++] : 0;
    pairs.push_back("(0, " + std::to_string(width) + ")");
  }
  return pad_call(input, call_detail::tuple_of(pairs), pad, kMinusInfinity);
}

// A max pool whose ceil_mode=True the target cannot write, where its input can be padded
// instead: a function call's input is padded in place; a layer built as `self.<name> = ...`
// pools without ceil_mode and its calls pad (ceil_padded_layer_input). False, changing
// nothing, for any other call.
bool Converter::ceil_mode_as_padding(const Call& call, const SourceEntry& entry,
                                     HubCall& hub_call, const OpMapping& target, Phase phase) {
  std::vector<int> widths;
  const OpMapping* pad = ceil_mode_pad(*entry.op, hub_call, target, widths);
  if (pad == nullptr) return false;
  const bool source_layer = entry.mapping->kind == "layer";
  if (source_layer && target.kind == "layer") {
    const auto built = phase == Phase::construct ? built_attribute(call) : std::nullopt;
    if (!built || built->first == python::kNoNode || built->second.rfind("self.", 0) != 0) {
      return false;
    }
  } else if (!source_layer && (target.kind != "layer" || target.hoist)) {
    // A function, or a layer built for the call (hoisted_layers.cpp): its input is padded.
    const auto input = hub_call.values.find("input");
    if (input == hub_call.values.end()) return false;
    const auto padded =
        ceil_padded(input->second.text, widths, *pad, layout_of(*entry.op, target, "input"));
    if (!padded) return false;
    input->second.text = *padded;
  } else {
    return false;
  }
  hub_call.values.erase("ceil_mode");
  return true;
}

// Why a max pool's ceil_mode=True that ceil_mode_as_padding left does not convert, where the
// target could pad for it: false, with `why`, for such a call; true for any other.
bool Converter::ceil_mode_fits(const HubOp& op, const HubCall& call, const OpMapping& target,
                               std::string& why) const {
  const auto ceil = call.values.find("ceil_mode");
  const auto pad = target_.data->ops.find("pad");
  if (op.name.rfind("max_pool", 0) != 0 || ceil == call.values.end() ||
      !same_value(ceil->second.text, "True") || writes_ceil_mode(target) ||
      pad == target_.data->ops.end() || pad->second.api.empty()) {
    return true;
  }
  why = "ceil_mode=True: '" + target.api +
        "' has none, and its input is padded for it only for a max pool without padding whose "
        "windows are at least as long as their strides, built as a `self.<name>` attribute or "
        "called as a function";
  return false;
}

// A call of a max pool layer whose constructions pad its calls for their ceil_mode (above):
// its tensor input padded first. False when it is not one (or its constructions disagree).
bool Converter::ceil_padded_layer_input(const Call& call, const HubOp& op, HubCall& hub_call) {
  const auto input = hub_call.values.find("input");
  if (op.name.rfind("max_pool", 0) != 0 || call.dotted_callee.rfind("self.", 0) != 0 ||
      input == hub_call.values.end() || input->second.implicit) {
    return false;
  }
  std::optional<std::string> padded;
  for (const Choice& choice : constructions_of(call)) {
    if (choice.entry == nullptr || !choice.call) return false;
    const HubOp& built = *choice.entry->op;
    const OpMapping* target = target_mapping(*target_.data, built.name, choice.entry->mapping->kind);
    std::vector<int> widths;
    const OpMapping* pad =
        target == nullptr ? nullptr : ceil_mode_pad(built, *choice.call, *target, widths);
    if (pad == nullptr) return false;
    const auto text =
        ceil_padded(input->second.text, widths, *pad, layout_of(built, *target, "input"));
    if (!text || (padded && *padded != *text)) return false;
    padded = text;
  }
  if (!padded) return false;
  input->second.text = *padded;
  return true;
}

// The widths a pad function's call pads the end of the spatial axes of `layout` by with -inf
// (its pairs integer literals, (0, w) there and (0, 0) elsewhere); empty for any other call.
std::vector<int> Converter::ceil_widths_of_call(const Call& pad, const std::string& layout) {
  const ResolvedCall resolved = resolver_.resolve(pad);
  const auto* entries =
      resolved.kind == ResolvedCall::Kind::function ? index_.api(resolved.name) : nullptr;
  if (entries == nullptr) return {};
  std::string why;
  const Choice choice = choose_entry(pad, *entries, Phase::construct, framework_call(pad),
                                     hub_spelling(), why);
  if (choice.entry == nullptr || choice.entry->op->name != "pad" || !choice.call) return {};
  const auto& values = choice.call->values;
  const auto value = values.find("value");
  const auto mode = values.find("mode");
  if (!values.count("pad_width") || value == values.end() || !minus_infinity(value->second.text) ||
      (mode != values.end() && !same_value(mode->second.text, "'constant'"))) {
    return {};
  }
  const auto pairs = display_items(values.at("pad_width").text);
  if (pairs.size() != layout.size()) return {};
  std::vector<int> widths;
  for (size_t axis = 0; axis < pairs.size(); ++axis) {
    const auto sides = display_items(pairs[axis]);
    if (sides.size() != 2 || sides[0] != "0" || !call_detail::is_integer_literal(sides[1]) ||
        sides[1].size() > 6 || (!spatial(layout[axis]) && sides[1] != "0")) {
      return {};
    }
    if (spatial(layout[axis])) widths.push_back(std::stoi(sides[1]));
  }
  return widths;
}

// Whether the ceil_mode=True that `widths` stand for folds into the max pool `pool` calls:
// every construction of it pools without padding or ceil_mode, gives those widths with
// ceil_mode=True, and its target writes ceil_mode itself (towards one that pads for it, the
// pad call converts as the pad it is).
bool Converter::ceil_mode_folds_into(const Call& pool, const std::vector<int>& widths) {
  const auto constructions = constructions_of(pool);
  if (constructions.empty() || widths.empty()) return false;
  for (const Choice& choice : constructions) {
    if (choice.entry == nullptr || !choice.call) return false;
    const HubOp& op = *choice.entry->op;
    HubCall ceil = *choice.call;
    const auto padding = ceil.values.find("padding");
    if (padding != ceil.values.end() && same_value(padding->second.text, "'valid'")) {
      ceil.values.erase(padding);
    }
    const auto given = ceil.values.find("ceil_mode");
    if (given != ceil.values.end() && !same_value(given->second.text, "False")) return false;
    ceil.values["ceil_mode"] = value_of("True");
    if (ceil_mode_widths(op, ceil, widths.size()) != widths) return false;
    const OpMapping* target = target_mapping(*target_.data, op.name, choice.entry->mapping->kind);
    if (target == nullptr || !writes_ceil_mode(*target)) return false;
  }
  return true;
}

// The max pools of the file every call of which pads its input for ceil_mode, as folds of
// that argument, by the pool's key (padding_folds() adds them).
void Converter::ceil_mode_folds(const std::map<Key, int>& calls, const WrappedCalls& by_function,
                                std::map<Key, PaddingFold>& folds) {
  for (const auto& [pool, uses] : by_function) {
    const auto count = calls.find(pool);
    if (count == calls.end() || count->second != static_cast<int>(uses.size()) ||
        folds.count(pool)) {
      continue;
    }
    const auto layout = built_layout(*uses.front().first);
    std::optional<std::vector<int>> widths;
    std::set<NodeId> pad_calls;
    for (const auto& [outer, inner] : uses) {
      const auto given = layout ? ceil_widths_of_call(*inner, *layout) : std::vector<int>{};
      if (given.empty() || (widths && *widths != given)) {
        widths.reset();
        break;
      }
      widths = given;
      pad_calls.insert(inner->trailer);
    }
    if (!widths || !ceil_mode_folds_into(*uses.front().first, *widths)) continue;
    folds[pool] = PaddingFold{value_of("True"), std::nullopt, pad_calls, "ceil_mode"};
  }
}

}  // namespace switcheroo::convert::engine_detail
