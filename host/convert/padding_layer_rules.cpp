#include "padding_layer_rules.h"

#include "call_helpers.h"

namespace switcheroo::convert {

const char* padding_layer_op(std::string_view op) {
  return op == "conv2d" ? "zero_pad2d" : nullptr;
}

bool pads_nothing(const HubCall& call) {
  const auto padding = call.values.find("padding");
  return padding == call.values.end() || same_value(padding->second.text, "0") ||
         same_value(padding->second.text, "'valid'");
}

bool plain_padding(const std::string& text) {
  if (call_detail::is_integer_literal(text)) return true;
  for (size_t begin = 0;;) {
    const size_t dot = text.find('.', begin);
    if (!is_identifier(text.substr(begin, dot - begin))) return false;
    if (dot == std::string::npos) return true;
    begin = dot + 1;
  }
}

bool padding_written(const std::string& text, const OpMapping& target) {
  const auto table = target.values.find("padding");
  return table == target.values.end() || table->second.count(text) ||
         call_detail::passes_through(text, table->second);
}

const OpMapping* padding_layer_for(const std::map<std::string, OpMapping>& ops,
                                   std::string_view op, const HubCall& call,
                                   const OpMapping& target) {
  const char* layer_op = padding_layer_op(op);
  const auto table = target.values.find("padding");
  const auto padding = call.values.find("padding");
  if (layer_op == nullptr || table == target.values.end() || padding == call.values.end() ||
      !table->second.count("0") || padding_written(padding->second.text, target) ||
      !plain_padding(padding->second.text)) {
    return nullptr;
  }
  const auto layer = ops.find(layer_op);
  if (layer == ops.end() || layer->second.kind != "layer") return nullptr;
  return &layer->second;
}

}  // namespace switcheroo::convert
