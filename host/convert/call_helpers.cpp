#include "call_helpers.h"

#include "layer_idioms.h"

#include "core/expression_template.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstdlib>
#include <set>

namespace switcheroo::convert::call_detail {

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

LiteralKind literal_kind(const std::string& text) {
  if (text.empty()) return LiteralKind::other;
  if (text.front() == '\'' || text.front() == '"') return LiteralKind::string;
  if (text == "True" || text == "False" || text == "None") return LiteralKind::constant;
  // A tuple or list display (`(6, 6)`, `[1, 2]`), not a parenthesized expression.
  if ((text.front() == '(' && text.back() == ')') || (text.front() == '[' && text.back() == ']')) {
    const std::string inside = text.substr(1, text.size() - 2);
    if (text.front() == '[' || inside.empty() || split_arguments(inside).size() > 1 ||
        inside.back() == ',') {
      return LiteralKind::tuple;
    }
  }
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
// A tuple passes a table that writes tuples for numbers (PyTorch's output_size {1: (1, 1)}: a
// tuple is already in its form), not one that writes other things (Keras's padding
// {0: 'valid'}: padding=(2, 1) has no equivalent).
bool passes_through(const std::string& value, const std::map<std::string, std::string>& table) {
  const LiteralKind kind = literal_kind(value);
  bool only_strings = true;
  bool writes_tuples = !table.empty();
  for (const auto& [from, to] : table) {
    const LiteralKind key = literal_kind(from);
    if (key == kind && kind != LiteralKind::other) return false;
    only_strings = only_strings && key == LiteralKind::string;
    writes_tuples =
        writes_tuples && key == LiteralKind::number && literal_kind(to) == LiteralKind::tuple;
  }
  if (kind == LiteralKind::tuple) return only_strings || writes_tuples;
  return kind != LiteralKind::other || only_strings;
}

namespace {

// `{'none': False, 'tanh': True}.get(a, a)` looked up in the table that undoes it (`False:
// 'none'`, ...): `a`, the value it was read from (a class value's lambda read back).
std::optional<std::string> undone_lookup(
    const std::string& value, const std::vector<std::pair<std::string, std::string>>& pairs) {
  const size_t get = value.find("}.get(");
  if (value.empty() || value.front() != '{' || get == std::string::npos || value.back() != ')') {
    return std::nullopt;
  }
  const std::string arguments = value.substr(get + 6, value.size() - get - 7);
  const size_t middle = arguments.size() / 2;
  if (arguments.size() < 3 || arguments.compare(middle - 1, 2, ", ") != 0) return std::nullopt;
  const std::string name = arguments.substr(0, middle - 1);
  if (arguments.substr(middle + 1) != name) return std::nullopt;
  std::set<std::pair<std::string, std::string>> written, undoing;
  const std::string entries = value.substr(1, get - 1);
  for (size_t start = 0; start < entries.size();) {
    size_t end = entries.find(", ", start);
    if (end == std::string::npos) end = entries.size();
    const std::string entry = entries.substr(start, end - start);
    const size_t colon = entry.find(": ");
    if (colon == std::string::npos) return std::nullopt;
    written.emplace(entry.substr(0, colon), entry.substr(colon + 2));
    start = end + 2;
  }
  for (const auto& [from, to] : pairs) undoing.emplace(to, from);
  return written == undoing ? std::optional<std::string>(name) : std::nullopt;
}

}  // namespace

std::optional<std::string> looked_up(
    const std::string& value, const std::vector<std::pair<std::string, std::string>>& pairs) {
  if (auto undone = undone_lookup(value, pairs)) return undone;
  if (literal_kind(value) != LiteralKind::other || pairs.empty()) return std::nullopt;
  auto scalar = [](LiteralKind kind) {
    return kind == LiteralKind::string || kind == LiteralKind::number ||
           kind == LiteralKind::constant;
  };
  bool changes_kind = false;
  std::string entries;
  for (const auto& [from, to] : pairs) {
    const LiteralKind from_kind = literal_kind(from), to_kind = literal_kind(to);
    if (!scalar(from_kind) || !scalar(to_kind)) return std::nullopt;
    changes_kind = changes_kind || from_kind != to_kind;
    entries += (entries.empty() ? "" : ", ") + from + ": " + to;
  }
  if (!changes_kind) return std::nullopt;
  return "{" + entries + "}.get(" + value + ", " + value + ")";
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

// A text that is one number as a whole ("0.1", "1e-5"); nullopt for anything else.
static std::optional<double> whole_number(const std::string& text) {
  char* end = nullptr;
  const double parsed = std::strtod(text.c_str(), &end);
  if (text.empty() || end != text.c_str() + text.size()) return std::nullopt;
  return parsed;
}

// `C - {}` is its own inverse: applied to `C - x` (what it wrote, keep_prob = 1 - p read back
// as p) it gives x back rather than `C - (C - x)`. Only where x is one operand.
static std::optional<std::string> undone_subtraction(const std::string& formula,
                                                     const std::string& value) {
  const size_t minus = formula.find(" - {}");
  const size_t written = value.find(" - ");
  if (minus == std::string::npos || minus + 5 != formula.size() || written == std::string::npos) {
    return std::nullopt;
  }
  // The same constant, however spelled (1 and 1.0).
  const auto constant = whole_number(formula.substr(0, minus));
  const auto other = whole_number(value.substr(0, written));
  if (!constant || !other || *constant != *other) return std::nullopt;
  const std::string rest = value.substr(written + 3);
  if (rest.empty() || as_operand(rest) != rest) return std::nullopt;
  return rest;
}

// A transform's formula with `{}` standing for the value ("1 - {}"). A numeric literal is
// folded where the formula is one arithmetic operation with a number (momentum=0.1 -> 0.9);
// anything else is substituted as an operand.
std::string apply_transform(const std::string& formula, const std::string& value) {
  const size_t hole = formula.find("{}");
  if (hole == std::string::npos) return formula;
  if (auto undone = undone_subtraction(formula, value)) return *undone;
  std::string before = formula.substr(0, hole);
  std::string after = formula.substr(hole + 2);
  auto trim = [](std::string text) {
    while (!text.empty() && text.back() == ' ') text.pop_back();
    while (!text.empty() && text.front() == ' ') text.erase(0, 1);
    return text;
  };
  auto number = [](const std::string& text, double& out) {
    const auto parsed = whole_number(text);
    if (parsed) out = *parsed;
    return parsed.has_value();
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

std::string filled(std::string text, const std::map<std::string, std::string>& fields) {
  for (const auto& [field, value] : fields) {
    for (size_t at = text.find(field); at != std::string::npos;
         at = text.find(field, at + value.size())) {
      text.replace(at, field.size(), value);
    }
  }
  return text;
}

std::string spell_apis(const std::string& formula,
                       const std::function<std::string(const std::string&)>& api) {
  // The expression template's scanner spells `{@...}`; the hole, named for it, renders as itself.
  const size_t hole = formula.find("{}");
  if (hole == std::string::npos && formula.find("{@") == std::string::npos) return formula;
  std::string named = formula;
  if (hole != std::string::npos) named.replace(hole, 2, "{value}");
  std::string why;
  const auto text = render_expression(
      named, [](const std::string&) -> std::optional<std::string> { return "{}"; }, api, why);
  return text ? *text : formula;
}

std::optional<std::string> fill_form_arguments(
    const std::string& form,
    const std::function<std::optional<std::string>(const std::string&)>& value) {
  std::string filled;
  size_t copied = 0;
  for (size_t open = form.find('{'); open != std::string::npos; open = form.find('{', open + 1)) {
    const size_t close = form.find('}', open);
    if (close == std::string::npos) break;
    const std::string name = form.substr(open + 1, close - open - 1);
    if (name.empty() || name[0] == '@') continue;
    const auto text = value(name);
    if (!text) return std::nullopt;
    filled += form.substr(copied, open - copied) + as_operand(*text);
    copied = close + 1;
  }
  return filled + form.substr(copied);
}

// A transform that subscripts the value ("{}[-1]") applied to a tuple display picks the item:
// Keras's input_shape=(None, None, c) reads back as c, not (None, None, c)[-1].
std::optional<std::string> subscripted_item(const std::string& formula, const HubValue& value) {
  if (!value.elements || formula.size() < 5 || formula.rfind("{}[", 0) != 0 ||
      formula.back() != ']') {
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

}  // namespace switcheroo::convert::call_detail
