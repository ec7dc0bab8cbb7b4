// `swhost matrix`: the coverage table of the knowledge base -- every abstract operation of the
// hub against every loaded adapter, with how each mapping is verified. `--json` gives the
// whole picture (hub arguments and every mapping's details) for tests and other tools.
#include "common.h"

#include "../core/hub.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <iomanip>
#include <ostream>

namespace switcheroo::cli {
namespace {

using nlohmann::json;

struct Column {
  std::string framework;
  const LoadedPlugin* plugin;
  const AdapterData* data;
};

std::vector<Column> columns_of(const PluginSet& plugins) {
  std::vector<Column> columns;
  for (const LoadedPlugin* plugin : plugins.of_kind(SW_PLUGIN_KIND_ADAPTER)) {
    if (plugin->adapter_data() == nullptr) continue;
    columns.push_back({plugin->adapter()->framework, plugin, plugin->adapter_data()});
  }
  std::sort(columns.begin(), columns.end(),
            [](const Column& a, const Column& b) { return a.framework < b.framework; });
  return columns;
}

// Hub ops ordered by category (in hub order), then by name.
std::vector<const HubOp*> ordered_ops(const Hub& hub) {
  std::vector<const HubOp*> ops;
  for (const auto& entry : hub.ops()) ops.push_back(&entry.second);
  const auto& categories = hub.categories();
  auto rank = [&](const HubOp* op) {
    return std::find(categories.begin(), categories.end(), op->category) - categories.begin();
  };
  std::stable_sort(ops.begin(), ops.end(),
                   [&](const HubOp* a, const HubOp* b) { return rank(a) < rank(b); });
  return ops;
}

json json_of(const HubArgument& argument, bool input) {
  json entry = {{"name", argument.name}, {"kind", argument.kind}};
  if (!argument.domain.empty()) entry["domain"] = argument.domain;
  if (argument.default_value) entry["default"] = *argument.default_value;
  if (argument.variadic) entry["variadic"] = true;
  if (input) entry["input"] = true;
  return entry;
}

json json_of(const OpMapping& mapping, const HubOp& op) {
  json entry = {{"api", mapping.api}, {"kind", mapping.kind}, {"verify", mapping.verify}};
  auto put = [&](const char* key, const auto& value) {
    if (!value.empty()) entry[key] = value;
  };
  put("form", mapping.form);
  put("self", mapping.receiver);
  put("args", mapping.arguments);
  put("positional", mapping.positional);
  put("varargs", mapping.varargs);
  put("pack", mapping.packed);
  put("drop", mapping.dropped);
  put("ignore", mapping.ignored);
  put("required", mapping.required);
  put("inject", mapping.injected);
  put("fixed", mapping.fixed);
  put("defaults", mapping.defaults);
  put("values", mapping.values);
  put("layout", mapping.layouts);
  put("results", mapping.results);
  put("hook", mapping.hook);
  put("note", mapping.note);
  if (mapping.named_results) entry["named-results"] = true;
  entry["keywords"] = mapping.keywords(op);
  return entry;
}

json matrix_json(const Hub& hub, const std::vector<Column>& columns) {
  json document;
  document["categories"] = hub.categories();
  document["frameworks"] = json::array();
  for (const auto& column : columns) {
    std::map<std::string, int> verified;
    for (const auto& [name, mapping] : column.data->ops) ++verified[mapping.verify];
    document["frameworks"].push_back({{"framework", column.framework},
                                      {"plugin", column.plugin->id()},
                                      {"ops", column.data->ops.size()},
                                      {"alternatives", column.data->alternatives.size()},
                                      {"verified", verified}});
  }
  document["ops"] = json::array();
  for (const HubOp* op : ordered_ops(hub)) {
    json entry = {{"op", op->name}, {"category", op->category}, {"kind", op->kind},
                  {"doc", op->doc}};
    entry["args"] = json::array();
    for (const auto& argument : op->arguments) entry["args"].push_back(json_of(argument, false));
    for (const auto& input : op->inputs) entry["args"].push_back(json_of(input, true));
    entry["results"] = json::array();
    for (const auto& result : op->results) entry["results"].push_back(json_of(result, false));
    if (!op->layouts.empty()) entry["layouts"] = op->layouts;
    json mappings = json::object();
    for (const auto& column : columns) {
      auto found = column.data->ops.find(op->name);
      if (found == column.data->ops.end()) continue;
      json mapping = json_of(found->second, *op);
      const std::string prefix = op->name + "/";
      for (auto it = column.data->alternatives.lower_bound(prefix);
           it != column.data->alternatives.end() && it->first.rfind(prefix, 0) == 0; ++it) {
        mapping["alternatives"].push_back(json_of(it->second, *op));
      }
      mappings[column.framework] = mapping;
    }
    entry["mappings"] = mappings;
    document["ops"].push_back(entry);
  }
  return document;
}

void print_matrix(std::ostream& out, const Hub& hub, const std::vector<Column>& columns) {
  const auto ops = ordered_ops(hub);
  size_t name_width = 2, category_width = 8;
  for (const HubOp* op : ops) {
    name_width = std::max(name_width, op->name.size());
    category_width = std::max(category_width, op->category.size());
  }
  std::vector<size_t> widths;
  for (const auto& column : columns) widths.push_back(std::max<size_t>(column.framework.size(), 8));
  auto cell = [&](const std::string& text, size_t width) {
    out << "  " << std::left << std::setw(static_cast<int>(width)) << text;
  };
  out << std::left << std::setw(static_cast<int>(name_width)) << "OP";
  cell("CATEGORY", category_width);
  for (size_t index = 0; index < columns.size(); ++index) cell(columns[index].framework, widths[index]);
  out << '\n';
  for (const HubOp* op : ops) {
    out << std::setw(static_cast<int>(name_width)) << op->name;
    cell(op->category, category_width);
    for (size_t index = 0; index < columns.size(); ++index) {
      auto found = columns[index].data->ops.find(op->name);
      std::string text = "-";
      if (found != columns[index].data->ops.end()) {
        text = found->second.verify + (found->second.hook.empty() ? "" : "*");
      }
      if (index + 1 == columns.size()) {
        out << "  " << text;
      } else {
        cell(text, widths[index]);
      }
    }
    out << '\n';
  }
  out << "\nhub: " << ops.size() << " abstract operations in " << hub.categories().size()
      << " categories\n";
  for (const auto& column : columns) {
    std::map<std::string, int> verified;
    for (const auto& [name, mapping] : column.data->ops) ++verified[mapping.verify];
    out << column.framework << ": " << column.data->ops.size() << " mapped (" << verified["numeric"]
        << " numeric, " << verified["static"] << " static, " << verified["none"] << " none), "
        << column.data->alternatives.size() << " alternative spellings\n";
  }
  out << "numeric: checked against another framework by running both; static: the API and its "
         "keywords\nchecked against the framework's API snapshot; none: not checked; *: needs a "
         "rewrite hook\n";
}

}  // namespace

int run_matrix(const Invocation& invocation) {
  po::options_description options("options");
  options.add_options()("plugins", po::value<std::string>()->value_name("FILE"),
                        "manifest to use (default: as for 'swhost plugins')")(
      "json", "print every op, argument and mapping as JSON instead of a table")(
      "help,h", "show this help");
  const auto values = parse_arguments("matrix", invocation, options);
  if (values.count("help")) {
    print_help(invocation.out, "swhost matrix [--plugins FILE] [--json]",
               "Shows the knowledge base's coverage: every abstract operation of the hub against "
               "every loaded\nadapter, with how each mapping is verified (numeric, static or "
               "none).",
               options);
    return exit_success;
  }
  std::optional<std::string> manifest_file;
  if (values.count("plugins")) manifest_file = values["plugins"].as<std::string>();
  const Manifest manifest = select_manifest(manifest_file, std::filesystem::current_path());
  HostServices services(
      [&](const Diagnostic& diagnostic) { invocation.err << diagnostic.format() << '\n'; });
  const PluginSet plugins(manifest, default_plugin_search(), services);
  const Hub& hub = builtin_hub();
  const auto columns = columns_of(plugins);
  if (values.count("json")) {
    invocation.out << matrix_json(hub, columns).dump(1) << '\n';
  } else {
    print_matrix(invocation.out, hub, columns);
  }
  return report_problems(plugins, invocation.err) ? exit_failure : exit_success;
}

}  // namespace switcheroo::cli
