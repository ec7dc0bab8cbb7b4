// Framework calls through the source spoke: the builder's values are written as argument
// texts (literals as themselves, everything else as a placeholder name), read into hub terms
// by the same reader the converter uses (convert/call_mapping.h), and the hub arguments'
// texts turned back into values.
#include "graph_builder.h"

#include "convert/layer_idioms.h"
#include "python/syntax_error.h"

#include <algorithm>
#include <cctype>

namespace switcheroo::graph {

convert::Spelling reading_spelling() {
  convert::Spelling spelling;
  spelling.api = [](const std::string& qualified) { return qualified; };
  spelling.dtype = [](const std::string& dtype) { return dtype; };
  // A dtype only matters to values, not to shapes: any expression reads as itself.
  spelling.read_dtype = [](const std::string& text) { return text; };
  return spelling;
}

namespace {

constexpr const char* kPlaceholder = "__sw_value_";

// Evaluates the texts a spoke's transforms or a reading hook write (`x.ndim - 2`): a tensor's
// rank and shape, the array attributes those texts use, follow from its shape.
class TextEvaluator : public Interpreter {
 public:
  using Interpreter::Interpreter;

 protected:
  ValuePtr tensor_attribute(const ValuePtr& tensor, const std::string& name,
                            uint32_t offset) override {
    const ValuePtr& shape = tensor->items[0];
    if (name == "shape") return shape;
    if (name == "ndim") return shape->is_sequence() ? make_int(static_cast<int64_t>(shape->items.size())) : shape;
    return Interpreter::tensor_attribute(tensor, name, offset);
  }
};

std::optional<convert::HubValue> same_window_padding(const OpMapping& mapping,
                                                     convert::HubCall& call) {
  auto padding = call.values.find("padding");
  if (mapping.hook != "pool_window" || padding == call.values.end()) return std::nullopt;
  std::string text = padding->second.text;
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (text != "'same'" && text != "\"same\"") return std::nullopt;
  convert::HubValue same = padding->second;
  same.text = "'same'";
  call.values.erase(padding);
  return same;
}

}  // namespace

GraphBuilder::GraphBuilder(const DrawRequest& request, const python::SourceText& source,
                           ModelGraph& graph)
    : Interpreter(request.file, &source),
      request_(request),
      graph_(graph),
      hub_(builtin_hub()),
      rules_(builtin_shape_rules()) {
  array_type_ = request.adapter->traits.array_type;
  index_spoke();
}

void GraphBuilder::index_spoke() {
  auto add = [&](const OpMapping& mapping, const AdapterTraits* traits) {
    const HubOp* op = hub_.find(mapping.op);
    const std::string base = request_.adapter->traits.module_base_class + ".";
    if (traits == nullptr && mapping.op == "buffer" && mapping.api.rfind(base, 0) == 0) {
      // Read even where converting it is a gap: the graph only needs what it registers.
      buffer_methods_.insert(mapping.api.substr(base.size()));
      buffer_data_keyword_ = mapping.framework_name("data");
    }
    if (op == nullptr || mapping.api.empty() || !mapping.gap.empty()) return;
    const std::string last = mapping.api.substr(mapping.api.rfind('.') + 1);
    if (traits != nullptr) {
      // Another framework's functions only (its array methods are not told apart by name).
      if (mapping.kind != "method" && mapping.kind != "property" && mapping.kind != "layer" &&
          mapping.kind != "class" && mapping.kind != "identity" && mapping.kind != "context") {
        apis_[mapping.api].push_back({op, &mapping, traits});
      }
    } else if (mapping.kind == "method") {
      methods_[last].push_back({op, &mapping});
    } else if (mapping.kind == "property") {
      properties_[last].push_back({op, &mapping});
    } else if (mapping.kind != "identity" && mapping.kind != "context") {
      apis_[mapping.api].push_back({op, &mapping});
    }
  };
  for (const auto& [name, mapping] : request_.adapter->ops) add(mapping, nullptr);
  for (const auto& [name, mapping] : request_.adapter->alternatives) add(mapping, nullptr);
  for (const AdapterData* library : request_.libraries) {
    for (const auto& [name, mapping] : library->ops) add(mapping, &library->traits);
    for (const auto& [name, mapping] : library->alternatives) add(mapping, &library->traits);
  }
}

std::string GraphBuilder::text_of(const ValuePtr& value) {
  std::string literal = literal_text(*value);
  if (!literal.empty()) return literal;
  placeholders_.push_back(value);
  return kPlaceholder + std::to_string(placeholders_.size() - 1);
}

ValuePtr GraphBuilder::value_of(const std::string& text) {
  if (text.rfind(kPlaceholder, 0) == 0) {
    const std::string digits = text.substr(std::string(kPlaceholder).size());
    if (!digits.empty() && std::all_of(digits.begin(), digits.end(), ::isdigit)) {
      const size_t index = std::stoul(digits);
      if (index < placeholders_.size()) return placeholders_[index];
    }
  }
  if (auto cached = literal_cache_.find(text); cached != literal_cache_.end()) {
    return cached->second;
  }
  // A default or a value a spoke transformed (`1 - 0.9`): evaluated with the placeholders the
  // text may name.
  ExprPtr expr;
  try {
    expr = parse_expression(text);
  } catch (const python::SyntaxError&) {
    return make_unknown("'" + text + "' is not an expression");
  }
  TextEvaluator evaluator(file(), nullptr);
  for (size_t i = 0; i < placeholders_.size(); ++i) {
    if (text.find(kPlaceholder + std::to_string(i)) != std::string::npos) {
      evaluator.globals().names[kPlaceholder + std::to_string(i)] = placeholders_[i];
    }
  }
  ValuePtr value = evaluator.evaluate(*expr, evaluator.globals());
  if (text.find(kPlaceholder) == std::string::npos) literal_cache_[text] = value;
  return value;
}

std::optional<ReadCall> GraphBuilder::read(const std::vector<Entry>& entries, convert::Phase phase,
                                           const ValuePtr& receiver, const CallArgs& args,
                                           std::string& why) {
  convert::FrameworkCall call;
  if (receiver) call.receiver = text_of(receiver);
  auto add_argument = [&](const ValuePtr& value, const std::string& keyword) {
    convert::CallArgument item;
    item.kind = keyword.empty() ? convert::CallArgument::Kind::positional
                                : convert::CallArgument::Kind::keyword;
    item.keyword = keyword;
    item.text = text_of(value);
    item.original = item.text;
    if (value->is_sequence()) {
      item.elements.emplace();
      for (const auto& element : value->items) item.elements->push_back(text_of(element));
    }
    call.arguments.push_back(std::move(item));
  };
  for (const auto& value : args.positional) add_argument(value, "");
  for (const auto& [keyword, value] : args.keywords) add_argument(value, keyword);

  const convert::Spelling spelling = reading_spelling();
  std::optional<convert::HubCall> best;
  const Entry* chosen = nullptr;
  int best_fit = 0;
  for (const Entry& entry : entries) {
    std::string reason;
    auto hub_call = convert::read_call(*entry.op, *entry.mapping, phase, call, spelling, reason);
    if (!hub_call) {
      if (why.empty()) why = reason;
      continue;
    }
    // A flag the spelling passes that the call leaves out counts against it as the converter
    // counts it (keras.ops.mean(x, axis=(1, 2)) is a mean, not a pool that keeps the axes).
    const int fit = convert::reading_fit(*entry.op, *hub_call);
    if (!best || fit > best_fit) {
      best = std::move(hub_call);
      best_fit = fit;
      chosen = &entry;
    }
  }
  if (!best) return std::nullopt;
  // In hub terms as the converter reads them (F.pad's pairs in the hub's axis order): the hub
  // itself is the target, a mapping with no hook of its own.
  static const OpMapping kHub;
  // A window padding='SAME' has no fixed width to convert to, but a known shape: the rules'
  // windows() take 'same' (ceil(size / stride), as Flax and TensorFlow pad).
  std::optional<convert::HubValue> same_padding = same_window_padding(*chosen->mapping, *best);
  if (!convert::adapt_for_hook(*chosen->op, *chosen->mapping, kHub, *best, why)) return std::nullopt;
  if (same_padding) best->values["padding"] = *same_padding;
  ReadCall result;
  result.op = chosen->op;
  result.mapping = chosen->mapping;
  result.traits = chosen->traits ? chosen->traits : &request_.adapter->traits;
  for (const auto& [name, hub_value] : best->values) {
    ValuePtr value;
    if (hub_value.spread) {
      std::vector<ValuePtr> items;
      for (const auto& item : hub_value.items) items.push_back(value_of(item));
      // x.view((a, b)) and x.view(a, b) alike.
      if (items.size() == 1 && items[0]->is_sequence()) items = items[0]->items;
      value = make_sequence(Value::Kind::tuple, items);
    } else {
      value = value_of(hub_value.text);
    }
    const HubArgument* argument = result.op->argument(name);
    if (argument && argument->kind == "dtype") value = hub_dtype_value(value, hub_value.text, *result.traits);
    result.values[name] = value;
    result.explicit_values[name] = !hub_value.implicit;
  }
  // Defaults of what this phase passes only: a layer's call must not reset its constructor's
  // arguments.
  for (const HubArgument* argument :
       convert::call_parameters(*result.op, *result.mapping, phase)) {
    if (result.values.count(argument->name)) continue;
    if (argument->variadic) {
      result.values[argument->name] = make_sequence(Value::Kind::tuple, {});
    } else if (argument->default_value) {
      result.values[argument->name] = value_of(*argument->default_value);
    }
  }
  return result;
}

std::vector<Argument> GraphBuilder::explicit_arguments(const ReadCall& call) const {
  std::vector<Argument> arguments;
  auto add = [&](const HubArgument& argument) {
    auto value = call.values.find(argument.name);
    auto given = call.explicit_values.find(argument.name);
    if (value == call.values.end() || given == call.explicit_values.end() || !given->second) return;
    if (argument.kind == "layers" || argument.kind == "module" || argument.kind == "tensor" ||
        argument.kind == "tensors") {
      return;  // drawn as children and edges, not as arguments
    }
    Argument out;
    out.name = argument.name;
    out.value = literal_text(*value->second);
    if (out.value.empty()) {
      out.literal = false;
      out.value = describe(*value->second);
    }
    arguments.push_back(std::move(out));
  };
  for (const auto& argument : call.op->arguments) add(argument);
  return arguments;
}

bool GraphBuilder::is_module_class(const ValuePtr& class_value) const {
  if (!class_value || class_value->kind != Value::Kind::class_) return false;
  const std::string& base_class = request_.adapter->traits.module_base_class;
  for (const auto& base : class_value->class_value->bases) {
    if (base->kind == Value::Kind::api && base->text == base_class) return true;
    // A subclass of a framework layer (Sequential) is a module too.
    if (base->kind == Value::Kind::api && apis_.count(base->text)) {
      for (const Entry& entry : apis_.at(base->text)) {
        if (entry.mapping->kind == "layer" || entry.op->kind == "layer") return true;
      }
    }
    if (is_module_class(base)) return true;
  }
  return false;
}

ValuePtr GraphBuilder::call_api(const ValuePtr& api, CallArgs& args) {
  auto found = apis_.find(api->text);
  if (found == apis_.end()) {
    return call_unknown("'" + api->text + "' has no mapping in the '" + request_.framework + "' spoke", args);
  }
  std::vector<Entry> layers, functions;
  for (const Entry& entry : found->second) {
    const bool constructed = entry.mapping->kind == "layer" || entry.mapping->kind == "class" ||
                             entry.op->kind == "layer";
    (constructed ? layers : functions).push_back(entry);
  }
  std::string why;
  if (!layers.empty()) {
    if (auto call = read(layers, convert::Phase::construct, nullptr, args, why)) {
      if (call->op->name == "parameter") {
        ValuePtr data = call->values["data"];
        if (data->kind != Value::Kind::tensor) return make_unknown("a parameter of " + describe(*data));
        auto parameter = std::make_shared<Value>(*data);
        parameter->text = "parameter";
        parameter->data = nullptr;  // trained: its values are not the constant it starts from
        return parameter;
      }
      if (call->mapping->kind == "class" && call->op->kind != "layer") {
        return make_unknown("'" + api->text + "' builds a '" + call->op->name + "'");
      }
      if (auto wrapped = wrapped_module(*call, args.offset)) return wrapped;
      return new_layer(*call, api->text, args.offset);
    }
  }
  if (!functions.empty()) {
    if (auto call = read(functions, convert::Phase::construct, nullptr, args, why)) {
      return apply(*call, -1, args.offset);
    }
  }
  return call_unknown("'" + api->text + "' could not be read: " + why, args);
}

}  // namespace switcheroo::graph
