#include "interpreter.h"

#include <cmath>

namespace switcheroo::graph {
namespace {

constexpr const char* kUnit = "draw";
constexpr long kMaxSteps = 5'000'000;
constexpr int kMaxLoopIterations = 100'000;

ValuePtr number_value(const std::string& text) {
  std::string digits;
  for (char c : text) {
    if (c != '_') digits += c;
  }
  const bool is_float = digits.find_first_of(".eE") != std::string::npos &&
                        digits.rfind("0x", 0) != 0 && digits.rfind("0X", 0) != 0;
  if (!digits.empty() && (digits.back() == 'j' || digits.back() == 'J')) {
    return make_unknown("complex literal '" + text + "'");
  }
  try {
    if (is_float) return make_float(std::stod(digits));
    int base = 10;
    std::string body = digits;
    if (body.size() > 2 && body[0] == '0' && std::isalpha(static_cast<unsigned char>(body[1]))) {
      base = (body[1] == 'x' || body[1] == 'X') ? 16 : (body[1] == 'o' || body[1] == 'O') ? 8 : 2;
      body = body.substr(2);
    }
    return make_int(std::stoll(body, nullptr, base));
  } catch (const std::exception&) {
    return make_unknown("number '" + text + "' out of range");
  }
}

}  // namespace

ValuePtr CallArgs::get(const std::string& name, int index) const {
  for (const auto& [keyword, value] : keywords) {
    if (keyword == name) return value;
  }
  if (index >= 0 && static_cast<size_t>(index) < positional.size()) return positional[index];
  return nullptr;
}

bool normalize_index(int64_t& index, size_t size) {
  if (index < 0) index += static_cast<int64_t>(size);
  return index >= 0 && static_cast<size_t>(index) < size;
}

bool iterate(const Value& value, std::vector<ValuePtr>& items) {
  if (value.is_sequence()) {
    items = value.items;
    return true;
  }
  if (value.kind == Value::Kind::dict) {
    items.clear();
    for (size_t i = 0; i < value.items.size(); i += 2) items.push_back(value.items[i]);
    return true;
  }
  if (value.kind == Value::Kind::string) {
    items.clear();
    for (char c : value.text) items.push_back(make_string(std::string(1, c)));
    return true;
  }
  return false;
}

bool Interpreter::mutates_receiver(const std::string& name) const {
  static const char* const kMutators[] = {"append", "extend", "insert", "pop",
                                          "remove", "clear",  "update", "setdefault"};
  for (const char* mutator : kMutators) {
    if (name == mutator) return true;
  }
  return false;
}

Interpreter::Interpreter(std::string file, const python::SourceText* source)
    : file_(std::move(file)), source_(source) {}

SourceLocation Interpreter::source_location(uint32_t offset) const {
  if (current_file_ != 0) return location_in_file(current_file_, offset);
  if (source_ == nullptr) return {file_, 0, 0};
  const auto where = source_->line_column(offset);
  return {file_, where.line, where.column};
}

std::string Interpreter::location(uint32_t offset) const {
  const SourceLocation where = source_location(offset);
  if (where.line == 0) return where.file;
  return where.file + ":" + std::to_string(where.line) + ":" + std::to_string(where.column);
}

void Interpreter::run_file(const std::vector<Stmt>& statements) {
  ValuePtr ignored;
  execute(statements, globals_, ignored);
}

Interpreter::Flow Interpreter::execute(const std::vector<Stmt>& body, Scope& scope,
                                       ValuePtr& result) {
  for (const Stmt& statement : body) {
    const Flow flow = execute_one(statement, scope, result);
    if (flow != Flow::next) return flow;
  }
  return Flow::next;
}

Interpreter::Flow Interpreter::execute_one(const Stmt& statement, Scope& scope, ValuePtr& result) {
  if (++steps_ > kMaxSteps) {
    throw Error(Diagnostic{Severity::error, source_location(statement.offset),
                           "gave up evaluating the model: more than " +
                               std::to_string(kMaxSteps) + " statements run",
                           kUnit});
  }
  switch (statement.kind) {
    case Stmt::Kind::expression:
      evaluate(*statement.value, scope);
      return Flow::next;
    case Stmt::Kind::assign: {
      const ValuePtr value = evaluate(*statement.value, scope);
      for (const auto& target : statement.targets) assign(*target, value, scope);
      return Flow::next;
    }
    case Stmt::Kind::aug_assign: {
      const Expr& target = *statement.targets[0];
      const ValuePtr current = evaluate(target, scope);
      const ValuePtr value = evaluate(*statement.value, scope);
      if (current->kind == Value::Kind::object) {
        if (auto same = object_operator(statement.text, current, value)) return Flow::next;
      }
      if (statement.text == "+" && current->kind == Value::Kind::list && value->is_sequence()) {
        current->items.insert(current->items.end(), value->items.begin(), value->items.end());
        return Flow::next;
      }
      const ValuePtr updated = binary(statement.text, current, value, statement.offset);
      // `t += 1` may update the array in place, under every other name it has too.
      if (current->kind == Value::Kind::tensor) current->data = nullptr;
      assign(target, updated, scope);
      return Flow::next;
    }
    case Stmt::Kind::return_:
      result = statement.value ? evaluate(*statement.value, scope) : make_none();
      return Flow::returned;
    case Stmt::Kind::if_: {
      const ValuePtr condition = evaluate(*statement.value, scope);
      const int known = truth(*condition);
      if (known < 0) {
        const std::string reason = "assigned under the condition at " +
                                   location(statement.value->offset) + ", which is not known";
        poison(statement.body, scope, reason);
        poison(statement.orelse, scope, reason);
        if (returns(statement.body) || returns(statement.orelse)) {
          result = make_unknown("the function returns under the condition at " +
                                location(statement.value->offset) + ", which is not known");
          return Flow::returned;
        }
        return Flow::next;
      }
      return execute(known ? statement.body : statement.orelse, scope, result);
    }
    case Stmt::Kind::for_: return execute_for(statement, scope, result);
    case Stmt::Kind::while_: return execute_while(statement, scope, result);
    case Stmt::Kind::function_def: {
      auto value = std::make_shared<Value>();
      value->kind = Value::Kind::function;
      value->function = statement.function.get();
      if (current_file_ != 0) home_of_[value->function] = current_file_;
      scope.names[statement.function->name] = value;
      return Flow::next;
    }
    case Stmt::Kind::class_def: define_class(statement, scope); return Flow::next;
    case Stmt::Kind::raise:
      throw Error(Diagnostic{Severity::error, source_location(statement.offset),
                             "the model's code raises here with the arguments given", kUnit});
    case Stmt::Kind::break_: return Flow::broke;
    case Stmt::Kind::continue_: return Flow::continued;
    case Stmt::Kind::pass: return Flow::next;
    case Stmt::Kind::unsupported:
      poison(statement.body, scope, "'" + statement.text + "' statements are not evaluated");
      return Flow::next;
  }
  return Flow::next;
}

Interpreter::Flow Interpreter::execute_for(const Stmt& statement, Scope& scope, ValuePtr& result) {
  const ValuePtr iterable = evaluate(*statement.value, scope);
  std::vector<ValuePtr> items;
  if (iterable->kind == Value::Kind::tensor) {
    if (!iterate_tensor(iterable, statement.value->offset, items)) {
      poison(statement.body, scope, "assigned in a loop over a tensor of unknown length");
      return Flow::next;
    }
  } else if (iterable->kind == Value::Kind::object) {
    if (!iterate_object(iterable, items)) {
      poison(statement.body, scope, "assigned in a loop over " + describe(*iterable));
      return Flow::next;
    }
  } else if (!iterate(*iterable, items)) {
    const std::string reason = iterable->is_unknown()
                                   ? iterable->text
                                   : "assigned in the loop at " + location(statement.offset) +
                                         ", whose iterable is not known";
    poison(statement.body, scope, reason);
    poison_target(*statement.targets[0], scope, reason);
    return Flow::next;
  }
  for (const auto& item : items) {
    assign(*statement.targets[0], item, scope);
    const Flow flow = execute(statement.body, scope, result);
    if (flow == Flow::returned) return flow;
    if (flow == Flow::broke) return Flow::next;
  }
  return execute(statement.orelse, scope, result);
}

Interpreter::Flow Interpreter::execute_while(const Stmt& statement, Scope& scope, ValuePtr& result) {
  for (int iteration = 0; iteration < kMaxLoopIterations; ++iteration) {
    const int known = truth(*evaluate(*statement.value, scope));
    if (known == 0) return Flow::next;
    if (known < 0) break;
    const Flow flow = execute(statement.body, scope, result);
    if (flow == Flow::returned) return flow;
    if (flow == Flow::broke) return Flow::next;
  }
  poison(statement.body, scope,
         "assigned in the loop at " + location(statement.offset) + ", whose end is not known");
  return Flow::next;
}

void Interpreter::define_class(const Stmt& statement, Scope& scope) {
  auto class_value = std::make_shared<ClassValue>();
  class_value->definition = statement.class_def.get();
  class_value->name = statement.class_def->name;
  for (const auto& base : statement.class_def->bases) {
    ValuePtr value = evaluate(*base, scope);
    if (auto resolved = resolve_relative(value)) value = resolved;
    class_value->bases.push_back(value);
  }
  Scope body;
  body.globals = scope.globals ? scope.globals : &scope;
  ValuePtr ignored;
  execute(statement.class_def->body, body, ignored);
  class_value->attributes = std::move(body.names);
  auto value = std::make_shared<Value>();
  value->kind = Value::Kind::class_;
  value->class_value = class_value;
  scope.names[class_value->name] = value;
}

void Interpreter::set_attribute(const ValuePtr& object, const std::string& name,
                                const ValuePtr& value, uint32_t offset) {
  if (object->kind != Value::Kind::object) return;
  Instance& instance = *object->instance;
  if (!instance.attributes.count(name)) instance.attribute_order.push_back(name);
  instance.attributes[name] = value;
  attribute_set(object, name, value, offset);
}

void Interpreter::assign(const Expr& target, const ValuePtr& value, Scope& scope) {
  switch (target.kind) {
    case Expr::Kind::name: scope.names[target.text] = value; return;
    case Expr::Kind::attribute:
      set_attribute(evaluate(*target.items[0], scope), target.text, value, target.offset);
      return;
    case Expr::Kind::subscript: {
      const ValuePtr container = evaluate(*target.items[0], scope);
      const ValuePtr index = evaluate(*target.items[1], scope);
      if (container->kind == Value::Kind::list && index->kind == Value::Kind::integer) {
        int64_t i = index->integer;
        if (normalize_index(i, container->items.size())) container->items[i] = value;
      } else if (container->kind == Value::Kind::dict) {
        for (size_t i = 0; i < container->items.size(); i += 2) {
          if (equal(*container->items[i], *index) == 1) {
            container->items[i + 1] = value;
            return;
          }
        }
        container->items.push_back(index);
        container->items.push_back(value);
      } else if (container->kind == Value::Kind::tensor) {
        container->data = nullptr;  // an item assignment: its values are no longer known
      }
      return;
    }
    case Expr::Kind::tuple:
    case Expr::Kind::list: {
      std::vector<ValuePtr> items;
      const bool known = iterate(*value, items);
      size_t star = target.items.size();
      for (size_t i = 0; i < target.items.size(); ++i) {
        if (target.items[i]->kind == Expr::Kind::starred) star = i;
      }
      const size_t fixed = target.items.size() - (star < target.items.size() ? 1 : 0);
      if (!known || items.size() < fixed || (star == target.items.size() && items.size() != fixed)) {
        const std::string reason =
            value->is_unknown() ? value->text : "unpacking " + describe(*value);
        poison_target(target, scope, reason);
        return;
      }
      const size_t rest = items.size() - fixed;
      size_t next = 0;
      for (size_t i = 0; i < target.items.size(); ++i) {
        if (i == star) {
          std::vector<ValuePtr> gathered(items.begin() + next, items.begin() + next + rest);
          assign(*target.items[i]->items[0], make_sequence(Value::Kind::list, gathered), scope);
          next += rest;
        } else {
          assign(*target.items[i], items[next++], scope);
        }
      }
      return;
    }
    default: return;
  }
}

void Interpreter::poison_target(const Expr& target, Scope& scope, const std::string& reason) {
  if (target.kind == Expr::Kind::tuple || target.kind == Expr::Kind::list) {
    for (const auto& item : target.items) poison_target(*item, scope, reason);
  } else if (target.kind == Expr::Kind::starred) {
    poison_target(*target.items[0], scope, reason);
  } else if (target.kind == Expr::Kind::name || target.kind == Expr::Kind::attribute) {
    const ValuePtr current = target.kind == Expr::Kind::name ? name_value(target, scope) : nullptr;
    if (current && current->kind == Value::Kind::object) {
      object_changed(current, reason);  // `self` stays itself; what it holds is not known
      return;
    }
    assign(target, make_unknown(reason), scope);
  } else if (target.kind == Expr::Kind::subscript) {
    poison_target(*target.items[0], scope, reason);  // the container changed
  }
}

bool Interpreter::returns(const std::vector<Stmt>& body) {
  for (const Stmt& statement : body) {
    if (statement.kind == Stmt::Kind::return_) return true;
    if (statement.kind == Stmt::Kind::function_def || statement.kind == Stmt::Kind::class_def) continue;
    if (returns(statement.body) || returns(statement.orelse)) return true;
  }
  return false;
}

void Interpreter::poison(const std::vector<Stmt>& body, Scope& scope, const std::string& reason) {
  for (const Stmt& statement : body) {
    if (statement.kind == Stmt::Kind::assign || statement.kind == Stmt::Kind::aug_assign) {
      for (const auto& target : statement.targets) poison_target(*target, scope, reason);
    } else if (statement.kind == Stmt::Kind::for_) {
      poison_target(*statement.targets[0], scope, reason);
    } else if (statement.kind == Stmt::Kind::expression && statement.value->kind == Expr::Kind::call &&
               statement.value->items[0]->kind == Expr::Kind::attribute) {
      // `layers.append(x)`: a method that adds to its receiver changed it.
      const Expr& callee = *statement.value->items[0];
      if (mutates_receiver(callee.text)) poison_target(*callee.items[0], scope, reason);
    } else if (statement.kind == Stmt::Kind::expression &&
               statement.value->kind == Expr::Kind::call &&
               statement.value->items[0]->kind == Expr::Kind::name &&
               statement.value->items[0]->text == "setattr" && statement.value->items.size() > 1) {
      poison_target(*statement.value->items[1], scope, reason);  // setattr(self, name, value)
    }
    poison(statement.body, scope, reason);
    poison(statement.orelse, scope, reason);
  }
}

ValuePtr Interpreter::name_value(const Expr& expr, Scope& scope) {
  for (Scope* current = &scope; current != nullptr; current = current->globals) {
    auto found = current->names.find(expr.text);
    if (found != current->names.end()) return found->second;
    if (current->globals == nullptr) break;
  }
  static const char* const kBuiltins[] = {
      "range", "len", "list", "tuple", "dict", "int", "float", "bool", "str", "min", "max",
      "sum", "abs", "round", "enumerate", "zip", "isinstance", "super", "print", "getattr",
      "hasattr", "sorted", "reversed", "any", "all", "setattr", "set"};
  for (const char* name : kBuiltins) {
    if (expr.text == name) return make_builtin(name);
  }
  return make_unknown("'" + expr.text + "' is not defined in the file");
}

ValuePtr Interpreter::evaluate(const Expr& expr, Scope& scope) {
  switch (expr.kind) {
    case Expr::Kind::name: return name_value(expr, scope);
    case Expr::Kind::number: return number_value(expr.text);
    case Expr::Kind::string: return make_string(expr.text);
    case Expr::Kind::constant:
      if (expr.text == "True" || expr.text == "False") return make_bool(expr.text == "True");
      if (expr.text == "None") return make_none();
      return make_builtin("Ellipsis");  // `...`: meaningful only as an index
    case Expr::Kind::attribute:
      return attribute(evaluate(*expr.items[0], scope), expr.text, expr.offset);
    case Expr::Kind::call: return call_expression(expr, scope);
    case Expr::Kind::subscript:
    {
      // Left before right, as Python evaluates (C++ leaves argument order open).
      const ValuePtr container = evaluate(*expr.items[0], scope);
      return subscript(container, evaluate(*expr.items[1], scope), expr.offset);
    }
    case Expr::Kind::slice: {
      std::vector<ValuePtr> parts;
      for (const auto& part : expr.items) parts.push_back(part ? evaluate(*part, scope) : make_none());
      return make_sequence(Value::Kind::slice, parts);
    }
    case Expr::Kind::binary:
    {
      const ValuePtr left = evaluate(*expr.items[0], scope);
      return binary(expr.text, left, evaluate(*expr.items[1], scope), expr.offset);
    }
    case Expr::Kind::unary: return unary(expr.text, evaluate(*expr.items[0], scope), expr.offset);
    case Expr::Kind::compare: return compare(expr, scope);
    case Expr::Kind::boolean: return boolean_operation(expr, scope);
    case Expr::Kind::conditional: return conditional(expr, scope);
    case Expr::Kind::tuple:
    case Expr::Kind::list: return sequence_display(expr, scope);
    case Expr::Kind::dict: {
      std::vector<ValuePtr> items;
      for (const auto& item : expr.items) items.push_back(evaluate(*item, scope));
      return make_sequence(Value::Kind::dict, items);
    }
    case Expr::Kind::comprehension: return comprehension(expr, scope);
    case Expr::Kind::starred: return make_unknown("a starred expression outside a call");
    case Expr::Kind::fstring: return format_string(expr, scope);
    case Expr::Kind::unsupported: return make_unknown("'" + expr.text + "' is not evaluated");
  }
  return make_unknown("expression");
}

ValuePtr Interpreter::boolean_operation(const Expr& expr, Scope& scope) {
  ValuePtr value;
  for (const auto& item : expr.items) {
    value = evaluate(*item, scope);
    const int known = truth(*value);
    if (known < 0) return value->is_unknown() ? value : make_unknown("the truth of a tensor");
    if ((expr.text == "or") == (known == 1)) return value;
  }
  return value;
}

ValuePtr Interpreter::conditional(const Expr& expr, Scope& scope) {
  const ValuePtr condition = evaluate(*expr.items[0], scope);
  const int known = truth(*condition);
  if (known < 0) {
    return make_unknown("the condition at " + location(expr.items[0]->offset) + " is not known");
  }
  return evaluate(*expr.items[known ? 1 : 2], scope);
}

ValuePtr Interpreter::sequence_display(const Expr& expr, Scope& scope) {
  std::vector<ValuePtr> items;
  for (const auto& item : expr.items) {
    if (item->kind == Expr::Kind::starred) {
      const ValuePtr spread = evaluate(*item->items[0], scope);
      std::vector<ValuePtr> parts;
      if (!iterate(*spread, parts)) return make_unknown("spreading " + describe(*spread));
      items.insert(items.end(), parts.begin(), parts.end());
    } else {
      items.push_back(evaluate(*item, scope));
    }
  }
  return make_sequence(expr.kind == Expr::Kind::tuple ? Value::Kind::tuple : Value::Kind::list,
                       items);
}

ValuePtr Interpreter::format_string(const Expr& expr, Scope& scope) {
  std::string text;
  for (size_t i = 0; i < expr.items.size(); ++i) {
    const ValuePtr part = evaluate(*expr.items[i], scope);
    const std::string& spec = expr.keywords[i];
    if (!spec.empty() && spec != ":d" && spec != ":") return make_unknown("the format '" + spec + "'");
    if (part->kind == Value::Kind::string) text += part->text;
    else if (part->kind == Value::Kind::integer) text += std::to_string(part->integer);
    else return part->is_unknown() ? part : make_unknown("formatting " + describe(*part));
  }
  return make_string(text);
}

std::pair<const FunctionDef*, std::shared_ptr<ClassValue>> Interpreter::find_method(
    const std::shared_ptr<ClassValue>& class_value, const std::string& name) const {
  const auto owner = class_owning(class_value, name);
  if (!owner) return {nullptr, nullptr};
  const ValuePtr& found = owner->attributes.at(name);
  if (found->kind != Value::Kind::function) return {nullptr, nullptr};
  return {found->function, owner};
}

ValuePtr Interpreter::lookup(const ValuePtr& object, const std::string& name) {
  std::shared_ptr<ClassValue> class_value;
  if (object->kind == Value::Kind::object) {
    auto found = object->instance->attributes.find(name);
    if (found != object->instance->attributes.end()) return found->second;
    class_value = object->instance->class_value;
  } else if (object->kind == Value::Kind::class_) {
    class_value = object->class_value;
  }
  const auto owner = class_owning(class_value, name);
  if (!owner) return nullptr;
  const ValuePtr& found = owner->attributes.at(name);
  if (found->kind != Value::Kind::function) return found;
  const std::string& method_kind = found->function->method_kind;
  if (method_kind == "staticmethod") return found;
  if (method_kind != "classmethod" && object->kind != Value::Kind::object) return found;
  auto bound = std::make_shared<Value>(*found);
  bound->class_value = owner;
  if (method_kind == "classmethod") {
    auto class_of = std::make_shared<Value>();
    class_of->kind = Value::Kind::class_;
    class_of->class_value = class_value;
    bound->items = {class_of};
    return bound;
  }
  bound->items = {object};
  if (method_kind == "property") return call(bound, CallArgs{});
  return bound;
}

std::shared_ptr<ClassValue> Interpreter::class_owning(const std::shared_ptr<ClassValue>& class_value,
                                                      const std::string& name) const {
  if (!class_value) return nullptr;
  if (class_value->attributes.count(name)) return class_value;
  for (const auto& base : class_value->bases) {
    if (base->kind != Value::Kind::class_) continue;
    if (auto owner = class_owning(base->class_value, name)) return owner;
  }
  return nullptr;
}

ValuePtr Interpreter::attribute(const ValuePtr& object, const std::string& name, uint32_t offset) {
  switch (object->kind) {
    case Value::Kind::unknown: return object;
    case Value::Kind::api: {
      ValuePtr member = make_api(object->text + "." + name);
      member->file = object->file;
      return member;
    }
    case Value::Kind::tensor: return tensor_attribute(object, name, offset);
    case Value::Kind::object:
    case Value::Kind::class_: {
      if (auto found = lookup(object, name)) return found;
      if (object->kind == Value::Kind::class_) {
        // A framework class method reached through a class of the file (Weights.verify).
        return make_unknown("'" + object->class_value->name + "." + name + "' is not defined in the file");
      }
      return object_attribute(object, name, offset);
    }
    case Value::Kind::super_: {
      auto [method, owner] = std::pair<const FunctionDef*, std::shared_ptr<ClassValue>>{};
      if (object->class_value) {
        for (const auto& base : object->class_value->bases) {
          if (base->kind != Value::Kind::class_) continue;
          std::tie(method, owner) = find_method(base->class_value, name);
          if (method) break;
        }
      }
      if (method == nullptr && name == "__init__" && object->class_value) {
        for (const auto& base : object->class_value->bases) {
          if (base->kind != Value::Kind::class_ || !dataclass_owner(base->class_value)) continue;
          auto init = make_builtin("dataclass-init", object->items[0]);
          init->items.push_back(base);
          return init;
        }
      }
      if (method == nullptr) return inherited_member(object->items[0], object->class_value, name);
      auto bound = std::make_shared<Value>();
      bound->kind = Value::Kind::function;
      bound->function = method;
      bound->class_value = owner;
      bound->items = {object->items[0]};
      return bound;
    }
    case Value::Kind::list:
    case Value::Kind::dict:
    case Value::Kind::string:
    case Value::Kind::tuple: return make_builtin("." + name, object);
    default: return make_unknown("attribute '" + name + "' of " + describe(*object));
  }
}

}  // namespace switcheroo::graph
