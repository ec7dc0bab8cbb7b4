// `swhost suggest API | module.*`: prepares definitions of APIs the knowledge base does not map
// yet, read from an API snapshot file or from a live import in the Python worker, as a TOML
// stub for `swhost define` or (`--prompt`) as prompts for a language model. Writes the stub or
// the prompts, never the knowledge base.
#include "common.h"

#include "../ci/suggest.h"
#include "../ci/worker_process.h"
#include "../core/output_file.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <ostream>
#include <set>

namespace switcheroo::cli {
namespace {

using nlohmann::json;

std::string top_package(const std::string& qualified) {
  return qualified.substr(0, qualified.find('.'));
}

// The framework whose spoke names the most APIs of the same package as `pattern` (Flax's
// spoke names one NumPy API, NumPy's hundreds).
const LoadedPlugin* adapter_for_package(const PluginSet& plugins, const std::string& pattern) {
  const LoadedPlugin* best = nullptr;
  std::size_t most = 0;
  for (const LoadedPlugin* plugin : plugins.of_kind(SW_PLUGIN_KIND_ADAPTER)) {
    const AdapterData* data = plugin->adapter_data();
    if (data == nullptr) continue;
    std::size_t count = 0;
    for (const auto& [name, mapping] : data->ops) {
      count += !mapping.api.empty() && top_package(mapping.api) == top_package(pattern);
    }
    if (count > most) best = plugin, most = count;
  }
  return best;
}

json live_description(const po::variables_map& values, const Manifest& manifest,
                      const std::string& pattern) {
  const std::string python = worker_python(values, manifest);
  ci::WorkerProcess worker(python, worker_script().string(), {"--describe", pattern});
  std::string line, text;
  while (worker.next_line(line)) text += line;
  const int status = worker.wait();
  json described = json::parse(text, nullptr, false);
  if (status != 0 || described.is_discarded()) {
    throw Error("the worker run by '" + python + "' could not describe '" + pattern + "'",
                "suggest");
  }
  if (described.contains("error")) {
    throw Error("cannot import '" + pattern + "' with '" + python +
                    "': " + described["error"].get<std::string>(),
                "suggest");
  }
  return described;
}

// Every key of the spoke: `op` and `op/form`.
std::set<std::string> spoke_keys(const AdapterData& data) {
  std::set<std::string> keys;
  for (const auto& [key, mapping] : data.ops) keys.insert(key);
  for (const auto& [key, mapping] : data.alternatives) keys.insert(key);
  return keys;
}

// The entries the spoke does not map yet; the others are listed in `mapped`.
std::vector<ci::ApiEntry> unmapped(const std::vector<ci::ApiEntry>& entries,
                                   const AdapterData& data, std::vector<std::string>& mapped) {
  std::set<std::string> apis;
  for (const auto& [name, mapping] : data.ops) apis.insert(mapping.api);
  for (const auto& [name, mapping] : data.alternatives) apis.insert(mapping.api);
  std::vector<ci::ApiEntry> left;
  for (const auto& entry : entries) {
    if (apis.count(entry.name)) {
      mapped.push_back(entry.name);
    } else {
      left.push_back(entry);
    }
  }
  return left;
}

}  // namespace

int run_suggest(const Invocation& invocation) {
  po::options_description options("options");
  add_manifest_options(options, "the current folder");
  options.add_options()("api", po::value<std::string>()->value_name("API"),
                        "a qualified API, or 'module.*' for every callable of a module")(
      "snapshot", po::value<std::string>()->value_name("FILE"),
      "read the APIs from this API snapshot (JSON) instead of importing them")(
      "python", po::value<std::string>()->value_name("PATH"),
      "the interpreter that imports them (default: [knowledge] python, else python3)")(
      "prompt", "write prompts for a language model instead of a TOML stub")(
      "batch", po::value<size_t>()->default_value(20)->value_name("N"), "APIs per prompt")(
      "out", po::value<std::string>()->value_name("FILE"), "write here instead of standard output")(
      "help,h", "show this help");
  po::positional_options_description positional;
  positional.add("api", 1);
  const auto values = parse_arguments("suggest", invocation, options, positional);
  if (values.count("help")) {
    print_help(invocation.out,
               "swhost suggest API|module.* [--snapshot FILE] [--python PATH] [--prompt]\n"
               "                     [--batch N] [--out FILE]",
               "Prepares definitions of APIs the knowledge base does not map yet: per API its "
               "signature, the first\nline of its doc, the hub ops it most likely is and the "
               "renames of its parameters, as a TOML\nstub for 'swhost define' or as prompts "
               "for a language model. The knowledge base is not changed.",
               options);
    return exit_success;
  }
  if (!values.count("api")) {
    throw Error("no API given (see 'swhost suggest --help')", "usage", exit_usage);
  }
  const std::string pattern = values["api"].as<std::string>();
  const PluginChoice choice =
      choose_plugins(values, std::filesystem::current_path(), invocation.err);
  const CommandPlugins loaded(choice, invocation.err);
  const PluginSet& plugins = loaded.set;
  if (report_problems(plugins, invocation.err)) return exit_failure;
  // An overlay file not written yet is nothing yet: `swhost define` creates it from the stub.
  Manifest written = choice.manifest;
  std::erase_if(written.knowledge_files, [](const ManifestPath& file) {
    std::error_code error;
    return !std::filesystem::exists(file.path, error);
  });
  apply_knowledge_overlay(written, plugins);
  const LoadedPlugin* adapter = adapter_for_package(plugins, pattern);
  if (adapter == nullptr) {
    throw Error("no loaded adapter maps APIs of '" + top_package(pattern) +
                    "' (see 'swhost "
                    "plugins')",
                "suggest");
  }
  json snapshot;
  if (values.count("snapshot")) {
    const std::string file = values["snapshot"].as<std::string>();
    snapshot = json::parse(read_file(file), nullptr, false);
    if (snapshot.is_discarded()) throw Error("'" + file + "' is not JSON", "suggest");
  } else {
    snapshot = live_description(values, choice.manifest, pattern);
  }
  const auto entries = ci::select_entries(snapshot, pattern);
  if (entries.empty()) throw Error("no API matches '" + pattern + "'", "suggest");
  std::vector<std::string> mapped;
  const auto left = unmapped(entries, *adapter->adapter_data(), mapped);
  const std::string framework = adapter->adapter()->framework;
  const std::set<std::string> spelled = spoke_keys(*adapter->adapter_data());
  std::string text = values.count("prompt")
                         ? ci::definition_prompt(builtin_hub(), framework, left,
                                                 values["batch"].as<size_t>(), spelled)
                         : ci::definition_stub(builtin_hub(), framework, left, spelled);
  std::string already;
  for (const auto& name : mapped) already += "# already mapped: " + name + "\n";
  text = already + text;
  if (values.count("out")) {
    write_file_atomically(values["out"].as<std::string>(), text);
  } else {
    invocation.out << text;
  }
  invocation.err << "note: " << left.size() << " of " << entries.size()
                 << " APIs not mapped yet in '" << framework << "' [suggest]\n";
  check_written(invocation.out);
  return exit_success;
}

}  // namespace switcheroo::cli
