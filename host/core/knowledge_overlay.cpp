#include "knowledge_overlay.h"

#include "spoke_reader.h"
#include "text_util.h"
#include "toml_reader.h"

namespace switcheroo {
namespace {

constexpr const char* kUnit = "kb";

void merge_entries(const std::map<std::string, OpMapping>& from,
                   std::map<std::string, OpMapping>& into, const std::string& framework) {
  for (const auto& [key, mapping] : from) {
    if (into.count(key)) {
      throw Error(Diagnostic{Severity::error, mapping.where,
                             "'" + key + "' is already mapped by the '" + framework +
                                 "' adapter; an overlay adds spellings (write \"" + key +
                                 "/<form>\" for another one)",
                             kUnit});
    }
    into.emplace(key, mapping);
  }
}

}  // namespace

KnowledgeOverlay read_knowledge_overlay(const std::filesystem::path& file, std::string_view text,
                                        Hub& hub) {
  const TomlReader reader(file.string(), kUnit);
  const toml::table root = reader.parse(text);
  reader.check_keys(root, "a knowledge overlay", {"hub", "spokes"});
  KnowledgeOverlay overlay;
  overlay.file = file;
  if (auto node = root.get("hub")) {
    for (const auto& [category, ops] : reader.table(*node, "hub")) {
      const std::string name(category.str());
      if (!is_python_identifier(name)) {
        reader.fail(reader.where(category), "hub category '" + name + "' is not an identifier");
      }
      const toml::table& table = reader.table(ops, "hub." + name);
      hub.add_ops(reader, name, table);
      for (const auto& entry : table) overlay.ops.emplace_back(entry.first.str());
    }
  }
  if (auto node = root.get("spokes")) {
    for (const auto& [framework, entries] : reader.table(*node, "spokes")) {
      const std::string name(framework.str());
      spoke_detail::read_ops(reader, reader.table(entries, "spokes." + name), hub,
                             overlay.spokes[name], spoke_detail::Primaries::same_table_or_adapter);
    }
  }
  return overlay;
}

void merge_overlay_spoke(const AdapterData& overlay, AdapterData& adapter,
                         const std::string& framework) {
  for (const auto& [key, mapping] : overlay.alternatives) {
    const std::string op = key.substr(0, key.find('/'));
    if (!overlay.ops.count(op) && !adapter.ops.count(op)) {
      throw Error(Diagnostic{Severity::error, mapping.where,
                             "alternative form '" + key + "' needs a primary: '" + framework +
                                 "' does not map '" + op + "', and the overlay does not either",
                             kUnit});
    }
  }
  merge_entries(overlay.ops, adapter.ops, framework);
  merge_entries(overlay.alternatives, adapter.alternatives, framework);
}

}  // namespace switcheroo
