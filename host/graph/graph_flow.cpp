// The forward flow: every hub operation applied to a tensor becomes a node, with edges from
// the nodes that produced its tensor inputs and output shapes from the hub's shape rules.
// Calls of the file's modules and of containers become groups that hold the nodes inside.
#include "graph_builder.h"
#include "image_layouts.h"

namespace switcheroo::graph {
namespace {

OutputShape output_shape(const ValuePtr& value) {
  OutputShape shape;
  if (value && shape_dims(*value, shape.dims)) {
    shape.known = true;
  } else {
    shape.dims.clear();
    shape.reason = !value                 ? "no shape"
                   : value->is_unknown() ? value->text
                                         : "the shape rule gives " + describe(*value);
  }
  return shape;
}

bool tensor_kind(const std::string& kind) { return kind == "tensor"; }

}  // namespace

std::map<std::string, ValuePtr> GraphBuilder::bindings(const ReadCall& call,
                                                       std::vector<ValuePtr>& inputs) const {
  std::map<std::string, ValuePtr> bound;
  auto kind_of = [&](const std::string& name) {
    const HubArgument* argument = call.op->argument(name);
    return argument ? argument->kind : std::string();
  };
  for (const auto& [name, value] : call.values) {
    if (value->kind == Value::Kind::tensor) {
      inputs.push_back(value);
      // Where Python data goes (`asarray(data)`), a shape would read as data: not known.
      bound[name] = kind_of(name) == "any" ? make_unknown("a tensor given as data") : value->items[0];
    } else if (value->is_sequence() && !value->items.empty() &&
               value->items[0]->kind == Value::Kind::tensor) {
      std::vector<ValuePtr> shapes;
      for (const auto& item : value->items) {
        if (item->kind == Value::Kind::tensor) {
          inputs.push_back(item);
          shapes.push_back(item->items[0]);
        } else {
          shapes.push_back(make_unknown("a tensor list holding " + describe(*item)));
        }
      }
      bound[name] = make_sequence(Value::Kind::list, shapes);
    } else if (value->is_number() && tensor_kind(kind_of(name))) {
      bound[name] = make_shape({});  // a Python number where a tensor goes: a scalar
    } else {
      bound[name] = value;
    }
  }
  return bound;
}

int GraphBuilder::add_node(Node node, const std::vector<ValuePtr>& inputs) {
  for (const auto& input : inputs) {
    if (input->node >= 0) node.inputs.push_back({input->node, input->output});
  }
  node.group = group_;
  graph_.nodes.push_back(std::move(node));
  return static_cast<int>(graph_.nodes.size()) - 1;
}

ValuePtr GraphBuilder::outputs_as_values(int node, const HubOp& op, const ValuePtr& out) {
  std::vector<std::string> kinds;
  for (const auto& result : op.results) kinds.push_back(result.kind);
  if (kinds.empty()) kinds.push_back("tensor");
  std::vector<OutputShape>* outputs = node >= 0 ? &graph_.nodes[node].outputs : nullptr;
  auto tensor = [&](const ValuePtr& shape) {
    const int index = outputs ? static_cast<int>(outputs->size()) : 0;
    if (outputs) outputs->push_back(output_shape(shape));
    const OutputShape known = output_shape(shape);
    return make_tensor(node, index, known.known ? shape : make_unknown(known.reason));
  };
  auto one = [&](const std::string& kind, const ValuePtr& value) -> ValuePtr {
    if (kind == "tensors") {
      if (!value->is_sequence()) return make_unknown(value->is_unknown() ? value->text : "the parts are not known");
      std::vector<ValuePtr> parts;
      for (const auto& part : value->items) parts.push_back(tensor(part));
      return make_sequence(Value::Kind::tuple, parts);
    }
    if (tensor_kind(kind)) return tensor(value);
    return make_unknown("the '" + kind + "' result of '" + op.name + "' is not modelled");
  };
  if (kinds.size() == 1) return one(kinds[0], out);
  std::vector<ValuePtr> results;
  for (size_t i = 0; i < kinds.size(); ++i) {
    const bool given = out->kind == Value::Kind::tuple && out->items.size() == kinds.size();
    ValuePtr part = given ? out->items[i] : make_unknown(out->is_unknown() ? out->text : "no rule for each result");
    if (part->kind == Value::Kind::none) part = make_unknown("result '" + op.results[i].name + "' is not modelled");
    results.push_back(one(kinds[i], part));
  }
  return make_sequence(Value::Kind::tuple, results);
}

ValuePtr GraphBuilder::apply(const ReadCall& call, int module, uint32_t offset) {
  std::vector<ValuePtr> inputs;
  auto bound = bindings(call, inputs);
  // The rules work in the hub's axis order; the graph shows the framework's.
  const ResultLayout layout = call.mapping ? to_hub_layout(*call.op, *call.mapping, bound) : ResultLayout{};
  const ShapeRule* rule = rules_.find(call.op->name);
  const ValuePtr out = from_hub_layout(
      rule && rule->out ? ShapeRules::evaluate(*rule->out, bound)
                        : make_unknown("no shape rule for '" + call.op->name + "'"),
      layout);
  // A query of sizes (x.shape, x.size(0)) is a value, not a step of the flow.
  bool tensor_results = call.op->results.empty();
  for (const auto& result : call.op->results) {
    tensor_results = tensor_results || result.kind == "tensor" || result.kind == "tensors";
  }
  if (!tensor_results) return python_values(call, out);  // x.tolist() of a known constant
  bool flowing = module >= 0;
  for (const auto& input : inputs) flowing = flowing || input->node >= 0;
  if (!flowing) {  // a constant (torch.zeros)
    const ValuePtr result = outputs_as_values(-1, *call.op, out);
    describe_constant(call, result);
    return result;
  }
  Node node;
  node.op = call.op->name;
  node.module = module;
  if (module < 0) node.arguments = explicit_arguments(call);
  node.location = location(offset);
  const int index = add_node(std::move(node), inputs);
  const ValuePtr result = outputs_as_values(index, *call.op, out);
  describe_constant(call, result);
  return result;
}

ValuePtr GraphBuilder::call_unknown(const std::string& reason, CallArgs& args) {
  // What is not known still takes its tensors and gives one: an opaque node keeps the flow
  // connected, its shape unknown with the reason.
  std::vector<ValuePtr> inputs;
  for (const auto& value : args.positional) {
    if (value->kind == Value::Kind::tensor) inputs.push_back(value);
  }
  for (const auto& [name, value] : args.keywords) {
    if (value->kind == Value::Kind::tensor) inputs.push_back(value);
  }
  for (const auto& input : inputs) input->data = nullptr;  // what it did to them is not known
  bool flowing = false;
  for (const auto& input : inputs) flowing = flowing || input->node >= 0;
  if (!flowing) return make_unknown(reason);
  Node node;
  node.op = "unknown";
  node.location = location(args.offset);
  OutputShape shape;
  shape.reason = reason;
  node.outputs.push_back(shape);
  const int index = add_node(std::move(node), inputs);
  return make_tensor(index, 0, make_unknown(reason));
}

ValuePtr GraphBuilder::call_object(const ValuePtr& object, CallArgs& args) {
  if (object->instance->class_value) return call_module(object, args);
  return call_layer(object, args);
}

ValuePtr GraphBuilder::call_module(const ValuePtr& object, CallArgs& args) {
  const auto& traits = request_.adapter->traits;
  auto [forward, owner] = find_method(object->instance->class_value, traits.forward_method);
  if (forward == nullptr && built_layer(object->instance->module)) {
    return call_layer(object, args);  // the forward method its framework base defines
  }
  if (forward == nullptr) {
    auto [call, call_owner] = find_method(object->instance->class_value, "__call__");
    if (call == nullptr) return make_unknown("'" + object->instance->class_value->name + "' has no '" + traits.forward_method + "'");
    return call_function(*call, object, call_owner, args);
  }
  const int outer = group_;
  graph_.groups.push_back({object->instance->module, outer});
  group_ = static_cast<int>(graph_.groups.size()) - 1;
  ValuePtr result = call_function(*forward, object, owner, args);
  group_ = outer;
  return result;
}

ValuePtr GraphBuilder::call_layer(const ValuePtr& object, CallArgs& args) {
  const int module = object->instance->module;
  const ReadCall* layer = built_layer(module);
  if (layer == nullptr) return make_unknown("calling " + describe(*object));
  const ReadCall& built = *layer;
  if (built.op->name == "sequential") {
    const int outer = group_;
    graph_.groups.push_back({module, outer});
    group_ = static_cast<int>(graph_.groups.size()) - 1;
    ValuePtr value = args.positional.empty() ? make_unknown("a Sequential called without input") : args.positional[0];
    for (const auto& child : children_of(*object->instance)) {
      CallArgs next{{value}, {}, args.offset};
      value = call(child, next);
    }
    group_ = outer;
    return value;
  }
  if (built.op->name == "module_list" || built.op->name == "module_dict") {
    return make_unknown("a module " +
                        std::string(built.op->name == "module_list" ? "list" : "dict") +
                        " is not callable");
  }
  std::string why;
  auto inputs = read({{built.op, built.mapping}}, convert::Phase::call, nullptr, args, why);
  if (!inputs) return make_unknown("calling '" + graph_.modules[module].kind + "': " + why);
  ReadCall merged = built;
  for (const auto& [name, value] : inputs->values) merged.values[name] = value;
  return apply(merged, module, args.offset);
}

ValuePtr GraphBuilder::operator_node(const std::string& op, const std::map<std::string, ValuePtr>& values,
                                     uint32_t offset) {
  ReadCall call;
  call.op = hub_.find(op);
  if (call.op == nullptr) return make_unknown("operator '" + op + "'");
  call.values = values;
  call.traits = &request_.adapter->traits;  // Python's operators work as the model's arrays do
  for (const auto& [name, value] : values) call.explicit_values[name] = false;
  return apply(call, -1, offset);
}

ValuePtr GraphBuilder::tensor_operator(const std::string& op, const ValuePtr& left,
                                       const ValuePtr& right, uint32_t offset) {
  // Python's operators on arrays are the same hub operations in every framework.
  static const std::map<std::string, std::string> kOperators = {
      {"+", "add"}, {"-", "subtract"}, {"*", "multiply"}, {"/", "divide"},
      {"//", "floor_divide"}, {"%", "remainder"}, {"@", "matmul"}, {"**", "power"},
      {"unary-", "negative"}, {"unary+", ""}};
  auto found = kOperators.find(op);
  if (found == kOperators.end()) return make_unknown("operator '" + op + "' on a tensor");
  if (found->second.empty()) return left;
  if (!right) return operator_node(found->second, {{"input", left}}, offset);
  // An operand that is not known still makes a node: the flow stays connected through it and
  // its shape is unknown with the operand's reason.
  const std::string second = found->second == "power" ? "exponent" : "other";
  return operator_node(found->second, {{"input", left}, {second, right}}, offset);
}

ValuePtr GraphBuilder::tensor_method(const ValuePtr& tensor, const std::string& name, CallArgs& args) {
  auto found = methods_.find(name);
  if (found == methods_.end()) {
    CallArgs with_receiver = args;
    with_receiver.positional.insert(with_receiver.positional.begin(), tensor);
    return call_unknown("tensor method '" + name + "' has no mapping in the '" + request_.framework + "' spoke", with_receiver);
  }
  std::string why;
  auto call = read(found->second, convert::Phase::construct, tensor, args, why);
  if (!call) {
    CallArgs with_receiver = args;
    with_receiver.positional.insert(with_receiver.positional.begin(), tensor);
    return call_unknown("'" + name + "' at " + location(args.offset) + ": " + why, with_receiver);
  }
  return apply(*call, -1, args.offset);
}

ValuePtr GraphBuilder::tensor_attribute(const ValuePtr& tensor, const std::string& name, uint32_t offset) {
  if (auto found = properties_.find(name); found != properties_.end()) {
    const HubOp& op = *found->second.front().op;
    if (op.name == "shape" || op.name == "axis_size") return tensor->items[0];
    std::string why;
    auto call = read(found->second, convert::Phase::construct, tensor, CallArgs{{}, {}, offset}, why);
    if (!call) return make_unknown("'" + name + "': " + why);
    return apply(*call, -1, offset);
  }
  if (methods_.count(name)) return make_builtin("tensor." + name, tensor);
  return make_unknown("tensor attribute '" + name + "' at " + location(offset));
}

bool GraphBuilder::iterate_tensor(const ValuePtr& tensor, uint32_t offset, std::vector<ValuePtr>& items) {
  std::vector<int64_t> dims;
  if (!shape_dims(*tensor->items[0], dims) || dims.empty()) return false;
  items.clear();
  for (int64_t i = 0; i < dims[0]; ++i) items.push_back(tensor_subscript(tensor, make_int(i), offset));
  return true;
}

ValuePtr GraphBuilder::tensor_subscript(const ValuePtr& tensor, const ValuePtr& index, uint32_t offset) {
  // Python's indexing: integers drop an axis, slices keep it (shortened), None adds one, `...`
  // stands for the axes not named.
  std::vector<ValuePtr> parts = index->kind == Value::Kind::tuple ? index->items : std::vector<ValuePtr>{index};
  std::vector<int64_t> dims, out;
  ValuePtr shape;
  std::vector<ValuePtr> inputs{tensor};
  if (index->kind == Value::Kind::tensor) {
    shape = gather_shape(tensor, index, offset);
    inputs.push_back(index);
  } else if (!shape_dims(*tensor->items[0], dims)) {
    shape = tensor->items[0]->is_unknown() ? tensor->items[0] : make_unknown("the input shape is not known");
  } else {
    size_t axis = 0;
    auto is_ellipsis = [](const Value& part) { return part.kind == Value::Kind::builtin && part.text == "Ellipsis"; };
    size_t named = 0;  // the axes the parts other than `...` index
    for (const auto& part : parts) named += part->kind == Value::Kind::integer || part->kind == Value::Kind::slice;
    for (const auto& part : parts) {
      if (is_ellipsis(*part) && named <= dims.size()) {
        const size_t spanned = dims.size() - named;
        out.insert(out.end(), dims.begin() + static_cast<long>(axis), dims.begin() + static_cast<long>(axis + spanned));
        axis += spanned;
        named = dims.size();  // a second `...` spans nothing
      } else if (part->kind == Value::Kind::none) {
        out.push_back(1);
      } else if (part->kind == Value::Kind::integer && axis < dims.size()) {
        ++axis;
      } else if (part->kind == Value::Kind::slice && axis < dims.size()) {
        const auto range = make_shape(std::vector<int64_t>(dims[axis], 0));
        static const ExprPtr kSlice = parse_expression("items[start:stop:step]");
        const ValuePtr sliced = ShapeRules::evaluate(*kSlice,
            {{"items", range}, {"start", part->items[0]}, {"stop", part->items[1]}, {"step", part->items[2]}});
        if (!sliced->is_sequence()) {
          shape = sliced;
          break;
        }
        out.push_back(static_cast<int64_t>(sliced->items.size()));
        ++axis;
      } else {
        shape = make_unknown("indexing with " + describe(*part) + " at " + location(offset));
        break;
      }
    }
    if (!shape) {
      out.insert(out.end(), dims.begin() + static_cast<long>(std::min(axis, dims.size())), dims.end());
      shape = make_shape(out);
    }
  }
  bool flowing = false;
  for (const auto& input : inputs) flowing = flowing || input->node >= 0;
  ValuePtr result;
  if (!flowing) {
    result = make_tensor(-1, 0, shape);  // a constant (a buffer being built)
  } else {
    Node node;
    node.op = "index";
    node.location = location(offset);
    const int at = add_node(std::move(node), inputs);
    graph_.nodes[at].outputs.push_back(output_shape(shape));
    result = make_tensor(at, 0, shape);
  }
  result->dtype = tensor->dtype;
  // A row of a known constant (`widths[i]`): its values are the row's.
  if (tensor->data && tensor->data->is_sequence() && index->kind == Value::Kind::integer) {
    int64_t row = index->integer;
    if (normalize_index(row, tensor->data->items.size())) result->data = tensor->data->items[row];
  }
  return result;
}

}  // namespace switcheroo::graph
