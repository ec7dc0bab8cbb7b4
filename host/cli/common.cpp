#include "common.h"

#include "../core/knowledge_overlay.h"
#include "../core/output_file.h"

#include "config.h"
#include "convert/idioms.h"

#include "../core/trust_store.h"
#include "../rewrite/tree_query.h"

#include <boost/dll/runtime_symbol_info.hpp>

#include <cstdlib>
#include <ostream>
#include <set>

namespace switcheroo::cli {

namespace fs = std::filesystem;

namespace {

// Why this run trusts a project's plugin files without a record, or nullopt.
std::optional<std::string> trust_for_this_run(const po::variables_map& values) {
  if (values.count("trust-project-plugins")) return "--trust-project-plugins";
  const char* variable = std::getenv("SWITCHEROO_TRUST_PROJECT_PLUGINS");
  const std::string value = variable != nullptr ? variable : "";
  if (value == "1") return "SWITCHEROO_TRUST_PROJECT_PLUGINS=1";
  if (!value.empty() && value != "0") {
    throw Error("SWITCHEROO_TRUST_PROJECT_PLUGINS must be 1 or 0, not '" + value + "'", "usage",
                exit_usage);
  }
  return std::nullopt;
}

}  // namespace

po::variables_map parse_arguments(const std::string& command, const Invocation& invocation,
                                  const po::options_description& options,
                                  const po::positional_options_description& positional) {
  po::variables_map values;
  try {
    auto parsed =
        po::command_line_parser(invocation.arguments)
            .options(options)
            .positional(positional)
            .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
            .run();
    po::store(parsed, values);
    po::notify(values);
  } catch (const po::error& failure) {
    throw Error(std::string(failure.what()) + " (see 'swhost " + command + " --help')", "usage",
                exit_usage);
  }
  return values;
}

po::variables_map parse_with_inputs(const std::string& command, const Invocation& invocation,
                                    const po::options_description& options) {
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);
  return parse_arguments(command, invocation, all, positional);
}

void print_help(std::ostream& out, const std::string& usage, const std::string& description,
                const po::options_description& options) {
  out << "usage: " << usage << "\n\n" << description << "\n\n" << options;
}

Manifest select_manifest(const std::optional<std::string>& explicit_file,
                         const fs::path& search_from, std::ostream* warnings) {
  if (explicit_file) return load_manifest(*explicit_file);
  const ManifestSearch search = search_manifest(search_from);
  if (search.ignored && warnings != nullptr) *warnings << search.ignored->format() << '\n';
  if (!search.manifest) return builtin_manifest();
  Manifest manifest = load_manifest(*search.manifest);
  manifest.found = true;
  return manifest;
}

