// Classes of the file that derive from a framework layer: torchvision's
// `class MLP(torch.nn.Sequential)` builds its layers and hands them to the inherited
// constructor (`super().__init__(*layers)`), and has no forward method of its own. What the
// inherited constructor and forward do is the framework layer's, read through the spoke like
// any other construction of it: a container's arguments become the object's children, a
// layer's arguments its parameters, and calling the object runs the layer.
#include "graph_builder.h"

namespace switcheroo::graph {

ValuePtr GraphBuilder::inherited_member(const ValuePtr& self,
                                        const std::shared_ptr<ClassValue>& method_class,
                                        const std::string& name) {
  const auto& traits = request_.adapter->traits;
  const Value* base = foreign_base(method_class);
  if (!self || self->kind != Value::Kind::object || self->instance->module < 0 || base == nullptr ||
      base->kind != Value::Kind::api || !apis_.count(base->text)) {
    return Interpreter::inherited_member(self, method_class, name);
  }
  auto member = make_builtin(name == traits.constructor      ? "base-constructor"
                             : name == traits.forward_method ? "base-forward"
                                                             : "module-method." + name,
                             self);
  member->items.push_back(std::make_shared<Value>(*base));
  return member;
}

void GraphBuilder::construct_base(const ValuePtr& self, const Value& base, CallArgs& args) {
  const int module = self->instance->module;
  std::vector<Entry> layers;
  for (const Entry& entry : apis_.at(base.text)) {
    if (entry.op->kind == "layer") layers.push_back(entry);
  }
  std::string why;
  auto call = read(layers, convert::Phase::construct, nullptr, args, why);
  if (!call) {
    forget_parameters(module, "the constructor of '" + base.text + "' at " + location(args.offset) +
                                  " could not be read: " + why);
    return;
  }
  inherited_[module] = *call;
  graph_.modules[module].base_op = call->op->name;
  if (is_container(call->op->name)) {
    add_container_children(module, *call, args.offset);
    return;
  }
  add_parameter_shapes(rules_, *call, graph_.modules[module]);
  const ParameterCount inherited = own_parameters(*call);
  ParameterCount& own = graph_.modules[module].own_parameters;
  if (!inherited.known) {
    forget_parameters(module, inherited.reason);
  } else if (own.known) {
    own.count += inherited.count;
  }
}

void GraphBuilder::attribute_set_unnamed(const ValuePtr& object, const ValuePtr& value,
                                         uint32_t offset) {
  const int module = object->instance->module;
  if (module < 0) return;
  // A module (or parameter) under a name that is not known: kept in its place, not counted.
  const bool module_or_unknown =
      value->is_unknown() || (value->kind == Value::Kind::object && value->instance->module >= 0) ||
      (value->kind == Value::Kind::tensor && value->text == "parameter");
  if (!module_or_unknown) return;
  const Value unknown = *make_unknown("registered by setattr at " + location(offset) +
                                      " under a name that is not known");
  add_child(module, "?" + std::to_string(graph_.modules[module].children.size()),
            unknown_module(unknown, offset));
}

const ReadCall* GraphBuilder::built_layer(int module) const {
  if (auto layer = layers_.find(module); layer != layers_.end()) return &layer->second;
  if (auto inherited = inherited_.find(module); inherited != inherited_.end())
    return &inherited->second;
  return nullptr;
}

std::string GraphBuilder::container_op(int module) const {
  if (module < 0) return "";
  const ReadCall* built = built_layer(module);
  return built && is_container(built->op->name) ? built->op->name : "";
}

ValuePtr GraphBuilder::dict_view(const ValuePtr& object, const std::string& name) {
  // A module dict's items(), values() and keys(), in registration order.
  std::vector<ValuePtr> items;
  for (const auto& child : children_of(*object->instance)) {
    const ValuePtr key = make_string(graph_.modules[child->instance->module].name);
    items.push_back(name == "keys"     ? key
                    : name == "values" ? child
                                       : make_sequence(Value::Kind::tuple, {key, child}));
  }
  return make_sequence(Value::Kind::list, items);
}

bool GraphBuilder::is_container(const std::string& op) {
  return op == "sequential" || op == "module_list" || op == "module_dict";
}

}  // namespace switcheroo::graph
