#include "shape_rules.h"

#include "interpreter.h"
#include "value_rules.h"

#include "core/toml_reader.h"
#include "python/syntax_error.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace switcheroo_embedded {
extern const char kb_shapes[];
}

namespace switcheroo::graph {
namespace {

using Dims = std::vector<int64_t>;

// Every helper takes shapes as tuples of known integers; anything else makes it unknown.
struct Helpers {
  static bool dims(const ValuePtr& value, Dims& out) { return value && shape_dims(*value, out); }

  static bool ints(const ValuePtr& value, size_t count, Dims& out) {
    if (!value) return false;
    if (value->kind == Value::Kind::integer || value->kind == Value::Kind::boolean) {
      out.assign(count, static_cast<int64_t>(value->number()));
      return true;
    }
    return shape_dims(*value, out) && (out.size() == count || (out.size() == 1 && (out.assign(count, out[0]), true)));
  }

  static bool axis(const ValuePtr& value, size_t rank, int64_t& out) {
    if (!value || value->kind != Value::Kind::integer) return false;
    out = value->integer;
    if (out < 0) out += static_cast<int64_t>(rank);
    return out >= 0 && out < static_cast<int64_t>(rank);
  }

  static ValuePtr windows(const CallArgs& args, bool transposed) {
    Dims sizes, kernel, stride, padding, dilation, extra;
    if (!dims(args.get("", 0), sizes)) return make_unknown("the input shape is not known");
    const size_t n = sizes.size();
    const ValuePtr pad = args.positional.size() > 3 ? args.positional[3] : make_int(0);
    const bool same = pad->kind == Value::Kind::string && pad->text == "same";
    const bool valid = pad->kind == Value::Kind::string && pad->text == "valid";
    const size_t dilation_at = transposed ? 5 : 4;
    if (!ints(args.get("", 1), n, kernel) || !ints(args.get("", 2), n, stride) ||
        (!same && !valid && !ints(pad, n, padding)) ||
        !ints(args.positional.size() > dilation_at ? args.positional[dilation_at] : make_int(1), n, dilation) ||
        (transposed && !ints(args.get("", 4), n, extra))) {
      return make_unknown("the window arguments are not known");
    }
    if (valid) padding.assign(n, 0);
    const bool ceil_mode = !transposed && args.positional.size() > 5 && truth(*args.positional[5]) == 1;
    Dims out;
    for (size_t i = 0; i < n; ++i) {
      if (same) {
        out.push_back((sizes[i] + stride[i] - 1) / stride[i]);
      } else if (transposed) {
        out.push_back((sizes[i] - 1) * stride[i] - 2 * padding[i] + dilation[i] * (kernel[i] - 1) + extra[i] + 1);
      } else {
        const int64_t span = sizes[i] + 2 * padding[i] - dilation[i] * (kernel[i] - 1) - 1;
        if (span < 0) return make_unknown("the window is larger than the padded input");
        int64_t size = (span + (ceil_mode ? stride[i] - 1 : 0)) / stride[i] + 1;
        // A window that would start in the right padding is dropped (ceil mode).
        if (ceil_mode && (size - 1) * stride[i] >= sizes[i] + padding[i]) --size;
        out.push_back(size);
      }
    }
    return make_shape(out);
  }

  static ValuePtr broadcast(const ValuePtr& a, const ValuePtr& b) {
    Dims x, y;
    if (!dims(a, x) || !dims(b, y)) return make_unknown("an operand's shape is not known");
    Dims out(std::max(x.size(), y.size()));
    for (size_t i = 0; i < out.size(); ++i) {
      const int64_t p = i < x.size() ? x[x.size() - 1 - i] : 1;
      const int64_t q = i < y.size() ? y[y.size() - 1 - i] : 1;
      if (p != q && p != 1 && q != 1) return make_unknown("shapes that do not broadcast");
      out[out.size() - 1 - i] = p == 1 ? q : p;
    }
    return make_shape(out);
  }

  static ValuePtr matmul(const ValuePtr& a, const ValuePtr& b) {
    Dims x, y;
    if (!dims(a, x) || !dims(b, y) || x.empty() || y.empty()) return make_unknown("an operand's shape is not known");
    const bool vector_left = x.size() == 1, vector_right = y.size() == 1;
    if (vector_left) x.insert(x.begin(), 1);
    if (vector_right) y.push_back(1);
    if (x.back() != y[y.size() - 2]) return make_unknown("matrix sizes that do not match");
    const ValuePtr batch = broadcast(make_shape(Dims(x.begin(), x.end() - 2)), make_shape(Dims(y.begin(), y.end() - 2)));
    Dims out;
    if (!dims(batch, out)) return batch;
    if (!vector_left) out.push_back(x[x.size() - 2]);
    if (!vector_right) out.push_back(y.back());
    return make_shape(out);
  }

