// A convolution's padding that its target cannot write (Keras pads 'valid' or 'same' only) as
// a padding layer beside it, called before it, the way the target's users write it:
//
//   self.conv = nn.Conv2d(c, d, 3, stride=2, padding=1)
//   -> self.conv_pad = keras.layers.ZeroPadding2D(padding=1)
//      self.conv = keras.layers.Conv2D(d, 3, ..., padding='valid', strides=2)
//   self.conv(x)  ->  self.conv(self.conv_pad(x))
//
// The convolution keeps its attribute, so its weights stay where they were; the padding layer
// holds none. Only a layer built as `self.<name> = ...` gets one (a convolution returned by a
// function, or built inside a container, has no attribute to put one beside), and only for an
// integer literal or a name: a tuple means (height, width) to the convolution but (left,
// right, top, bottom) to the hub's padding layer. Read back, the pair folds into the
// convolution again (padding_folds.cpp).
#include "converter.h"

#include "call_helpers.h"
#include "padding_as_same.h"

#include "rewrite/tree_query.h"

namespace switcheroo::convert::engine_detail {

namespace {

// An integer literal or a (dotted) name: what a padding layer is written with.
bool plain_padding(const std::string& text) {
  if (call_detail::is_integer_literal(text)) return true;
  for (size_t begin = 0;;) {
    const size_t dot = text.find('.', begin);
    if (!is_identifier(text.substr(begin, dot - begin))) return false;
    if (dot == std::string::npos) return true;
    begin = dot + 1;
  }
}

std::string padding_attribute(const std::string& layer) { return layer + "_pad"; }

}  // namespace

const char* padding_layer_op(std::string_view op) {
  return op == "conv2d" ? "zero_pad2d" : nullptr;
}

// The target's padding layer for a construction read as `op` whose padding the target's value
// table neither maps nor passes (after 'same' was tried); nullptr when none is needed or the
// target has none.
const OpMapping* Converter::padding_layer(const HubOp& op, const HubCall& call,
                                          const OpMapping& target) const {
  const char* layer_op = padding_layer_op(op.name);
  const auto table = target.values.find("padding");
  const auto padding = call.values.find("padding");
  if (layer_op == nullptr || table == target.values.end() || padding == call.values.end() ||
      !table->second.count("0")) {
    return nullptr;
  }
  const std::string& text = padding->second.text;
  if (table->second.count(text) || call_detail::passes_through(text, table->second) ||
      !plain_padding(text)) {
    return nullptr;
  }
  const auto layer = target_.data->ops.find(layer_op);
  if (layer == target_.data->ops.end() || layer->second.kind != "layer") return nullptr;
  return &layer->second;
}

// The attribute a construction is assigned to, when a padding layer can stand beside it: a
// `self.<name>` whose `_pad` name the file does not use yet.
std::optional<std::string> Converter::padded_attribute(const Call& call) const {
  const auto built = built_attribute(call);
  if (!built || built->first == python::kNoNode || built->second.rfind("self.", 0) != 0 ||
      !plain_padding(built->second)) {
    return std::nullopt;
  }
  if (tree_.source().bytes().find(padding_attribute(built->second)) != std::string::npos) {
    return std::nullopt;
  }
  return built->second;
}

// A construction whose padding the target cannot write: the padding layer's construction,
// `self.<name>_pad = ...`, to put before its statement (padding_layer_before), with the
// convolution's own padding set to nothing. nullopt (nothing changed) when no padding layer is
// needed or none can be written.
std::optional<std::string> Converter::padding_layer_statement(const Call& call, const HubOp& op,
                                                              HubCall& hub_call,
                                                              const OpMapping& target) {
  const OpMapping* layer = padding_layer(op, hub_call, target);
  const auto attribute = layer == nullptr ? std::nullopt : padded_attribute(call);
  const HubOp* layer_op = layer == nullptr ? nullptr : builtin_hub().find(layer->op);
  if (!attribute || layer_op == nullptr) return std::nullopt;
  HubValue padding = hub_call.values.at("padding");
  padding.positional = false;
  HubCall pad_call{layer_op, {{"padding", padding}}, {}, 0};
  std::string why;
  auto text = write_call(pad_call, *layer, Phase::construct, hub_spelling(), {}, why);
  if (!text) return std::nullopt;
  hub_call.values["padding"] = value_of("0");
  return padding_attribute(*attribute) + " = " + text->text;
}

// `statement` put on a line of its own before the statement around `call`, indented alike.
bool Converter::padding_layer_before(const Call& call, const std::string& statement) {
  const NodeId around = rewrite::enclosing_statement(tree_, call.primary);
  if (around == python::kNoNode) return false;
  const uint32_t begin = tree_.node(around).begin;
  const uint32_t column = tree_.source().line_column(begin).column;
  return edits_.replace(begin, begin, statement + "\n" + std::string(column - 1, ' '));
}

// A call of a layer built with a padding layer beside it: its input goes through that layer
// first. False when the layer has none.
bool Converter::padded_layer_input(const Call& call, const HubOp& op, HubCall& hub_call) {
  if (padding_layer_op(op.name) == nullptr || call.dotted_callee.rfind("self.", 0) != 0) {
    return false;
  }
  const auto constructions = constructions_of(call);
  if (constructions.empty()) return false;
  for (const Choice& choice : constructions) {
    if (choice.entry == nullptr || !choice.call) return false;
    const OpMapping* target =
        target_mapping(*target_.data, choice.entry->op->name, choice.entry->mapping->kind);
    if (target == nullptr) return false;
    HubCall read = *choice.call;
    integer_padding_as_same(choice.entry->op->name, read, *target);
    same_padding_as_integer(choice.entry->op->name, read, *target);
    if (padding_layer(*choice.entry->op, read, *target) == nullptr) return false;
  }
  if (tree_.source().bytes().find(padding_attribute(call.dotted_callee)) != std::string::npos) {
    return false;
  }
  for (const HubArgument& input : op.inputs) {
    auto value = hub_call.values.find(input.name);
    if (input.kind != "tensor" || value == hub_call.values.end() || value->second.implicit) {
      continue;
    }
    value->second.text = padding_attribute(call.dotted_callee) + "(" + value->second.text + ")";
    return true;
  }
  return false;
}

}  // namespace switcheroo::convert::engine_detail
