// The interpreter's operators, subscripts and builtins: Python's own semantics on the values
// it knows, tensors left to the subclass.
#include "interpreter.h"

#include <algorithm>
#include <cmath>

namespace switcheroo::graph {
namespace {

int64_t floor_div(int64_t a, int64_t b) {
  int64_t q = a / b;
  if ((a % b != 0) && ((a < 0) != (b < 0))) --q;
  return q;
}

ValuePtr arithmetic(const std::string& op, const Value& a, const Value& b) {
  const bool integers = a.kind != Value::Kind::floating && b.kind != Value::Kind::floating;
  if (integers) {
    const int64_t x = static_cast<int64_t>(a.number());
    const int64_t y = static_cast<int64_t>(b.number());
    if (op == "+") return make_int(x + y);
    if (op == "-") return make_int(x - y);
    if (op == "*") return make_int(x * y);
    if (op == "//" || op == "%") {
      if (y == 0) return make_unknown("division by zero");
      return make_int(op == "//" ? floor_div(x, y) : x - floor_div(x, y) * y);
    }
    if (op == "**" && y >= 0) {
      int64_t result = 1;
      for (int64_t i = 0; i < y; ++i) result *= x;
      return make_int(result);
    }
    if (op == "<<") return make_int(x << y);
    if (op == ">>") return make_int(x >> y);
    if (op == "&") return make_int(x & y);
    if (op == "|") return make_int(x | y);
    if (op == "^") return make_int(x ^ y);
  }
  const double x = a.number();
  const double y = b.number();
  if (op == "+") return make_float(x + y);
  if (op == "-") return make_float(x - y);
  if (op == "*") return make_float(x * y);
  if (op == "/") return y == 0 ? make_unknown("division by zero") : make_float(x / y);
  if (op == "//") return y == 0 ? make_unknown("division by zero") : make_float(std::floor(x / y));
  if (op == "%") return y == 0 ? make_unknown("division by zero") : make_float(x - std::floor(x / y) * y);
  if (op == "**") return make_float(std::pow(x, y));
  return make_unknown("operator '" + op + "' on numbers");
}

ValuePtr slice_of(const Value& container, const Value& slice) {
  const size_t size = container.kind == Value::Kind::string ? container.text.size() : container.items.size();
  auto bound = [&](const ValuePtr& part, int64_t fallback, bool& ok) -> int64_t {
    if (part->kind == Value::Kind::none) return fallback;
    if (part->kind != Value::Kind::integer) {
      ok = false;
      return 0;
    }
    int64_t index = part->integer;
    if (index < 0) index += static_cast<int64_t>(size);
    return std::clamp<int64_t>(index, -1, static_cast<int64_t>(size));
  };
  bool ok = true;
  const int64_t step = slice.items[2]->kind == Value::Kind::none ? 1 : slice.items[2]->integer;
  if (slice.items[2]->kind != Value::Kind::none && slice.items[2]->kind != Value::Kind::integer) ok = false;
  if (!ok || step == 0) return make_unknown("slicing with " + describe(slice));
  int64_t start = bound(slice.items[0], step > 0 ? 0 : static_cast<int64_t>(size) - 1, ok);
  int64_t stop = bound(slice.items[1], step > 0 ? static_cast<int64_t>(size) : -1, ok);
  if (!ok) return make_unknown("slicing with unknown bounds");
  if (step > 0) start = std::max<int64_t>(start, 0);
  if (step < 0) start = std::min<int64_t>(start, static_cast<int64_t>(size) - 1);
  std::vector<ValuePtr> items;
  std::string text;
  for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) {
    if (container.kind == Value::Kind::string) {
      text += container.text[i];
    } else {
      items.push_back(container.items[i]);
    }
  }
  if (container.kind == Value::Kind::string) return make_string(text);
  return make_sequence(container.kind, items);
}

// "name%d" % value: %d, %i and %s of known values.
ValuePtr percent_format(const std::string& format, const ValuePtr& arguments) {
  std::vector<ValuePtr> values = arguments->kind == Value::Kind::tuple ? arguments->items : std::vector<ValuePtr>{arguments};
  std::string text;
  size_t next = 0;
  for (size_t i = 0; i < format.size(); ++i) {
    if (format[i] != '%' || i + 1 >= format.size()) {
      text += format[i];
      continue;
    }
    const char conversion = format[++i];
    if (conversion == '%') {
      text += '%';
      continue;
    }
    if (next >= values.size()) return make_unknown("too few values for '" + format + "'");
    const ValuePtr& value = values[next++];
    if ((conversion == 'd' || conversion == 'i' || conversion == 's') && value->kind == Value::Kind::integer) {
      text += std::to_string(value->integer);
    } else if (conversion == 's' && value->kind == Value::Kind::string) {
      text += value->text;
    } else {
      return value->is_unknown() ? value : make_unknown("formatting '" + format + "'");
    }
  }
  return make_string(text);
}

}  // namespace

