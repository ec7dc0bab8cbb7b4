// A convolution whose padding its target cannot write (Keras pads 'valid' or 'same' only) and
// which has no `self.<name>` attribute to put a padding layer beside (padding_layers.cpp): built
// in a Sequential, a list, or returned by a function. It becomes the target's sequential layer
// of the padding layer and the convolution, which pads nothing:
//
//   return nn.Conv2d(c, d, 3, stride=s, padding=1, bias=False)
//   -> return keras.Sequential([keras.layers.ZeroPadding2D(padding=1),
//                               keras.layers.Conv2D(d, 3, ..., strides=s, padding='valid', ...)])
//
// The padding layer holds no weights; the convolution's go one level down, under the
// sequential layer's path (`conv1/layers/conv2d/vars/0` in Keras; docs/weights.md). Only an
// integer literal or a name pads this way (a tuple means (height, width) to the convolution but
// (left, right, top, bottom) to the hub's padding layer).
//
// Read back, a sequential layer of exactly that padding layer and a convolution that pads
// nothing is that convolution, padded, where the target's convolution writes the padding:
//
//   keras.Sequential([keras.layers.ZeroPadding2D(padding=1), keras.layers.Conv2D(d, 3, ...)])
//   -> nn.Conv2d(c, d, 3, ..., padding=1)
#include "converter.h"

#include "bound_layers.h"
#include "call_helpers.h"

namespace switcheroo::convert::engine_detail {

// The construction `call` read in hub terms (no entry where the source spoke has none).
Converter::Choice Converter::read_construction(const Call& call) {
  const ResolvedCall resolved = resolver_.resolve(call);
  const auto* entries =
      resolved.kind == ResolvedCall::Kind::function ? index_.api(resolved.name) : nullptr;
  if (entries == nullptr || entries->empty()) return {};
  std::string why;
  return choose_entry(call, *entries, Phase::construct, framework_call(call), hub_spelling(), why);
}

// The construction `call` (read as `hub_call`) written as the target's sequential layer of its
// padding layer and itself padding nothing; nullopt where the target's convolution writes the
// padding, or it has no padding layer or sequential layer.
std::optional<std::string> Converter::padded_sequence(const Call& call, const SourceEntry& entry,
                                                      const HubCall& hub_call,
                                                      const OpMapping& target) {
  const OpMapping* layer = padding_layer(*entry.op, hub_call, target);
  const auto sequential = target_.data->ops.find("sequential");
  const HubOp* sequential_op = builtin_hub().find("sequential");
  if (layer == nullptr || sequential == target_.data->ops.end() ||
      sequential->second.kind != "layer" || sequential_op == nullptr) {
    return std::nullopt;
  }
  const auto pad = padding_layer_text(*layer, hub_call.values.at("padding"));
  HubCall unpadded = hub_call;
  unpadded.values["padding"] = value_of("0");
  std::string why;
  const auto conv = written_construction(call, *entry.op, *entry.mapping, unpadded, target, why);
  if (!pad || !conv) return std::nullopt;
  HubValue layers;
  layers.spread = true;
  layers.items = {*pad, *conv};
  const HubCall built{sequential_op, {{"layers", layers}}, {}, 0};
  auto text = write_call(built, sequential->second, Phase::construct, hub_spelling(), {}, why);
  if (!text) return std::nullopt;
  return text->text;
}

// A sequential layer built of a padding layer (an integer literal or a name) and a convolution
// that pads nothing, where the target's convolution writes that padding: the convolution and
// the padding; nullopt for any other call.
std::optional<Converter::SequenceFold> Converter::padded_sequence_fold(const Call& sequential) {
  const auto& arguments = sequential.arguments.items;
  std::vector<NodeId> items;
  for (const auto& argument : arguments) {
    if (argument.kind != rewrite::Argument::Kind::positional) return std::nullopt;
    items.push_back(argument.value);
  }
  if (items.size() == 1) items = list_display_items(tree_, items.front()).value_or(items);
  if (items.size() != 2) return std::nullopt;
  const Call* pad = call_of(items[0]);
  const Call* conv = call_of(items[1]);
  if (pad == nullptr || conv == nullptr) return std::nullopt;
  const Choice outer = read_construction(sequential);
  const Choice padding = read_construction(*pad);
  const Choice convolution = read_construction(*conv);
  if (outer.entry == nullptr || outer.entry->op->name != "sequential" ||
      padding.entry == nullptr || !padding.call || convolution.entry == nullptr ||
      !convolution.call || !pads_nothing(*convolution.call)) {
    return std::nullopt;
  }
  const char* layer_op = padding_layer_op(convolution.entry->op->name);
  const auto value = padding.call->values.find("padding");
  if (layer_op == nullptr || padding.entry->op->name != layer_op ||
      padding.call->values.size() != 1 || value == padding.call->values.end()) {
    return std::nullopt;
  }
  const OpMapping* target = target_mapping(*target_.data, convolution.entry->op->name,
                                           convolution.entry->mapping->kind);
  if (target == nullptr || !plain_padding(value->second.text) ||
      !padding_written(value->second.text, *target)) {
    return std::nullopt;
  }
  return SequenceFold{conv, value->second};
}

// The padding a convolution is given where its sequential layer folds into it (above).
std::optional<HubValue> Converter::sequence_padding(const Call& conv) {
  const Call* outer = call_given(conv);
  if (outer == nullptr) return std::nullopt;
  const auto fold = padded_sequence_fold(*outer);
  if (!fold || fold->conv != &conv) return std::nullopt;
  return fold->padding;
}

// A sequential layer folded into its convolution: the convolution's converted text in its place
// (where the convolution converted).
bool Converter::fold_padded_sequence(const Call& call) {
  const auto fold = padded_sequence_fold(call);
  if (!fold) return false;
  const auto& conv = *fold->conv;
  const uint32_t end = tree_.node(conv.trailer).end;
  if (!edits_.covered(conv.callee_begin, end)) return false;  // not converted: the padding stays
  const std::string text = edits_.text(conv.callee_begin, end);
  if (!edits_.replace(call.callee_begin, tree_.node(call.trailer).end, text)) return false;
  ++result_.converted;
  return true;
}

}  // namespace switcheroo::convert::engine_detail