  static ValuePtr reshape(const Dims& input, const ValuePtr& target) {
    Dims wanted;
    if (!ints(target, target && target->is_sequence() ? target->items.size() : 1, wanted)) {
      return make_unknown("the new shape is not known");
    }
    int64_t total = 1, known = 1, free_axis = -1;
    for (int64_t d : input) total *= d;
    for (size_t i = 0; i < wanted.size(); ++i) {
      if (wanted[i] == -1) free_axis = static_cast<int64_t>(i);
      else known *= wanted[i];
    }
    if (free_axis >= 0) {
      if (known == 0 || total % known != 0) return make_unknown("a shape that does not divide");
      wanted[free_axis] = total / known;
    } else if (known != total) {
      return make_unknown("a new shape of another size");
    }
    return make_shape(wanted);
  }

  static ValuePtr reduce(const Dims& input, const ValuePtr& axes, bool keepdims) {
    std::vector<bool> reduced(input.size(), axes->kind == Value::Kind::none);
    Dims list;
    if (axes->kind != Value::Kind::none) {
      if (!ints(axes, axes->is_sequence() ? axes->items.size() : 1, list)) return make_unknown("the axes are not known");
      for (int64_t a : list) {
        int64_t at = 0;
        if (!axis(make_int(a), input.size(), at)) return make_unknown("an axis out of range");
        reduced[at] = true;
      }
    }
    Dims out;
    for (size_t i = 0; i < input.size(); ++i) {
      if (!reduced[i]) out.push_back(input[i]);
      else if (keepdims) out.push_back(1);
    }
    return make_shape(out);
  }
};

// The rules' helpers, by name (ShapeRules::evaluate binds each name): each takes the call's
// arguments, already known, and gives null where they are not ones it models.
using Helper = ValuePtr (*)(const CallArgs& args);

ValuePtr expand(const CallArgs& args) {
  const auto& p = args.positional;
  if (p.size() != 2 || p[1]->kind != Value::Kind::integer) return nullptr;
  if (p[0]->kind == Value::Kind::none) return make_unknown("a size of None");
  Dims out;
  if (!Helpers::ints(p[0], p[0]->is_sequence() ? p[0]->items.size() : p[1]->integer, out)) {
    return make_unknown("expand() of " + describe(*p[0]));
  }
  return make_shape(out);
}

ValuePtr chunk_sizes(const CallArgs& args) {
  const auto& p = args.positional;
  if (p.size() != 2 || p[0]->kind != Value::Kind::integer || p[1]->kind != Value::Kind::integer ||
      p[1]->integer <= 0) {
    return nullptr;
  }
  const int64_t size = (p[0]->integer + p[1]->integer - 1) / p[1]->integer;
  Dims sizes;
  for (int64_t left = p[0]->integer; left > 0; left -= size) sizes.push_back(std::min(size, left));
  return make_sequence(Value::Kind::list, make_shape(sizes)->items);
}

ValuePtr normalize_axis(const CallArgs& args) {
  const auto& p = args.positional;
  if (p.size() != 2 || p[1]->kind != Value::Kind::integer) return nullptr;
  int64_t at = 0;
  if (!Helpers::axis(p[0], static_cast<size_t>(p[1]->integer), at)) return make_unknown("an axis out of range");
  return make_int(at);
}

ValuePtr concat(const CallArgs& args) {
  const auto& p = args.positional;
  if (p.size() != 2 || !p[0]->is_sequence() || p[0]->items.empty()) return nullptr;
  Dims out, part;
  int64_t at = 0;
  for (const auto& shape : p[0]->items) {
    if (!Helpers::dims(shape, part)) return make_unknown("an input's shape is not known");
    if (out.empty()) {
      if (!Helpers::axis(p[1], part.size(), at)) return make_unknown("an axis out of range");
      out = part;
    } else if (part.size() != out.size()) {
      return make_unknown("inputs of different ranks");
    } else {
      out[at] += part[at];
    }
  }
  return make_shape(out);
}

// The helpers of an input shape (the first argument), with the number of arguments each takes
// (0: any).
using InputHelper = ValuePtr (*)(Dims input, const std::vector<ValuePtr>& p);

template <InputHelper helper, size_t arity = 0>
ValuePtr on_input(const CallArgs& args) {
  Dims input;
  if (args.positional.empty() || !Helpers::dims(args.positional[0], input)) return nullptr;
  if (arity != 0 && args.positional.size() != arity) return nullptr;
  return helper(std::move(input), args.positional);
}

ValuePtr prod(Dims input, const std::vector<ValuePtr>&) {
  int64_t product = 1;
  for (int64_t d : input) product *= d;
  return make_int(product);
}

ValuePtr flatten(Dims input, const std::vector<ValuePtr>& p) {
  int64_t start = 0, end = 0;
  if (input.empty()) return make_shape({1});
  if (!Helpers::axis(p[1], input.size(), start) || !Helpers::axis(p[2], input.size(), end)) return make_unknown("flatten axes out of range");
  Dims out(input.begin(), input.begin() + start);
  int64_t merged = 1;
  for (int64_t i = start; i <= end; ++i) merged *= input[i];
  out.push_back(merged);
  out.insert(out.end(), input.begin() + end + 1, input.end());
  return make_shape(out);
}

ValuePtr reshape(Dims input, const std::vector<ValuePtr>& p) { return Helpers::reshape(input, p[1]); }

ValuePtr reduce(Dims input, const std::vector<ValuePtr>& p) {
  return Helpers::reduce(input, p[1], truth(*p[2]) == 1);
}

ValuePtr insert(Dims input, const std::vector<ValuePtr>& p) {
  if (p[2]->kind != Value::Kind::integer) return nullptr;
  int64_t at = 0;
  if (!Helpers::axis(p[1], input.size() + 1, at)) return make_unknown("an axis out of range");
  input.insert(input.begin() + at, p[2]->integer);
  return make_shape(input);
}

ValuePtr swap(Dims input, const std::vector<ValuePtr>& p) {
  int64_t a = 0, b = 0;
  if (!Helpers::axis(p[1], input.size(), a) || !Helpers::axis(p[2], input.size(), b)) return make_unknown("an axis out of range");
  std::swap(input[a], input[b]);
  return make_shape(input);
}

ValuePtr permute(Dims input, const std::vector<ValuePtr>& p) {
  Dims axes, out;
  if (!Helpers::ints(p[1], input.size(), axes)) return make_unknown("the axes are not known");
  for (int64_t a : axes) {
    int64_t at = 0;
    if (!Helpers::axis(make_int(a), input.size(), at)) return make_unknown("an axis out of range");
    out.push_back(input[at]);
  }
  return make_shape(out);
}

ValuePtr squeeze(Dims input, const std::vector<ValuePtr>& p) {
  Dims axes, out;
  if (p[1]->kind != Value::Kind::none && !Helpers::ints(p[1], p[1]->is_sequence() ? p[1]->items.size() : 1, axes)) return make_unknown("the axes are not known");
  for (size_t i = 0; i < input.size(); ++i) {
    bool named = p[1]->kind == Value::Kind::none;
    for (int64_t a : axes) named = named || a == static_cast<int64_t>(i) || a + static_cast<int64_t>(input.size()) == static_cast<int64_t>(i);
    if (!(named && input[i] == 1)) out.push_back(input[i]);
  }
  return make_shape(out);
}

ValuePtr split(Dims input, const std::vector<ValuePtr>& p) {
  Dims sizes;
  int64_t at = 0;
  if (!Helpers::axis(p[2], input.size(), at) || !Helpers::ints(p[1], p[1]->is_sequence() ? p[1]->items.size() : 1, sizes)) return make_unknown("the split is not known");
  std::vector<ValuePtr> parts;
  for (int64_t size : sizes) {
    Dims part = input;
    part[at] = size;
    parts.push_back(make_shape(part));
  }
  return make_sequence(Value::Kind::list, parts);
}

// einsum(subscripts, shapes): each operand's letters name its axes (spaces ignored); the output
// is the letters after '->', or without one those used once, in alphabetical order.
ValuePtr einsum(const CallArgs& args) {
  const auto& p = args.positional;
  if (p.size() != 2 || p[0]->kind != Value::Kind::string || !p[1]->is_sequence()) return nullptr;
  std::string text;
  for (char c : p[0]->text) {
    if (c != ' ') text += c;
  }
  if (text.find('.') != std::string::npos) return make_unknown("einsum with '...'");
  const size_t arrow = text.find("->");
  const std::string inputs = text.substr(0, arrow);
  std::map<char, int64_t> sizes;
  std::map<char, int> uses;
  size_t operand = 0, start = 0;
  for (size_t end = 0; end <= inputs.size(); ++end) {
    if (end < inputs.size() && inputs[end] != ',') continue;
    Dims shape;
    if (operand >= p[1]->items.size() || !Helpers::dims(p[1]->items[operand], shape) ||
        shape.size() != end - start) {
      return make_unknown("einsum operands that do not match '" + p[0]->text + "'");
    }
    for (size_t i = 0; i < shape.size(); ++i) {
      const char letter = inputs[start + i];
      if (sizes.count(letter) && sizes[letter] != shape[i] && sizes[letter] != 1 && shape[i] != 1) {
        return make_unknown("einsum axes '" + std::string(1, letter) + "' of different sizes");
      }
      sizes[letter] = std::max(sizes[letter], shape[i]);
      ++uses[letter];
    }
    ++operand;
    start = end + 1;
  }
  std::string output;
  if (arrow != std::string::npos) {
    output = text.substr(arrow + 2);
  } else {
    for (const auto& [letter, count] : uses) {
      if (count == 1) output += letter;
    }
  }
  Dims out;
  for (char letter : output) {
    if (!sizes.count(letter)) return make_unknown("einsum output axis '" + std::string(1, letter) + "' of no operand");
    out.push_back(sizes[letter]);
  }
  return make_shape(out);
}

template <ValuePtr (*operation)(const ValuePtr&, const ValuePtr&)>
ValuePtr of_two(const CallArgs& args) {
  return args.positional.size() == 2 ? operation(args.positional[0], args.positional[1]) : nullptr;
}

const std::map<std::string, Helper, std::less<>>& helpers() {
  static const std::map<std::string, Helper, std::less<>> kHelpers = {
      {"windows", [](const CallArgs& args) { return Helpers::windows(args, false); }},
      {"transposed_windows", [](const CallArgs& args) { return Helpers::windows(args, true); }},
      {"broadcast", of_two<Helpers::broadcast>},
      {"matmul", of_two<Helpers::matmul>},
      {"expand", expand},
      {"chunk_sizes", chunk_sizes},
      {"normalize_axis", normalize_axis},
      {"concat", concat},
      {"einsum", einsum},
      {"prod", on_input<prod>},
      {"flatten", on_input<flatten, 3>},
      {"reshape", on_input<reshape, 2>},
      {"reduce", on_input<reduce, 3>},
      {"insert", on_input<insert, 3>},
      {"swap", on_input<swap, 3>},
      {"permute", on_input<permute, 2>},
      {"squeeze", on_input<squeeze, 2>},
      {"split", on_input<split, 3>}};
  return kHelpers;
}

class RuleInterpreter : public Interpreter {
 public:
  RuleInterpreter() : Interpreter("kb/shapes.toml", nullptr) {}