ValuePtr Interpreter::binary(const std::string& op, const ValuePtr& left, const ValuePtr& right,
                             uint32_t offset) {
  if (left->kind == Value::Kind::tensor || right->kind == Value::Kind::tensor) {
    return tensor_operator(op, left, right, offset);
  }
  if (left->is_unknown()) return left;
  if (right->is_unknown()) return right;
  if (left->is_number() && right->is_number()) return arithmetic(op, *left, *right);
  if (op == "+" && left->kind == right->kind && left->is_sequence()) {
    std::vector<ValuePtr> items = left->items;
    items.insert(items.end(), right->items.begin(), right->items.end());
    return make_sequence(left->kind, items);
  }
  if (op == "+" && left->kind == Value::Kind::string && right->kind == Value::Kind::string) {
    return make_string(left->text + right->text);
  }
  if (op == "%" && left->kind == Value::Kind::string) return percent_format(left->text, right);
  if (op == "*" && (left->is_sequence() || right->is_sequence())) {
    const Value& sequence = left->is_sequence() ? *left : *right;
    const Value& count = left->is_sequence() ? *right : *left;
    if (count.kind != Value::Kind::integer) return make_unknown("repeating a sequence");
    std::vector<ValuePtr> items;
    for (int64_t i = 0; i < count.integer; ++i) {
      items.insert(items.end(), sequence.items.begin(), sequence.items.end());
    }
    return make_sequence(sequence.kind, items);
  }
  return make_unknown("'" + describe(*left) + " " + op + " " + describe(*right) + "' at " +
                      location(offset));
}

ValuePtr Interpreter::unary(const std::string& op, const ValuePtr& operand, uint32_t offset) {
  if (op == "not") {
    const int known = truth(*operand);
    return known < 0 ? make_unknown("the truth of " + describe(*operand)) : make_bool(known == 0);
  }
  if (operand->kind == Value::Kind::tensor) return tensor_operator("unary" + op, operand, nullptr, offset);
  if (operand->is_unknown()) return operand;
  if (operand->kind == Value::Kind::integer || operand->kind == Value::Kind::boolean) {
    const int64_t value = static_cast<int64_t>(operand->number());
    return make_int(op == "-" ? -value : op == "~" ? ~value : value);
  }
  if (operand->kind == Value::Kind::floating) {
    return make_float(op == "-" ? -operand->floating : operand->floating);
  }
  return make_unknown("'" + op + "' on " + describe(*operand));
}

ValuePtr Interpreter::compare(const Expr& expr, Scope& scope) {
  ValuePtr left = evaluate(*expr.items[0], scope);
  bool result = true;
  for (size_t i = 0; i < expr.keywords.size(); ++i) {
    const std::string& op = expr.keywords[i];
    const ValuePtr right = evaluate(*expr.items[i + 1], scope);
    int outcome = -1;
    if (op == "is" || op == "is not") {
      // Identity is only known against None, classes and the same object.
      const bool none_involved = left->kind == Value::Kind::none || right->kind == Value::Kind::none;
      if (!left->is_unknown() && !right->is_unknown() && none_involved) {
        outcome = left->kind == right->kind ? 1 : 0;
      } else if (!left->is_unknown() && !right->is_unknown()) {
        outcome = equal(*left, *right);
      }
      if (outcome >= 0 && op == "is not") outcome = 1 - outcome;
    } else if (op == "==" || op == "!=") {
      outcome = equal(*left, *right);
      if (outcome >= 0 && op == "!=") outcome = 1 - outcome;
    } else if (op == "in" || op == "not in") {
      std::vector<ValuePtr> items;
      if (iterate(*right, items)) {
        outcome = 0;
        for (const auto& item : items) {
          const int same = equal(*left, *item);
          if (same < 0) outcome = -1;
          if (same == 1) {
            outcome = 1;
            break;
          }
        }
        if (outcome >= 0 && op == "not in") outcome = 1 - outcome;
      }
    } else if (left->is_number() && right->is_number()) {
      const double a = left->number();
      const double b = right->number();
      outcome = op == "<" ? a < b : op == "<=" ? a <= b : op == ">" ? a > b : a >= b;
    }
    if (outcome < 0) {
      if (left->is_unknown()) return left;
      if (right->is_unknown()) return right;
      return make_unknown("the comparison at " + location(expr.offset));
    }
    result = result && outcome == 1;
    left = right;
  }
  return make_bool(result);
}

