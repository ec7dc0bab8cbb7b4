// Writing a call in hub terms through a target spelling: call_mapping.h's write_call and
// write_expression.
#include "call_helpers.h"
#include "call_mapping.h"

#include "core/expression_template.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <string_view>

namespace switcheroo::convert {

using namespace call_detail;

// A target spelling that returns more than the op's one result (torch.sort's (values,
// indices) for `sort`, whose results are ["out", "_"]) is narrowed to the kept result, so
// `np.sort(x)` becomes `torch.sort(x)[0]`; a source with the same results needs nothing.
std::string kept_result_selector(const OpMapping& source, const OpMapping& target) {
  const auto& results = target.results;
  if (std::find(results.begin(), results.end(), "_") == results.end() ||
      source.results.size() == results.size()) {
    return "";
  }
  for (size_t index = 0; index < results.size(); ++index) {
    if (results[index] != "_") return "[" + std::to_string(index) + "]";
  }
  return "";
}

std::optional<WrittenCall> write_call(const HubCall& call, const OpMapping& target, Phase phase,
                                      const Spelling& spelling, const std::string& callee,
                                      std::string& why) {
  const HubOp& op = *call.op;
  std::map<std::string, HubValue> values = call.values;
  const std::string receiver = receiver_of(op, target);
  if (target.kind == "identity") {
    auto value = values.find(receiver);
    if (value == values.end()) {
      why = "nothing to keep";
      return std::nullopt;
    }
    return WrittenCall{value->second.text, false};
  }
  const auto parameters = call_parameters(op, target, phase);
  auto hub_default = [&](const std::string& name) -> std::optional<std::string> {
    const HubArgument* argument = op.argument(name);
    return argument ? argument->default_value : std::nullopt;
  };

  for (const auto& name : target.dropped) {
    auto value = values.find(name);
    if (value == values.end()) continue;
    const auto fits = hub_default(name);
    if (!value->second.implicit && !(fits && same_value(*fits, value->second.text))) {
      why = "'" + target.api + "' has no '" + name + "' (only its default converts)";
      return std::nullopt;
    }
    values.erase(value);
  }
  for (const auto& [name, implied] : target.fixed) {
    auto value = values.find(name);
    if (value == values.end()) {
      // Left at a hub default the API does not imply: pl.Linear (no bias) is not nn.Linear(4, 8).
      const auto standard = hub_default(name);
      if (standard && *standard != "None" && !same_value(implied, *standard)) {
        why = "'" + target.api + "' implies " + name + "=" + implied + ", not the default " +
              *standard;
        return std::nullopt;
      }
      continue;
    }
    if (!same_value(implied, value->second.text)) {
      why = "'" + target.api + "' implies " + name + "=" + implied;
      return std::nullopt;
    }
    values.erase(value);
  }
  for (const auto& [name, framework_default] : target.defaults) {
    if (!values.count(name) && find_parameter(parameters, name)) {
      if (auto standard = hub_default(name)) {
        values[name] = value_of(*standard, true);
      }
    }
  }
  for (auto it = values.begin(); it != values.end();) {
    const std::string& name = it->first;
    if (name == receiver) {
      ++it;
      continue;
    }
    std::optional<std::string> effective = hub_default(name);
    if (auto own = target.defaults.find(name); own != target.defaults.end()) {
      effective = own->second;
    }
    if (it->second.implicit && effective && same_value(*effective, it->second.text)) {
      it = values.erase(it);
      continue;
    }
    if (!find_parameter(parameters, name)) {
      if (it->second.implicit) {
        it = values.erase(it);
        continue;
      }
      why = "'" + name + "' has no place in '" + target.api + "'";
      return std::nullopt;
    }
    ++it;
  }
  for (const auto& name : target.required) {
    if (!values.count(name)) {
      if (auto standard = hub_default(name)) values[name] = value_of(*standard);
    }
  }
  // `needs`: an argument the API takes only beside others (a keepdim accepted only with a dim)
  // brings them at their hub default; one without a default cannot be written.
  for (const auto& [name, partners] : target.needs) {
    if (!values.count(name)) continue;
    for (const auto& partner : partners) {
      if (values.count(partner)) continue;
      auto standard = hub_default(partner);
      if (!standard) {
        why = "'" + target.framework_name(name) + "' of '" + target.api + "' needs '" +
              target.framework_name(partner) + "'";
        return std::nullopt;
      }
      values[partner] = value_of(*standard);
    }
  }
  for (auto& [name, value] : values) {
    if (auto remap = target.values.find(name); remap != target.values.end()) {
      auto mapped = remap->second.find(value.text);
      if (mapped == remap->second.end()) {
        for (const auto& [hub_value, framework_value] : remap->second) {
          if (same_value(hub_value, value.text)) mapped = remap->second.find(hub_value);
        }
      }
      if (mapped != remap->second.end()) {
        value.text = mapped->second;
      } else if (!passes_through(value.text, remap->second)) {
        why =
            "value " + value.text + " of '" + name + "' has no equivalent in '" + target.api + "'";
        return std::nullopt;
      }
    }
    if (auto transform = target.transforms.find(name);
        transform != target.transforms.end() && !value.spread) {
      value.text = apply_transform(transform->second.write, value.text);
    }
    const HubArgument* parameter = op.argument(name);
    if (parameter && parameter->kind == "dtype" && value.text.find('.') == std::string::npos) {
      value.text = spelling.dtype(value.text);
    }
    if (auto repeat = target.repeated.find(name); repeat != target.repeated.end()) {
      value.text = repeated_value(value, repeat->second);
      value.elements.reset();
    }
  }
  if (target.api.empty()) {
    why = "no API is given for it";
    return std::nullopt;
  }
  const std::map<std::string, HubValue> all_values = values;

  std::string receiver_text;
  if (!receiver.empty()) {
    auto value = values.find(receiver);
    if (value == values.end()) {
      why = "no receiver for '" + target.api + "'";
      return std::nullopt;
    }
    receiver_text = as_operand(value->second.text);
    values.erase(value);
  }
  std::string callee_text = callee;
  if (callee_text.empty()) {
    callee_text = receiver.empty() ? spelling.api(target.api)
                                   : receiver_text + "." + last_component(target.api);
  }
  if (target.kind == "property") return WrittenCall{callee_text, false};

  // Separate values of a variadic argument passed as one: a tuple, or a list where the API
  // takes one (`lists`).
  auto value_text = [&](const std::string& name, const HubValue& value) {
    if (!value.spread) return value.text;
    return contains(target.lists, name) ? "[" + join(value.items) + "]" : tuple_of(value.items);
  };
  std::vector<std::string> arguments;
  std::vector<std::string> order;
  for (const auto& name : target.positional) {
    if (find_parameter(parameters, name)) order.push_back(name);
  }
  // When the positional list follows the hub's order (the spoke's default: the required
  // tensors), the arguments after it keep the source's style: positional while the source
  // passed them positionally (torch.sum(x, 1) -> jnp.sum(x, 1)).
  // positional = [] names a constructor's arguments; the built layer still takes its inputs
  // positionally.
  bool keep_style = !target.keywords_only || (target.kind == "layer" && phase == Phase::call);
  for (size_t i = 0; i < order.size(); ++i) {
    keep_style = keep_style && i < parameters.size() && parameters[i]->name == order[i];
  }
  const size_t fixed_positionals = keep_style ? order.size() : 0;
  if (keep_style) {
    for (size_t i = order.size(); i < parameters.size(); ++i) order.push_back(parameters[i]->name);
  } else if (!target.varargs.empty() && !contains(order, target.varargs)) {
    order.push_back(target.varargs);  // einsum(subscripts, *operands)
  }
  for (const auto& name : order) {
    auto value = values.find(name);
    if (value == values.end()) {
      // No values for a variadic argument the target takes as one list: an empty list
      // (nn.Sequential() -> Sequential([])).
      const HubArgument* parameter = find_parameter(parameters, name);
      if (parameter != nullptr && parameter->variadic && contains(target.lists, name))
        arguments.push_back("[]");
      break;
    }
    if (name == target.varargs) {
      if (value->second.spread) {
        for (const auto& item : value->second.items) arguments.push_back(item);
      } else if (value->second.mapping) {
        // Names kept where the target takes the mapping, else its values spread in order.
        arguments.push_back(!target.varargs_mapping.empty()
                                ? value->second.text
                                : "*" + as_operand(value->second.text) + ".values()");
      } else if (value->second.elements) {
        for (const auto& item : *value->second.elements) arguments.push_back(item);
      } else if (literal_kind(value->second.text) == LiteralKind::number ||
                 target.varargs_sequence) {
        // One size (mx.zeros(3) -> torch.zeros(3)), or sizes the API takes whole (jnp.zeros(d)
        // -> torch.zeros(d), whether d is a number or a tuple).
        arguments.push_back(value->second.text);
      } else {
        arguments.push_back("*" + as_operand(value->second.text));
      }
      values.erase(value);
      break;
    }
    const HubArgument* parameter = find_parameter(parameters, name);
    const bool listed = static_cast<size_t>(&name - order.data()) < fixed_positionals;
    if (keep_style && !listed && !value->second.positional && !is_tensor_kind(*parameter)) break;
    // A layer's options go by keyword: Flax makes most of them keyword-only (nnx.Conv's
    // padding), where PyTorch code often passes them positionally (nn.Conv2d(c, d, 1, 1, 0)).
    const bool constructor = target.kind == "layer" || target.kind == "class";
    if (constructor && phase == Phase::construct && !listed && !parameter->required()) break;
    arguments.push_back(value_text(name, value->second));
    values.erase(value);
  }
  for (const auto& [parameter, members] : target.packed) {
    bool any = false;
    for (const auto& member : members) any = any || values.count(member);
    if (!any) continue;
    std::vector<std::string> items;
    for (const auto& member : members) {
      auto value = values.find(member);
      if (value != values.end()) {
        items.push_back(value->second.text);
      } else if (auto standard = hub_default(member)) {
        items.push_back(*standard);
      } else {
        why = "'" + member + "' is needed to write '" + parameter + "'";
        return std::nullopt;
      }
    }
    for (const auto& member : members) values.erase(member);
    arguments.push_back(parameter + "=" + tuple_of(items));
  }
  // Keywords in hub order, so the output does not depend on how the source ordered them.
  std::vector<std::string> keywords;
  // Parameters that take a hub argument's value too (affine=False -> use_scale=False,
  // use_bias=False) follow it; after the keywords when it went positionally.
  auto also_written = [&](const std::string& name) {
    auto extras = target.also.find(name);
    auto value = all_values.find(name);
    if (extras == target.also.end() || value == all_values.end()) return;
    for (const auto& extra : extras->second) {
      keywords.push_back(extra + "=" + value_text(name, value->second));
    }
  };
  for (const auto& [name, extras] : target.also) {
    if (all_values.count(name) && !values.count(name) && name != receiver) also_written(name);
  }
  for (const HubArgument* parameter : parameters) {
    auto value = values.find(parameter->name);
    if (value == values.end()) continue;
    if (parameter->name == target.varargs) {
      why = "'" + parameter->name + "' of '" + target.api + "' can only be passed positionally";
      return std::nullopt;
    }
    keywords.push_back(target.framework_name(parameter->name) + "=" +
                       value_text(parameter->name, value->second));
    also_written(parameter->name);
  }
  arguments.insert(arguments.end(), keywords.begin(), keywords.end());
  bool injects_keys = false;
  for (const auto& [parameter, expression] : target.injected) {
    // Injected parameters belong to the constructor of a layer, not to its call.
    if (phase == Phase::call && (target.kind == "layer" || target.kind == "class")) break;
    std::string text;
    for (size_t i = 0; i < expression.size(); ++i) {
      if (expression[i] != '{') {
        text += expression[i];
        continue;
      }
      const size_t close = expression.find('}', i);
      const std::string name = expression.substr(i + 1, close - i - 1);
      auto value = all_values.find(name);
      if (close == std::string::npos || value == all_values.end()) {
        why = "'" + parameter + "' of '" + target.api + "' needs '" + name + "'";
        return std::nullopt;
      }
      text += as_operand(value_text(name, value->second));
      i = close;
    }
    if (!spelling.key_parameter.empty() && parameter == spelling.key_parameter) {
      injects_keys = true;
    }
    arguments.push_back(parameter + "=" + text);
  }
  return WrittenCall{callee_text + "(" + join(arguments) + ")", injects_keys};
}

// A size written where the expression wants a shape: a number, one axis of a shape
// (`x.shape[0]`), or for a variadic size (`torch.randn(n)`) a plain name.
bool one_axis(const HubArgument& argument, const std::string& text) {
  if (argument.kind != "shape" && !argument.variadic) return false;
  if (is_integer_literal(text)) return true;
  const size_t at = text.rfind(".shape[");
  if (at != std::string::npos && text.back() == ']' && text.find(':', at) == std::string::npos) {
    return true;
  }
  return argument.variadic && is_identifier(text);
}

// The same literal value: equal texts, or numbers of equal value (`0` and `0.0`).
bool same_number_or_value(const std::string& a, const std::string& b) {
  if (same_value(a, b)) return true;
  if (literal_kind(a) != LiteralKind::number || literal_kind(b) != LiteralKind::number)
    return false;
  char* end_a = nullptr;
  char* end_b = nullptr;
  const double x = std::strtod(a.c_str(), &end_a);
  const double y = std::strtod(b.c_str(), &end_b);
  return *end_a == '\0' && *end_b == '\0' && x == y;
}

std::optional<std::string> write_expression(const HubCall& call, const OpMapping& target,
                                            const Spelling& spelling, std::string& why) {
  const HubOp& op = *call.op;
  auto value = [&](const std::string& name) -> std::optional<std::string> {
    const HubArgument* argument = op.argument(name);
    auto found = call.values.find(name);
    if (found == call.values.end()) {
      return argument != nullptr ? argument->default_value : std::nullopt;
    }
    const HubValue& given = found->second;
    if (given.spread) return tuple_of(given.items);
    if (argument == nullptr) return given.text;
    if (one_axis(*argument, given.text)) return "(" + given.text + ",)";
    if (argument->kind == "dtype" && spelling.dtype && given.text.find('.') == std::string::npos &&
        given.text != "None") {
      return spelling.dtype(given.text);
    }
    return given.text;
  };
  // Given: written in the call, and neither None nor the hub's default (`mean=0.0` adds nothing).
  auto given = [&](const std::string& name) {
    auto found = call.values.find(name);
    if (found == call.values.end() || found->second.implicit) return false;
    if (found->second.spread) return true;
    const std::string& text = found->second.text;
    const HubArgument* argument = op.argument(name);
    const auto standard = argument != nullptr ? argument->default_value : std::nullopt;
    return text != "None" && !(standard && same_number_or_value(*standard, text));
  };
  return render_expression(target.expression, value, spelling.api, why, given);
}

}  // namespace switcheroo::convert
