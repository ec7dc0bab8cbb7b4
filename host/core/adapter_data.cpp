#include "adapter_data.h"

#include "spoke_reader.h"
#include "text_util.h"
#include "toml_reader.h"

#include <algorithm>

namespace switcheroo {
namespace {

using spoke_detail::read_spoke;

constexpr const char* kUnit = "adapter";

// The hub's image layouts keep channels second (NCHW); a channels-last framework takes them
// last (NHWC) wherever its spoke does not say otherwise.
std::string channels_last(const std::string& layout) {
  return layout.substr(0, 1) + layout.substr(2) + layout.substr(1, 1);
}

bool is_image_layout(const std::string& layout) {
  return layout.size() >= 3 && layout.compare(0, 2, "NC") == 0;
}

void apply_image_layouts(const Hub& hub, AdapterData& data) {
  if (data.traits.images != "channels-last") return;
  auto derive = [&](OpMapping& mapping) {
    const HubOp* op = hub.find(mapping.op);
    if (op == nullptr || mapping.kind == "identity") return;
    for (const auto& [argument, layout] : op->layouts) {
      if (is_image_layout(layout) && !mapping.layouts.count(argument)) {
        mapping.layouts[argument] = channels_last(layout);
      }
    }
  };
  for (auto& [name, mapping] : data.ops) derive(mapping);
  for (auto& [name, mapping] : data.alternatives) derive(mapping);
}

}  // namespace

std::string OpMapping::framework_name(const std::string& name) const {
  auto renamed = arguments.find(name);
  return renamed == arguments.end() ? name : renamed->second;
}

std::vector<std::string> OpMapping::keywords(const HubOp& hub_op) const {
  std::vector<std::string> names;
  if (kind == "property" || kind == "identity") return names;
  auto passed_elsewhere = [&](const std::string& name) {
    if (name == receiver || name == varargs || fixed.count(name)) return true;
    if (std::find(positional.begin(), positional.end(), name) != positional.end()) return true;
    if (std::find(dropped.begin(), dropped.end(), name) != dropped.end()) return true;
    for (const auto& [parameter, members] : packed) {
      if (std::find(members.begin(), members.end(), name) != members.end()) return true;
    }
    return false;
  };
  // A layer's inputs go to the constructed object's call, never to its constructor.
  for (const auto& argument : hub_op.arguments) {
    if (!passed_elsewhere(argument.name)) names.push_back(framework_name(argument.name));
  }
  for (const auto& [parameter, members] : packed) names.push_back(parameter);
  for (const auto& [argument, parameters] : also) {
    if (!passed_elsewhere(argument))
      names.insert(names.end(), parameters.begin(), parameters.end());
  }
  for (const auto& [parameter, written] : injected) names.push_back(parameter);
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

AdapterData parse_adapter_data(std::string_view plugin_id, std::string_view traits_toml,
                               std::string_view spoke_toml, const Hub& hub) {
  AdapterData data;
  const TomlReader traits_reader(std::string(plugin_id) + ":traits.toml", kUnit);
  data.traits = read_traits(traits_reader, traits_reader.parse(traits_toml));
  const TomlReader spoke_reader(std::string(plugin_id) + ":spoke.toml", "kb");
  read_spoke(spoke_reader, spoke_reader.parse(spoke_toml), hub, data);
  apply_image_layouts(hub, data);
  return data;
}

AdapterData parse_adapter_data(std::string_view plugin_id, std::string_view traits_toml,
                               std::string_view spoke_toml) {
  return parse_adapter_data(plugin_id, traits_toml, spoke_toml, builtin_hub());
}

AdapterSummary summarize(const AdapterData& data) {
  AdapterSummary summary;
  summary.ops = static_cast<uint32_t>(data.ops.size());
  for (const auto* mappings : {&data.ops, &data.alternatives}) {
    for (const auto& [name, mapping] : *mappings) {
      if (!mapping.hook.empty()) summary.hooks.push_back({mapping.hook, mapping.where});
    }
  }
  return summary;
}

}  // namespace switcheroo
