#include "call_mapping.h"
#include "call_helpers.h"

#include "core/expression_template.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace switcheroo::convert {

bool is_identifier(const std::string& text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

using namespace call_detail;

// An injected expression that names something in scope (`rngs=rngs`), which a call may pass
// differently, rather than a value the spelling stands for (`keepdims=True`).
bool is_plumbing(const std::string& expression) {
  return is_identifier(expression) && expression != "True" && expression != "False" &&
         expression != "None";
}

std::string as_operand(const std::string& text) {
  int depth = 0;
  bool atomic = !text.empty();
  for (size_t i = 0; i < text.size() && atomic; ++i) {
    const char c = text[i];
    if (c == '\'' || c == '"') {
      const size_t close = text.find(c, i + 1);
      if (close == std::string::npos) return "(" + text + ")";
      i = close;
    } else if (c == '(' || c == '[' || c == '{') {
      ++depth;
    } else if (c == ')' || c == ']' || c == '}') {
      --depth;
    } else if (depth == 0 &&
               !(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.')) {
      atomic = false;
    }
  }
  if (atomic && std::isdigit(static_cast<unsigned char>(text.front())) &&
      text.find('.') != std::string::npos) {
    atomic = false;  // `1.5.real` would not read as intended
  }
  return atomic ? text : "(" + text + ")";
}

bool swaps_axes(const OpMapping& target, const std::string& name, const std::string& value) {
  const auto implied = target.fixed.find(name);
  const auto& swapped = target.axes_swapped;
  return implied != target.fixed.end() &&
         std::find(swapped.begin(), swapped.end(), name) != swapped.end() &&
         (value == "True" || value == "False") && value != implied->second;
}

bool same_value(const std::string& a, const std::string& b) {
  auto normal = [](const std::string& text) {
    std::string result;
    for (char c : text) {
      if (c == ' ' || c == '\n' || c == '\t') continue;
      result += c == '"' ? '\'' : c;
    }
    return result;
  };
  return normal(a) == normal(b);
}

std::string receiver_of(const HubOp& op, const OpMapping& mapping) {
  if (mapping.kind != "method" && mapping.kind != "property" && mapping.kind != "identity") {
    return {};
  }
  if (!mapping.receiver.empty()) return mapping.receiver;
  return op.arguments.empty() ? std::string() : op.arguments.front().name;
}

std::vector<const HubArgument*> call_parameters(const HubOp& op, const OpMapping& mapping,
                                                Phase phase) {
  std::vector<const HubArgument*> parameters;
  const std::string receiver = receiver_of(op, mapping);
  // A function op spelled as a layer (nn.ReLU, nn.Dropout): its tensors go to the call of the
  // constructed layer, the rest to the constructor.
  const bool layer_form = mapping.kind == "layer" && op.kind != "layer";
  const auto& list = (phase == Phase::call && op.kind == "layer") ? op.inputs : op.arguments;
  for (const auto& argument : list) {
    if (argument.name == receiver) continue;
    if (layer_form && is_tensor_kind(argument) != (phase == Phase::call)) continue;
    parameters.push_back(&argument);
  }
  return parameters;
}

int candidate_fit(const HubOp& op, const HubCall& call) {
  int score = 0;
  auto looks_numeric = [](std::string text) {
    if (!text.empty() && text.front() == '-') text.erase(0, 1);
    if (text.empty()) return false;
    if (literal_kind(text) == LiteralKind::number || text.rfind("float(", 0) == 0) return true;
    const std::string tail = text.size() > 4 ? text.substr(text.size() - 4) : std::string();
    return text == "inf" || tail == ".inf" || tail == ".nan";
  };
  for (const auto& [name, value] : call.values) {
    const HubArgument* argument = op.argument(name);
    if (argument && argument->kind == "number" && !value.spread) {
      score += looks_numeric(value.text) ? 1 : -1;
    }
    // One axis where the op works on a tuple of them (np.linalg.norm(x, axis=1) is a vector
    // norm, not a matrix norm over axes (-2, -1)).
    if (argument && argument->kind == "axes" && argument->default_value &&
        argument->default_value->rfind("(", 0) == 0 && !value.elements && !value.spread &&
        literal_kind(value.text) == LiteralKind::number) {
      score -= 2;
    }
  }
  auto layout = op.layouts.find("input");
  if (layout != op.layouts.end()) {
    const size_t axes = layout->second.size() - 2;
    auto kernel = call.values.find("kernel_size");
    if (kernel != call.values.end() && kernel->second.elements) {
      score += kernel->second.elements->size() == axes ? 2 : -2;
    } else if (axes == 2) {
      score += 1;  // no tuple to tell: images are the common case
    }
  }
  return score;
}

int sizes_fit(const HubOp& op, const OpMapping& mapping, const HubCall& call) {
  if (mapping.hook != "split_size_list") return 0;
  int score = 0;
  for (const auto& [name, value] : call.values) {
    const HubArgument* argument = op.argument(name);
    if (argument == nullptr || argument->kind != "ints" || value.spread) continue;
    const std::string& text = value.text;
    if (value.elements || text.rfind('[', 0) == 0 || text.rfind("list(", 0) == 0) score += 1;
    if (literal_kind(text) == LiteralKind::number) score -= 1;
  }
  return score;
}

int reading_fit(const HubOp& op, const HubCall& call) {
  // A flag left out earns nothing and counts against the reading.
  return candidate_fit(op, call) - 7 * call.absent_flags;
}

}  // namespace switcheroo::convert
