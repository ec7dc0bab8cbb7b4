#include "call_mapping.h"

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

namespace {

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

bool is_tensor_kind(const HubArgument& argument) {
  return argument.kind.rfind("tensor", 0) == 0;
}

const HubArgument* find_parameter(const std::vector<const HubArgument*>& parameters,
                                  const std::string& name) {
  for (const HubArgument* parameter : parameters) {
    if (parameter->name == name) return parameter;
  }
  return nullptr;
}

std::string join(const std::vector<std::string>& parts) {
  std::string text;
  for (const auto& part : parts) {
    if (!text.empty()) text += ", ";
    text += part;
  }
  return text;
}

std::string tuple_of(const std::vector<std::string>& items) {
  return "(" + join(items) + (items.size() == 1 ? ",)" : ")");
}

std::string last_component(const std::string& api) {
  const size_t dot = api.rfind('.');
  return dot == std::string::npos ? api : api.substr(dot + 1);
}

bool is_integer_literal(const std::string& text) {
  size_t i = 0;
  while (i < text.size() && (text[i] == '-' || text[i] == '+' || text[i] == ' ')) ++i;
  if (i == text.size()) return false;
  for (; i < text.size(); ++i) {
    if (!std::isdigit(static_cast<unsigned char>(text[i])) && text[i] != '_') return false;
  }
  return true;
}

// Whether `text` is one call of `api`, called by its qualified name or its last segment
// (`OrderedDict(...)`, `collections.OrderedDict(...)`).
bool is_call_of(std::string_view text, std::string_view api) {
  const size_t open = text.find('(');
  if (open == std::string_view::npos || text.back() != ')') return false;
  const std::string_view callee = text.substr(0, open);
  const size_t dot = api.rfind('.');
  if (callee != api && (dot == std::string_view::npos || callee != api.substr(dot + 1))) {
    return false;
  }
  int depth = 0;
  for (size_t at = open; at + 1 < text.size(); ++at) {
    if (text[at] == '(' || text[at] == '[' || text[at] == '{') ++depth;
    if (text[at] == ')' || text[at] == ']' || text[at] == '}') --depth;
    if (depth == 0) return false;  // `f(a)(b)`: the first call closes early
  }
  return true;
}

// The ordered mapping a lone variadic item gives its items in: `OrderedDict(...)`, or a name
// bound to one (`named`), where the spelling takes one (`varargs-mapping`);
// `*OrderedDict(...).values()` anywhere; "" otherwise.
std::string ordered_mapping(const std::string& item, bool named,
                            const std::string& spelling_mapping) {
  const std::string values = ".values()";
  if (item.rfind('*', 0) == 0 && item.size() > values.size() + 1 &&
      item.compare(item.size() - values.size(), values.size(), values) == 0) {
    const std::string mapping = item.substr(1, item.size() - values.size() - 1);
    return named || is_call_of(mapping, kOrderedMapping) ? mapping : "";
  }
  if (spelling_mapping.empty()) return "";
  return named || is_call_of(item, spelling_mapping) ? item : "";
}

// A variadic argument given as one value (`x.view(shape)`, `x.permute((0, 2, 1))`) is the
// whole sequence, not its only element; an integer literal (`x.view(-1)`) is an element, and
// so is one layer (`nn.Sequential(block)`). An ordered mapping (`nn.Sequential(OrderedDict(...))`)
// holds the items under names.
void settle_variadic(HubValue& value, const HubArgument* parameter,
                     const std::vector<std::optional<std::vector<std::string>>>& item_elements,
                     const std::vector<bool>& item_mappings, const std::string& spelling_mapping) {
  if (!value.spread || value.items.size() != 1) return;
  const std::string& only = value.items.front();
  if (std::string mapping = ordered_mapping(only, item_mappings.front(), spelling_mapping);
      !mapping.empty()) {
    value.text = std::move(mapping);
    value.mapping = true;
    value.spread = false;
    value.items.clear();
    return;
  }
  if (parameter != nullptr && parameter->kind == "layers") return;
  if (only.rfind("*", 0) == 0) return;
  if (item_elements.front()) {
    value.text = only;
    value.elements = item_elements.front();
  } else if (!is_integer_literal(only) && as_operand(only) == only) {
    value.text = only;
  } else {
    return;
  }
  value.spread = false;
  value.items.clear();
}

enum class LiteralKind { string, number, constant, other };

LiteralKind literal_kind(const std::string& text) {
  if (text.empty()) return LiteralKind::other;
  if (text.front() == '\'' || text.front() == '"') return LiteralKind::string;
  if (text == "True" || text == "False" || text == "None") return LiteralKind::constant;
  const size_t start = text.front() == '-' ? 1 : 0;
  if (start < text.size() &&
      (std::isdigit(static_cast<unsigned char>(text[start])) || text[start] == '.')) {
    return LiteralKind::number;
  }
  return LiteralKind::other;
}

// A value table lists the values that change; others of a different kind pass unchanged
// (padding=1 next to {'same': 'SAME'}). A literal of a kind the table covers (momentum=0.2
// next to {0.1: 0.9}) has no equivalent, nor has an expression unless the table only renames
// strings.
bool passes_through(const std::string& value, const std::map<std::string, std::string>& table) {
  const LiteralKind kind = literal_kind(value);
  bool only_strings = true;
  for (const auto& [from, to] : table) {
    const LiteralKind key = literal_kind(from);
    if (key == kind && kind != LiteralKind::other) return false;
    only_strings = only_strings && key == LiteralKind::string;
  }
  return kind != LiteralKind::other || only_strings;
}

// Shortest decimal text that reads back as `value` ("0.9", not "0.90000000000000002").
std::string shortest_number(double value) {
  char buffer[32];
  for (int precision = 1; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*g", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  std::string text = buffer;
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";  // stays a float
  return text;
}

// Digits after the decimal point of a plain literal ("0.25" -> 2, "3" -> 0); nullopt for an
// exponent form, whose exact decimal is not at hand.
std::optional<int> decimal_places(const std::string& text) {
  if (text.find_first_of("eE") != std::string::npos) return std::nullopt;
  const size_t point = text.find('.');
  return point == std::string::npos ? 0 : static_cast<int>(text.size() - point - 1);
}

// The folded value as the decimal the source wrote means: 1 - 0.9 is 0.1 in decimal, but
// 0.09999999999999998 in binary floating point. A sum or difference has no more decimal places
// than its operands, a product no more than theirs together; rounding to them removes the
// binary error. Quotients keep their shortest binary reading.
std::string folded_number(double folded, char operation, const std::string& left,
                          const std::string& right) {
  const auto a = decimal_places(left), b = decimal_places(right);
  if (!a || !b || operation == '/') return shortest_number(folded);
  const int places = operation == '*' ? *a + *b : std::max(*a, *b);
  if (places > 15) return shortest_number(folded);
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", places, folded);
  return shortest_number(std::strtod(buffer, nullptr));
}

// A transform's formula with `{}` standing for the value ("1 - {}"). A numeric literal is
// folded where the formula is one arithmetic operation with a number (momentum=0.1 -> 0.9);
// anything else is substituted as an operand.
std::string apply_transform(const std::string& formula, const std::string& value) {
  const size_t hole = formula.find("{}");
  if (hole == std::string::npos) return formula;
  std::string before = formula.substr(0, hole);
  std::string after = formula.substr(hole + 2);
  auto trim = [](std::string text) {
    while (!text.empty() && text.back() == ' ') text.pop_back();
    while (!text.empty() && text.front() == ' ') text.erase(0, 1);
    return text;
  };
  auto number = [](const std::string& text, double& out) {
    if (text.empty()) return false;
    char* end = nullptr;
    out = std::strtod(text.c_str(), &end);
    return end == text.c_str() + text.size();
  };
  double x = 0;
  if (number(value, x)) {
    before = trim(before);
    after = trim(after);
    double constant = 0;
    std::optional<double> folded;
    char operation = 0;
    std::string left = value, right = value;
    if (after.empty() && before.size() > 1 &&
        number(trim(before.substr(0, before.size() - 1)), constant)) {
      operation = before.back();
      left = trim(before.substr(0, before.size() - 1));
      switch (before.back()) {
        case '-': folded = constant - x; break;
        case '+': folded = constant + x; break;
        case '*': folded = constant * x; break;
        case '/':
          if (x != 0) folded = constant / x;
          break;
        default: break;
      }
    } else if (before.empty() && after.size() > 1 && number(trim(after.substr(1)), constant)) {
      operation = after.front();
      right = trim(after.substr(1));
      switch (after.front()) {
        case '-': folded = x - constant; break;
        case '+': folded = x + constant; break;
        case '*': folded = x * constant; break;
        case '/':
          if (constant != 0) folded = x / constant;
          break;
        default: break;
      }
    }
    if (folded) return folded_number(*folded, operation, left, right);
  }
  std::string text = formula;
  text.replace(hole, 2, as_operand(value));
  return text;
}

// A transform that subscripts the value ("{}[-1]") applied to a tuple display picks the item:
// Keras's input_shape=(None, None, c) reads back as c, not (None, None, c)[-1].
std::optional<std::string> subscripted_item(const std::string& formula, const HubValue& value) {
  if (!value.elements || formula.size() < 5 || formula.rfind("{}[", 0) != 0 || formula.back() != ']') {
    return std::nullopt;
  }
  const std::string index_text = formula.substr(3, formula.size() - 4);
  if (!is_integer_literal(index_text)) return std::nullopt;
  const long index = std::strtol(index_text.c_str(), nullptr, 10);
  const long size = static_cast<long>(value.elements->size());
  const long position = index < 0 ? size + index : index;
  if (position < 0 || position >= size) return std::nullopt;
  return (*value.elements)[static_cast<size_t>(position)];
}

// A value this API wants once per spatial axis (`repeat`): Flax reads kernel_size=3 as a
// one-axis window, so a number becomes (3, 3); an expression that may be a number or already a
// tuple is tested where it runs.
std::string repeated_value(const HubValue& value, int count) {
  if (value.spread || value.elements || count < 1) return value.text;
  const std::string& text = value.text;
  if (!text.empty() && (text.front() == '(' || text.front() == '[') && as_operand(text) == text) {
    return text;
  }
  std::vector<std::string> copies(static_cast<size_t>(count), as_operand(text));
  if (is_integer_literal(text)) return tuple_of(copies);
  return tuple_of(copies) + " if isinstance(" + text + ", int) else " + as_operand(text);
}

// Is an argument the value a spelling always passes? A tuple of copies of it counts
// (F.adaptive_avg_pool2d(x, (1, 1)) passes output_size=1 for each axis).
bool injected_value(const std::string& expected, const CallArgument& argument) {
  if (same_value(expected, argument.text)) return true;
  const auto& items = argument.elements;
  return items && !items->empty() &&
         std::all_of(items->begin(), items->end(),
                     [&](const std::string& item) { return same_value(expected, item); });
}

// The hub argument whose value `parameter` takes too (through `also`), or "".
std::string also_primary(const OpMapping& mapping, const std::string& parameter) {
  for (const auto& [name, extras] : mapping.also) {
    if (contains(extras, parameter)) return name;
  }
  return {};
}

}  // namespace

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
    if (find_parameter(parameters, name)) order.push_back(name);
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
        why = "more positional arguments than '" + source.api + "' takes";
        return std::nullopt;
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

std::optional<WrittenCall> write_call(const HubCall& call, const OpMapping& target,
                                      Phase phase, const Spelling& spelling,
                                      const std::string& callee, std::string& why) {
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
  if (literal_kind(a) != LiteralKind::number || literal_kind(b) != LiteralKind::number) return false;
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
