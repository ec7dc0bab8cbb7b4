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
#include "converter.h"

#include "rewrite/tree_query.h"

#include <algorithm>

namespace switcheroo::convert::engine_detail {

namespace {

using Key = std::pair<NodeId, std::string>;

bool pads_nothing(const HubCall& call) {
  const auto padding = call.values.find("padding");
  return padding == call.values.end() || same_value(padding->second.text, "0") ||
         same_value(padding->second.text, "'valid'");
}

}  // namespace

// The layer a call's one positional argument calls (`self.pad` in `self.conv(self.pad(x))`).
const Call* Converter::wrapped_layer_call(const Call& call) const {
  const auto& items = call.arguments.items;
  if (items.size() != 1 || items[0].kind != rewrite::Argument::Kind::positional) return nullptr;
  const Call* inner = call_of(items[0].value);
  if (inner == nullptr || inner->dotted_callee.rfind("self.", 0) != 0 ||
      inner->arguments.items.size() != 1) {
    return nullptr;
  }
  return inner;
}

// The padding a layer's constructions all give, read as `op`; nullopt when one reads otherwise.
std::optional<HubValue> Converter::built_padding(const Call& call, const std::string& op) {
  std::optional<HubValue> padding;
  for (const Choice& choice : constructions_of(call)) {
    if (choice.entry == nullptr || !choice.call || choice.entry->op->name != op) return std::nullopt;
    const auto value = choice.call->values.find("padding");
    if (value == choice.call->values.end()) return std::nullopt;
    if (padding && padding->text != value->second.text) return std::nullopt;
    padding = value->second;
  }
  return padding;
}

// Whether the convolution `conv` calls takes `padding` in the target, all its constructions
// padding nothing and padded by the layer `pad_op`.
bool Converter::folds_into(const Call& conv, const std::string& pad_op, const HubValue& padding) {
  const auto constructions = constructions_of(conv);
  if (constructions.empty()) return false;
  for (const Choice& choice : constructions) {
    if (choice.entry == nullptr || !choice.call || !pads_nothing(*choice.call)) return false;
    const HubOp& op = *choice.entry->op;
    const char* layer_op = padding_layer_op(op.name);
    if (layer_op == nullptr || pad_op != layer_op) return false;
    const OpMapping* target = target_mapping(*target_.data, op.name, choice.entry->mapping->kind);
    HubCall padded = *choice.call;
    padded.values["padding"] = padding;
    if (target == nullptr || padding_layer(op, padded, *target) != nullptr) return false;
  }
  return true;
}

// Every padding layer of the file that folds into a convolution: by the padding layer's key,
// the convolution's key and the padding.
const std::map<Key, Converter::PaddingFold>& Converter::padding_folds() {
  if (padding_folds_) return *padding_folds_;
  padding_folds_.emplace();
  std::map<Key, int> calls;
  std::map<Key, std::vector<std::pair<const Call*, const Call*>>> wrapped;  // pad -> (conv, pad)
  for (const auto& [trailer, call] : calls_by_trailer_) {
    if (call->dotted_callee.rfind("self.", 0) != 0) continue;
    ++calls[layer_attribute(call->primary, call->dotted_callee)];
    if (const Call* inner = wrapped_layer_call(*call)) {
      wrapped[layer_attribute(inner->primary, inner->dotted_callee)].emplace_back(call, inner);
    }
  }
  for (const auto& [pad, uses] : wrapped) {
    const Key conv = layer_attribute(uses.front().first->primary, uses.front().first->dotted_callee);
    const bool only_there = std::all_of(uses.begin(), uses.end(), [&](const auto& use) {
      return layer_attribute(use.first->primary, use.first->dotted_callee) == conv;
    });
    if (!only_there || calls[pad] != static_cast<int>(uses.size()) ||
        calls[conv] != static_cast<int>(uses.size())) {
      continue;
    }
    const std::string pad_op = "zero_pad2d";
    const auto padding = built_padding(*uses.front().second, pad_op);
    if (!padding || !folds_into(*uses.front().first, pad_op, *padding)) continue;
    (*padding_folds_)[pad] = PaddingFold{conv, *padding};
  }
  return *padding_folds_;
}

// The padding a fold gives the convolution `call` builds; nullopt when none folds into it.
std::optional<HubValue> Converter::folded_padding(const Call& call) {
  const auto built = built_attribute(call);
  if (!built) return std::nullopt;
  for (const auto& [pad, fold] : padding_folds()) {
    if (fold.layer == *built) return fold.padding;
  }
  return std::nullopt;
}

// A padding layer that folds into its convolution: its construction statement is removed
// (with its line), and each call of it gives its argument alone. False for any other call.
bool Converter::fold_padding_layer(const Call& call, Phase phase) {
  if (phase == Phase::call) {
    if (call.dotted_callee.rfind("self.", 0) != 0 ||
        !padding_folds().count(layer_attribute(call.primary, call.dotted_callee))) {
      return false;
    }
    const auto& argument = tree_.node(call.arguments.items.front().value);
    const std::string inner = edits_.text(argument.begin, argument.end);
    if (!edits_.replace(call.callee_begin, tree_.node(call.trailer).end, inner)) return false;
    ++result_.converted;
    return true;
  }
  const auto built = built_attribute(call);
  if (!built || !padding_folds().count(*built)) return false;
  const NodeId statement = rewrite::enclosing_statement(tree_, call.primary);
  if (statement == python::kNoNode) return false;
  // From the statement to the next one's first character: its line and the next one's
  // indentation go, the indentation before it stays for the next statement.
  const std::string& source = tree_.source().bytes();
  // (The statement's node may end after its newline.)
  size_t after = source.find('\n', tree_.node(statement).end - 1);
  after = after == std::string::npos ? source.size() : source.find_first_not_of(" \t", after + 1);
  if (after == std::string::npos) after = source.size();
  if (!edits_.replace(tree_.node(statement).begin, static_cast<uint32_t>(after), "")) return false;
  ++result_.converted;
  return true;
}

}  // namespace switcheroo::convert::engine_detail
