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

std::optional<HubCall> read_call(const HubOp& op, const OpMapping& source, Phase phase,
                                 const FrameworkCall& call, const Spelling& spelling,
                                 std::string& why, bool partial) {
  HubCall result;
  result.op = &op;
  const auto parameters = call_parameters(op, source, phase);
  const std::string receiver = receiver_of(op, source);
  if (!receiver.empty()) {
    result.values[receiver] = value_of(call.receiver);
    result.values[receiver].positional = true;
  }

  auto packed_member = [&](const std::string& name) {
    for (const auto& [parameter, members] : source.packed) {
      if (contains(members, name)) return true;
    }
    return false;
  };
  std::vector<std::string> order;
  for (const auto& name : source.positional) {
    // An ignored parameter in the list holds its place in a constructor or function call.
    if (find_parameter(parameters, name) ||
        (phase == Phase::construct && contains(source.ignored, name))) {
      order.push_back(name);
    }
  }
  for (const HubArgument* parameter : parameters) {
    const std::string& name = parameter->name;
    if (contains(order, name) || contains(source.dropped, name) || source.fixed.count(name) ||
        packed_member(name)) {
      continue;
    }
    order.push_back(name);
  }

  std::map<std::string, std::string> hub_name_of;  // framework keyword -> hub argument
  for (const HubArgument* parameter : parameters) {
    hub_name_of[source.framework_name(parameter->name)] = parameter->name;
  }
  std::vector<std::optional<std::vector<std::string>>> variadic_elements;
  std::vector<bool> variadic_mappings;
  std::map<std::string, std::string> originals;   // hub argument -> source text
  std::map<std::string, std::string> also_given;  // `also` parameter -> its text
  std::set<std::string> positional_injected;      // injected parameters given positionally
  size_t positional_ignored = 0;                  // ignored parameters given positionally
  size_t next = 0;
  for (const auto& argument : call.arguments) {
    const bool at_varargs = next < order.size() && order[next] == source.varargs;
    if (argument.kind == CallArgument::Kind::positional ||
        (argument.kind == CallArgument::Kind::star && at_varargs)) {
      if (next >= order.size()) {
        // A value the spelling always passes may come positionally after the hub's
        // arguments: F.adaptive_avg_pool2d(x, 1) is global_avg_pool2d.
        auto injected =
            std::find_if(source.injected.begin(), source.injected.end(), [&](const auto& entry) {
              return !is_plumbing(entry.second) && !positional_injected.count(entry.first);
            });
        if (argument.kind == CallArgument::Kind::positional && injected != source.injected.end()) {
          if (!injected_value(injected->second, argument)) {
            why = "'" + argument.text + "' is not what '" + source.op + "' passes";
            return std::nullopt;
          }
          positional_injected.insert(injected->first);
          continue;
        }
        // The spelling's own parameters after the hub's, in the order the ignore list gives
        // them: nn.ReLU(True) is inplace=True.
        if (argument.kind == CallArgument::Kind::positional &&
            positional_ignored < source.ignored.size()) {
          result.ignored.push_back(source.ignored[positional_ignored++]);
          continue;
        }
        why = "more positional arguments than '" + source.api + "' takes";
        return std::nullopt;
      }
      if (argument.kind == CallArgument::Kind::positional &&
          contains(source.ignored, order[next])) {
        result.ignored.push_back(order[next++]);
        continue;
      }
      const std::string text =
          argument.kind == CallArgument::Kind::star ? "*" + argument.text : argument.text;
      HubValue& value = result.values[order[next]];
      value.positional = true;
      if (at_varargs) {
        value.spread = true;
        value.items.push_back(text);
        variadic_elements.push_back(argument.elements);
        variadic_mappings.push_back(argument.ordered_mapping);
      } else {
        value.text = text;
        value.elements = argument.elements;
        originals[order[next]] = argument.original;
        ++next;
      }
      continue;
    }
    if (argument.kind != CallArgument::Kind::keyword) {
      why = "unpacked arguments cannot be matched to the parameters of '" + source.api + "'";
      return std::nullopt;
    }
    if (auto packed = source.packed.find(argument.keyword); packed != source.packed.end()) {
      const auto& members = packed->second;
      for (size_t i = 0; i < members.size(); ++i) {
        HubValue& value = result.values[members[i]];
        value.text = argument.elements && argument.elements->size() == members.size()
                         ? (*argument.elements)[i]
                         : as_operand(argument.text) + "[" + std::to_string(i) + "]";
      }
      continue;
    }
    if (contains(source.ignored, argument.keyword)) {
      result.ignored.push_back(argument.keyword);
      continue;
    }
    if (const std::string primary = also_primary(source, argument.keyword); !primary.empty()) {
      also_given[argument.keyword] = argument.text;
      continue;
    }
    if (auto injected = source.injected.find(argument.keyword); injected != source.injected.end()) {
      // A value the API is always given (torch.div(..., rounding_mode='floor') is floor_divide)
      // must be that value; plumbing such as `rngs=rngs` may be anything.
      if (!is_plumbing(injected->second) && !injected_value(injected->second, argument)) {
        why = "'" + argument.keyword + "=" + argument.text + "' is not what '" + source.op +
              "' passes";
        return std::nullopt;
      }
      continue;
    }
    auto hub_name = hub_name_of.find(argument.keyword);
    if (hub_name == hub_name_of.end()) {
      why =
          "'" + source.api + "' has no parameter '" + argument.keyword + "' in the knowledge base";
      return std::nullopt;
    }
    if (result.values.count(hub_name->second)) {
      why = "argument '" + argument.keyword + "' is given twice";
      return std::nullopt;
    }
    HubValue& value = result.values[hub_name->second];
    value.text = argument.text;
    value.elements = argument.elements;
    originals[hub_name->second] = argument.original;
  }
  if (!source.varargs.empty()) {
    if (auto variadic = result.values.find(source.varargs); variadic != result.values.end()) {
      settle_variadic(variadic->second, find_parameter(parameters, source.varargs),
                      variadic_elements, variadic_mappings, source.varargs_mapping);
    }
  }

  for (const auto& [name, value] : source.defaults) {
    if (!result.values.count(name) && find_parameter(parameters, name)) {
      result.values[name] = value_of(value, true);
    }
  }
  // Parameters that take the hub argument's value too (`use_bias` next to `use_scale` for
  // PyTorch's `affine`) must agree with it, each at its default where it is left out:
  // nnx.BatchNorm(use_scale=False) alone keeps the bias, which `affine` cannot say.
  for (const auto& [name, extras] : source.also) {
    if (!find_parameter(parameters, name)) continue;
    auto given = result.values.find(name);
    const auto hub_default = op.argument(name)->default_value;
    const std::string primary = given != result.values.end() ? given->second.text
                                : hub_default                ? *hub_default
                                                             : std::string();
    for (const auto& extra : extras) {
      auto found = also_given.find(extra);
      const std::string value = found != also_given.end() ? found->second
                                : hub_default             ? *hub_default
                                                          : std::string();
      if (!same_value(value, primary)) {
        why = "'" + extra + "=" + value + "' differs from '" + source.framework_name(name) + "=" +
              primary + "', and the hub's '" + name + "' sets both";
        return std::nullopt;
      }
    }
  }
  for (auto& [name, value] : result.values) {
    const HubArgument* parameter = op.argument(name);
    if (auto repeat = source.repeated.find(name);
        repeat != source.repeated.end() && value.elements &&
        value.elements->size() == static_cast<size_t>(repeat->second)) {
      // kernel_size=(3, 3) where this API wants one entry per axis is the hub's 3.
      const auto& items = *value.elements;
      if (std::all_of(items.begin(), items.end(),
                      [&](const std::string& item) { return same_value(item, items.front()); })) {
        value.text = items.front();
        value.elements.reset();
      }
    }
    if (auto remap = source.values.find(name); remap != source.values.end() && !value.spread) {
      for (const auto& [hub_value, framework_value] : remap->second) {
        if (same_value(framework_value, value.text)) {
          value.text = hub_value;
          break;
        }
      }
    }
    if (auto transform = source.transforms.find(name);
        transform != source.transforms.end() && !value.spread && !value.implicit) {
      const auto item = subscripted_item(transform->second.read, value);
      value.text = item ? *item : apply_transform(transform->second.read, value.text);
      if (item) value.elements.reset();
    }
    if (parameter && parameter->kind == "dtype" && !value.spread) {
      auto original = originals.find(name);
      const std::string dtype = spelling.read_dtype(
          original != originals.end() && !original->second.empty() ? original->second : value.text);
      if (dtype.empty()) {
        why = "'" + value.text + "' is not a dtype";
        return std::nullopt;
      }
      value.text = dtype;
    }
  }
  // A layer's injected parameters belong to its constructor, not to calling it.
  const bool constructed = source.kind == "layer" || source.kind == "class";
  for (const auto& [parameter, expression] : source.injected) {
    if (is_plumbing(expression) || expression.find('{') != std::string::npos ||
        (phase == Phase::call && constructed)) {
      continue;
    }
    const bool given =
        positional_injected.count(parameter) ||
        std::any_of(call.arguments.begin(), call.arguments.end(),
                    [&](const CallArgument& argument) { return argument.keyword == parameter; });
    if (given) continue;
    // A flag left out may be at the API's default (nnx.MultiHeadAttention's decode=False),
    // which the knowledge base does not record: the reading stands, but fits less well than
    // one that needs nothing left out (jnp.max(x, axis=(1, 2)) is a max, not a global pool).
    if (expression == "True" || expression == "False" || expression == "None") {
      ++result.absent_flags;
      continue;
    }
    why = "'" + source.api + "' without '" + parameter + "=" + expression + "' is not '" +
          source.op + "'";
    return std::nullopt;
  }
  for (const auto& [name, value] : source.fixed) {
    if (!result.values.count(name) && find_parameter(parameters, name)) {
      result.values[name] = value_of(value);
    }
  }
  for (const HubArgument* parameter : parameters) {
    if (!partial && parameter->required() && !result.values.count(parameter->name) &&
        !contains(source.dropped, parameter->name)) {
      why =
          "'" + source.api + "' is called without '" + source.framework_name(parameter->name) + "'";
      return std::nullopt;
    }
  }
  return result;
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

}  // namespace switcheroo::convert
