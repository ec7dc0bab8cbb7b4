#include "adapter_data.h"

#include "spoke_reader.h"
#include "text_util.h"
#include "toml_reader.h"

#include <algorithm>

namespace switcheroo {
namespace {

using spoke_detail::read_spoke;

constexpr const char* kUnit = "adapter";

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
  return data;
}

AdapterData parse_adapter_data(std::string_view plugin_id, std::string_view traits_toml,
                               std::string_view spoke_toml) {
  return parse_adapter_data(plugin_id, traits_toml, spoke_toml, builtin_hub());
}

}  // namespace switcheroo
