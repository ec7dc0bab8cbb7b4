// `swhost matrix`: the coverage table of the knowledge base -- every abstract operation of the
// hub against every loaded adapter, with how each mapping is verified. `--json` gives the
// whole picture (hub arguments and every mapping's details) for tests and other tools.
#include "common.h"

#include "../ci/ci_record.h"
#include "../core/hub.h"
#include "../core/output_file.h"
#include "../core/text_util.h"

#include <nlohmann/json.hpp>

#include <algorithm>
#include <ostream>

namespace switcheroo::cli {
namespace {

using nlohmann::json;

struct Column {
  std::string framework;
  const LoadedPlugin* plugin;
  const AdapterData* data;
};

// How a mapping is verified: "numeric" when the record of `swhost ci` says this spelling ran
// and agreed with another framework's, else what the spoke says ("static" or "none").
const ci::VerifiedRecord* g_record = nullptr;

std::string verification(const std::string& framework, const OpMapping& mapping) {
  const std::string label = mapping.form.empty() ? framework : framework + "/" + mapping.form;
  if (g_record != nullptr && g_record->verified(mapping.op, label)) return "numeric";
  return mapping.verify;
}

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

void fail_unknown(const std::string& what, const std::string& name,
                  const std::vector<std::string>& known) {
  std::string message = "unknown " + what + " '" + name + "'";
  if (auto suggestion = closest_match(name, known)) {
    message += "; did you mean '" + *suggestion + "'?";
  }
  throw Error(message + " (see 'swhost matrix --help')", "usage", exit_usage);
}

// The ops named by --op and the ops of the categories named by --category; every op when
// neither is given.
std::vector<const HubOp*> selected_ops(const Hub& hub, const std::vector<std::string>& names,
                                       const std::vector<std::string>& categories) {
  for (const auto& name : names) {
    if (hub.find(name) == nullptr) fail_unknown("hub op", name, hub.names());
  }
  for (const auto& category : categories) {
    const auto& known = hub.categories();
    if (std::find(known.begin(), known.end(), category) == known.end()) {
      fail_unknown("category", category, known);
    }
  }
  std::vector<const HubOp*> ops = ordered_ops(hub);
  if (names.empty() && categories.empty()) return ops;
  auto wanted = [&](const HubOp* op) {
    return std::find(names.begin(), names.end(), op->name) != names.end() ||
           std::find(categories.begin(), categories.end(), op->category) != categories.end();
  };
  ops.erase(std::remove_if(ops.begin(), ops.end(), [&](const HubOp* op) { return !wanted(op); }),
            ops.end());
  return ops;
}

// How many of `ops` a framework maps, by how the mapping is verified.
std::map<std::string, int> verified_counts(const std::vector<const HubOp*>& ops,
                                           const Column& column) {
  std::map<std::string, int> counts;
  for (const HubOp* op : ops) {
    auto found = column.data->ops.find(op->name);
    if (found != column.data->ops.end()) ++counts[verification(column.framework, found->second)];
  }
  return counts;
}

// Alternative spellings of `op` in a framework: "op/form" keys.
std::vector<const OpMapping*> alternatives_of(const HubOp& op, const Column& column) {
  std::vector<const OpMapping*> found;
  const std::string prefix = op.name + "/";
  for (auto it = column.data->alternatives.lower_bound(prefix);
       it != column.data->alternatives.end() && it->first.rfind(prefix, 0) == 0; ++it) {
    found.push_back(&it->second);
  }
  return found;
}

json json_of(const HubArgument& argument, bool input) {
  json entry = {{"name", argument.name}, {"kind", argument.kind}};
  if (!argument.domain.empty()) entry["domain"] = argument.domain;
  if (argument.default_value) entry["default"] = *argument.default_value;
  if (argument.variadic) entry["variadic"] = true;
  if (input) entry["input"] = true;
  return entry;
}

json json_of(const OpMapping& mapping, const HubOp& op, const std::string& framework) {
  json entry = {
      {"api", mapping.api}, {"kind", mapping.kind}, {"verify", verification(framework, mapping)}};
  auto put = [&](const char* key, const auto& value) {
    if (!value.empty()) entry[key] = value;
  };
  put("form", mapping.form);
  put("self", mapping.receiver);
  put("args", mapping.arguments);
  put("also", mapping.also);
  put("positional", mapping.positional);
  put("varargs", mapping.varargs);
  put("pack", mapping.packed);
  put("repeat", mapping.repeated);
  for (const auto& [name, transform] : mapping.transforms) {
    entry["transform"][name] = {{"write", transform.write}, {"read", transform.read}};
  }
  put("drop", mapping.dropped);
  put("ignore", mapping.ignored);
  put("required", mapping.required);
  put("needs", mapping.needs);
  put("inject", mapping.injected);
  put("call-inject", mapping.call_injected);
  put("fixed", mapping.fixed);
  put("axes-swapped", mapping.axes_swapped);
  put("defaults", mapping.defaults);
  put("values", mapping.values);
  put("layout", mapping.layouts);
  put("results", mapping.results);
  put("hook", mapping.hook);
  put("gap", mapping.gap);
  put("array-arguments", mapping.array_arguments);
  if (!mapping.strided_same) entry["strided-same"] = false;
  if (mapping.hoist) entry["hoist"] = true;
  put("note", mapping.note);
  if (mapping.named_results) entry["named-results"] = true;
  entry["keywords"] = mapping.keywords(op);
  return entry;
}

json matrix_json(const Hub& hub, const std::vector<const HubOp*>& ops,
                 const std::vector<Column>& columns) {
  json document;
  document["categories"] = hub.categories();
  document["hub_ops"] = hub.ops().size();
  document["frameworks"] = json::array();
  for (const auto& column : columns) {
    const auto verified = verified_counts(ops, column);
    int mapped = 0, alternatives = 0;
    for (const HubOp* op : ops) {
      mapped += column.data->ops.count(op->name) ? 1 : 0;
      alternatives += static_cast<int>(alternatives_of(*op, column).size());
    }
    document["frameworks"].push_back({{"framework", column.framework},
                                      {"plugin", column.plugin->id()},
                                      {"ops", mapped},
                                      {"alternatives", alternatives},
                                      {"verified", verified}});
    const std::string stand_in = g_record != nullptr ? g_record->stand_in(column.framework) : "";
    if (!stand_in.empty()) document["frameworks"].back()["stand_in"] = stand_in;
  }
  document["ops"] = json::array();
  for (const HubOp* op : ops) {
    json entry = {
        {"op", op->name}, {"category", op->category}, {"kind", op->kind}, {"doc", op->doc}};
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
      json mapping = json_of(found->second, *op, column.framework);
      for (const OpMapping* alternative : alternatives_of(*op, column)) {
        mapping["alternatives"].push_back(json_of(*alternative, *op, column.framework));
      }
      mappings[column.framework] = mapping;
    }
    entry["mappings"] = mappings;
    document["ops"].push_back(entry);
  }
  return document;
}

// One row per op; every column but the last padded, so no line ends in spaces.
void print_matrix(std::ostream& out, const Hub& hub, const std::vector<const HubOp*>& ops,
                  const std::vector<Column>& columns) {
  std::vector<size_t> widths{2, 8};
  for (const HubOp* op : ops) {
    widths[0] = std::max(widths[0], op->name.size());
    widths[1] = std::max(widths[1], op->category.size());
  }
  for (const auto& column : columns) widths.push_back(std::max<size_t>(column.framework.size(), 8));
  auto print_row = [&](const std::vector<std::string>& cells) {
    for (size_t index = 0; index < cells.size(); ++index) {
      if (index > 0) out << "  ";
      out << cells[index];
      if (index + 1 < cells.size()) out << std::string(widths[index] - cells[index].size(), ' ');
    }
    out << '\n';
  };
  std::vector<std::string> header{"OP", "CATEGORY"};
  for (const auto& column : columns) header.push_back(column.framework);
  print_row(header);
  for (const HubOp* op : ops) {
    std::vector<std::string> row{op->name, op->category};
    for (const auto& column : columns) {
      auto found = column.data->ops.find(op->name);
      if (found == column.data->ops.end()) {
        row.emplace_back("-");
      } else if (!found->second.gap.empty()) {
        row.emplace_back("gap");
      } else {
        row.push_back(verification(column.framework, found->second) +
                      (found->second.hook.empty() ? "" : "*"));
      }
    }
    print_row(row);
  }
  out << '\n';
  if (ops.size() == hub.ops().size()) {
    out << "hub: " << ops.size() << " abstract operations in " << hub.categories().size()
        << " categories\n";
  } else {
    out << "shown: " << ops.size() << " of the hub's " << hub.ops().size()
        << " abstract operations\n";
  }
  for (const auto& column : columns) {
    auto verified = verified_counts(ops, column);
    size_t alternatives = 0;
    for (const HubOp* op : ops) alternatives += alternatives_of(*op, column).size();
    const bool stand_in = g_record != nullptr && !g_record->stand_in(column.framework).empty();
    out << column.framework << ": " << verified["numeric"] + verified["static"] + verified["none"]
        << " mapped (" << verified["numeric"] << " numeric" << (stand_in ? " under a stand-in" : "")
        << ", " << verified["static"] << " static, " << verified["none"] << " none), "
        << alternatives << " alternative spellings\n";
  }
  out << "numeric: run by 'swhost ci' against another framework and agreed; static: the API and\n"
         "its keywords checked against the framework's API snapshot; none: not checked; *: needs "
         "a\n"
         "rewrite hook; gap: read and reported, not converted yet\n";
  if (std::any_of(columns.begin(), columns.end(), [](const Column& column) {
        return g_record != nullptr && !g_record->stand_in(column.framework).empty();
      })) {
    out << "under a stand-in: 'swhost ci --stand-in' ran the framework's spellings with a "
           "stand-in's\nmodules imported in place of the framework's\n";
  }
}

}  // namespace

