// The interpreter's calls: comprehensions, call expressions and their arguments, functions
// of the file with their parameters bound as Python binds them, plain objects.
#include "interpreter.h"

#include <algorithm>
#include <functional>

namespace switcheroo::graph {
namespace {
constexpr const char* kUnit = "draw";
constexpr int kMaxDepth = 100;
}  // namespace

ValuePtr Interpreter::comprehension(const Expr& expr, Scope& scope) {
  const ValuePtr iterable = evaluate(*expr.items[2], scope);
  std::vector<ValuePtr> items;
  const bool iterable_known =
      iterate(*iterable, items) ||
      (iterable->kind == Value::Kind::object && iterate_object(iterable, items)) ||
      (iterable->kind == Value::Kind::tensor && iterate_tensor(iterable, expr.offset, items));
  if (!iterable_known) {
    return iterable->is_unknown() ? iterable : make_unknown("iterating " + describe(*iterable));
  }
  // The comprehension's variables live in their own scope, as in Python 3.
  Scope inner;
  inner.globals = &scope;
  inner.self = scope.self;
  inner.method_class = scope.method_class;
  std::vector<ValuePtr> results;
  for (const auto& item : items) {
    assign(*expr.items[1], item, inner);
    bool keep = true;
    for (size_t i = 3; i < expr.items.size() && keep; ++i) {
      const int known = truth(*evaluate(*expr.items[i], inner));
      if (known < 0) return make_unknown("a comprehension's condition is not known");
      keep = known == 1;
    }
    if (keep) results.push_back(evaluate(*expr.items[0], inner));
  }
  return make_sequence(expr.text == "list" ? Value::Kind::list : Value::Kind::tuple, results);
}

ValuePtr Interpreter::call_expression(const Expr& expr, Scope& scope) {
  const Expr& callee_expr = *expr.items[0];
  ValuePtr callee = evaluate(callee_expr, scope);
  if (callee->kind == Value::Kind::builtin && callee->text == "super" && callee->items.empty()) {
    auto value = std::make_shared<Value>();
    value->kind = Value::Kind::super_;
    value->items.push_back(scope.self ? scope.self : make_unknown("super() outside a method"));
    value->class_value = scope.method_class;
    return value;
  }
  CallArgs args;
  args.offset = expr.offset;
  for (size_t i = 1; i < expr.items.size(); ++i) {
    const std::string& keyword = expr.keywords[i - 1];
    const ValuePtr value = evaluate(*expr.items[i], scope);
    if (keyword == "*") {
      std::vector<ValuePtr> items;
      if (!iterate(*value, items)) return make_unknown("the arguments spread at " + location(expr.items[i]->offset) + " are not known");
      args.positional.insert(args.positional.end(), items.begin(), items.end());
    } else if (keyword == "**") {
      if (value->kind != Value::Kind::dict) return make_unknown("the keywords spread at " + location(expr.items[i]->offset) + " are not known");
      for (size_t k = 0; k + 1 < value->items.size(); k += 2) {
        if (value->items[k]->kind != Value::Kind::string) return make_unknown("a keyword that is not a string");
        args.keywords.emplace_back(value->items[k]->text, value->items[k + 1]);
      }
    } else if (keyword.empty()) {
      args.positional.push_back(value);
    } else {
      args.keywords.emplace_back(keyword, value);
    }
  }
  return call(callee, std::move(args));
}

ValuePtr Interpreter::call(const ValuePtr& callee, CallArgs args) {
  if (depth_ > kMaxDepth) {
    throw Error(Diagnostic{Severity::error, source_location(args.offset),
                           "gave up evaluating the model: calls nest deeper than " +
                               std::to_string(kMaxDepth),
                           kUnit});
  }
  switch (callee->kind) {
    case Value::Kind::function: {
      const ValuePtr self = callee->items.empty() ? nullptr : callee->items[0];
      return call_function(*callee->function, self, callee->class_value, std::move(args));
    }
    case Value::Kind::class_: return instantiate(callee, args);
    case Value::Kind::api:
      if (auto resolved = resolve_relative(callee)) return call(resolved, std::move(args));
      if (auto known = call_standard_library(callee->text, args)) return known;
      return call_api(callee, args);
    case Value::Kind::object: return call_object(callee, args);
    case Value::Kind::builtin: return call_builtin(callee, args);
    case Value::Kind::unknown: return call_unknown(callee->text, args);
    default: return call_unknown("calling " + describe(*callee), args);
  }
}

ValuePtr Interpreter::call_function(const FunctionDef& function, const ValuePtr& self,
                                    const std::shared_ptr<ClassValue>& owner, CallArgs args) {
  // A function of another file runs among that file's names, and its locations are there.
  const auto home = home_of_.find(&function);
  const int file = home == home_of_.end() ? 0 : home->second;
  Scope scope;
  scope.globals = &globals_of(file);
  scope.self = self;
  scope.method_class = owner;
  if (self) args.positional.insert(args.positional.begin(), self);
  size_t next = 0;
  std::vector<std::pair<std::string, ValuePtr>> extra_keywords = args.keywords;
  auto take_keyword = [&](const std::string& name) -> ValuePtr {
    for (auto it = extra_keywords.begin(); it != extra_keywords.end(); ++it) {
      if (it->first == name) {
        ValuePtr value = it->second;
        extra_keywords.erase(it);
        return value;
      }
    }
    return nullptr;
  };
  for (const Param& param : function.params) {
    if (param.kind == Param::Kind::star) {
      std::vector<ValuePtr> rest;
      while (next < args.positional.size()) rest.push_back(args.positional[next++]);
      scope.names[param.name] = make_sequence(Value::Kind::tuple, rest);
    } else if (param.kind == Param::Kind::normal) {
      ValuePtr value;
      if (!param.keyword_only && next < args.positional.size()) value = args.positional[next++];
      if (!value) value = take_keyword(param.name);
      if (!value && param.default_value) value = evaluate(*param.default_value, globals_of(file));
      if (!value) {
        throw Error(Diagnostic{Severity::error, source_location(args.offset),
                               "'" + function.name + "' is called without its argument '" +
                                   param.name + "'",
                               kUnit});
      }
      scope.names[param.name] = value;
    }
  }
  for (const Param& param : function.params) {
    if (param.kind != Param::Kind::double_star) continue;
    std::vector<ValuePtr> items;
    for (auto& [name, value] : extra_keywords) {
      items.push_back(make_string(name));
      items.push_back(value);
    }
    extra_keywords.clear();
    scope.names[param.name] = make_sequence(Value::Kind::dict, items);
  }
  if (!extra_keywords.empty()) {
    throw Error(Diagnostic{Severity::error, source_location(args.offset),
                           "'" + function.name + "' has no parameter '" +
                               extra_keywords.front().first + "'",
                           kUnit});
  }
  ++depth_;
  const int caller = current_file_;
  current_file_ = file;
  ValuePtr result = make_none();
  try {
    execute(function.body, scope, result);
  } catch (...) {
    current_file_ = caller;
    throw;
  }
  current_file_ = caller;
  --depth_;
  return result;
}

ValuePtr Interpreter::construct_plain(const ValuePtr& class_value, CallArgs& args) {
  auto object = std::make_shared<Value>();
  object->kind = Value::Kind::object;
  object->instance = std::make_shared<Instance>();
  object->instance->class_value = class_value->class_value;
  auto [init, owner] = find_method(class_value->class_value, "__init__");
  if (init != nullptr) {
    call_function(*init, object, owner, args);
  } else if (auto data = dataclass_owner(class_value->class_value)) {
    init_dataclass(object, data, args);
  }
  return object;
}

std::shared_ptr<ClassValue> Interpreter::dataclass_owner(
    const std::shared_ptr<ClassValue>& class_value) const {
  if (!class_value) return nullptr;
  if (class_value->definition && class_value->definition->dataclass) return class_value;
  for (const auto& base : class_value->bases) {
    if (base->kind != Value::Kind::class_) continue;
    if (auto owner = dataclass_owner(base->class_value)) return owner;
  }
  return nullptr;
}

// The `__init__` a dataclass generates: its fields (those of dataclass bases first), bound
// from the arguments as parameters are, else from the class's default.
void Interpreter::init_dataclass(const ValuePtr& self, const std::shared_ptr<ClassValue>& data,
                                 CallArgs& args) {
  std::vector<std::string> fields;
  std::function<void(const std::shared_ptr<ClassValue>&)> collect = [&](const auto& class_value) {
    for (const auto& base : class_value->bases) {
      if (base->kind == Value::Kind::class_ && dataclass_owner(base->class_value))
        collect(base->class_value);
    }
    if (!class_value->definition || !class_value->definition->dataclass) return;
    for (const auto& field : class_value->definition->fields) {
      if (std::find(fields.begin(), fields.end(), field) == fields.end()) fields.push_back(field);
    }
  };
  collect(data);
  size_t next = 0;
  for (const auto& field : fields) {
    ValuePtr value = next < args.positional.size() ? args.positional[next++] : args.get(field);
    if (!value) {
      auto fallback = data->attributes.find(field);
      value = fallback != data->attributes.end()
                  ? fallback->second
                  : make_unknown("dataclass field '" + field + "' is not given");
    }
    set_attribute(self, field, value, args.offset);
  }
}

}  // namespace switcheroo::graph
