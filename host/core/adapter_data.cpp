#include "adapter_data.h"

#include "text_util.h"
#include "toml_reader.h"

#include <algorithm>

namespace switcheroo {
namespace {

constexpr const char* kUnit = "adapter";

std::string required_string(const TomlReader& reader, const toml::table& table,
                            std::string_view key, const std::string& where) {
  const toml::node* node = table.get(key);
  if (node == nullptr)
    reader.fail(reader.where(table), where + " needs '" + std::string(key) + "'");
  return reader.string(*node, std::string(key));
}

// An optional string restricted to `choices`; empty when absent.
std::string one_of(const TomlReader& reader, const toml::table& table, std::string_view key,
                   const std::vector<std::string>& choices) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return {};
  std::string value = reader.string(*node, std::string(key));
  if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
    reader.fail(reader.where(*node), "'" + std::string(key) + "' must be one of " +
                                         join_quoted(choices, ", ") + ", not '" + value + "'");
  }
  return value;
}

AdapterTraits read_traits(const TomlReader& reader, const toml::table& root) {
  reader.check_keys(root, "the traits",
                    {"display-name", "framework", "imports", "module", "tensor"});
  AdapterTraits traits;
  if (auto node = root.get("module")) {
    const toml::table& module = reader.table(*node, "module");
    reader.check_keys(module, "[module]", {"base-class", "forward-method", "init-calls-super"});
    traits.module_base_class = required_string(reader, module, "base-class", "[module]");
    traits.forward_method = required_string(reader, module, "forward-method", "[module]");
    if (auto flag = module.get("init-calls-super")) {
      traits.init_calls_super = reader.boolean(*flag, "init-calls-super");
    }
  }
  if (auto node = root.get("imports")) traits.imports = reader.string_table(*node, "imports");
  if (auto node = root.get("tensor")) {
    const toml::table& tensor = reader.table(*node, "tensor");
    reader.check_keys(tensor, "[tensor]", {"layout", "rng"});
    traits.layout = one_of(reader, tensor, "layout", {"NCHW", "NHWC"});
    traits.rng = one_of(reader, tensor, "rng", {"stateful", "explicit-keys"});
  }
  return traits;
}

std::map<std::string, OpMapping> read_spoke(const TomlReader& reader, const toml::table& root) {
  reader.check_keys(root, "the spoke", {"ops"});
  std::map<std::string, OpMapping> ops;
  const toml::node* table = root.get("ops");
  if (table == nullptr) return ops;
  for (const auto& [name, node] : reader.table(*table, "ops")) {
    const std::string op(name.str());
    const std::string where = "[ops." + op + "]";
    const toml::table& entry = reader.table(node, "ops." + op);
    reader.check_keys(entry, where, {"api", "args", "kind"});
    OpMapping mapping;
    mapping.api = required_string(reader, entry, "api", where);
    mapping.kind = one_of(reader, entry, "kind", {"layer", "function", "method"});
    if (mapping.kind.empty()) mapping.kind = "function";
    if (auto arguments = entry.get("args"))
      mapping.arguments = reader.string_table(*arguments, "args");
    ops.emplace(op, std::move(mapping));
  }
  return ops;
}

}  // namespace

AdapterData parse_adapter_data(std::string_view plugin_id, std::string_view traits_toml,
                               std::string_view spoke_toml) {
  AdapterData data;
  const TomlReader traits_reader(std::string(plugin_id) + ":traits.toml", kUnit);
  data.traits = read_traits(traits_reader, traits_reader.parse(traits_toml));
  const TomlReader spoke_reader(std::string(plugin_id) + ":spoke.toml", kUnit);
  data.ops = read_spoke(spoke_reader, spoke_reader.parse(spoke_toml));
  return data;
}

}  // namespace switcheroo