 protected:
  ValuePtr call_extra_builtin(const ValuePtr& builtin, CallArgs& args) override {
    if (auto unknown = first_unknown(args.positional)) return unknown;
    if (auto helper = helpers().find(builtin->text); helper != helpers().end()) return helper->second(args);
    auto helper = value_helpers().find(builtin->text);
    return helper == value_helpers().end() ? nullptr : helper->second(args);
  }
};

}  // namespace

ValuePtr ShapeRules::evaluate(const Expr& rule, const std::map<std::string, ValuePtr>& bindings) {
  RuleInterpreter interpreter;
  for (const auto& [name, value] : bindings) interpreter.globals().names[name] = value;
  for (const auto& [helper, function] : helpers()) {
    if (!bindings.count(helper)) interpreter.globals().names[helper] = make_builtin(helper);
  }
  for (const auto& [helper, function] : value_helpers()) {
    if (!bindings.count(helper)) interpreter.globals().names[helper] = make_builtin(helper);
  }
  try {
    return interpreter.evaluate(rule, interpreter.globals());
  } catch (const Error& failure) {
    return make_unknown(failure.diagnostic().message);
  }
}

ShapeRules::ShapeRules(std::string_view file_name, std::string_view text, const Hub& hub) {
  const TomlReader reader(std::string(file_name), "kb");
  const toml::table root = reader.parse(text);
  reader.check_keys(root, "", {"rules-version", "same-shape", "broadcast", "same-dtype", "ops",
                               "values", "dtypes", "parameters"});
  // Each table gives one expression of an op's rule; an op may have some and not others.
  auto rule_of = [&](const std::string& op, const SourceLocation& where) -> ShapeRule& {
    if (hub.find(op) == nullptr) reader.fail(where, "'" + op + "' is not a hub operation");
    ShapeRule& rule = rules_[op];
    if (rule.where.line == 0) rule.where = where;
    return rule;
  };
  auto each_listed = [&](const char* list, const char* expression, std::string ShapeRule::*field) {
    if (const auto* node = root.get(list)) {
      for (const auto& [op, where] : reader.strings(*node, list)) rule_of(op, where).*field = expression;
    }
  };
  each_listed("same-shape", "input", &ShapeRule::out_text);
  each_listed("broadcast", "broadcast(input, other)", &ShapeRule::out_text);
  each_listed("same-dtype", "input", &ShapeRule::dtype_text);
  if (const auto* ops = root.get("ops")) {
    for (const auto& [key, node] : reader.table(*ops, "ops")) {
      const std::string op(key.str());
      const toml::table& entry = reader.table(node, op);
      reader.check_keys(entry, op, {"out", "params"});
      ShapeRule& rule = rule_of(op, reader.where(key));
      rule.where = reader.where(key);
      rule.out_text = entry.get("out") ? reader.string(*entry.get("out"), "out") : "";
      rule.params_text = entry.get("params") ? reader.string(*entry.get("params"), "params") : "";
    }
  }
  auto each_keyed = [&](const char* table, std::string ShapeRule::*field) {
    if (const auto* node = root.get(table)) {
      for (const auto& [key, value] : reader.table(*node, table)) {
        rule_of(std::string(key.str()), reader.where(key)).*field = reader.string(value, std::string(key.str()));
      }
    }
  };
  each_keyed("values", &ShapeRule::values_text);
  each_keyed("dtypes", &ShapeRule::dtype_text);
  if (const auto* parameters = root.get("parameters")) read_parameters(reader, *parameters, hub);
}

void ShapeRules::read_parameters(const TomlReader& reader, const toml::node& table, const Hub& hub) {
  for (const auto& [key, node] : reader.table(table, "parameters")) {
    const std::string op(key.str());
    if (hub.find(op) == nullptr) reader.fail(reader.where(key), "'" + op + "' is not a hub operation");
    ParameterTexts& texts = parameter_texts_[op];
    texts.where = reader.where(key);
    for (const auto& [name, text] : reader.string_table(node, op)) texts.texts[name] = text;
  }
}

void ShapeRules::parse_rule(const std::string& op, ShapeRule& rule) const {
  try {
    auto parsed = [](const std::string& text) { return text.empty() ? nullptr : parse_expression(text); };
    rule.out = parsed(rule.out_text);
    rule.params = parsed(rule.params_text);
    rule.values = parsed(rule.values_text);
    rule.dtype = parsed(rule.dtype_text);
  } catch (const python::SyntaxError&) {
    throw Error(Diagnostic{Severity::error, rule.where,
                           "the rule of '" + op + "' is not a Python expression", "kb"});
  }
  rule.parsed = true;
}

void ShapeRules::parse_parameters(const std::string& op, ParameterTexts& texts) const {
  ParameterRules& rules = parameters_[op];
  for (const auto& [name, text] : texts.texts) {
    try {
      rules[name] = parse_expression(text);
    } catch (const python::SyntaxError&) {
      throw Error(Diagnostic{Severity::error, texts.where,
                             "the shape of '" + op + "' parameter '" + name +
                                 "' is not a Python expression",
                             "kb"});
    }
  }
  texts.parsed = true;
}

const ParameterRules* ShapeRules::parameters(std::string_view op) const {
  auto texts = parameter_texts_.find(op);
  if (texts == parameter_texts_.end()) return nullptr;
  if (!texts->second.parsed) parse_parameters(texts->first, texts->second);
  return &parameters_.find(op)->second;
}

const ShapeRule* ShapeRules::find(std::string_view op) const {
  auto found = rules_.find(op);
  if (found == rules_.end()) return nullptr;
  if (!found->second.parsed) parse_rule(found->first, found->second);
  return &found->second;
}

void ShapeRules::check_all() const {
  for (auto& [op, rule] : rules_) {
    if (!rule.parsed) parse_rule(op, rule);
  }
  for (auto& [op, texts] : parameter_texts_) {
    if (!texts.parsed) parse_parameters(op, texts);
  }
}

const ShapeRules& builtin_shape_rules() {
  static const ShapeRules rules("kb/shapes.toml", switcheroo_embedded::kb_shapes, builtin_hub());
  return rules;
}

}  // namespace switcheroo::graph
