#include "symbolic_values.h"

#include "line_liveness.h"
#include "python_expression.h"
#include "runtime_prelude.h"

#include <algorithm>
#include <cstdint>
#include <optional>
#include <sstream>

namespace switcheroo::lift {

namespace {

// The top-level ` = ` of an assignment, kNoPosition when there is none.
constexpr size_t kNoPosition = static_cast<size_t>(-1);
size_t assignment_at(const std::string& statement) {
  int depth = 0;
  for (size_t at = 0; at + 2 < statement.size(); ++at) {
    const char c = statement[at];
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') --depth;
    if (depth == 0 && statement.compare(at, 3, " = ") == 0) return at;
  }
  return kNoPosition;
}

}  // namespace

SymbolicValue SymbolicMachine::fail() {
  ok_ = false;
  return constant(0);
}

SymbolicValue SymbolicMachine::constant(long long value) {
  SymbolicValue result;
  if (value != 0) result.poly[{}] = value;
  return result;
}

std::string SymbolicMachine::text_of(const Polynomial& poly) {
  std::string text;
  for (const auto& [monomial, coefficient] : poly) {
    if (!text.empty()) text += " + ";
    text += std::to_string(coefficient);
    for (const auto& key : monomial) text += "*" + key;
  }
  return text.empty() ? "0" : text;
}

std::string SymbolicMachine::text_of(const SymbolicValue& value) {
  if (!value.is_tuple) return (value.is_float ? "f:" : "") + text_of(value.poly);
  std::string text = "(";
  for (const auto& item : value.items) text += text_of(item) + "; ";
  return text + ")";
}

SymbolicValue SymbolicMachine::atom(const std::string& kind, const std::vector<SymbolicValue>& args,
                                    bool is_float) {
  std::string key = kind;
  if (!args.empty()) {
    key += "(";
    for (size_t i = 0; i < args.size(); ++i) key += (i ? ", " : "") + text_of(args[i]);
    key += ")";
  }
  if (key.size() > kLongestAtom) return fail();
  atoms_.emplace(key, Atom{kind, args, is_float});
  SymbolicValue result;
  result.poly[{key}] = 1;
  result.is_float = is_float;
  return result;
}

const SymbolicMachine::Atom* SymbolicMachine::single_atom(const SymbolicValue& value) const {
  if (value.is_tuple || value.poly.size() != 1) return nullptr;
  const auto& [monomial, coefficient] = *value.poly.begin();
  if (coefficient != 1 || monomial.size() != 1) return nullptr;
  const auto found = atoms_.find(monomial[0]);
  return found == atoms_.end() ? nullptr : &found->second;
}

SymbolicValue SymbolicMachine::add(const SymbolicValue& a, const SymbolicValue& b, long long sign) {
  SymbolicValue result = a;
  for (const auto& [monomial, coefficient] : b.poly) {
    long long& sum = result.poly[monomial];
    long long term = 0;
    if (__builtin_mul_overflow(coefficient, sign, &term) || __builtin_add_overflow(sum, term, &sum))
      return fail();
    if (sum == 0) result.poly.erase(monomial);
  }
  return result;
}

SymbolicValue SymbolicMachine::multiply(const SymbolicValue& a, const SymbolicValue& b) {
  SymbolicValue result;
  if (a.poly.size() * b.poly.size() > kMostTerms) return fail();
  for (const auto& [left, x] : a.poly) {
    for (const auto& [right, y] : b.poly) {
      Monomial monomial = left;
      monomial.insert(monomial.end(), right.begin(), right.end());
      std::sort(monomial.begin(), monomial.end());
      long long product = 0;
      long long& sum = result.poly[monomial];
      if (__builtin_mul_overflow(x, y, &product) || __builtin_add_overflow(sum, product, &sum))
        return fail();
      if (sum == 0) result.poly.erase(monomial);
    }
  }
  return result;
}

SymbolicValue SymbolicMachine::value_of(const std::string& name) {
  const auto found = state_.find(name);
  if (found != state_.end()) return found->second;
  return atom(name, {});
}

SymbolicValue SymbolicMachine::load(const Polynomial& address, long long size) {
  SymbolicValue where;
  where.poly = address;
  for (size_t i = stores_.size(); i-- > 0;) {
    const SymbolicValue apart = add(where, SymbolicValue{stores_[i].address, false, {}, false}, -1);
    if (apart.poly.empty() && stores_[i].size == size) return stores_[i].value;
    const long long distance = constant_of(apart.poly);
    const long long span = std::max(size, stores_[i].size);
    if (is_constant(apart.poly) && (distance >= span || distance <= -span)) continue;
    // Memory as the stores up to this one leave it.
    std::string after = "after";
    for (size_t k = 0; k <= i; ++k)
      after += " [" + text_of(stores_[k].address) + " <- " + text_of(stores_[k].value) + "]";
    return atom("LOAD", {where, constant(size), constant(epoch_), atom(after, {})});
  }
  return atom("LOAD", {where, constant(size), constant(epoch_)});
}

bool SymbolicMachine::store(const SymbolicValue& address, const SymbolicValue& value,
                            long long size) {
  if (address.is_tuple || address.is_float || value.is_tuple) return ok_ = false;
  stores_.push_back({address.poly, value, size});
  return ok_;
}

SymbolicValue SymbolicMachine::call(const std::string& function,
                                    const std::vector<SymbolicValue>& args) {
  const size_t n = args.size();
  for (const auto& arg : args)
    if (arg.is_tuple) return fail();
  if ((function == "u32" || function == "lo32") && n == 1) return low_word(args[0]);
  if (function == "s32" && n == 1) return signed_word(args[0]);
  if ((function == "u64" || function == "s64") && n == 1 && !args[0].is_float) return args[0];
  if (function == "hi32" && n == 1) return high_word(args[0]);
  if (function == "pair" && n == 2) return pair(args[0], args[1]);
  if (function == "split64" && n == 1) {
    SymbolicValue both;
    both.is_tuple = true;
    both.items = {low_word(args[0]), high_word(args[0])};
    return both;
  }
  // The high word of a sign-extended word shifted left by at most 1 is its sign word.
  if (function == "lea_hi" && n == 3 && is_constant(args[2].poly) && constant_of(args[2].poly) <= 1)
    if (const SymbolicValue* value = sign_of(low_word(args[1]));
        value && text_of(low_word(*value)) == text_of(low_word(args[0])))
      return low_word(args[1]);
  if (function == "lea_hi" && n == 3 && is_constant(args[2].poly) &&
      constant_of(args[2].poly) >= 0 && constant_of(args[2].poly) < 32)
    return high_word(multiply(pair(args[0], args[1]), constant(1LL << constant_of(args[2].poly))));
  if (function == "carry3" && n == 3) {
    std::vector<SymbolicValue> words;
    for (const auto& arg : args)
      if (!arg.poly.empty()) words.push_back(low_word(arg));
    std::sort(words.begin(), words.end(), [](const SymbolicValue& a, const SymbolicValue& b) {
      return text_of(a) < text_of(b);
    });
    return atom("CARRY", words);
  }
  if (function == "f32" && n == 1) return atom("F32", {low_word(args[0])}, true);
  if (function == "expf" && n == 1) return inline_helper(function, args[0]);
  if (function == "bits" && n == 1) return atom("BITS", args);
  bool any_float = false;
  for (const auto& arg : args) any_float = any_float || arg.is_float;
  std::vector<SymbolicValue> ordered = args;
  // Python's max and min of integers do not depend on the order (of floats they do: NaN, signed
  // zeros); the prelude's fmax and fmin never do.
  const bool symmetric = function == "fmax" || function == "fmin" ||
                         ((function == "max" || function == "min") && !any_float);
  if (symmetric)
    std::sort(ordered.begin(), ordered.end(), [](const SymbolicValue& a, const SymbolicValue& b) {
      return text_of(a) < text_of(b);
    });
  return atom(function, ordered, any_float);
}

namespace {

// The body of the prelude's one-parameter `def NAME(x):` when it is straight assignments and a
// `return`: the parameter, the assignments, and the returned expression.
struct Helper {
  std::string parameter;
  std::vector<std::string> statements;
  std::string result;
};

std::optional<Helper> prelude_helper(const std::string& name) {
  std::istringstream text(runtime_prelude());
  std::string line;
  Helper helper;
  bool inside = false;
  while (std::getline(text, line)) {
    if (!inside) {
      const auto parameter = starts_with(line, "def " + name + "(") && ends_with(line, "):");
      if (parameter) helper.parameter = line.substr(name.size() + 5, line.size() - name.size() - 7);
      inside = parameter && is_name(helper.parameter);
      continue;
    }
    if (line.empty() || indent_of(line) == 0) break;
    const std::string statement = line.substr(indent_of(line));
    if (starts_with(statement, "#")) continue;
    if (indent_of(line) != 4) return std::nullopt;
    if (starts_with(statement, "return ")) {
      helper.result = statement.substr(7);
      return helper;
    }
    helper.statements.push_back(statement);
  }
  return std::nullopt;
}

}  // namespace

SymbolicValue SymbolicMachine::inline_helper(const std::string& function,
                                             const SymbolicValue& arg) {
  static const std::optional<Helper> helper = prelude_helper("expf");
  if (function != "expf" || !helper) return fail();
  std::map<std::string, SymbolicValue> caller;
  caller.swap(state_);
  state_[helper->parameter] = arg;
  for (const auto& statement : helper->statements) execute(statement);
  SymbolicValue result;
  evaluate(helper->result, result);
  state_.swap(caller);
  return ok_ ? result : fail();
}

SymbolicValue SymbolicMachine::binary(const std::string& op, const SymbolicValue& a,
                                      const SymbolicValue& b) {
  if (a.is_tuple || b.is_tuple) return fail();
  const bool commutes = op == "+" || op == "*" || op == "==" || op == "!=" || op == "&" ||
                        op == "|" || op == "^" || op == "and" || op == "or";
  std::vector<SymbolicValue> args = {a, b};
  if (commutes && text_of(b) < text_of(a)) std::swap(args[0], args[1]);
  if (a.is_float || b.is_float) {
    static const std::set<std::string> kFloatOps = {"+",  "-", "*",  "/",  "<",
                                                    "<=", ">", ">=", "==", "!="};
    if (!kFloatOps.count(op)) return fail();
    const bool comparison = op != "+" && op != "-" && op != "*" && op != "/";
    return atom("f" + op, args, !comparison);
  }
  if (op == "+") return add(a, b);
  if (op == "-") return add(a, b, -1);
  if (op == "*") return multiply(a, b);
  if (op == "<<" && is_constant(b.poly) && constant_of(b.poly) >= 0 && constant_of(b.poly) < 32)
    return multiply(a, constant(1LL << constant_of(b.poly)));
  // Integers: `a < b` is `a + 1 <= b`, so that `x > 1` and `x >= 2` are one test.
  if (op == "<" || op == ">")
    return atom("<=", {add(op == "<" ? a : b, constant(1)), op == "<" ? b : a});
  if (op == ">=") return atom("<=", {b, a});
  return atom(op, args);
}

SymbolicValue SymbolicMachine::unary(const std::string& op, const SymbolicValue& a) {
  if (a.is_tuple) return fail();
  if (op == "+") return a;
  if (op == "-" && !a.is_float) return multiply(a, constant(-1));
  return atom("unary" + op, {a}, a.is_float && op == "-");
}

namespace {

// x when `e` is `s64(pair(0, x)) >> 31 >> 32` (x's sign, as nvcc computes a 64-bit index's
// high word).
const Expression* sign_shift(const Expression& e) {
  using Kind = Expression::Kind;
  auto shift = [](const Expression& x, long long by) {
    return x.kind == Kind::binary && x.text == ">>" && x.operands[1].kind == Kind::integer &&
           x.operands[1].value == by;
  };
  if (!shift(e, 32) || !shift(e.operands[0], 31)) return nullptr;
  const Expression& wide = e.operands[0].operands[0];
  if (wide.kind != Kind::call || wide.text != "s64" || wide.operands.size() != 1) return nullptr;
  const Expression& pair = wide.operands[0];
  if (pair.kind != Kind::call || pair.text != "pair" || pair.operands.size() != 2 ||
      pair.operands[0].kind != Kind::integer || pair.operands[0].value != 0)
    return nullptr;
  return &pair.operands[1];
}

}  // namespace

SymbolicValue SymbolicMachine::evaluate(const Expression& e) {
  using Kind = Expression::Kind;
  std::vector<SymbolicValue> operands;
  const bool is_load = e.kind == Kind::call && e.text == "grid.load_global";
  if (e.kind != Kind::subscript)
    for (const auto& operand : e.operands) operands.push_back(evaluate(operand));
  switch (e.kind) {
    case Kind::name:
      return e.text.find('.') == std::string::npos ? value_of(e.text) : atom(e.text, {});
    case Kind::integer: return constant(e.value);
    case Kind::floating: return atom("float " + e.text, {}, true);
    case Kind::string: return atom("string " + e.text, {});
    case Kind::call:
      if (is_load && operands.size() == 2 && is_constant(operands[1].poly) && !operands[0].is_float)
        return load(operands[0].poly, constant_of(operands[1].poly));
      if (e.text.find('.') != std::string::npos) return fail();
      return call(e.text, operands);
    case Kind::subscript: {
      const auto view = views_.find(e.operands[0].kind == Kind::name ? e.operands[0].text : "");
      if (view == views_.end()) return fail();
      const SymbolicValue index = evaluate(e.operands[1]);
      if (index.is_float || index.is_tuple) return fail();
      const SymbolicValue offset = multiply(index, constant(view->second.second));
      return load(add(value_of(view->second.first), offset).poly, view->second.second);
    }
    case Kind::unary: return unary(e.text, operands[0]);
    case Kind::binary:
      if (e.text == ">>" && e.operands[1].kind == Kind::integer && e.operands[1].value == 31 &&
          e.operands[0].kind == Kind::call && e.operands[0].text == "s32" && !operands[0].is_float)
        return atom("SIGN", {operands[0]});
      if (const auto word = sign_shift(e))
        return atom("SIGN", {signed_word(low_word(evaluate(*word)))});
      return binary(e.text, operands[0], operands[1]);
    case Kind::choice:
      if (assumed_.count(text_of(operands[1]))) return operands[0];
      return atom("choice", operands, operands[0].is_float);
    case Kind::tuple: {
      SymbolicValue items;
      items.is_tuple = true;
      items.items = operands;
      return items;
    }
  }
  return fail();
}

void SymbolicMachine::assume(const std::string& text) {
  if (!ok_) return;
  SymbolicValue condition;
  if (evaluate(text, condition)) assumed_.insert(text_of(condition));
  ok_ = true;
}

bool SymbolicMachine::evaluate(const std::string& text, SymbolicValue& value) {
  const auto parsed = parse_expression(text);
  if (!parsed) return ok_ = false;
  value = evaluate(*parsed);
  return ok_;
}

bool SymbolicMachine::assign(const std::string& targets, const std::string& value_text) {
  SymbolicValue value;
  if (!evaluate(value_text, value)) return false;
  std::vector<std::string> names;
  for (size_t start = 0; start <= targets.size();) {
    size_t end = targets.find(", ", start);
    if (end == std::string::npos) end = targets.size();
    names.push_back(targets.substr(start, end - start));
    start = end + 2;
  }
  for (const auto& name : names)
    if (name.empty() || name.find_first_of("()[]. ") != std::string::npos) return ok_ = false;
  if (names.size() == 1 && !value.is_tuple) {
    state_[names[0]] = value;
    return ok_;
  }
  if (!value.is_tuple || value.items.size() != names.size()) return ok_ = false;
  for (size_t i = 0; i < names.size(); ++i) state_[names[i]] = value.items[i];
  return ok_;
}

void SymbolicMachine::forget(const std::string& statement) {
  for (const auto& name : written_names(statement))
    state_[name] = atom("unknown " + name + " " + std::to_string(++unknowns_), {});
}

void SymbolicMachine::execute_or_forget(const std::string& statement) {
  if (!ok_) return;
  const auto kept = stores_.size();
  if (execute(statement)) return;
  ok_ = true;
  stores_.resize(kept);
  forget(statement);
}

bool SymbolicMachine::execute(const std::string& statement) {
  if (!ok_) return false;
  const size_t equals = assignment_at(statement);
  const std::string target = equals == kNoPosition ? "" : statement.substr(0, equals);
  if (equals != kNoPosition && target.find('[') == std::string::npos)
    return assign(target, statement.substr(equals + 3));
  if (equals != kNoPosition) {
    const auto place = parse_expression(target);
    SymbolicValue value;
    if (!place || place->kind != Expression::Kind::subscript ||
        place->operands[0].kind != Expression::Kind::name ||
        !evaluate(statement.substr(equals + 3), value))
      return ok_ = false;
    const auto view = views_.find(place->operands[0].text);
    if (view == views_.end()) return ok_ = false;
    const SymbolicValue index = evaluate(place->operands[1]);
    const SymbolicValue address =
        add(value_of(view->second.first), multiply(index, constant(view->second.second)));
    return store(address, value, view->second.second);
  }
  const auto parsed = parse_expression(statement);
  if (!parsed || parsed->kind != Expression::Kind::call || parsed->text != "grid.store_global" ||
      parsed->operands.size() != 3)
    return ok_ = false;
  std::vector<SymbolicValue> args;
  for (const auto& operand : parsed->operands) args.push_back(evaluate(operand));
  if (!ok_ || !is_constant(args[2].poly)) return ok_ = false;
  return store(args[0], args[1], constant_of(args[2].poly));
}

}  // namespace switcheroo::lift
