#include "padded_paths.h"

#include "side_path.h"

#include "convert/padding_as_same.h"
#include "convert/padding_layer_rules.h"
#include "core/hub.h"

#include <optional>

namespace switcheroo::weights {
namespace {

// The module's arguments as written, as a hub call of its op; nullopt where none are recorded.
std::optional<convert::HubCall> written_call(const graph::Module& module) {
  const HubOp* op = builtin_hub().find(module.op);
  if (op == nullptr || module.written.empty()) return std::nullopt;
  convert::HubCall call;
  call.op = op;
  for (const auto& argument : module.written) {
    call.values[argument.name] = convert::value_of(argument.value);
  }
  return call;
}

const OpMapping* side_mapping(const graph::Module& module, const Side& side) {
  if (side.ops == nullptr) return nullptr;
  const auto found = side.ops->find(module.op);
  return found == side.ops->end() ? nullptr : &found->second;
}

}  // namespace

bool padded_in_sequence(const graph::Module& module, const Side& side) {
  if (module.attribute_built || convert::padding_layer_op(module.op) == nullptr) return false;
  const OpMapping* target = side_mapping(module, side);
  auto call = written_call(module);
  if (target == nullptr || !call) return false;
  convert::integer_padding_as_same(module.op, *call, *target);
  const auto sequential = side.ops->find("sequential");
  return convert::padding_layer_for(*side.ops, module.op, *call, *target) != nullptr &&
         sequential != side.ops->end() && sequential->second.kind == "layer";
}

bool folded_from_sequence(const graph::ModelGraph& graph, const graph::Module& module,
                          const Side& side) {
  if (module.parent < 0) return false;
  const graph::Module& parent = graph.modules[static_cast<size_t>(module.parent)];
  if (layer_op(parent) != "sequential" || parent.children.size() != 2 ||
      &graph.modules[static_cast<size_t>(parent.children[1])] != &module) {
    return false;
  }
  const graph::Module& pad = graph.modules[static_cast<size_t>(parent.children[0])];
  const char* pad_op = convert::padding_layer_op(module.op);
  const auto call = written_call(module);
  const OpMapping* target = side_mapping(module, side);
  if (pad_op == nullptr || pad.op != pad_op || pad.written.size() != 1 ||
      pad.written.front().name != "padding" || !call || !convert::pads_nothing(*call) ||
      target == nullptr) {
    return false;
  }
  const std::string& padding = pad.written.front().value;
  return convert::plain_padding(padding) && convert::padding_written(padding, *target);
}

}  // namespace switcheroo::weights
