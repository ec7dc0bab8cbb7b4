#include "ci_cases.h"

#include <switcheroo/hook_text.hpp>

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace switcheroo::ci {
namespace {

using convert::HubValue;
using convert::value_of;

bool is_integer(const std::string& text) {
  if (text.empty()) return false;
  size_t at = text[0] == '-' ? 1 : 0;
  if (at == text.size()) return false;
  for (; at < text.size(); ++at) {
    if (text[at] < '0' || text[at] > '9') return false;
  }
  return true;
}

bool is_float(const std::string& text) {
  if (text.empty()) return false;
  char* end = nullptr;
  std::strtod(text.c_str(), &end);
  return end == text.c_str() + text.size();
}

std::string float_text(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.10g", value);
  std::string text = buffer;
  if (text.find_first_of(".e") == std::string::npos) text += ".0";
  return text;
}

bool is_tensor_kind(const std::string& kind) {
  return kind == "tensor" || kind == "tensors";
}

// The example of the `call`-th call: an argument with several examples (joined by newlines,
// hub.cpp) gives its `call`-th, one with a single example gives it to every call.
std::string example_at(const std::string& examples, size_t call) {
  std::vector<std::string> values;
  for (size_t begin = 0;;) {
    const size_t end = examples.find('\n', begin);
    values.push_back(examples.substr(begin, end == std::string::npos ? end : end - begin));
    if (end == std::string::npos) break;
    begin = end + 1;
  }
  return values.size() == 1 ? values.front() : values.at(call);
}

// How many calls the op's examples make: the length of its arrays of examples, else one.
size_t example_calls(const HubOp& op) {
  size_t calls = 1;
  for (const auto& [name, text] : op.examples) {
    calls = std::max(calls, static_cast<size_t>(std::count(text.begin(), text.end(), '\n')) + 1);
  }
  return calls;
}

// The value of a variadic argument: spread items, from the example's tuple when there is one.
HubValue spread_value(const HubOp& op, const HubArgument& argument) {
  HubValue value;
  value.spread = true;
  value.positional = true;
  auto example = op.examples.find(argument.name);
  if (argument.kind == "tensor" || argument.kind == "tensors") {
    TensorSlot slot;
    for (const auto& candidate : tensor_slots(op)) {
      if (candidate.argument == argument.name) slot = candidate;
    }
    value.items = slot.variables();
  } else if (example != op.examples.end()) {
    const std::string text = example_at(example->second, 0);
    value.items = hooks::top_level_parts(text.substr(1, text.size() - 2));
    if (!value.items.empty() && value.items.back().empty()) value.items.pop_back();
  } else {
    value.items = {"4", "6"};
  }
  return value;
}

// Every argument a case sets for the op's required arguments, with the examples of the
// `example`-th call.
convert::HubCall required_call(const HubOp& op, size_t example_call) {
  convert::HubCall call;
  call.op = &op;
  const auto slots = tensor_slots(op);
  for (const auto& argument : op.arguments) {
    if (argument.variadic) {
      call.values[argument.name] = spread_value(op, argument);
      continue;
    }
    auto example = op.examples.find(argument.name);
    if (!argument.required()) {
      if (example != op.examples.end() && !is_tensor_kind(argument.kind)) {
        call.values[argument.name] = value_of(example_at(example->second, example_call));
      }
      continue;
    }
    const TensorSlot* slot = nullptr;
    for (const auto& candidate : slots) {
      if (candidate.argument == argument.name) slot = &candidate;
    }
    if (slot != nullptr) {
      const auto names = slot->variables();
      HubValue value = value_of(names.front());
      if (slot->form == "list") {
        value.text = "[" + names.front();
        for (size_t i = 1; i < names.size(); ++i) value.text += ", " + names[i];
        value.text += "]";
        value.elements = names;
      }
      value.positional = true;
      call.values[argument.name] = value;
      continue;
    }
    call.values[argument.name] =
        value_of(example != op.examples.end() ? example_at(example->second, example_call)
                                              : value_for_kind(argument.kind));
  }
  return call;
}

bool has_axis_arguments(const HubOp& op) {
  for (const auto& argument : op.arguments) {
    if ((argument.name == "axis" || argument.name == "keepdims") && argument.default_value) {
      return true;
    }
  }
  return false;
}

}  // namespace

std::vector<std::string> TensorSlot::variables() const {
  if (form == "single") return {"_" + argument};
  std::vector<std::string> names;
  for (int i = 0; i < count; ++i) names.push_back("_" + argument + "_" + std::to_string(i));
  return names;
}

std::vector<TensorSlot> tensor_slots(const HubOp& op) {
  std::vector<TensorSlot> slots;
  for (const auto& argument : op.arguments) {
    if (argument.kind != "tensor" && argument.kind != "tensors") continue;
    if (!argument.variadic && !argument.required()) continue;
    TensorSlot slot;
    slot.argument = argument.name;
    slot.domain = argument.domain;
    if (auto example = op.examples.find(argument.name); example != op.examples.end()) {
      slot.example = example->second;
    }
    if (argument.variadic || argument.kind == "tensors") {
      slot.form = argument.variadic ? "spread" : "list";
      slot.count = 2;
      // A list example gives one shape (spread) or one tensor's data (list) per item.
      if (!slot.example.empty() && slot.example.front() == '[') {
        auto shapes = hooks::top_level_parts(slot.example.substr(1, slot.example.size() - 2));
        slot.count = static_cast<int>(shapes.size());
      }
    }
    slots.push_back(slot);
  }
  return slots;
}

std::string value_for_kind(const std::string& kind) {
  if (kind == "axis") return "1";
  if (kind == "axes") return "(1,)";
  if (kind == "int") return "2";
  if (kind == "float") return "0.3";
  if (kind == "number") return "1.5";
  if (kind == "bool") return "True";
  if (kind == "shape") return "(2, 4, 6)";
  if (kind == "ints") return "(2, 1)";
  if (kind == "dtype") return "float32";
  if (kind == "str") return "'mean'";
  if (kind == "device") return "'cpu'";
  return "[[1.0, 2.0], [3.0, 4.0]]";
}

std::string changed_value(const std::string& kind, const std::string& default_text) {
  const bool number = is_integer(default_text) || is_float(default_text);
  if (kind == "bool") {
    if (default_text == "None") return "True";
    if (default_text == "True") return "False";
    if (default_text == "False") return "True";
    return "";
  }
  if (kind == "int") {
    if (is_integer(default_text)) return std::to_string(std::atol(default_text.c_str()) + 1);
    return default_text == "None" ? "1" : "";
  }
  if (kind == "float" || kind == "number") {
    if (number) return float_text(std::strtod(default_text.c_str(), nullptr) * 0.5 + 0.25);
    return default_text == "None" ? "0.5" : "";
  }
  if (kind == "axis" || kind == "axes") {
    if (default_text == "0" || default_text == "(0,)") return "1";
    return default_text == "None" || number || default_text.front() == '(' ? "0" : "";
  }
  return "";
}

std::vector<HubCase> hub_cases(const HubOp& op) {
  std::vector<HubCase> cases;
  const convert::HubCall base = required_call(op, 0);
  cases.push_back({"", base});
  if (has_axis_arguments(op)) {
    HubCase with_axis{"axis=1, keepdims=True", base};
    std::string label;
    for (const auto& argument : op.arguments) {
      if (!argument.default_value) continue;
      const std::string& fallback = *argument.default_value;
      if (argument.name == "axis" && (fallback == "None" || fallback == "0" || fallback == "-1")) {
        with_axis.call.values["axis"] = value_of("1");
        label += std::string(label.empty() ? "" : ", ") + "axis=1";
      } else if (argument.name == "keepdims") {
        with_axis.call.values["keepdims"] = value_of("True");
        label += std::string(label.empty() ? "" : ", ") + "keepdims=True";
      }
    }
    with_axis.label = label;
    if (!label.empty()) cases.push_back(with_axis);
  }
  for (const auto& argument : op.arguments) {
    if (!argument.default_value || argument.variadic) continue;
    if (op.examples.count(argument.name)) continue;  // every case has it
    const std::string value = changed_value(argument.kind, *argument.default_value);
    if (value.empty()) continue;
    HubCase changed{argument.name + "=" + value, base};
    changed.call.values[argument.name] = value_of(value);
    cases.push_back(changed);
  }
  // The further calls of the hub's arrays of examples (interpolate's other modes).
  for (size_t call = 1; call < example_calls(op); ++call) {
    HubCase further{"", required_call(op, call)};
    for (const auto& [name, text] : op.examples) {
      if (text.find('\n') == std::string::npos) continue;
      further.label += (further.label.empty() ? "" : ", ") + name + "=" + example_at(text, call);
    }
    cases.push_back(std::move(further));
  }
  return cases;
}

}  // namespace switcheroo::ci
