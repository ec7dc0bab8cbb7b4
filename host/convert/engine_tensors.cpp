// What the engine tells the tensor inference (tensor_values.h) about the source framework,
// from its spoke and the hub, and the reports of what a tensor's method or attribute the spoke
// does not map.
#include "converter.h"

namespace switcheroo::convert::engine_detail {

namespace {

// What an op gives: its results' kinds (one tensor, several, or something else).
Value result_of(const HubOp& op) {
  if (op.results.empty()) return Value{ValueKind::tensor, {}};
  if (op.results.size() > 1) {
    const bool arrays = std::all_of(op.results.begin(), op.results.end(),
                                    [](const HubArgument& r) { return r.kind == "tensor"; });
    return Value{arrays ? ValueKind::tensors : ValueKind::unknown, {}};
  }
  const std::string& kind = op.results.front().kind;
  if (kind == "tensor") return Value{ValueKind::tensor, {}};
  if (kind == "tensors") return Value{ValueKind::tensors, {}};
  if (kind == "any") return Value{};
  return Value{ValueKind::other, {}};
}

Value result_of(const std::vector<SourceEntry>& entries) {
  std::optional<Value> value;
  for (const SourceEntry& entry : entries) {
    const Value one = result_of(*entry.op);
    value = value ? merge_values(*value, one) : one;
  }
  return value.value_or(Value{});
}

}  // namespace

TensorFacts Converter::tensor_facts() const {
  TensorFacts facts;
  const auto& traits = source_.data->traits;
  facts.array_type = traits.array_type;
  if (!traits.forward_method.empty()) facts.entry_points.insert(traits.forward_method);
  facts.api_call = [this](const std::string& qualified) {
    const auto* entries = index_.api(qualified);
    if (entries == nullptr) return Value{};
    for (const SourceEntry& entry : *entries) {
      if (entry.mapping->kind == "layer") return Value{ValueKind::layer, qualified};
      // An optimizer, a class's object: its methods are the spoke's (optimizer.step()).
      if (entry.mapping->kind == "class" || entry.op->kind != "function") {
        return Value{ValueKind::layer, qualified};
      }
    }
    return result_of(*entries);
  };
  facts.layer_call = [this](const std::string& api) {
    const auto* entries = index_.api(api);
    if (entries == nullptr) return Value{};
    for (const SourceEntry& entry : *entries) {
      if (entry.mapping->kind == "layer" && entry.op->kind == "layer") return result_of(*entry.op);
    }
    return Value{ValueKind::tensor, {}};  // a function that builds a layer (weight_norm)
  };
  facts.method = [this](const std::string& name) -> std::optional<Value> {
    const auto* entries = index_.method(name);
    if (entries != nullptr) return result_of(*entries);
    if (auto found = array_attributes_.find(name); found != array_attributes_.end()) {
      return found->second;  // a property the spoke maps, called: what it holds is callable
    }
    return std::nullopt;
  };
  facts.attribute = [this](const std::string& name) -> std::optional<Value> {
    if (auto found = array_attributes_.find(name); found != array_attributes_.end()) {
      return found->second;
    }
    return std::nullopt;
  };
  return facts;
}

// The source spoke's array properties (`x.shape`, `x.T`) and identities, by name.
void Converter::collect_array_attributes() {
  auto add = [&](const OpMapping& mapping) {
    if (mapping.kind != "property" || mapping.api.empty()) return;
    const HubOp* op = builtin_hub().find(mapping.op);
    if (op == nullptr) return;
    const std::string name = mapping.api.substr(mapping.api.rfind('.') + 1);
    array_attributes_.emplace(name, result_of(*op));
  };
  for (const auto& [key, mapping] : source_.data->ops) add(mapping);
  for (const auto& [key, mapping] : source_.data->alternatives) add(mapping);
}

bool Converter::known_tensor(const Call& call) const {
  return values_ && values_->receiver_of(call).kind == ValueKind::tensor;
}

// A method on a tensor that the source spoke does not map: `x.new_zeros(...)` on a PyTorch
// tensor would stay a PyTorch method on the target's array.
void Converter::report_unmapped_method(const Call& call) {
  const std::string& array_type = source_.data->traits.array_type;
  if (array_type.empty()) return;
  unconverted(call, array_type + "." + call.method, {});
}

void Converter::report_unmapped_attributes() {
  const std::string& array_type = source_.data->traits.array_type;
  if (!values_ || array_type.empty()) return;
  for (const UnmappedAttribute& attribute : values_->unmapped_attributes()) {
    if (indexed_accessors_.count(attribute.trailer)) continue;  // an indexed update, written
    const python::Node& trailer = tree_.node(attribute.trailer);
    unconverted_at(trailer.begin + 1, attribute.trailer, array_type + "." + attribute.name, {});
  }
}

}  // namespace switcheroo::convert::engine_detail
