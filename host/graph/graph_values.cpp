// Dtypes and values of tensors (docs/diagrams.md, "Values of small constants"): the hub's
// `[dtypes]` rules give each result's dtype from its inputs' dtypes, and its `[values]` rules
// the values of a small constant tensor from its inputs' values, so that a constructor's
// arithmetic on constants (`arange(depth) * w_a + w_0`, `.tolist()`) gives numbers.
// Values are kept only while nothing can have changed them: an op without a value rule, an
// unknown call or an item assignment forgets them.
#include "graph_builder.h"
#include "value_rules.h"

#include <functional>
#include <set>

namespace switcheroo::graph {
namespace {

constexpr const char* kValuesUnknown = "the tensor's values are not known";

bool is_hub_dtype_name(const std::string& text) {
  static const std::set<std::string> kNames = {"float16", "bfloat16", "float32", "float64",
                                               "int8",    "int16",    "int32",   "int64",
                                               "uint8",   "uint16",   "bool",    "complex64",
                                               "complex128"};
  return kNames.count(text) > 0;
}

// Every tensor of a result: the result itself, or the parts of a tuple of results.
void each_tensor(const ValuePtr& result, const std::function<void(Value&)>& visit) {
  if (result->kind == Value::Kind::tensor) visit(*result);
  if (result->is_sequence()) {
    for (const auto& item : result->items) each_tensor(item, visit);
  }
}

bool known_dims(const ValuePtr& shape, std::vector<int64_t>& dims) {
  if (!shape || !shape_dims(*shape, dims)) return false;
  int64_t count = 1;
  for (int64_t d : dims) count *= d;
  return count <= kMaxTensorValues;
}

}  // namespace

ValuePtr GraphBuilder::hub_dtype_value(const ValuePtr& value, const std::string& text,
                                       const AdapterTraits& traits) const {
  if (is_hub_dtype_name(text)) return make_string(text);  // a spoke's fixed dtype (`.int()`)
  if (value->kind == Value::Kind::string && is_hub_dtype_name(value->text)) return value;
  if (value->kind == Value::Kind::api && !traits.dtype_module.empty() &&
      value->text.rfind(traits.dtype_module + ".", 0) == 0) {
    const std::string hub = traits.hub_dtype(value->text.substr(traits.dtype_module.size() + 1));
    if (!hub.empty()) return make_string(hub);
  }
  return value;
}

bool GraphBuilder::rule_bindings(const ReadCall& call, bool values,
                                 std::map<std::string, ValuePtr>& bound) const {
  auto of_tensor = [&](const Value& tensor) -> ValuePtr {
    if (values) return tensor.data;
    return tensor.dtype.empty() ? make_none() : make_string(tensor.dtype);
  };
  for (const auto& [name, value] : call.values) {
    if (value->kind == Value::Kind::tensor) {
      bound[name] = of_tensor(*value);
      if (!bound[name]) return false;
    } else if (value->is_sequence() && !value->items.empty() &&
               value->items[0]->kind == Value::Kind::tensor) {
      std::vector<ValuePtr> parts;
      for (const auto& item : value->items) {
        parts.push_back(item->kind == Value::Kind::tensor ? of_tensor(*item) : nullptr);
        if (!parts.back()) return false;
      }
      bound[name] = make_sequence(Value::Kind::list, std::move(parts));
    } else {
      bound[name] = value;
    }
  }
  const std::string& default_float = call.traits ? call.traits->default_float : std::string();
  bound["default_float"] = default_float.empty() ? make_none() : make_string(default_float);
  return true;
}

void GraphBuilder::describe_constant(const ReadCall& call, const ValuePtr& result) {
  const ShapeRule* rule = rules_.find(call.op->name);
  if (rule == nullptr || rule->values == nullptr) {
    // It may have changed its inputs in place (an initializer): their values are gone.
    for (const auto& [name, value] : call.values) each_tensor(value, [](Value& t) { t.data = nullptr; });
  }
  if (rule == nullptr) return;
  std::string dtype;
  std::map<std::string, ValuePtr> bound;
  if (rule->dtype && rule_bindings(call, false, bound)) {
    const ValuePtr given = ShapeRules::evaluate(*rule->dtype, bound);
    if (given->kind == Value::Kind::string && is_hub_dtype_name(given->text)) dtype = given->text;
  }
  each_tensor(result, [&](Value& tensor) { tensor.dtype = dtype; });
  std::vector<int64_t> dims, got;
  bound.clear();
  if (!rule->values || dtype.empty() || result->kind != Value::Kind::tensor ||
      !known_dims(result->items[0], dims) || !rule_bindings(call, true, bound)) {
    return;
  }
  const ValuePtr values = ShapeRules::evaluate(*rule->values, bound);
  ValuePtr stored = values->is_unknown() ? nullptr : conform_values(*values, dtype);
  // Values that do not fill the shape the shape rule gives are not the tensor's.
  if (stored && nested_dims(*stored, got) && got == dims) result->data = stored;
}

ValuePtr GraphBuilder::python_values(const ReadCall& call, const ValuePtr& fallback) {
  const ShapeRule* rule = rules_.find(call.op->name);
  std::map<std::string, ValuePtr> bound;
  if (rule == nullptr || rule->values == nullptr) return fallback;
  if (!rule_bindings(call, true, bound)) return make_unknown(kValuesUnknown);
  const ValuePtr values = ShapeRules::evaluate(*rule->values, bound);
  return values->kind == Value::Kind::none ? make_unknown(kValuesUnknown) : values;
}

ValuePtr GraphBuilder::gather_shape(const ValuePtr& tensor, const ValuePtr& index, uint32_t offset) {
  const std::string& dtype = index->dtype;
  if (dtype.empty()) {
    return make_unknown("indexing with a tensor whose dtype is not known at " + location(offset));
  }
  if (dtype == "bool") {
    return make_unknown("a boolean mask at " + location(offset) +
                        " selects a number of elements that is not known");
  }
  if (dtype.find("int") == std::string::npos) {
    return make_unknown("indexing with a '" + dtype + "' tensor at " + location(offset));
  }
  std::vector<int64_t> table, rows;
  if (!shape_dims(*tensor->items[0], table) || table.empty()) {
    return tensor->items[0]->is_unknown() ? tensor->items[0] : make_unknown("the input shape is not known");
  }
  if (!shape_dims(*index->items[0], rows)) {
    return index->items[0]->is_unknown() ? index->items[0] : make_unknown("the index shape is not known");
  }
  rows.insert(rows.end(), table.begin() + 1, table.end());
  return make_shape(rows);
}

}  // namespace switcheroo::graph
