// A padding layer called only before one convolution, read back into that convolution's
// padding where the target writes it there (padding_layers.cpp writes the pair):
//
//   self.conv_pad = keras.layers.ZeroPadding2D(padding=1)       (removed)
//   self.conv = keras.layers.Conv2D(d, 3, strides=2, padding='valid')
//   -> self.conv = nn.Conv2d(c, d, 3, stride=2, padding=1)
//   self.conv(self.conv_pad(x))  ->  self.conv(x)
//
// It folds when every call of the padding layer is the one argument of a call of the same
// convolution, every call of that convolution takes it, each of them is built once or alike in
// the class, the convolution pads nothing ('valid' or 0) and the padding is an integer or a
// name the target's convolution takes. Any other padding layer converts as the layer it is.
//
// A pad function's call (the hub's `pad`) as the one argument of every call of a convolution
// folds the same way, when its widths are literal pairs, zeros but for equal pairs around the
// convolution input's H and W axes (Praxis: `self.conv(jnp.pad(x, ((0, 0), (1, 1), (1, 1),
// (0, 0))))` -> `self.conv(x)`, the convolution `padding=1`; (1, 1) and (2, 2) give (1, 2)).
#include "converter.h"

#include "call_helpers.h"
#include "layer_idioms.h"

#include "rewrite/tree_query.h"

#include <algorithm>
#include <set>

