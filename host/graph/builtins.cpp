// Python's builtins and the methods of lists, dicts and strings, as far as model code uses
// them, plus the few standard-library names models build with (functools.partial, math,
// collections.OrderedDict). Unknown arguments give unknown results.
#include "interpreter.h"
#include "value_rules.h"

#include <algorithm>
#include <cmath>
#include <map>

namespace switcheroo::graph {
namespace {

ValuePtr integer_list(int64_t start, int64_t stop, int64_t step) {
  std::vector<ValuePtr> items;
  for (int64_t i = start; step > 0 ? i < stop : i > stop; i += step) items.push_back(make_int(i));
  return make_sequence(Value::Kind::list, items);
}

ValuePtr range_of(const CallArgs& args) {
  std::vector<int64_t> bounds;
  for (const auto& value : args.positional) {
    if (value->kind != Value::Kind::integer && value->kind != Value::Kind::boolean) {
      return value->is_unknown() ? value : make_unknown("range() of " + describe(*value));
    }
    bounds.push_back(static_cast<int64_t>(value->number()));
  }
  if (bounds.size() == 1) return integer_list(0, bounds[0], 1);
  if (bounds.size() == 2) return integer_list(bounds[0], bounds[1], 1);
  if (bounds.size() == 3 && bounds[2] != 0) return integer_list(bounds[0], bounds[1], bounds[2]);
  return make_unknown("range() with " + std::to_string(bounds.size()) + " arguments");
}

bool is_type(const Value& value, const std::string& type) {
  if (type == "int") return value.kind == Value::Kind::integer || value.kind == Value::Kind::boolean;
  if (type == "float") return value.kind == Value::Kind::floating;
  if (type == "bool") return value.kind == Value::Kind::boolean;
  if (type == "str") return value.kind == Value::Kind::string;
  if (type == "tuple") return value.kind == Value::Kind::tuple;
  if (type == "list") return value.kind == Value::Kind::list;
  if (type == "dict") return value.kind == Value::Kind::dict;
  return false;
}

// isinstance(value, types) where the answer follows from the value's kind: 1, 0 or -1.
int instance_of(const Value& value, const Value& types, const std::string& array_type) {
  if (value.is_unknown()) return -1;
  std::vector<const Value*> candidates;
  if (types.kind == Value::Kind::tuple) {
    for (const auto& item : types.items) candidates.push_back(item.get());
  } else {
    candidates.push_back(&types);
  }
  const bool plain = value.kind != Value::Kind::object && value.kind != Value::Kind::tensor;
  for (const Value* type : candidates) {
    if (type->kind == Value::Kind::builtin) {
      if (is_type(value, type->text)) return 1;
    } else if (type->kind == Value::Kind::api && !array_type.empty() && type->text == array_type &&
               value.kind != Value::Kind::object) {
      if (value.kind == Value::Kind::tensor) return 1;  // isinstance(x, Tensor)
    } else if (type->kind == Value::Kind::class_ && value.kind == Value::Kind::object) {
      if (value.instance->class_value == type->class_value) return 1;
      return -1;  // a subclass relation: not followed
    } else {
      return -1;  // a type of a framework or library: not known here
    }
  }
  return plain ? 0 : -1;
}

ValuePtr fold_numbers(const std::string& name, std::vector<ValuePtr> items) {
  if (auto unknown = first_unknown(items)) return unknown;
  if (items.empty()) return name == "sum" ? make_int(0) : make_unknown(name + "() of nothing");
  ValuePtr best = items[0];
  bool any_float = false;
  double total = 0;
  for (const auto& item : items) {
    if (!item->is_number()) return make_unknown(name + "() of " + describe(*item));
    any_float = any_float || item->kind == Value::Kind::floating;
    total += item->number();
    if ((name == "max" && item->number() > best->number()) ||
        (name == "min" && item->number() < best->number())) {
      best = item;
    }
  }
  if (name != "sum") return best;
  return any_float ? make_float(total) : make_int(static_cast<int64_t>(total));
}

// The methods of Python's containers: null where the receiver's kind has no such method (or
// the arguments are not ones modelled here).
ValuePtr list_method(Value& list, const std::string& name, const CallArgs& args) {
  const ValuePtr first = args.positional.empty() ? nullptr : args.positional[0];
  if (name == "append" && first) {
    list.items.push_back(first);
    return make_none();
  }
  if (name == "extend" && first) {
    std::vector<ValuePtr> items;
    if (!iterate(*first, items)) {
      list.items = {make_unknown("extended with " + describe(*first))};
      return make_none();
    }
    list.items.insert(list.items.end(), items.begin(), items.end());
    return make_none();
  }
  const auto size = static_cast<int64_t>(list.items.size());
  if (name == "insert" && args.positional.size() == 2 && first->kind == Value::Kind::integer) {
    const int64_t at = std::clamp<int64_t>(first->integer < 0 ? first->integer + size : first->integer, 0, size);
    list.items.insert(list.items.begin() + at, args.positional[1]);
    return make_none();
  }
  if (name == "copy" && !first) return make_sequence(Value::Kind::list, list.items);
  if (name == "pop" && !list.items.empty()) {
    int64_t at = first && first->kind == Value::Kind::integer ? first->integer : -1;
    if (!normalize_index(at, list.items.size())) return make_unknown("pop() out of range");
    ValuePtr value = list.items[at];
    list.items.erase(list.items.begin() + at);
    return value;
  }
  return nullptr;
}

ValuePtr dict_method(Value& dict, const std::string& name, const CallArgs& args) {
  const ValuePtr first = args.positional.empty() ? nullptr : args.positional[0];
  auto find = [&](const Value& key) -> size_t {
    for (size_t i = 0; i < dict.items.size(); i += 2) {
      if (equal(*dict.items[i], key) == 1) return i;
    }
    return SIZE_MAX;
  };
  if ((name == "get" || name == "pop" || name == "setdefault") && first) {
    const size_t at = find(*first);
    ValuePtr fallback = args.positional.size() > 1 ? args.positional[1] : make_none();
    if (at == SIZE_MAX) {
      if (name == "setdefault") {
        dict.items.push_back(first);
        dict.items.push_back(fallback);
      }
      return fallback;
    }
    ValuePtr value = dict.items[at + 1];
    if (name == "pop") dict.items.erase(dict.items.begin() + at, dict.items.begin() + at + 2);
    return value;
  }
  if (name == "items" || name == "keys" || name == "values") {
    std::vector<ValuePtr> items;
    for (size_t i = 0; i + 1 < dict.items.size(); i += 2) {
      if (name == "items") items.push_back(make_sequence(Value::Kind::tuple, {dict.items[i], dict.items[i + 1]}));
      else items.push_back(dict.items[i + (name == "values" ? 1 : 0)]);
    }
    return make_sequence(Value::Kind::list, items);
  }
  if (name == "update" && first && first->kind == Value::Kind::dict) {
    for (size_t i = 0; i + 1 < first->items.size(); i += 2) {
      const size_t at = find(*first->items[i]);
      if (at == SIZE_MAX) {
        dict.items.push_back(first->items[i]);
        dict.items.push_back(first->items[i + 1]);
      } else {
        dict.items[at + 1] = first->items[i + 1];
      }
    }
    return make_none();
  }
  return nullptr;
}

ValuePtr string_method(const Value& string, const std::string& name, const CallArgs& args) {
  if ((name != "startswith" && name != "endswith") || args.positional.empty()) return nullptr;
  const ValuePtr& first = args.positional[0];
  std::vector<ValuePtr> affixes{first};
  if (first->kind == Value::Kind::tuple) affixes = first->items;
  for (const auto& affix : affixes) {
    if (affix->kind != Value::Kind::string) return make_unknown("'" + name + "' of " + describe(*affix));
    const std::string& text = string.text;
    const size_t size = affix->text.size();
    if (size <= text.size() &&
        text.compare(name == "startswith" ? 0 : text.size() - size, size, affix->text) == 0) {
      return make_bool(true);
    }
  }
  return make_bool(false);
}


}  // namespace

ValuePtr Interpreter::call_builtin(const ValuePtr& builtin, CallArgs& args) {
  const std::string& name = builtin->text;
  if (name.rfind('.', 0) == 0) return call_container_method(builtin->items[0], name.substr(1), args);
  if (name == "noop" || name == "print") return make_none();
  if (name == "setattr" && args.positional.size() == 3) return call_setattr(args);
  if (name == "partial") return call_partial(builtin, args);
  if (name == "dataclass-init") {
    init_dataclass(builtin->items[0], dataclass_owner(builtin->items[1]->class_value), args);
    return make_none();
  }

  if (auto extra = call_extra_builtin(builtin, args)) return extra;
  const ValuePtr first = args.positional.empty() ? nullptr : args.positional[0];
  if (name == "range") return range_of(args);
  if (name == "min" || name == "max" || name == "sum") {
    std::vector<ValuePtr> items = args.positional;
    if (items.size() == 1 && !iterate(*items[0], items)) return make_unknown(name + "() of " + describe(*first));
    return fold_numbers(name, items);
  }
  if (!first) {
    if (name == "list" || name == "tuple" || name == "dict" || name == "set") {
      return make_sequence(name == "list" ? Value::Kind::list : name == "tuple" ? Value::Kind::tuple : name == "set" ? Value::Kind::set : Value::Kind::dict, {});
    }
    return make_unknown(name + "() without arguments");
  }
  if (first->is_unknown()) return first;
  // The builtins of a known first argument, by what they do with it; a handler gives null
  // where the arguments are not ones it models.
  using Handler = ValuePtr (Interpreter::*)(const std::string&, const ValuePtr&, CallArgs&);
  static const std::map<std::string, Handler, std::less<>> kHandlers = {
      {"len", &Interpreter::builtin_len},           {"list", &Interpreter::builtin_sequence},
      {"tuple", &Interpreter::builtin_sequence},    {"sorted", &Interpreter::builtin_sequence},
      {"reversed", &Interpreter::builtin_sequence}, {"enumerate", &Interpreter::builtin_columns},
      {"zip", &Interpreter::builtin_columns},       {"any", &Interpreter::builtin_truths},
      {"all", &Interpreter::builtin_truths},        {"isinstance", &Interpreter::builtin_reflection},
      {"getattr", &Interpreter::builtin_reflection}, {"hasattr", &Interpreter::builtin_reflection},
      {"dict", &Interpreter::builtin_conversion},   {"int", &Interpreter::builtin_conversion},
      {"float", &Interpreter::builtin_conversion},  {"bool", &Interpreter::builtin_conversion},
      {"abs", &Interpreter::builtin_conversion},    {"round", &Interpreter::builtin_conversion},
      {"str", &Interpreter::builtin_conversion},    {"set", &Interpreter::builtin_sequence}};
  if (auto handler = kHandlers.find(name); handler != kHandlers.end()) {
    if (auto result = (this->*handler->second)(name, first, args)) return result;
  }
  return make_unknown(name + "() of " + describe(*first));
}

ValuePtr Interpreter::call_setattr(CallArgs& args) {
  const ValuePtr& object = args.positional[0];
  if (args.positional[1]->kind == Value::Kind::string) {
    set_attribute(object, args.positional[1]->text, args.positional[2], args.offset);
  } else if (object->kind == Value::Kind::object) {
    attribute_set_unnamed(object, args.positional[2], args.offset);
  }
  return make_none();
}

ValuePtr Interpreter::call_partial(const ValuePtr& partial, CallArgs& args) {
  // items: the function, the bound positional arguments, the bound keywords (name, value, ...)
  CallArgs merged;
  merged.offset = args.offset;
  merged.positional = partial->items[1]->items;
  merged.positional.insert(merged.positional.end(), args.positional.begin(), args.positional.end());
  for (size_t i = 0; i + 1 < partial->items[2]->items.size(); i += 2) {
    merged.keywords.emplace_back(partial->items[2]->items[i]->text, partial->items[2]->items[i + 1]);
  }
  for (auto& keyword : args.keywords) {
    auto same = std::find_if(merged.keywords.begin(), merged.keywords.end(),
                             [&](const auto& k) { return k.first == keyword.first; });
    if (same != merged.keywords.end()) merged.keywords.erase(same);
    merged.keywords.push_back(keyword);
  }
  return call(partial->items[0], std::move(merged));
}

ValuePtr Interpreter::builtin_len(const std::string&, const ValuePtr& first, CallArgs&) {
  std::vector<ValuePtr> children;
  if (first->kind == Value::Kind::object && iterate_object(first, children)) {
    return make_int(static_cast<int64_t>(children.size()));
  }
  if (first->kind == Value::Kind::dict) return make_int(static_cast<int64_t>(first->items.size() / 2));
  if (first->kind == Value::Kind::set) return make_int(static_cast<int64_t>(first->items.size()));
  if (first->kind == Value::Kind::string) return make_int(static_cast<int64_t>(first->text.size()));
  if (first->is_sequence()) return make_int(static_cast<int64_t>(first->items.size()));
  return nullptr;
}

ValuePtr Interpreter::builtin_sequence(const std::string& name, const ValuePtr& first, CallArgs&) {
  std::vector<ValuePtr> items;
  // sorted() of a set has an order; iterating the set itself has none that is known.
  if (first->kind == Value::Kind::set && name == "sorted") {
    items = first->items;
  } else if (!iterate(*first, items) && !iterate_object(first, items)) {
    return nullptr;
  }
  if (name == "set") {
    std::vector<ValuePtr> distinct;
    for (const auto& item : items) {
      bool seen = false;
      for (const auto& kept : distinct) {
        const int same = equal(*item, *kept);
        if (same < 0) return make_unknown("set() of " + describe(*item));
        seen = seen || same == 1;
      }
      if (!seen) distinct.push_back(item);
    }
    return make_sequence(Value::Kind::set, std::move(distinct));
  }
  if (name == "reversed") std::reverse(items.begin(), items.end());
  if (name == "sorted") {
    for (const auto& item : items) {
      if (!item->is_number()) return make_unknown("sorted() of non-numbers");
    }
    std::stable_sort(items.begin(), items.end(), [](const ValuePtr& a, const ValuePtr& b) { return a->number() < b->number(); });
  }
  return make_sequence(name == "tuple" ? Value::Kind::tuple : Value::Kind::list, items);
}

ValuePtr Interpreter::builtin_columns(const std::string& name, const ValuePtr& first, CallArgs& args) {
  // enumerate(items) and zip(a, b, ...): rows of the columns, as long as the shortest.
  std::vector<std::vector<ValuePtr>> columns;
  if (name == "enumerate") {
    std::vector<ValuePtr> items;
    if (!iterate(*first, items) && !iterate_object(first, items)) return nullptr;
    columns.push_back(integer_list(0, static_cast<int64_t>(items.size()), 1)->items);
    columns.push_back(items);
  } else {
    for (const auto& argument : args.positional) {
      std::vector<ValuePtr> items;
      if (!iterate(*argument, items) && !iterate_object(argument, items)) return make_unknown("zip() of " + describe(*argument));
      columns.push_back(items);
    }
  }
  size_t size = SIZE_MAX;
  for (const auto& column : columns) size = std::min(size, column.size());
  std::vector<ValuePtr> rows;
  for (size_t i = 0; i < size; ++i) {
    std::vector<ValuePtr> row;
    for (const auto& column : columns) row.push_back(column[i]);
    rows.push_back(make_sequence(Value::Kind::tuple, row));
  }
  return make_sequence(Value::Kind::list, rows);
}

ValuePtr Interpreter::builtin_truths(const std::string& name, const ValuePtr& first, CallArgs&) {
  std::vector<ValuePtr> items;
  if (!iterate(*first, items)) return nullptr;
  for (const auto& item : items) {
    const int known = truth(*item);
    if (known < 0) return make_unknown(name + "() of unknown values");
    if ((name == "any") == (known == 1)) return make_bool(name == "any");
  }
  return make_bool(name == "all");
}

ValuePtr Interpreter::builtin_reflection(const std::string& name, const ValuePtr& first, CallArgs& args) {
  if (name == "isinstance") {
    if (args.positional.size() != 2) return nullptr;
    const int known = instance_of(*first, *args.positional[1], array_type_);
    return known < 0 ? make_unknown("isinstance() of " + describe(*first)) : make_bool(known == 1);
  }
  // getattr and hasattr
  if (args.positional.size() < 2 || args.positional[1]->kind != Value::Kind::string) return nullptr;
  ValuePtr found = first->kind == Value::Kind::object || first->kind == Value::Kind::class_
                       ? lookup(first, args.positional[1]->text)
                       : nullptr;
  if (name == "hasattr") return found ? make_bool(true) : make_unknown("hasattr() of " + describe(*first));
  if (found) return found;
  return args.positional.size() == 3 ? args.positional[2] : make_unknown("getattr() of " + describe(*first));
}

ValuePtr Interpreter::builtin_conversion(const std::string& name, const ValuePtr& given, CallArgs&) {
  // int(t), float(t) of a one-element tensor whose values are known: that element.
  const ValuePtr element = given->kind == Value::Kind::tensor ? single_element(*given) : nullptr;
  const ValuePtr& first = element ? element : given;
  if (name == "dict") return first->kind == Value::Kind::dict ? make_sequence(Value::Kind::dict, first->items) : make_unknown("dict() of " + describe(*first));
  if (name == "bool") {
    const int known = truth(*first);
    return known < 0 ? make_unknown("bool() of " + describe(*first)) : make_bool(known == 1);
  }
  if (name == "str") {
    if (first->kind == Value::Kind::integer) return make_string(std::to_string(first->integer));
    return first->kind == Value::Kind::string ? first : nullptr;
  }
  if (!first->is_number()) return nullptr;
  if (name == "int") return make_int(static_cast<int64_t>(std::trunc(first->number())));
  if (name == "float") return make_float(first->number());
  if (name == "abs") {
    return first->kind == Value::Kind::floating ? make_float(std::fabs(first->floating)) : make_int(std::llabs(static_cast<int64_t>(first->number())));
  }
  return make_int(static_cast<int64_t>(std::nearbyint(first->number())));  // round
}

ValuePtr Interpreter::call_container_method(const ValuePtr& receiver, const std::string& name,
                                           CallArgs& args) {
  ValuePtr result;
  if (receiver->kind == Value::Kind::list) result = list_method(*receiver, name, args);
  if (receiver->kind == Value::Kind::dict) result = dict_method(*receiver, name, args);
  if (receiver->kind == Value::Kind::string) result = string_method(*receiver, name, args);
  if (!result && receiver->is_sequence() && name == "index" && !args.positional.empty()) {
    for (size_t i = 0; i < receiver->items.size(); ++i) {
      if (equal(*receiver->items[i], *args.positional[0]) == 1) return make_int(static_cast<int64_t>(i));
    }
  }
  return result ? result : make_unknown("method '" + name + "' of " + describe(*receiver));
}

ValuePtr Interpreter::call_standard_library(const std::string& qualified, CallArgs& args) {
  if (qualified == "functools.partial" && !args.positional.empty()) {
    std::vector<ValuePtr> keywords;
    for (auto& [name, value] : args.keywords) {
      keywords.push_back(make_string(name));
      keywords.push_back(value);
    }
    auto partial = make_builtin("partial", args.positional[0]);
    partial->items.push_back(make_sequence(Value::Kind::tuple, {args.positional.begin() + 1, args.positional.end()}));
    partial->items.push_back(make_sequence(Value::Kind::dict, keywords));
    return partial;
  }
  if (qualified == "collections.OrderedDict" || qualified == "typing.OrderedDict") {
    if (args.positional.empty()) return make_sequence(Value::Kind::dict, {});
    std::vector<ValuePtr> pairs;
    if (!iterate(*args.positional[0], pairs)) return make_unknown("OrderedDict of " + describe(*args.positional[0]));
    std::vector<ValuePtr> items;
    for (const auto& pair : pairs) {
      if (pair->kind == Value::Kind::string) return args.positional[0];  // from a dict
      if (!pair->is_sequence() || pair->items.size() != 2) return make_unknown("OrderedDict of non-pairs");
      items.push_back(pair->items[0]);
      items.push_back(pair->items[1]);
    }
    return make_sequence(Value::Kind::dict, items);
  }
  if (qualified == "typing.cast" && args.positional.size() == 2) return args.positional[1];
  if (qualified == "copy.copy" && args.positional.size() == 1) {
    const ValuePtr& original = args.positional[0];
    // A shallow copy: a new object or container holding the same values. A module's copy
    // would be a second registration of the same layers: not modelled.
    if (original->kind == Value::Kind::object && original->instance->module >= 0) {
      return make_unknown("a copy of a module");
    }
    auto copy = std::make_shared<Value>(*original);
    if (original->kind == Value::Kind::object)
      copy->instance = std::make_shared<Instance>(*original->instance);
    return copy;
  }
  if (qualified.rfind("math.", 0) == 0 && args.positional.size() == 1) {
    const ValuePtr& x = args.positional[0];
    if (x->is_unknown()) return x;
    if (!x->is_number()) return nullptr;
    const std::string function = qualified.substr(5);
    if (function == "sqrt") return make_float(std::sqrt(x->number()));
    if (function == "ceil") return make_int(static_cast<int64_t>(std::ceil(x->number())));
    if (function == "floor") return make_int(static_cast<int64_t>(std::floor(x->number())));
    if (function == "log") return make_float(std::log(x->number()));
    if (function == "exp") return make_float(std::exp(x->number()));
  }
  return nullptr;
}

}  // namespace switcheroo::graph
