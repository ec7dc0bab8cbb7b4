#include "value.h"

#include "ast.h"

#include <cmath>
#include <sstream>

namespace switcheroo::graph {

namespace {
ValuePtr with_kind(Value::Kind kind) {
  auto value = std::make_shared<Value>();
  value->kind = kind;
  return value;
}
}  // namespace

ValuePtr make_none() { return with_kind(Value::Kind::none); }

ValuePtr make_bool(bool boolean) {
  auto value = with_kind(Value::Kind::boolean);
  value->boolean = boolean;
  return value;
}

ValuePtr make_int(int64_t integer) {
  auto value = with_kind(Value::Kind::integer);
  value->integer = integer;
  return value;
}

ValuePtr make_float(double floating) {
  auto value = with_kind(Value::Kind::floating);
  value->floating = floating;
  return value;
}

ValuePtr make_string(std::string text) {
  auto value = with_kind(Value::Kind::string);
  value->text = std::move(text);
  return value;
}

ValuePtr make_sequence(Value::Kind kind, std::vector<ValuePtr> items) {
  auto value = with_kind(kind);
  value->items = std::move(items);
  return value;
}

ValuePtr make_unknown(std::string reason) {
  auto value = with_kind(Value::Kind::unknown);
  value->text = std::move(reason);
  return value;
}

ValuePtr make_api(std::string qualified) {
  auto value = with_kind(Value::Kind::api);
  value->text = std::move(qualified);
  return value;
}

ValuePtr make_builtin(std::string name, ValuePtr receiver) {
  auto value = with_kind(Value::Kind::builtin);
  value->text = std::move(name);
  if (receiver) value->items.push_back(std::move(receiver));
  return value;
}

ValuePtr make_tensor(int node, int output, ValuePtr shape) {
  auto value = with_kind(Value::Kind::tensor);
  value->node = node;
  value->output = output;
  value->items.push_back(std::move(shape));
  return value;
}

ValuePtr make_shape(const std::vector<int64_t>& dims) {
  std::vector<ValuePtr> items;
  for (int64_t dim : dims) items.push_back(make_int(dim));
  return make_sequence(Value::Kind::tuple, std::move(items));
}

bool shape_dims(const Value& shape, std::vector<int64_t>& dims) {
  if (!shape.is_sequence()) return false;
  dims.clear();
  for (const auto& item : shape.items) {
    if (item->kind != Value::Kind::integer) return false;
    dims.push_back(item->integer);
  }
  return true;
}

ValuePtr first_unknown(const std::vector<ValuePtr>& values) {
  for (const auto& value : values) {
    if (value && value->is_unknown()) return value;
  }
  return nullptr;
}

int truth(const Value& value) {
  switch (value.kind) {
    case Value::Kind::none: return 0;
    case Value::Kind::boolean: return value.boolean ? 1 : 0;
    case Value::Kind::integer: return value.integer != 0 ? 1 : 0;
    case Value::Kind::floating: return value.floating != 0 ? 1 : 0;
    case Value::Kind::string: return value.text.empty() ? 0 : 1;
    case Value::Kind::tuple:
    case Value::Kind::list:
    case Value::Kind::set:
    case Value::Kind::dict: return value.items.empty() ? 0 : 1;
    case Value::Kind::unknown:
    case Value::Kind::tensor: return -1;
    default: return 1;  // objects, classes, functions, names
  }
}

int equal(const Value& a, const Value& b) {
  if (a.is_unknown() || b.is_unknown()) return -1;
  if (a.is_number() && b.is_number()) return a.number() == b.number() ? 1 : 0;
  if (a.kind == Value::Kind::none || b.kind == Value::Kind::none) {
    return a.kind == b.kind ? 1 : (a.kind == Value::Kind::tensor || b.kind == Value::Kind::tensor ? 0 : 0);
  }
  if (a.kind == Value::Kind::string && b.kind == Value::Kind::string) return a.text == b.text ? 1 : 0;
  if (a.is_sequence() && b.is_sequence()) {
    if (a.kind != b.kind || a.items.size() != b.items.size()) return 0;
    for (size_t i = 0; i < a.items.size(); ++i) {
      const int same = equal(*a.items[i], *b.items[i]);
      if (same != 1) return same;
    }
    return 1;
  }
  if (a.kind == Value::Kind::api && b.kind == Value::Kind::api) return a.text == b.text ? 1 : 0;
  if (a.kind == Value::Kind::object && b.kind == Value::Kind::object) {
    return a.instance == b.instance ? 1 : 0;
  }
  if (a.kind == Value::Kind::class_ && b.kind == Value::Kind::class_) {
    return a.class_value == b.class_value ? 1 : 0;
  }
  if (a.kind != b.kind) return 0;
  return -1;
}

namespace {
std::string float_text(double value) {
  if (std::isinf(value)) return value > 0 ? "float('inf')" : "float('-inf')";
  std::ostringstream out;
  out.precision(17);
  out << value;
  std::string text = out.str();
  // The shortest form that reads back the same.
  for (int precision = 1; precision < 17; ++precision) {
    std::ostringstream shorter;
    shorter.precision(precision);
    shorter << value;
    if (std::stod(shorter.str()) == value) {
      text = shorter.str();
      break;
    }
  }
  if (text.find_first_of(".eEn") == std::string::npos) text += ".0";
  return text;
}
}  // namespace

std::string literal_text(const Value& value) {
  switch (value.kind) {
    case Value::Kind::none: return "None";
    case Value::Kind::boolean: return value.boolean ? "True" : "False";
    case Value::Kind::integer: return std::to_string(value.integer);
    case Value::Kind::floating: return float_text(value.floating);
    case Value::Kind::string: return "'" + value.text + "'";
    case Value::Kind::tuple:
    case Value::Kind::list: {
      const bool tuple = value.kind == Value::Kind::tuple;
      std::string text = tuple ? "(" : "[";
      for (size_t i = 0; i < value.items.size(); ++i) {
        const std::string item = literal_text(*value.items[i]);
        if (item.empty()) return "";
        text += (i ? ", " : "") + item;
      }
      if (tuple && value.items.size() == 1) text += ",";
      return text + (tuple ? ")" : "]");
    }
    default: return "";
  }
}

std::string describe(const Value& value) {
  const std::string literal = literal_text(value);
  if (!literal.empty()) return literal;
  switch (value.kind) {
    case Value::Kind::unknown: return "<unknown: " + value.text + ">";
    case Value::Kind::tensor: return "<tensor>";
    case Value::Kind::set: return "<set of " + std::to_string(value.items.size()) + ">";
    case Value::Kind::object:
      return "<" + (value.instance->class_value ? value.instance->class_value->name : "layer") + ">";
    case Value::Kind::class_: return value.class_value->name;
    case Value::Kind::function: return value.function->name;
    case Value::Kind::api:
    case Value::Kind::builtin: return value.text;
    default: return "<value>";
  }
}

}  // namespace switcheroo::graph