namespace switcheroo::convert::engine_detail {

namespace {

using Key = std::pair<NodeId, std::string>;

}  // namespace

// The padding a layer's constructions all give, read as `op`; nullopt when one reads otherwise.
std::optional<HubValue> Converter::built_padding(const Call& call, const std::string& op) {
  std::optional<HubValue> padding;
  for (const Choice& choice : constructions_of(call)) {
    if (choice.entry == nullptr || !choice.call || choice.entry->op->name != op) {
      return std::nullopt;
    }
    const auto value = choice.call->values.find("padding");
    if (value == choice.call->values.end()) return std::nullopt;
    if (padding && padding->text != value->second.text) return std::nullopt;
    padding = value->second;
  }
  return padding;
}

// Whether the convolution `conv` calls takes `padding` in the target (its value table writes
// it, or a padding layer or pad call can stand for it there), all its constructions padding
// nothing and padded by the layer `pad_op`.
bool Converter::folds_into(const Call& conv, const std::string& pad_op, const HubValue& padding) {
  const auto constructions = constructions_of(conv);
  if (constructions.empty()) return false;
  for (const Choice& choice : constructions) {
    if (choice.entry == nullptr || !choice.call || !pads_nothing(*choice.call)) return false;
    const HubOp& op = *choice.entry->op;
    const char* layer_op = padding_layer_op(op.name);
    if (layer_op == nullptr || pad_op != layer_op) return false;
    const OpMapping* target = target_mapping(*target_.data, op.name, choice.entry->mapping->kind);
    if (target == nullptr) return false;
    HubCall padded = *choice.call;
    padded.values["padding"] = padding;
    if (!padding_written(padding.text, *target) && padding_form(conv.dotted_callee, op, padded, *target) == PaddingForm::none) {
      return false;
    }
  }
  return true;
}

// The padding a pad function's call gives a layer whose input has `layout` (its pad widths
// literal, zeros but for a pair around H and one around W, each the same on both sides);
// nullopt for any other call.
std::optional<HubValue> Converter::padding_of_call(const Call& pad, const std::string& layout) {
  const Choice choice = read_construction(pad);
  if (choice.entry == nullptr || choice.entry->op->name != "pad" || !choice.call ||
      choice.call->values.size() != 2 || !choice.call->values.count("pad_width")) {
    return std::nullopt;
  }
  const auto pairs = display_items(choice.call->values.at("pad_width").text);
  if (pairs.size() != layout.size()) return std::nullopt;
  std::string height, width;
  for (size_t axis = 0; axis < pairs.size(); ++axis) {
    const auto sides = display_items(pairs[axis]);
    if (sides.size() != 2 || sides[0] != sides[1] || !call_detail::is_integer_literal(sides[0])) {
      return std::nullopt;
    }
    if (layout[axis] == 'H') {
      height = sides[0];
    } else if (layout[axis] == 'W') {
      width = sides[0];
    } else if (sides[0] != "0") {
      return std::nullopt;
    }
  }
  if (height.empty() || width.empty()) return std::nullopt;
  return value_of(height == width ? height : "(" + height + ", " + width + ")");
}

// The calls of the file's layer attributes, counted by key, and the calls of each wrapping a
// call of another layer (by the inner layer's key) or of a function (by the outer's key).
void Converter::count_wrapped_calls(std::map<Key, int>& calls, WrappedCalls& by_layer,
                                    WrappedCalls& by_function) const {
  for (const auto& [trailer, call] : calls_by_trailer_) {
    if (call->dotted_callee.rfind("self.", 0) != 0) continue;
    const Key key = layer_attribute(call->primary, call->dotted_callee);
    ++calls[key];
    const auto& items = call->arguments.items;
    if (items.size() != 1 || items[0].kind != rewrite::Argument::Kind::positional) continue;
    const Call* inner = call_of(items[0].value);
    if (inner == nullptr) continue;
    if (inner->dotted_callee.rfind("self.", 0) == 0 && inner->arguments.items.size() == 1) {
      by_layer[layer_attribute(inner->primary, inner->dotted_callee)].emplace_back(call, inner);
    } else if (!inner->dotted_callee.empty()) {
      by_function[key].emplace_back(call, inner);
    }
  }
}

// Every padding layer or pad call of the file that folds into a convolution, by the
// convolution's key.
const std::map<Key, Converter::PaddingFold>& Converter::padding_folds() {
  if (padding_folds_) return *padding_folds_;
  padding_folds_.emplace();
  std::map<Key, int> calls;
  WrappedCalls by_layer, by_function;
  count_wrapped_calls(calls, by_layer, by_function);
  const auto key_of = [&](const Call* call) {
    return layer_attribute(call->primary, call->dotted_callee);
  };
  for (const auto& [pad, uses] : by_layer) {
    const Key conv = key_of(uses.front().first);
    const bool only_there = std::all_of(uses.begin(), uses.end(),
                                        [&](const auto& use) { return key_of(use.first) == conv; });
    if (!only_there || calls[pad] != static_cast<int>(uses.size()) ||
        calls[conv] != static_cast<int>(uses.size())) {
      continue;
    }
    const std::string pad_op = "zero_pad2d";
    const auto padding = built_padding(*uses.front().second, pad_op);
    if (!padding || !folds_into(*uses.front().first, pad_op, *padding)) continue;
    (*padding_folds_)[conv] = PaddingFold{*padding, pad, {}};
  }
  for (const auto& [conv, uses] : by_function) {
    if (calls[conv] != static_cast<int>(uses.size()) || padding_folds_->count(conv)) continue;
    const auto layout = built_layout(*uses.front().first);
    std::optional<HubValue> padding;
    std::set<NodeId> pad_calls;
    for (const auto& [outer, inner] : uses) {
      const auto given = layout ? padding_of_call(*inner, *layout) : std::nullopt;
      if (!given || (padding && padding->text != given->text)) {
        padding.reset();
        break;
      }
      padding = given;
      pad_calls.insert(inner->trailer);
    }
    if (!padding || !folds_into(*uses.front().first, "zero_pad2d", *padding)) continue;
    (*padding_folds_)[conv] = PaddingFold{*padding, std::nullopt, pad_calls};
  }
  ceil_mode_folds(calls, by_function, *padding_folds_);
  return *padding_folds_;
}

// The layout of the input of the layer `call` calls, as its source spelling has it; nullopt
// when its constructions have none or disagree.
std::optional<std::string> Converter::built_layout(const Call& call) {
  std::optional<std::string> layout;
  for (const Choice& choice : constructions_of(call)) {
    if (choice.entry == nullptr) return std::nullopt;
    const auto found = choice.entry->mapping->layouts.find("input");
    if (found == choice.entry->mapping->layouts.end()) return std::nullopt;
    if (layout && *layout != found->second) return std::nullopt;
    layout = found->second;
  }
  return layout;
}

// The argument and value a fold gives the layer `call` builds (a convolution's padding, a
// max pool's ceil_mode); nullopt when none folds into it.
std::optional<std::pair<std::string, HubValue>> Converter::folded_padding(const Call& call) {
  if (auto padding = sequence_padding(call)) return std::make_pair(std::string("padding"), *padding);
  const auto built = built_attribute(call);
  if (!built) return std::nullopt;
  const auto found = padding_folds().find(*built);
  if (found == padding_folds().end()) return std::nullopt;
  return std::make_pair(found->second.argument, found->second.padding);
}

// A padding layer or pad call folded into its convolution: the layer's construction statement
// is removed (with its line), and each call of either gives its argument alone. False for any
// other call.
bool Converter::fold_padding_layer(const Call& call, Phase phase) {
  if (phase == Phase::construct && fold_padded_sequence(call)) return true;
  const auto built = phase == Phase::construct ? built_attribute(call) : std::nullopt;
  const Key called = layer_attribute(call.primary, call.dotted_callee);
  bool unwrap = false, remove = false;
  for (const auto& [conv, fold] : padding_folds()) {
    unwrap = unwrap || fold.pad_calls.count(call.trailer) ||
             (phase == Phase::call && fold.pad_layer == called);
    remove = remove || (built && fold.pad_layer == *built);
  }
  if (unwrap) {
    const auto& argument = tree_.node(call.arguments.items.front().value);
    const std::string inner = edits_.text(argument.begin, argument.end);
    if (!edits_.replace(call.callee_begin, tree_.node(call.trailer).end, inner)) return false;
    ++result_.converted;
    return true;
  }
  if (!remove) return false;
  const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
  if (statement == python::kNoNode) return false;
  // From the statement to the next one's first character: its line and the next one's
  // indentation go, the indentation before it stays for the next statement.
  // (The statement's node may end after its newline.)
  const std::string& source = tree_.source().bytes();
  size_t after = source.find('\n', tree_.node(statement).end - 1);
  after = after == std::string::npos ? source.size() : source.find_first_not_of(" \t", after + 1);
  if (after == std::string::npos) after = source.size();
  if (!edits_.replace(tree_.node(statement).begin, static_cast<uint32_t>(after), "")) return false;
  ++result_.converted;
  return true;
}

}  // namespace switcheroo::convert::engine_detail
