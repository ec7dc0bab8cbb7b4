#include "value_rules.h"

#include <algorithm>
#include <array>
#include <cmath>

namespace switcheroo::graph {
namespace {

using Dims = std::vector<int64_t>;

// A nested list of numbers as its dims and its elements in row-major order.
struct Flat {
  Dims dims;
  std::vector<ValuePtr> elements;
};

bool flatten_into(const Value& value, size_t depth, Flat& flat) {
  if (value.is_number()) return depth == flat.dims.size() && (flat.elements.push_back(std::make_shared<Value>(value)), true);
  if (!value.is_sequence() || depth >= flat.dims.size() ||
      static_cast<int64_t>(value.items.size()) != flat.dims[depth]) {
    return false;
  }
  for (const auto& item : value.items) {
    if (!flatten_into(*item, depth + 1, flat)) return false;
  }
  return true;
}

bool flat_of(const ValuePtr& value, Flat& flat) {
  if (!value || !nested_dims(*value, flat.dims)) return false;
  return flatten_into(*value, 0, flat);
}

ValuePtr nest(const Dims& dims, const std::vector<ValuePtr>& elements, size_t depth, size_t& next) {
  if (depth == dims.size()) return elements[next++];
  std::vector<ValuePtr> items;
  for (int64_t i = 0; i < dims[depth]; ++i) items.push_back(nest(dims, elements, depth + 1, next));
  return make_sequence(Value::Kind::list, std::move(items));
}

ValuePtr nest(const Dims& dims, const std::vector<ValuePtr>& elements) {
  size_t next = 0;
  return nest(dims, elements, 0, next);
}

bool is_int(const Value& v) { return v.kind == Value::Kind::integer || v.kind == Value::Kind::boolean; }

ValuePtr number_like(const Value& a, const Value& b, double result) {
  return is_int(a) && is_int(b) ? make_int(static_cast<int64_t>(result)) : make_float(result);
}

// Python's arithmetic on two numbers; null for what it does not model (division by zero).
ValuePtr binary_number(const std::string& op, const Value& a, const Value& b) {
  const double x = a.number(), y = b.number();
  if (op == "+") return number_like(a, b, x + y);
  if (op == "-") return number_like(a, b, x - y);
  if (op == "*") return number_like(a, b, x * y);
  if (op == "max") return number_like(a, b, std::max(x, y));
  if (op == "min") return number_like(a, b, std::min(x, y));
  if (y == 0 && (op == "/" || op == "//" || op == "%")) return nullptr;
  if (op == "/") return make_float(x / y);
  if (op == "//") return number_like(a, b, std::floor(x / y));
  if (op == "%") return number_like(a, b, x - std::floor(x / y) * y);
  if (op == "**") return is_int(a) && is_int(b) && y >= 0 ? make_int(static_cast<int64_t>(std::pow(x, y))) : make_float(std::pow(x, y));
  return nullptr;
}

ValuePtr unary_number(const std::string& function, const Value& a) {
  const double x = a.number();
  // Rounding keeps an integer an integer and a float a float, as tensors keep their dtype.
  auto rounded = [&](double r) { return is_int(a) ? make_int(static_cast<int64_t>(x)) : make_float(r); };
  if (function == "round") return rounded(std::nearbyint(x));  // half to even
  if (function == "floor") return rounded(std::floor(x));
  if (function == "ceil") return rounded(std::ceil(x));
  if (function == "trunc") return rounded(std::trunc(x));
  if (function == "negative") return is_int(a) ? make_int(-static_cast<int64_t>(x)) : make_float(-x);
  if (function == "abs") return is_int(a) ? make_int(static_cast<int64_t>(std::fabs(x))) : make_float(std::fabs(x));
  if (function == "log" && x > 0) return make_float(std::log(x));
  if (function == "log2" && x > 0) return make_float(std::log2(x));
  if (function == "log10" && x > 0) return make_float(std::log10(x));
  if (function == "exp") return make_float(std::exp(x));
  if (function == "sqrt" && x >= 0) return make_float(std::sqrt(x));
  return nullptr;
}

// elementwise(function, a) or elementwise(op, a, b): b broadcast against a as arrays do.
ValuePtr elementwise(const CallArgs& args) {
  const auto& p = args.positional;
  if ((p.size() != 2 && p.size() != 3) || p[0]->kind != Value::Kind::string) return nullptr;
  Flat a, b;
  if (!flat_of(p[1], a)) return nullptr;
  if (p.size() == 2) {
    std::vector<ValuePtr> out;
    for (const auto& element : a.elements) {
      out.push_back(unary_number(p[0]->text, *element));
      if (!out.back()) return nullptr;
    }
    return nest(a.dims, out);
  }
  if (!flat_of(p[2], b)) return nullptr;
  Dims dims(std::max(a.dims.size(), b.dims.size()));
  for (size_t i = 0; i < dims.size(); ++i) {
    const int64_t x = i < a.dims.size() ? a.dims[a.dims.size() - 1 - i] : 1;
    const int64_t y = i < b.dims.size() ? b.dims[b.dims.size() - 1 - i] : 1;
    if (x != y && x != 1 && y != 1) return nullptr;
    dims[dims.size() - 1 - i] = x == 1 ? y : x;
  }
  // The element of `side` that broadcasts to the result's element at `index`.
  auto at = [&](const Flat& side, const Dims& index) {
    size_t offset = 0;
    const size_t skip = dims.size() - side.dims.size();
    for (size_t axis = 0; axis < side.dims.size(); ++axis) {
      offset = offset * side.dims[axis] + (side.dims[axis] == 1 ? 0 : index[axis + skip]);
    }
    return side.elements[offset];
  };
  int64_t count = 1;
  for (int64_t d : dims) count *= d;
  if (count > kMaxTensorValues) return nullptr;
  std::vector<ValuePtr> out;
  Dims index(dims.size(), 0);
  for (int64_t n = 0; n < count; ++n) {
    out.push_back(binary_number(p[0]->text, *at(a, index), *at(b, index)));
    if (!out.back()) return nullptr;
    for (size_t axis = dims.size(); axis-- > 0;) {
      if (++index[axis] < dims[axis]) break;
      index[axis] = 0;
    }
  }
  return nest(dims, out);
}

ValuePtr arange_values(const CallArgs& args) {
  const auto& p = args.positional;
  if (p.size() != 3 || !p[0]->is_number() || !(p[1]->is_number() || p[1]->kind == Value::Kind::none) ||
      !p[2]->is_number() || p[2]->number() == 0) {
    return nullptr;
  }
  const Value zero = *make_int(0);
  const Value& start = p[1]->kind == Value::Kind::none ? zero : *p[0];
  const Value& stop = p[1]->kind == Value::Kind::none ? *p[0] : *p[1];
  const double count = std::ceil((stop.number() - start.number()) / p[2]->number());
  if (count > static_cast<double>(kMaxTensorValues)) return nullptr;
  std::vector<ValuePtr> out;
  for (int64_t i = 0; i < static_cast<int64_t>(count); ++i) {
    out.push_back(number_like(start, *p[2], start.number() + static_cast<double>(i) * p[2]->number()));
  }
  return make_sequence(Value::Kind::list, std::move(out));
}

ValuePtr linspace_values(const CallArgs& args) {
  const auto& p = args.positional;
  if (p.size() != 3 || !p[0]->is_number() || !p[1]->is_number() || p[2]->kind != Value::Kind::integer ||
      p[2]->integer < 0 || p[2]->integer > kMaxTensorValues) {
    return nullptr;
  }
  const int64_t num = p[2]->integer;
  const double start = p[0]->number(), stop = p[1]->number();
  const double step = num > 1 ? (stop - start) / static_cast<double>(num - 1) : 0;
  std::vector<ValuePtr> out;
  for (int64_t i = 0; i < num; ++i) {
    out.push_back(make_float(i + 1 == num && num > 1 ? stop : start + static_cast<double>(i) * step));
  }
  return make_sequence(Value::Kind::list, std::move(out));
}

// diff_values(input, n, axis): of a vector only.
ValuePtr diff_values(const CallArgs& args) {
  const auto& p = args.positional;
  Flat input;
  if (p.size() != 3 || !flat_of(p[0], input) || input.dims.size() != 1 ||
      p[1]->kind != Value::Kind::integer || p[1]->integer < 0 || p[2]->kind != Value::Kind::integer ||
      (p[2]->integer != 0 && p[2]->integer != -1)) {
    return nullptr;
  }
  std::vector<ValuePtr> values = input.elements;
  for (int64_t round = 0; round < p[1]->integer && !values.empty(); ++round) {
    std::vector<ValuePtr> next;
    for (size_t i = 0; i + 1 < values.size(); ++i) next.push_back(binary_number("-", *values[i + 1], *values[i]));
    values = std::move(next);
  }
  return make_sequence(Value::Kind::list, std::move(values));
}

ValuePtr single(const CallArgs& args) {
  Flat flat;
  if (args.positional.size() != 1 || !flat_of(args.positional[0], flat) || flat.elements.size() != 1) {
    return nullptr;
  }
  return flat.elements[0];
}

// The hub's dtypes by kind (bool, integers, floats, complex), narrower first within a kind.
constexpr std::array<std::array<const char*, 6>, 4> kDtypeKinds = {{
    {"bool", "", "", "", "", ""},
    {"uint8", "int8", "int16", "uint16", "int32", "int64"},
    {"float16", "bfloat16", "float32", "float64", "", ""},
    {"complex64", "complex128", "", "", "", ""},
}};

// The kind and rank within it of a dtype name (-1 when not a hub dtype), or of a Python number
// (rank -1: it takes the array's width).
std::pair<int, int> dtype_rank(const Value& value) {
  if (value.kind == Value::Kind::boolean) return {0, -1};
  if (value.kind == Value::Kind::integer) return {1, -1};
  if (value.kind == Value::Kind::floating) return {2, -1};
  if (value.kind != Value::Kind::string) return {-1, -1};
  for (int kind = 0; kind < static_cast<int>(kDtypeKinds.size()); ++kind) {
    for (int rank = 0; rank < 6; ++rank) {
      if (value.text == kDtypeKinds[kind][rank]) return {kind, rank};
    }
  }
  return {-1, -1};
}

// promote(a, b, default_float): the dtype of an elementwise result of two operands, each a
// dtype name or a Python number; None where it is not known.
ValuePtr promote(const CallArgs& args) {
  const auto& p = args.positional;
  if (p.size() != 3) return nullptr;
  const auto [kind_a, rank_a] = dtype_rank(*p[0]);
  const auto [kind_b, rank_b] = dtype_rank(*p[1]);
  if (kind_a < 0 || kind_b < 0 || (rank_a < 0 && rank_b < 0)) return make_none();
  // The operand of the higher kind decides; a Python number of a higher kind than the array
  // gives that kind's default (an int array times 0.5 is the default float).
  const bool a_wins = kind_a > kind_b || (kind_a == kind_b && rank_a >= rank_b);
  const auto [kind, rank] = a_wins ? std::pair{kind_a, rank_a} : std::pair{kind_b, rank_b};
  if (rank >= 0) return make_string(kDtypeKinds[kind][rank]);
  if (kind == 1) return make_string("int64");
  if (kind == 2 && p[2]->kind == Value::Kind::string) return p[2];
  return make_none();
}

// floating(dtype, default_float): the dtype of a result that is floating point (a true
// division, a logarithm): a float dtype stays, others give the default float.
ValuePtr floating(const CallArgs& args) {
  const auto& p = args.positional;
  if (p.size() != 2) return nullptr;
  const auto [kind, rank] = dtype_rank(*p[0]);
  if (kind < 0 || rank < 0) return make_none();
  return kind >= 2 ? p[0] : p[1];
}

// dtype_of(data, default_float): the dtype an array made from Python data gets.
ValuePtr dtype_of(const CallArgs& args) {
  Flat flat;
  if (args.positional.size() != 2 || !flat_of(args.positional[0], flat) || flat.elements.empty()) {
    return make_none();
  }
  int kind = 0;
  for (const auto& element : flat.elements) kind = std::max(kind, dtype_rank(*element).first);
  if (kind == 0) return make_string("bool");
  return kind == 1 ? make_string("int64") : args.positional[1];
}

// data_shape(data): the shape of an array made from nested Python lists of numbers.
ValuePtr data_shape(const CallArgs& args) {
  Flat flat;
  if (args.positional.size() != 1 || !flat_of(args.positional[0], flat)) {
    return make_unknown("data that is not nested lists of numbers");
  }
  return make_shape(flat.dims);
}

}  // namespace

bool nested_dims(const Value& values, std::vector<int64_t>& dims) {
  dims.clear();
  const Value* level = &values;
  while (level->is_sequence()) {
    dims.push_back(static_cast<int64_t>(level->items.size()));
    if (level->items.empty()) return true;
    level = level->items[0].get();
  }
  return level->is_number();
}

ValuePtr conform_values(const Value& values, const std::string& dtype) {
  Flat flat;
  if (!nested_dims(values, flat.dims) || !flatten_into(values, 0, flat)) return nullptr;
  const int kind = dtype_rank(*make_string(dtype)).first;
  if (kind < 0 || kind > 2 || dtype == "float16" || dtype == "bfloat16") return nullptr;
  for (auto& element : flat.elements) {
    const double x = element->number();
    if (kind == 0) element = make_bool(x != 0);
    else if (kind == 1) element = make_int(static_cast<int64_t>(std::trunc(x)));
    else element = make_float(dtype == "float32" ? static_cast<double>(static_cast<float>(x)) : x);
  }
  return nest(flat.dims, flat.elements);
}

ValuePtr single_element(const Value& tensor) {
  if (tensor.kind != Value::Kind::tensor || !tensor.data) return nullptr;
  return single(CallArgs{{tensor.data}, {}, 0});
}

const std::map<std::string, RuleHelper, std::less<>>& value_helpers() {
  static const std::map<std::string, RuleHelper, std::less<>> kHelpers = {
      {"elementwise", elementwise},   {"arange_values", arange_values},
      {"linspace_values", linspace_values}, {"diff_values", diff_values},
      {"single", single},             {"promote", promote},
      {"floating", floating},         {"dtype_of", dtype_of},
      {"data_shape", data_shape}};
  return kHelpers;
}

}  // namespace switcheroo::graph