PluginSearch default_plugin_search() {
  PluginSearch search;
  std::error_code error;
  const fs::path exe = boost::dll::program_location(error);
  if (!error) {
    search.installed_dir =
        (exe.parent_path() / SWITCHEROO_PLUGIN_DIR_FROM_BINDIR).lexically_normal();
  }
  if (const char* path = std::getenv("SWITCHEROO_PLUGIN_PATH")) {
    std::string_view rest(path);
    while (!rest.empty()) {
      const size_t colon = rest.find(':');
      const std::string_view part = rest.substr(0, colon);
      if (!part.empty()) search.extra_dirs.emplace_back(std::string(part));
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  return search;
}

namespace {

// Hook plugins of the installation by file name (libsw-hook-<id>.so), without loading them: a
// manifest that leaves installed plugins out does not make their ids unknown.
void add_installed_hook_ids(const fs::path& dir, std::vector<std::string>& hooks) {
  const std::string prefix = "libsw-hook-";
  std::error_code error;
  for (fs::directory_iterator it(dir, error), end; !error && it != end; it.increment(error)) {
    const std::string name = it->path().filename().string();
    if (name.rfind(prefix, 0) == 0 && it->path().extension() == ".so") {
      hooks.push_back(name.substr(prefix.size(), name.size() - prefix.size() - 3));
    }
  }
}

// The hook ids a spoke may name: a hook plugin that was found (enabled, disabled, or refused
// for its own reasons, which are reported already) or is installed.
std::vector<std::string> known_hook_ids(const PluginSet& plugins) {
  std::vector<std::string> hooks;
  const PluginSearch search = default_plugin_search();
  add_installed_hook_ids(search.installed_dir, hooks);
  for (const auto& dir : search.extra_dirs) add_installed_hook_ids(dir, hooks);
  for (const auto& record : plugins.records()) {
    if (record.plugin && record.plugin->kind() == SW_PLUGIN_KIND_HOOK) {
      hooks.push_back(record.plugin->id());
    }
  }
  return hooks;
}

}  // namespace

void add_manifest_options(po::options_description& options, const std::string& search_start) {
  options.add_options()(
      "plugins", po::value<std::string>()->value_name("FILE"),
      ("manifest to use (default: the nearest switcheroo.toml or pyproject.toml with "
       "[tool.switcheroo] above " +
       search_start + ", else the built-in default)")
          .c_str())("trust-project-plugins",
                    "load the plugin files a found manifest names without recorded trust, for "
                    "this run only (also SWITCHEROO_TRUST_PROJECT_PLUGINS=1)");
}

PluginChoice choose_plugins(const po::variables_map& values, const fs::path& search_from,
                            std::ostream& err) {
  std::optional<std::string> explicit_file;
  if (values.count("plugins")) explicit_file = values["plugins"].as<std::string>();
  PluginChoice choice{select_manifest(explicit_file, search_from, &err), default_plugin_search()};
  const Manifest& manifest = choice.manifest;
  const bool names_plugins = !manifest.plugin_files.empty() || !manifest.plugin_dirs.empty();
  if (!manifest.found || !names_plugins) return choice;
  if (auto reason = trust_for_this_run(values)) {
    Diagnostic note{Severity::note,
                    {},
                    "trusting the plugin files of '" + manifest.path.string() +
                        "' for this run only (" + *reason + "); nothing is recorded",
                    "trust"};
    err << note.format() << '\n';
    choice.search.trust = PluginTrust::for_this_run();
  } else if (auto store = trust_store_file()) {
    choice.search.trust = PluginTrust(TrustStore::load(*store));
  }
  return choice;
}

void refuse_unknown_spoke_hooks(PluginSet& plugins,
                                const std::vector<const LoadedPlugin*>& adapters) {
  const std::vector<std::string> hooks = known_hook_ids(plugins);
  for (const LoadedPlugin* adapter :
       adapters.empty() ? plugins.of_kind(SW_PLUGIN_KIND_ADAPTER) : adapters) {
    const AdapterSummary* summary = adapter->adapter_summary();
    if (summary == nullptr) continue;
    const auto found = convert::check_spoke_hooks(*summary, hooks);
    if (!found.empty()) {
      plugins.refuse(adapter->id(), "its spoke names hooks nothing provides", found);
    }
  }
}

CommandPlugins::CommandPlugins(const PluginChoice& choice, std::ostream& err)
    : services([&err](const Diagnostic& diagnostic) { err << diagnostic.format() << '\n'; }),
      set(choice.manifest, choice.search, services) {}

bool report_problems(const PluginSet& plugins, std::ostream& err) {
  for (const auto& problem : plugins.problems()) err << problem.format() << '\n';
  return !plugins.problems().empty();
}

void apply_knowledge_overlay(const Manifest& manifest, const PluginSet& plugins) {
  for (const auto& file : manifest.knowledge_files) {
    std::error_code error;
    if (!fs::is_regular_file(file.path, error)) {
      throw Error(Diagnostic{Severity::error, file.where,
                             "knowledge overlay '" + file.path.string() + "' does not exist",
                             "kb"});
    }
    const KnowledgeOverlay overlay =
        read_knowledge_overlay(file.path, read_file(file.path), extensible_builtin_hub());
    for (const auto& record : plugins.records()) {
      LoadedPlugin* plugin = record.plugin.get();
      if (plugin == nullptr || plugin->adapter() == nullptr) continue;
      auto entries = overlay.spokes.find(plugin->adapter()->framework);
      if (entries == overlay.spokes.end() || plugin->adapter_data() == nullptr) continue;
      AdapterData data = *plugin->adapter_data();
      merge_overlay_spoke(entries->second, data, entries->first);
      plugin->set_adapter_data(std::move(data));
    }
  }
}

namespace {

std::set<std::string> imported_packages(const python::SyntaxTree& tree) {
  std::set<std::string> imported;
  for (const auto& binding : rewrite::find_imports(tree)) {
    imported.insert(binding.target.substr(0, binding.target.find('.')));
  }
  return imported;
}

}  // namespace

std::vector<const AdapterData*> imported_libraries(const PluginSet& plugins,
                                                   const python::SyntaxTree& tree,
                                                   const AdapterData* except) {
  const std::set<std::string> imported = imported_packages(tree);
  std::vector<const AdapterData*> libraries;
  for (const LoadedPlugin* plugin : plugins.of_kind(SW_PLUGIN_KIND_ADAPTER)) {
    const AdapterData* data = plugin->adapter_data();
    if (data == nullptr || data == except) continue;
    for (const auto& [module, alias] : data->traits.imports) {
      if (imported.count(module.substr(0, module.find('.')))) {
        libraries.push_back(data);
        break;
      }
    }
  }
  return libraries;
}

std::string framework_of_imports(const PluginSet& plugins, const python::SyntaxTree& tree) {
  const std::set<std::string> imported = imported_packages(tree);
  std::vector<std::string> matches;
  for (const LoadedPlugin* plugin : plugins.of_kind(SW_PLUGIN_KIND_ADAPTER)) {
    const AdapterData* data = plugin->adapter_data();
    if (data == nullptr || !data->traits.has_modules()) continue;
    const std::string& base = data->traits.module_base_class;
    if (imported.count(base.substr(0, base.find('.')))) matches.push_back(data->traits.framework);
  }
  return matches.size() == 1 ? matches.front() : std::string();
}

std::vector<int64_t> parse_input_shape(const std::string& text) {
  std::vector<int64_t> dims;
  size_t start = 0;
  while (start <= text.size()) {
    const size_t comma = text.find(',', start);
    const std::string part = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
    size_t used = 0;
    long long value = -1;
    try {
      value = std::stoll(part, &used);
    } catch (const std::exception&) {
      used = 0;
    }
    if (used == 0 || used != part.size() || value <= 0) {
      throw Error("'--input-shape " + text + "' is not a list of positive sizes such as 1,3,224,224",
                  "usage", exit_usage);
    }
    dims.push_back(value);
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  return dims;
}

}  // namespace switcheroo::cli
