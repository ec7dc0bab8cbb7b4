// Modules as constructors build them: framework layers read through the spoke, objects of the
// file's module classes, submodules registered by attribute assignment (in first-assignment
// order, as the frameworks do), containers (Sequential, module lists) and their children.
#include "graph_builder.h"

#include "python/syntax_error.h"

#include <algorithm>
#include <functional>

namespace switcheroo::graph {
namespace {

constexpr const char* kUnit = "draw";

ValuePtr object_value(const std::shared_ptr<Instance>& instance) {
  auto value = std::make_shared<Value>();
  value->kind = Value::Kind::object;
  value->instance = instance;
  return value;
}

}  // namespace

ParameterCount GraphBuilder::own_parameters(const ReadCall& call) const {
  ParameterCount count;
  const ShapeRule* rule = rules_.find(call.op->name);
  if (rule == nullptr || rule->params == nullptr) {
    if (call.op->kind == "layer" && !is_container(call.op->name) && call.op->name != "identity" &&
        call.op->name != "flatten_layer" && call.op->name != "parameter_list") {
      count.reason = "no parameter rule for '" + call.op->name + "'";
      return count;
    }
    count.known = true;
    return count;
  }
  const ValuePtr value = ShapeRules::evaluate(*rule->params, call.values);
  if (value->kind == Value::Kind::integer) {
    count.known = true;
    count.count = value->integer;
  } else {
    count.reason = value->is_unknown() ? value->text : "the parameter rule of '" + call.op->name + "' gives " + describe(*value);
  }
  return count;
}

// Each parameter the hub's rules give the layer's op, in the hub's layout.
void add_parameter_shapes(const ShapeRules& rules, const ReadCall& call, Module& module) {
  const ParameterRules* parameters = rules.parameters(call.op->name);
  if (parameters == nullptr) return;
  module.has_parameter_rules = true;
  for (const auto& [name, rule] : *parameters) {
    const ValuePtr value = ShapeRules::evaluate(*rule, call.values);
    if (value->kind == Value::Kind::none) continue;
    ParameterShape shape;
    shape.name = name;
    shape.known = shape_dims(*value, shape.dims);
    if (!shape.known) {
      shape.reason = value->is_unknown() ? value->text : "the shape rule gives " + describe(*value);
    }
    module.parameter_shapes.push_back(std::move(shape));
  }
}

ValuePtr GraphBuilder::new_layer(const ReadCall& call, const std::string& api, uint32_t offset) {
  const int index = static_cast<int>(graph_.modules.size());
  Module module;
  module.kind = call.op->name;
  module.op = call.op->name;
  module.api = api;
  module.arguments = explicit_arguments(call);
  module.own_parameters = own_parameters(call);
  add_parameter_shapes(rules_, call, module);
  module.location = location(offset);
  record_written(call, api, offset, module);
  graph_.modules.push_back(std::move(module));
  auto instance = std::make_shared<Instance>();
  instance->module = index;
  module_objects_[index] = instance;
  layers_[index] = call;
  if (is_container(call.op->name)) add_container_children(index, call, offset);
  if (call.op->name == "parameter_list") hold_listed_parameters(index, call, offset);
  return object_value(instance);
}

// `nn.ParameterList([p, q])`: each parameter held under its position, as the list names it
// (`extras.0`). A list that is not known, or holds anything else, leaves the count unknown.
void GraphBuilder::hold_listed_parameters(int module, const ReadCall& call, uint32_t offset) {
  auto values = call.values.find("values");
  if (values == call.values.end() || values->second->kind == Value::Kind::none) return;
  if (!values->second->is_sequence()) {
    forget_parameters(module, "the parameters listed at " + location(offset) + " are not known");
    return;
  }
  for (size_t i = 0; i < values->second->items.size(); ++i) {
    const Value& item = *values->second->items[i];
    if (item.kind != Value::Kind::tensor || item.text != "parameter") {
      forget_parameters(module, "item " + std::to_string(i) + " of the parameters listed at " +
                                    location(offset) + " is not a parameter");
      return;
    }
    hold_tensor(module, std::to_string(i), item, false);
  }
}

void GraphBuilder::add_container_children(int module, const ReadCall& call, uint32_t offset) {
  // Children come positionally (Sequential(a, b)), as one list (ModuleList([a, b])), or as
  // one dict of names (Sequential(OrderedDict(...))).
  auto layers = call.values.find("layers");
  std::vector<ValuePtr> items;
  if (layers != call.values.end() && layers->second->is_sequence()) items = layers->second->items;
  if (layers != call.values.end() &&
      (layers->second->kind == Value::Kind::dict || layers->second->kind == Value::Kind::object)) {
    items = {layers->second};
  }
  if (layers != call.values.end() && layers->second->is_unknown()) {
    add_child(module, "?", unknown_module(*layers->second, offset));  // contents not known
  }
  if (items.size() == 1 && items[0]->is_sequence()) items = items[0]->items;
  if (items.size() == 1 && items[0]->kind == Value::Kind::dict) {
    const auto& pairs = items[0]->items;
    for (size_t i = 0; i + 1 < pairs.size(); i += 2) {
      const ValuePtr& item = pairs[i + 1];
      const int child = item->kind == Value::Kind::object && item->instance->module >= 0
                            ? item->instance->module
                            : unknown_module(*item, offset);
      add_child(module, pairs[i]->kind == Value::Kind::string ? pairs[i]->text : "?", child);
    }
  } else {
    for (const auto& item : items) {
      // A child that is not known keeps its place, so that the paths after it stay right.
      const int child = item->kind == Value::Kind::object && item->instance->module >= 0
                            ? item->instance->module
                            : unknown_module(*item, offset);
      add_child(module, std::to_string(graph_.modules[module].children.size()), child);
    }
  }
}

int GraphBuilder::unknown_module(const Value& value, uint32_t offset) {
  const int index = static_cast<int>(graph_.modules.size());
  Module module;
  module.kind = "unknown";
  module.own_parameters.reason = value.is_unknown() ? value.text : "not a module: " + describe(value);
  module.location = location(offset);
  graph_.modules.push_back(std::move(module));
  auto instance = std::make_shared<Instance>();
  instance->module = index;
  module_objects_[index] = instance;
  return index;
}

ValuePtr GraphBuilder::new_module_object(const ValuePtr& class_value, uint32_t offset) {
  const int index = static_cast<int>(graph_.modules.size());
  Module module;
  module.kind = class_value->class_value->name;
  module.own_parameters.known = true;
  module.location = location(offset);
  graph_.modules.push_back(std::move(module));
  auto instance = std::make_shared<Instance>();
  instance->class_value = class_value->class_value;
  instance->module = index;
  module_objects_[index] = instance;
  return object_value(instance);
}

const Value* GraphBuilder::foreign_base(const std::shared_ptr<ClassValue>& class_value) const {
  if (!class_value) return nullptr;
  for (const auto& base : class_value->bases) {
    if (base->kind == Value::Kind::class_) {
      if (const Value* inherited = foreign_base(base->class_value)) return inherited;
    } else if (!(base->kind == Value::Kind::api &&
                 base->text == request_.adapter->traits.module_base_class)) {
      return base.get();  // a framework or library class whose constructor is not followed
    }
  }
  return nullptr;
}

ValuePtr GraphBuilder::instantiate(const ValuePtr& class_value, CallArgs& args) {
  if (!is_module_class(class_value)) return construct_plain(class_value, args);
  ValuePtr object = new_module_object(class_value, args.offset);
  const Value* base = foreign_base(class_value->class_value);
  auto [constructor, owner] =
      find_method(class_value->class_value, request_.adapter->traits.constructor);
  if (constructor != nullptr) {
    call_function(*constructor, object, owner, args);
  } else if (base != nullptr && base->kind == Value::Kind::api && apis_.count(base->text)) {
    construct_base(object, *base, args);  // the framework layer's constructor, inherited
  } else if ((!args.positional.empty() || !args.keywords.empty()) && base == nullptr) {
    throw Error(Diagnostic{Severity::error, source_location(args.offset),
                           "'" + class_value->class_value->name + "' has no '" +
                               request_.adapter->traits.constructor + "' to take its arguments",
                           kUnit});
  }
  if (base != nullptr && !built_layer(object->instance->module)) {
    forget_parameters(object->instance->module, "'" + class_value->class_value->name +
                                                    "' derives from '" + describe(*base) +
                                                    "', whose constructor is not followed");
  }
  return object;
}

void GraphBuilder::add_child(int parent, const std::string& name, int child) {
  if (child == parent) return;
  Module& node = graph_.modules[child];
  auto& siblings = graph_.modules[parent].children;
  for (int& sibling : siblings) {
    if (graph_.modules[sibling].name == name && graph_.modules[sibling].parent == parent) {
      graph_.modules[sibling].parent = -1;  // reassigned: the new module takes its place
      if (node.parent >= 0) return;
      sibling = child;
      node.parent = parent;
      node.name = name;
      return;
    }
  }
  if (node.parent >= 0) return;  // a module shared by two parents is counted where first put
  node.parent = parent;
  node.name = name;
  siblings.push_back(child);
}

void GraphBuilder::attribute_set(const ValuePtr& object, const std::string& name,
                                 const ValuePtr& value, uint32_t offset) {
  const int module = object->instance->module;
  if (module < 0) return;
  if (value->kind == Value::Kind::tensor && value->parameter_of >= 0) {
    tie_parameter(module, name, *value, offset);
  } else if (value->kind == Value::Kind::object && value->instance->module >= 0) {
    add_child(module, name, value->instance->module);
  } else if (value->kind == Value::Kind::tensor && value->text == "parameter") {
    hold_tensor(module, name, *value, false);
  } else {
    drop_held_tensor(module, name);
    // A submodule replaced by something else leaves; an attribute that is not known may hold a
    // module or a parameter, so the count cannot be known.
    auto& children = graph_.modules[module].children;
    for (auto child = children.begin(); child != children.end(); ++child) {
      if (graph_.modules[*child].name == name) {
        graph_.modules[*child].parent = -1;
        children.erase(child);
        break;
      }
    }
    if (value->is_unknown()) forget_parameters(module, "attribute '" + name + "' is not known: " + value->text);
    if (value->kind == Value::Kind::object && foreign_base(value->instance->class_value)) {
      forget_parameters(module, "attribute '" + name + "' is an object of a class deriving from '" +
                                    foreign_base(value->instance->class_value)->text + "'");
    }
  }
}

void GraphBuilder::hold_tensor(int module, const std::string& name, const Value& tensor,
                               bool buffer) {
  drop_held_tensor(module, name);
  HeldTensor held;
  held.name = name;
  held.buffer = buffer;
  held.known = shape_dims(*tensor.items[0], held.dims);
  if (!held.known)
    held.reason = "the shape of " + std::string(buffer ? "buffer" : "parameter") + " '" + name +
                  "' is not known";
  graph_.modules[module].held_tensors.push_back(held);
  if (buffer) return;
  ParameterCount& own = graph_.modules[module].own_parameters;
  if (!held.known) {
    forget_parameters(module, held.reason);
    return;
  }
  int64_t count = 1;
  for (int64_t dim : held.dims) count *= dim;
  if (own.known) own.count += count;
}

void GraphBuilder::drop_held_tensor(int module, const std::string& name) {
  auto& held = graph_.modules[module].held_tensors;
  for (auto tensor = held.begin(); tensor != held.end(); ++tensor) {
    if (tensor->name != name) continue;
    if (!tensor->buffer) forget_parameters(module, "parameter '" + name + "' is assigned twice");
    held.erase(tensor);
    return;
  }
}

// `self.register_buffer(name, tensor)`: the name first, the tensor second or by the keyword the
// spoke gives the hub's `data`; None registers nothing. Other arguments (whether it is saved)
// are not modelled.
ValuePtr GraphBuilder::register_buffer(const ValuePtr& object, CallArgs& args) {
  const int module = object->instance->module;
  const ValuePtr named = args.get("name", 0);
  const ValuePtr data = args.get(buffer_data_keyword_, 1);
  const size_t given = args.positional.size() + args.keywords.size();
  if (!named || named->kind != Value::Kind::string || !data || given != 2 ||
      (data->kind != Value::Kind::tensor && data->kind != Value::Kind::none)) {
    forget_parameters(module,
                      "the buffer registered at " + location(args.offset) + " is not known");
  } else {
    if (data->kind == Value::Kind::tensor) hold_tensor(module, named->text, *data, true);
    // Read back as an attribute (`self.relative_position_index`), with its shape and dtype.
    object->instance->attributes[named->text] = data;
  }
  return make_none();
}

bool GraphBuilder::registers_parameter(const std::string& method) const {
  const auto& methods = request_.adapter->traits.register_state;
  const auto found = methods.find("parameter");
  return found != methods.end() && found->second == method;
}

// `self.register_parameter(name, parameter)`: the name first, then a parameter the graph built
// (`nn.Parameter(tensor)`) or None, positionally or by any keyword; held as an attribute would be.
ValuePtr GraphBuilder::register_parameter(const ValuePtr& object, CallArgs& args) {
  const int module = object->instance->module;
  const ValuePtr named = args.get("name", 0);
  ValuePtr data = args.positional.size() > 1 ? args.positional[1] : nullptr;
  for (const auto& [keyword, value] : args.keywords) {
    if (keyword != "name" && data == nullptr) data = value;
  }
  const size_t given = args.positional.size() + args.keywords.size();
  const bool parameter = data && data->kind == Value::Kind::tensor && data->text == "parameter";
  if (!named || named->kind != Value::Kind::string || given != 2 || !data ||
      (!parameter && data->kind != Value::Kind::none)) {
    forget_parameters(module,
                      "the parameter registered at " + location(args.offset) + " is not known");
  } else if (parameter) {
    hold_tensor(module, named->text, *data, false);
  }
  return make_none();
}

void GraphBuilder::object_changed(const ValuePtr& object, const std::string& reason) {
  if (object->instance->module >= 0) forget_parameters(object->instance->module, reason);
}

void GraphBuilder::forget_parameters(int module, const std::string& reason) {
  ParameterCount& own = graph_.modules[module].own_parameters;
  if (!own.known) return;
  own.known = false;
  own.reason = reason;
}

std::vector<ValuePtr> GraphBuilder::children_of(const Instance& instance) const {
  std::vector<ValuePtr> children;
  if (instance.module < 0) return children;
  for (int child : graph_.modules[instance.module].children) {
    children.push_back(object_value(module_objects_.at(child)));
  }
  return children;
}

bool GraphBuilder::iterate_object(const ValuePtr& object, std::vector<ValuePtr>& items) {
  if (object->kind != Value::Kind::object || !object->instance) return false;
  const std::string container = container_op(object->instance->module);
  if (container.empty()) return false;
  items = children_of(*object->instance);
  if (container == "module_dict") {
    for (auto& item : items) item = make_string(graph_.modules[item->instance->module].name);
  }
  return true;
}

ValuePtr GraphBuilder::object_subscript(const ValuePtr& object, const ValuePtr& index, uint32_t offset) {
  std::vector<ValuePtr> children;
  if (container_op(object->instance->module) == "module_dict" &&
      index->kind == Value::Kind::string) {
    for (const auto& child : children_of(*object->instance)) {
      if (graph_.modules[child->instance->module].name == index->text) return child;
    }
  }
  if (!iterate_object(object, children) || index->kind != Value::Kind::integer) {
    return make_unknown("indexing " + describe(*object) + " at " + location(offset));
  }
  int64_t at = index->integer;
  if (!normalize_index(at, children.size())) return make_unknown("index out of range at " + location(offset));
  return children[at];
}

ValuePtr GraphBuilder::object_attribute(const ValuePtr& object, const std::string& name, uint32_t offset) {
  const int module = object->instance->module;
  const std::string container = container_op(module);
  if ((container == "sequential" || container == "module_list") &&
      (name == "append" || name == "extend")) {
    return make_builtin("module." + name, object);
  }
  if (container == "module_dict" && (name == "items" || name == "values" || name == "keys")) {
    return make_builtin("module." + name, object);
  }
  const TrainingMode& training = request_.adapter->traits.training;
  if (training.reads == "attribute" && name == training.name) {
    return make_bool(training.inverted);  // the graph is of inference: not training
  }
  const auto& add_child = request_.adapter->traits.add_child;
  if (module >= 0 && std::find(add_child.begin(), add_child.end(), name) != add_child.end()) {
    return make_builtin("module.add-child", object);
  }
  if (const ReadCall* layer = built_layer(module)) {
    // A constructor argument read back through its framework name (`fc.in_features`).
    for (const auto& [hub_name, value] : layer->values) {
      if (layer->mapping->framework_name(hub_name) == name) return value;
    }
  }
  if (auto parameter = layer_parameter(module, name)) return parameter;
  if (module >= 0 && buffer_methods_.count(name)) return make_builtin("module-buffer", object);
  if (module >= 0 && registers_parameter(name)) return make_builtin("module-parameter", object);
  if (module >= 0) return make_builtin("module-method." + name, object);
  return make_unknown("attribute '" + name + "' of " + describe(*object) + " at " + location(offset));
}

const WeightParameter* GraphBuilder::framework_parameter(int module, const std::string& name) const {
  const ReadCall* layer = built_layer(module);
  if (layer == nullptr) return nullptr;
  const auto& layers = request_.adapter->traits.weights.layers;
  auto tensors = layers.find(layer->op->name);
  if (tensors == layers.end()) return nullptr;
  for (const WeightParameter& parameter : tensors->second) {
    if (parameter.name == name && !parameter.hub.empty() && !parameter.composite()) return &parameter;
  }
  return nullptr;
}

ValuePtr GraphBuilder::layer_parameter(int module, const std::string& name) const {
  const WeightParameter* parameter = framework_parameter(module, name);
  if (parameter == nullptr) return nullptr;
  for (const ParameterShape& shape : graph_.modules[module].parameter_shapes) {
    if (shape.name != parameter->hub) continue;
    ValuePtr tensor;
    if (!shape.known) {
      tensor = make_tensor(-1, 0, make_unknown(shape.reason));
    } else if (parameter->permute.empty()) {
      tensor = make_tensor(-1, 0, make_shape(shape.dims));
    } else {
      if (parameter->permute.size() != shape.dims.size()) return nullptr;
      std::vector<int64_t> dims;
      for (int axis : parameter->permute) {
        if (axis < 0 || static_cast<size_t>(axis) >= shape.dims.size()) return nullptr;
        dims.push_back(shape.dims[axis]);
      }
      tensor = make_tensor(-1, 0, make_shape(dims));
    }
    tensor->parameter_of = module;  // the same tensor when assigned to another layer (a tie)
    tensor->text = shape.name;
    return tensor;
  }
  return make_none();  // the hub's rule gives None: `bias=False`
}

bool GraphBuilder::mutates_receiver(const std::string& name) const {
  const auto& add_child = request_.adapter->traits.add_child;
  return Interpreter::mutates_receiver(name) || buffer_methods_.count(name) > 0 ||
         registers_parameter(name) ||
         std::find(add_child.begin(), add_child.end(), name) != add_child.end();
}

ValuePtr GraphBuilder::container_method(const ValuePtr& object, const std::string& name, CallArgs& args) {
  const int module = object->instance->module;
  if (name == "add-child") {
    const ValuePtr named = args.get("name", 0);
    const ValuePtr child = args.get("module", 1);
    if (!named || named->kind != Value::Kind::string || !child || child->kind != Value::Kind::object ||
        child->instance->module < 0) {
      // Kept in its place (a Sequential runs it) under a name that says it is not known.
      const Value unknown = *make_unknown("the module added at " + location(args.offset) + " is not known");
      add_child(module, "?" + std::to_string(graph_.modules[module].children.size()),
                unknown_module(child ? *child : unknown, args.offset));
      return make_none();
    }
    add_child(module, named->text, child->instance->module);
    return make_none();
  }
  if (name == "items" || name == "values" || name == "keys") return dict_view(object, name);
  std::vector<ValuePtr> added = args.positional;
  if (name == "extend" && added.size() == 1 && !iterate(*added[0], added)) {
    return make_unknown("extending a container with " + describe(*args.positional[0]));
  }
  for (const auto& item : added) {
    const int child = item->kind == Value::Kind::object && item->instance->module >= 0
                          ? item->instance->module
                          : unknown_module(*item, args.offset);
    add_child(module, std::to_string(graph_.modules[module].children.size()), child);
  }
  return make_none();
}

ValuePtr GraphBuilder::object_operator(const std::string& op, const ValuePtr& object, const ValuePtr& value) {
  const std::string container = container_op(object->instance->module);
  if (op != "+" || (container != "sequential" && container != "module_list")) return nullptr;
  CallArgs args{{value}, {}, 0};
  container_method(object, "extend", args);
  return object;
}

ValuePtr GraphBuilder::call_extra_builtin(const ValuePtr& builtin, CallArgs& args) {
  const std::string& name = builtin->text;
  if (name.rfind("module.", 0) == 0) return container_method(builtin->items[0], name.substr(7), args);
  if (name.rfind("tensor.", 0) == 0) return tensor_method(builtin->items[0], name.substr(7), args);
  if (name == "module-buffer") return register_buffer(builtin->items[0], args);
  if (name == "module-parameter") return register_parameter(builtin->items[0], args);
  if (name.rfind("module-method.", 0) == 0) {
    // A framework method of a module the knowledge base does not describe (`register_buffer`,
    // `apply`): what it does to the module's parameters is not known.
    const std::string method = name.substr(14);
    const auto& queries = request_.adapter->traits.queries;
    if (std::find(queries.begin(), queries.end(), method) == queries.end()) {
      forget_parameters(builtin->items[0]->instance->module,
                        "'" + method + "' at " + location(args.offset) + " is not modelled");
    }
    return make_unknown("'" + method + "' of a module is not modelled");
  }
  if (name == "base-constructor") {
    construct_base(builtin->items[0], *builtin->items[1], args);
    return make_none();
  }
  if (name == "base-forward") return call_layer(builtin->items[0], args);
  return nullptr;
}

void GraphBuilder::finish_modules(const ValuePtr& model) {
  // Pre-order from the model: modules[0] is the model, paths join names with dots, and what
  // the model does not hold (a layer built and dropped) is left out.
  std::vector<int> order;
  std::vector<int> new_index(graph_.modules.size(), -1);
  std::function<void(int, const std::string&)> visit = [&](int module, const std::string& path) {
    new_index[module] = static_cast<int>(order.size());
    order.push_back(module);
    graph_.modules[module].path = path;
    for (int child : graph_.modules[module].children) {
      visit(child, path.empty() ? graph_.modules[child].name : path + "." + graph_.modules[child].name);
    }
  };
  visit(model->instance->module, "");
  keep_ties(new_index);
  read_result_uses();
  std::vector<Module> modules;
  for (int old : order) modules.push_back(std::move(graph_.modules[old]));
  for (Module& module : modules) {
    module.parent = module.parent >= 0 ? new_index[module.parent] : -1;
    for (int& child : module.children) child = new_index[child];
  }
  modules[0].parent = -1;
  modules[0].name.clear();
  const std::vector<int64_t> shared = tied_elements(modules, graph_.ties);
  for (size_t i = modules.size(); i-- > 0;) {
    Module& module = modules[i];
    module.parameters = module.own_parameters;
    for (int child : module.children) {
      const ParameterCount& inner = modules[child].parameters;
      if (!module.parameters.known) continue;
      if (!inner.known) {
        module.parameters = inner;
        module.parameters.reason = "'" + modules[child].path + "': " + inner.reason;
      } else {
        module.parameters.count += inner.count;
      }
    }
    if (module.parameters.known) module.parameters.count -= shared[i];
  }
  graph_.modules = std::move(modules);
  for (Node& node : graph_.nodes) node.module = node.module >= 0 ? new_index[node.module] : -1;
  for (Group& group : graph_.groups) group.module = group.module >= 0 ? new_index[group.module] : -1;
}

}  // namespace switcheroo::graph
