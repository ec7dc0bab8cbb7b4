#include "trait_keys.h"

#include <functional>
#include <map>

namespace switcheroo {
namespace {

using Reader = std::function<std::string(const AdapterTraits&)>;

std::string flag(bool value) {
  return value ? "true" : "false";
}

// One rule per key: a table instead of a chain, so that a key added to the schema is one line.
const std::map<std::string, Reader, std::less<>>& readers() {
  static const std::map<std::string, Reader, std::less<>> table = {
      {"framework", [](const AdapterTraits& t) { return t.framework; }},
      {"display-name", [](const AdapterTraits& t) { return t.display_name; }},
      {"arrays.type", [](const AdapterTraits& t) { return t.array_type; }},
      {"arrays.dtype-module", [](const AdapterTraits& t) { return t.dtype_module; }},
      {"arrays.mutable", [](const AdapterTraits& t) { return flag(t.mutable_arrays); }},
      {"module.base-class", [](const AdapterTraits& t) { return t.module_base_class; }},
      {"module.forward-method", [](const AdapterTraits& t) { return t.forward_method; }},
      {"module.constructor", [](const AdapterTraits& t) { return t.constructor; }},
      {"module.init-calls-super", [](const AdapterTraits& t) { return flag(t.init_calls_super); }},
      {"module.hyper-parameters", [](const AdapterTraits& t) { return t.hyper_parameters; }},
      {"module.renamed-field", [](const AdapterTraits& t) { return t.renamed_field; }},
      {"module.children.method", [](const AdapterTraits& t) { return t.children.method; }},
      {"module.children.template", [](const AdapterTraits& t) { return t.children.template_api; }},
      {"module.children.instantiate",
       [](const AdapterTraits& t) { return t.children.instantiate; }},
      {"module.children.list-method",
       [](const AdapterTraits& t) { return t.children.list_method; }},
      {"module.state-class", [](const AdapterTraits& t) { return t.state_class; }},
      {"module.state-value", [](const AdapterTraits& t) { return t.state_value; }},
      {"module.array-attributes", [](const AdapterTraits& t) { return t.array_attributes; }},
      {"module.freeze", [](const AdapterTraits& t) { return t.freeze; }},
      {"module.pure-functions", [](const AdapterTraits& t) { return flag(t.pure_functions); }},
      {"module.training.reads", [](const AdapterTraits& t) { return t.training.reads; }},
      {"module.training.name", [](const AdapterTraits& t) { return t.training.name; }},
      {"module.training.inverted", [](const AdapterTraits& t) { return flag(t.training.inverted); }},
      {"rng.model", [](const AdapterTraits& t) { return t.rng.model; }},
      {"rng.seed", [](const AdapterTraits& t) { return t.rng.seed; }},
      {"rng.parameter", [](const AdapterTraits& t) { return t.rng.parameter; }},
      {"rng.type", [](const AdapterTraits& t) { return t.rng.type; }},
      {"rng.fresh", [](const AdapterTraits& t) { return t.rng.fresh; }},
      {"layouts.images", [](const AdapterTraits& t) { return t.images; }},
      {"layouts.sequences", [](const AdapterTraits& t) { return t.sequences; }},
  };
  return table;
}

// `prefix<rest>`: the rest, when `key` starts with `prefix` and has one.
std::optional<std::string_view> after(std::string_view key, std::string_view prefix) {
  if (key.size() <= prefix.size() || key.substr(0, prefix.size()) != prefix) return std::nullopt;
  return key.substr(prefix.size());
}

}  // namespace

std::optional<std::string> trait_value(const AdapterTraits& traits, std::string_view key) {
  if (auto found = readers().find(key); found != readers().end()) return found->second(traits);
  if (auto dtype = after(key, "arrays.dtype-names.")) {
    return traits.dtype_attribute(std::string(*dtype));
  }
  if (auto module = after(key, "imports.")) {
    auto found = traits.imports.find(std::string(*module));
    if (found != traits.imports.end()) return found->second;
  }
  return std::nullopt;
}

std::vector<std::string> trait_keys() {
  std::vector<std::string> keys;
  for (const auto& [key, reader] : readers()) keys.push_back(key);
  return keys;
}

}  // namespace switcheroo