int run_matrix(const Invocation& invocation) {
  po::options_description options("options");
  add_manifest_options(options, "the current folder");
  options.add_options()("op",
                        po::value<std::vector<std::string>>()->value_name("NAME")->composing(),
                        "show only this hub op (repeatable)")(
      "category", po::value<std::vector<std::string>>()->value_name("NAME")->composing(),
      "show only the ops of this hub category (repeatable)")(
      "json", "print every op, argument and mapping as JSON instead of a table")(
      "verified", po::value<std::string>()->value_name("FILE"),
      "the record of 'swhost ci' that says which mappings are numeric (default: [knowledge] "
      "verified)")("help,h", "show this help");
  const auto values = parse_arguments("matrix", invocation, options);
  if (values.count("help")) {
    print_help(invocation.out,
               "swhost matrix [--plugins FILE] [--trust-project-plugins] [--op NAME]...\n"
               "                    [--category NAME]... [--json] [--verified FILE]",
               "Shows the knowledge base's coverage: every abstract operation of the hub against "
               "every loaded\nadapter, with how each mapping is verified (numeric, static or "
               "none).",
               options);
    return exit_success;
  }
  const PluginChoice choice =
      choose_plugins(values, std::filesystem::current_path(), invocation.err);
  CommandPlugins loaded(choice, invocation.err);
  PluginSet& plugins = loaded.set;
  apply_knowledge_overlay(choice.manifest, plugins);
  refuse_unknown_spoke_hooks(plugins);
  const Hub& hub = builtin_hub();
  auto strings = [&](const char* option) {
    return values.count(option) ? values[option].as<std::vector<std::string>>()
                                : std::vector<std::string>{};
  };
  const auto ops = selected_ops(hub, strings("op"), strings("category"));
  const auto columns = columns_of(plugins);
  ci::VerifiedRecord record;
  if (values.count("verified")) {
    record = ci::VerifiedRecord(values["verified"].as<std::string>());
  } else if (choice.manifest.verified && std::filesystem::exists(choice.manifest.verified->path)) {
    record = ci::VerifiedRecord(choice.manifest.verified->path);
  }
  g_record = &record;
  if (values.count("json")) {
    invocation.out << matrix_json(hub, ops, columns).dump(1) << '\n';
  } else {
    print_matrix(invocation.out, hub, ops, columns);
  }
  check_written(invocation.out);
  return report_problems(plugins, invocation.err) ? exit_failure : exit_success;
}

}  // namespace switcheroo::cli
