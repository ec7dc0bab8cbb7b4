// Attributes read from a layer whose class the engine knows, given the target layer's names
// (docs/conversion.md "Layer attributes"): the receiver's class comes from an enclosing
// `isinstance` test (narrowed_classes.h) or from the `self.<name> = <Layer>(...)` the class
// builds. An attribute that holds a constructor argument takes the target's name of that
// argument, as the spokes rename it in the call (`m.out_channels` of an nn.Conv2d is
// `m.out_features` of an nnx.Conv, and back); a parameter (`weight`, `bias`) is left to the
// rules that rename parameters, as are objects read further (`m.extra.value`) and attributes
// the file sets itself; any other attribute is reported.
#include "converter.h"

#include "narrowed_classes.h"

#include <algorithm>
#include <set>

namespace switcheroo::convert::engine_detail {
namespace {

// Is `name` a tensor the traits list for a layer of `op` (`weight`, `running_mean`)?
bool layer_parameter(const WeightTraits& traits, const std::string& op, const std::string& name) {
  const auto layer = traits.layers.find(op);
  if (layer == traits.layers.end()) return false;
  return std::any_of(layer->second.begin(), layer->second.end(), [&](const WeightParameter& p) {
    return p.name.substr(0, p.name.find('.')) == name;
  });
}

// The hub argument a layer spelled by `source` keeps as attribute `name`; empty where none.
std::string hub_argument(const HubOp& op, const OpMapping& source, const std::string& name) {
  for (const HubArgument& argument : op.arguments) {
    if (std::find(source.dropped.begin(), source.dropped.end(), argument.name) !=
        source.dropped.end()) {
      continue;
    }
    const auto renamed = source.arguments.find(argument.name);
    if ((renamed == source.arguments.end() ? argument.name : renamed->second) == name) {
      return argument.name;
    }
  }
  return {};
}

}  // namespace

// The source's layer the class written `text` names; nullptr where it names none.
const SourceEntry* Converter::layer_class_entry(const std::string& text) const {
  const auto qualified = resolver_.qualify(text);
  const auto* entries = qualified ? index_.api(*qualified) : nullptr;
  if (entries == nullptr) return nullptr;
  for (const SourceEntry& entry : *entries) {
    if (entry.mapping->kind == "layer") return &entry;
  }
  return nullptr;
}

// The target's name of attribute `name` of `entry`'s layer: empty to leave it as it is,
// nullopt with `why` (empty: nothing maps it) to report it.
std::optional<std::string> Converter::attribute_in_target(const SourceEntry& entry,
                                                          const std::string& name,
                                                          std::string& why) const {
  const std::string& op = entry.op->name;
  // A parameter, in either framework's name for it (`m.weight` on an nnx.Linear is read as
  // PyTorch's), is left to the rules that rename parameters.
  if (layer_parameter(source_.data->traits.weights, op, name) ||
      layer_parameter(target_.data->traits.weights, op, name)) {
    return std::string();
  }
  const std::string hub = hub_argument(*entry.op, *entry.mapping, name);
  if (hub.empty()) return std::nullopt;
  const OpMapping* target = target_mapping(*target_.data, op, "layer");
  if (target == nullptr || target->kind != "layer" || target->api.empty()) return std::string();
  if (std::find(target->dropped.begin(), target->dropped.end(), hub) != target->dropped.end()) {
    why = "the '" + target_.name + "' layer keeps no '" + hub + "'";
    return std::nullopt;
  }
  for (const auto& [parameter, packed] : target->packed) {
    if (std::find(packed.begin(), packed.end(), hub) != packed.end()) {
      why = "the '" + target_.name + "' layer keeps it in '" + parameter + "' with other values";
      return std::nullopt;
    }
  }
  const auto renamed = target->arguments.find(hub);
  const std::string name_there = renamed == target->arguments.end() ? hub : renamed->second;
  if (layer_parameter(target_.data->traits.weights, op, name_there)) {
    // Flax's use_bias: PyTorch's `bias` is the tensor, not the flag
    why = "'" + name_there + "' is a parameter of the '" + target_.name + "' layer";
    return std::nullopt;
  }
  return name_there;
}

// The layers the receiver of `read` is known to be: the classes an isinstance test narrows
// it to, else the layer `self.<name>` is built as; empty where unknown.
std::vector<const SourceEntry*> Converter::receiver_layers(const AttributeRead& read) const {
  std::vector<const SourceEntry*> layers;
  for (const std::string& text : narrowed_classes(tree_, read.trailer, read.receiver)) {
    const SourceEntry* entry = layer_class_entry(text);
    if (entry == nullptr) return {};  // a class of the file's own, or not a layer
    layers.push_back(entry);
  }
  if (!layers.empty() || read.receiver.rfind("self.", 0) != 0 ||
      read.receiver.find('.', 5) != std::string_view::npos) {
    return layers;
  }
  const std::string receiver(read.receiver);
  NodeId owner = layer_attribute(read.trailer, receiver).first;
  // An attribute the class does not assign is its base's, where a class of the file builds it
  // (swin's V2 attention calls the `self.qkv` its base builds).
  for (int depth = 0; owner != python::kNoNode && depth < 8 &&
                      assignments_of(tree_, owner, receiver) == 0;
       ++depth) {
    owner = base_class_in_file(owner);
  }
  if (owner == python::kNoNode || assignments_of(tree_, owner, receiver) != 1) return layers;
  const std::string op = built_layer_op(owner, receiver);
  const auto* entries = op.empty() ? nullptr : index_.api(api_of(*source_.data, op));
  if (entries != nullptr && !entries->empty()) layers.push_back(&entries->front());
  return layers;
}

// The class definition of the file that the class `definition` derives from, where it derives
// from one (the first such base); kNoNode where none.
NodeId Converter::base_class_in_file(NodeId definition) const {
  const auto& classes = modules_.module_classes();
  const auto own = std::find_if(classes.begin(), classes.end(),
                                [&](const rewrite::ClassDef& c) { return c.node == definition; });
  if (own == classes.end()) return python::kNoNode;
  for (const auto& base : own->bases.items) {
    const std::string name = rewrite::token_text(tree_, base.value);
    for (const auto& other : classes) {
      if (other.name == name && other.node != definition) return other.node;
    }
  }
  return python::kNoNode;
}

void Converter::convert_layer_attributes() {
  if (!source_.data->traits.has_modules() || !target_.data->traits.has_modules()) return;
  const auto reads = attribute_reads(tree_);
  std::set<std::string> own;  // attributes the file sets itself (`self.fc.stddev = 0.001`)
  for (const AttributeRead& read : reads) {
    if (read.assigned) own.insert(read.name);
  }
  for (const AttributeRead& read : reads) {
    const auto layers = receiver_layers(read);
    const auto container = [](const SourceEntry* layer) {
      return std::any_of(layer->op->arguments.begin(), layer->op->arguments.end(),
                         [](const HubArgument& argument) { return argument.variadic; });
    };
    // A container's attributes are the names of its children.
    if (layers.empty() || std::any_of(layers.begin(), layers.end(), container)) continue;
    std::optional<std::string> name;
    std::string why;
    for (const SourceEntry* layer : layers) {
      auto renamed = attribute_in_target(*layer, read.name, why);
      // Set by the file itself, or an object whose own attributes are read (a parameter's
      // `.value`, reported where it is not one): not a constructor argument.
      if (!renamed && why.empty() && (own.count(read.name) || read.object)) {
        renamed = std::string();
      }
      if (renamed && name && *renamed != *name) {
        why = "the classes it may be name it differently";
        renamed.reset();
      }
      if (!renamed) {
        const python::Node& node = tree_.node(read.trailer);
        unconverted_at(node.begin + 1, read.trailer, layer->mapping->api + "." + read.name, why);
        name.reset();
        break;
      }
      name = std::move(renamed);
    }
    if (!name || name->empty() || *name == read.name) continue;
    const python::Node& token = tree_.node(tree_.children(read.trailer).back());
    if (!edits_.covered(token.begin, token.end)) edits_.replace(token.begin, token.end, *name);
  }
}

}  // namespace switcheroo::convert::engine_detail