ValuePtr Interpreter::subscript(const ValuePtr& container, const ValuePtr& index, uint32_t offset) {
  if (container->kind == Value::Kind::tensor) return tensor_subscript(container, index, offset);
  if (container->is_unknown()) return container;
  if (index->is_unknown()) return index;
  if (container->is_sequence() || container->kind == Value::Kind::string) {
    if (index->kind == Value::Kind::slice) return slice_of(*container, *index);
    if (index->kind == Value::Kind::integer || index->kind == Value::Kind::boolean) {
      int64_t i = static_cast<int64_t>(index->number());
      const size_t size = container->kind == Value::Kind::string ? container->text.size() : container->items.size();
      if (!normalize_index(i, size)) return make_unknown("index out of range at " + location(offset));
      if (container->kind == Value::Kind::string) return make_string(std::string(1, container->text[i]));
      return container->items[i];
    }
  }
  if (container->kind == Value::Kind::dict) {
    for (size_t i = 0; i < container->items.size(); i += 2) {
      if (equal(*container->items[i], *index) == 1) return container->items[i + 1];
    }
    return make_unknown("key " + describe(*index) + " is not in the dict");
  }
  if (container->kind == Value::Kind::object) return object_subscript(container, index, offset);
  return make_unknown("subscript of " + describe(*container));
}

// The subclass's defaults: nothing is known about framework values.
ValuePtr Interpreter::call_api(const ValuePtr& api, CallArgs&) {
  return make_unknown("'" + api->text + "' is not known to the knowledge base");
}
ValuePtr Interpreter::call_unknown(const std::string& reason, CallArgs&) {
  return make_unknown(reason);
}
ValuePtr Interpreter::call_object(const ValuePtr& object, CallArgs&) {
  return make_unknown("calling " + describe(*object));
}
ValuePtr Interpreter::instantiate(const ValuePtr& class_value, CallArgs& args) {
  return construct_plain(class_value, args);
}
ValuePtr Interpreter::tensor_attribute(const ValuePtr&, const std::string& name, uint32_t) {
  return make_unknown("tensor attribute '" + name + "'");
}
ValuePtr Interpreter::tensor_method(const ValuePtr&, const std::string& name, CallArgs&) {
  return make_unknown("tensor method '" + name + "'");
}
ValuePtr Interpreter::tensor_operator(const std::string& op, const ValuePtr&, const ValuePtr&, uint32_t) {
  return make_unknown("operator '" + op + "' on a tensor");
}
ValuePtr Interpreter::tensor_subscript(const ValuePtr&, const ValuePtr&, uint32_t) {
  return make_unknown("indexing a tensor");
}
ValuePtr Interpreter::object_attribute(const ValuePtr& object, const std::string& name, uint32_t) {
  return make_unknown("attribute '" + name + "' of " + describe(*object));
}
ValuePtr Interpreter::object_operator(const std::string&, const ValuePtr&, const ValuePtr&) {
  return nullptr;
}
void Interpreter::object_changed(const ValuePtr&, const std::string&) {}
bool Interpreter::iterate_object(const ValuePtr&, std::vector<ValuePtr>&) { return false; }
bool Interpreter::iterate_tensor(const ValuePtr&, uint32_t, std::vector<ValuePtr>&) { return false; }
void Interpreter::attribute_set(const ValuePtr&, const std::string&, const ValuePtr&, uint32_t) {}

void Interpreter::attribute_set_unnamed(const ValuePtr&, const ValuePtr&, uint32_t) {}

ValuePtr Interpreter::inherited_member(const ValuePtr&, const std::shared_ptr<ClassValue>&,
                                       const std::string&) {
  return make_builtin("noop");
}
ValuePtr Interpreter::call_extra_builtin(const ValuePtr&, CallArgs&) { return nullptr; }
ValuePtr Interpreter::object_subscript(const ValuePtr& object, const ValuePtr&, uint32_t) {
  return make_unknown("indexing " + describe(*object));
}

}  // namespace switcheroo::graph
