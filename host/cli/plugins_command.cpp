// `swhost plugins`: what the manifest composes, plugin by plugin, with why any was refused.
#include "common.h"

#include "config.h"

#include <nlohmann/json.hpp>

#include <iomanip>
#include <ostream>

namespace switcheroo::cli {
namespace {

struct Row {
  std::string id, kind, version, abi, status, file, detail;
};

Row row_of(const PluginRecord& record) {
  Row row{"-", "-", "-", "-", status_name(record.status), record.file.string(), record.reason};
  if (record.plugin) {
    const auto& descriptor = record.plugin->descriptor();
    row.id = descriptor.id;
    row.kind = plugin_kind_name(descriptor.kind);
    row.version = descriptor.version;
    row.abi = record.plugin->abi().text();
  }
  return row;
}

nlohmann::json json_of(const PluginRecord& record) {
  const Row row = row_of(record);
  nlohmann::json entry = {
      {"id", record.plugin ? nlohmann::json(row.id) : nlohmann::json()},
      {"kind", record.plugin ? nlohmann::json(row.kind) : nlohmann::json()},
      {"version", record.plugin ? nlohmann::json(row.version) : nlohmann::json()},
      {"abi", record.plugin ? nlohmann::json(row.abi) : nlohmann::json()},
      {"file", row.file},
      {"status", row.status}};
  if (!record.reason.empty()) entry["reason"] = record.reason;
  if (record.plugin) {
    const auto& descriptor = record.plugin->descriptor();
    entry["description"] = descriptor.description ? descriptor.description : "";
    if (auto adapter = record.plugin->adapter()) {
      entry["framework"] = adapter->framework;
      nlohmann::json aliases = nlohmann::json::array();
      for (auto alias = adapter->aliases; alias && *alias; ++alias) aliases.push_back(*alias);
      entry["aliases"] = aliases;
      entry["ops"] = record.plugin->adapter_summary()->ops;
    }
  }
  return entry;
}

void print_table(std::ostream& out, const Manifest& manifest, const PluginSet& plugins) {
  out << "manifest: " << manifest.display_name() << '\n';
  std::vector<Row> rows;
  for (const auto& record : plugins.records()) rows.push_back(row_of(record));
  if (rows.empty()) {
    out << "no plugins found\n";
    return;
  }
  const Row header{"ID", "KIND", "VERSION", "ABI", "STATUS", "FILE", ""};
  size_t widths[5] = {header.id.size(), header.kind.size(), header.version.size(),
                      header.abi.size(), header.status.size()};
  for (const auto& row : rows) {
    widths[0] = std::max(widths[0], row.id.size());
    widths[1] = std::max(widths[1], row.kind.size());
    widths[2] = std::max(widths[2], row.version.size());
    widths[3] = std::max(widths[3], row.abi.size());
    widths[4] = std::max(widths[4], row.status.size());
  }
  auto print = [&](const Row& row) {
    out << std::left << std::setw(static_cast<int>(widths[0]) + 2) << row.id
        << std::setw(static_cast<int>(widths[1]) + 2) << row.kind
        << std::setw(static_cast<int>(widths[2]) + 2) << row.version
        << std::setw(static_cast<int>(widths[3]) + 2) << row.abi
        << std::setw(static_cast<int>(widths[4]) + 2) << row.status << row.file << '\n';
    if (!row.detail.empty()) out << "    " << row.status << ": " << row.detail << '\n';
  };
  print(header);
  for (const auto& row : rows) print(row);
}

}  // namespace

int run_plugins(const Invocation& invocation) {
  po::options_description options("options");
  add_manifest_options(options, "the current folder");
  options.add_options()("json", "print machine-readable JSON instead of a table")("help,h",
                                                                                  "show this help");
  const auto values = parse_arguments("plugins", invocation, options);
  if (values.count("help")) {
    print_help(invocation.out, "swhost plugins [--plugins FILE] [--trust-project-plugins] [--json]",
               "Lists every plugin the manifest (or the built-in default) names or finds: id, "
               "kind, version,\nthe SDK ABI it was built for, file, and whether it was loaded, "
               "disabled, refused or\nuntrusted (and why). A found manifest's own plugin files "
               "are untrusted, and not loaded,\nuntil 'swhost trust' records them. Exits 1 when "
               "any plugin was refused or untrusted, or the\nmanifest names something that is "
               "not there.",
               options);
    return exit_success;
  }
  const PluginChoice choice =
      choose_plugins(values, std::filesystem::current_path(), invocation.err);
  const Manifest& manifest = choice.manifest;

  CommandPlugins loaded(choice, invocation.err);
  PluginSet& plugins = loaded.set;
  refuse_unknown_spoke_hooks(plugins);

  if (values.count("json")) {
    nlohmann::json document;
    document["manifest"] =
        manifest.is_builtin() ? nlohmann::json() : nlohmann::json(manifest.path.string());
    document["host"] = {{"version", SWITCHEROO_VERSION}, {"abi", host_abi().text()}};
    document["plugins"] = nlohmann::json::array();
    for (const auto& record : plugins.records()) document["plugins"].push_back(json_of(record));
    document["problems"] = nlohmann::json::array();
    for (const auto& problem : plugins.problems()) document["problems"].push_back(problem.format());
    invocation.out << document.dump(2) << '\n';
  } else {
    print_table(invocation.out, manifest, plugins);
  }
  return report_problems(plugins, invocation.err) ? exit_failure : exit_success;
}

}  // namespace switcheroo::cli
