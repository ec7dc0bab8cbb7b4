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
//
// A target with no padding layer but a pad function (Praxis: jnp.pad) pads at each call
// instead, by the widths of the convolution's input layout; the padding must then be integer
// literals (an int or an (h, w) pair), as they are written at the call:
//
//   self.conv(x)  ->  self.conv(jnp.pad(x, ((0, 0), (1, 1), (1, 1), (0, 0))))
#include "converter.h"

#include "call_helpers.h"
#include "padding_as_same.h"

#include "rewrite/tree_query.h"

#include <algorithm>

namespace switcheroo::convert::engine_detail {

namespace {

std::string padding_attribute(const std::string& layer) { return layer + "_pad"; }

}  // namespace

// The target's padding layer for a construction read as `op` whose padding the target's value
// table neither maps nor passes (after 'same' was tried); nullptr when none is needed or the
// target has none.
const OpMapping* Converter::padding_layer(const HubOp& op, const HubCall& call,
                                          const OpMapping& target) const {
  return padding_layer_for(target_.data->ops, op.name, call, target);
}

// Where a padding layer is missing: the target's pad function when the padding is integer
// literals and the target's layer names its H and W axes; nullptr otherwise.
const OpMapping* Converter::padding_function(const HubOp& op, const HubCall& call,
                                             const OpMapping& target) const {
  const auto table = target.values.find("padding");
  const auto padding = call.values.find("padding");
  const auto layout = target.layouts.find("input");
  if (padding_layer_op(op.name) == nullptr || table == target.values.end() ||
      padding == call.values.end() || !table->second.count("0") ||
      layout == target.layouts.end() || layout->second.find('H') == std::string::npos ||
      layout->second.find('W') == std::string::npos ||
      padding_written(padding->second.text, target)) {
    return nullptr;
  }
  const auto& elements = padding->second.elements;
  const bool literals =
      elements ? elements->size() == 2 && std::all_of(elements->begin(), elements->end(),
                                                      call_detail::is_integer_literal)
               : call_detail::is_integer_literal(padding->second.text);
  const auto pad = target_.data->ops.find("pad");
  if (!literals || pad == target_.data->ops.end() || pad->second.api.empty() ||
      pad->second.kind == "layer") {
    return nullptr;
  }
  return &pad->second;
}

// How the padding of a layer assigned to `attribute` is written where the target's layer
// cannot take it: a padding layer beside it (`<attribute>_pad`, a name the file does not use
// yet), or else the target's pad function at each call; none for a layer that is not a
// `self.<name>` (its calls cannot be found), or a padding neither can write.
Converter::PaddingForm Converter::padding_form(const std::string& attribute, const HubOp& op,
                                               const HubCall& read,
                                               const OpMapping& target) const {
  if (attribute.rfind("self.", 0) != 0 || !plain_padding(attribute)) return PaddingForm::none;
  if (padding_layer(op, read, target) != nullptr &&
      tree_.source().bytes().find(padding_attribute(attribute)) == std::string::npos) {
    return PaddingForm::layer;
  }
  return padding_function(op, read, target) != nullptr ? PaddingForm::function
                                                       : PaddingForm::none;
}

// A construction whose padding the target cannot write pads nothing itself; returned is the
// padding layer's construction, `self.<name>_pad = ...`, to put before its statement
// (padding_layer_before), or "" where its calls pad. nullopt (nothing changed) otherwise.
std::optional<std::string> Converter::padded_construction(const Call& call, const HubOp& op,
                                                          HubCall& hub_call,
                                                          const OpMapping& target) {
  const auto built = built_attribute(call);
  if (!built || built->first == python::kNoNode) return std::nullopt;
  const PaddingForm form = padding_form(built->second, op, hub_call, target);
  if (form == PaddingForm::none) return std::nullopt;
  std::string statement;
  if (form == PaddingForm::layer) {
    const auto text =
        padding_layer_text(*padding_layer(op, hub_call, target), hub_call.values.at("padding"));
    if (!text) return std::nullopt;
    statement = padding_attribute(built->second) + " = " + *text;
  }
  hub_call.values["padding"] = value_of("0");
  return statement;
}

// The construction of the target's padding `layer` padding by `padding`.
std::optional<std::string> Converter::padding_layer_text(const OpMapping& layer, HubValue padding) {
  const HubOp* layer_op = builtin_hub().find(layer.op);
  if (layer_op == nullptr) return std::nullopt;
  padding.positional = false;
  HubCall pad_call{layer_op, {{"padding", padding}}, {}, 0};
  std::string why;
  auto text = write_call(pad_call, layer, Phase::construct, hub_spelling(), {}, why);
  if (!text) return std::nullopt;
  return text->text;
}

// `statement` put on a line of its own before the statement around `call`, indented alike.
bool Converter::padding_layer_before(const Call& call, const std::string& statement) {
  const NodeId around = rewrite::enclosing_statement(tree_, call.primary);
  if (around == python::kNoNode) return false;
  const uint32_t begin = tree_.node(around).begin;
  const uint32_t column = tree_.source().line_column(begin).column;
  return edits_.replace(begin, begin, statement + "\n" + std::string(column - 1, ' '));
}

// The input of a call of a layer built with a padding layer beside it, through that layer;
// or padded by the target's pad function where the layer pads at its calls. nullopt when the
// layer's constructions pad nothing that way (or disagree).
std::optional<std::string> Converter::padded_input(const Call& call, const std::string& input) {
  std::optional<std::string> padded;
  const auto constructions = constructions_of(call);
  for (const Choice& choice : constructions) {
    if (choice.entry == nullptr || !choice.call) return std::nullopt;
    const HubOp& op = *choice.entry->op;
    const OpMapping* target = target_mapping(*target_.data, op.name, choice.entry->mapping->kind);
    if (target == nullptr) return std::nullopt;
    HubCall read = *choice.call;
    integer_padding_as_same(op.name, read, *target);
    same_padding_as_integer(op.name, read, *target);
    std::optional<std::string> text;
    switch (padding_form(call.dotted_callee, op, read, *target)) {
      case PaddingForm::layer:
        text = padding_attribute(call.dotted_callee) + "(" + input + ")";
        break;
      case PaddingForm::function: {
        const OpMapping& pad = *padding_function(op, read, *target);
        text = padded_by_function(input, read.values.at("padding"), pad,
                                  target->layouts.at("input"));
        break;
      }
      case PaddingForm::none:
        break;
    }
    if (!text || (padded && *padded != *text)) return std::nullopt;
    padded = text;
  }
  return padded;
}

// `input` padded by the target's pad function: zeros around H and W of `layout`.
std::optional<std::string> Converter::padded_by_function(const std::string& input,
                                                         const HubValue& padding,
                                                         const OpMapping& pad,
                                                         const std::string& layout) {
  const std::string height = padding.elements ? padding.elements->front() : padding.text;
  const std::string width = padding.elements ? padding.elements->back() : padding.text;
  std::vector<std::string> pairs;
  for (char axis : layout) {
    const std::string side = axis == 'H' ? height : axis == 'W' ? width : "0";
    pairs.push_back("(" + side + ", " + side + ")");
  }
  return pad_call(input, call_detail::tuple_of(pairs), pad);
}

// `input` padded by the target's pad function by `widths` (a (before, after) pair per axis),
// with `value` where one is given (the pad's default, 0, otherwise).
std::optional<std::string> Converter::pad_call(const std::string& input, const std::string& widths,
                                               const OpMapping& pad, const std::string& value) {
  const HubOp* op = builtin_hub().find(pad.op);
  if (op == nullptr) return std::nullopt;
  HubCall call{op, {{"input", value_of(input)}, {"pad_width", value_of(widths)}}, {}, 0};
  if (!value.empty()) call.values["value"] = value_of(value);
  std::string why;
  auto text = write_call(call, pad, Phase::call, hub_spelling(), {}, why);
  if (!text) return std::nullopt;
  return text->text;
}

// A call of a padded layer (above): its tensor input padded first. False when it is not one.
bool Converter::padded_layer_input(const Call& call, const HubOp& op, HubCall& hub_call) {
  if (padding_layer_op(op.name) == nullptr || call.dotted_callee.rfind("self.", 0) != 0) {
    return false;
  }
  for (const HubArgument& input : op.inputs) {
    auto value = hub_call.values.find(input.name);
    if (input.kind != "tensor" || value == hub_call.values.end() || value->second.implicit) {
      continue;
    }
    const auto padded = padded_input(call, value->second.text);
    if (!padded) return false;
    value->second.text = *padded;
    return true;
  }
  return false;
}

}  // namespace switcheroo::convert::engine_detail
