// `swhost define FILE.toml`: checks a definition (new hub ops and spoke entries, in the format
// of a knowledge overlay, core/knowledge_overlay.h) as a plugin's data is checked, then adds it
// to the project's overlay, the first file of the manifest's `[knowledge] files`. The installed
// knowledge base is never edited; conversions read the overlay from then on.
#include "common.h"

#include "../core/knowledge_overlay.h"
#include "../core/output_file.h"

#include <ostream>
#include <sstream>

namespace switcheroo::cli {
namespace {

namespace fs = std::filesystem;

// Every entry of `from` into `into`, table by table (hub.<category>, spokes.<framework>).
void merge_tables(const toml::table& from, toml::table& into) {
  for (const auto& [key, node] : from) {
    auto* existing = into.get(key);
    if (existing != nullptr && existing->is_table() && node.is_table() &&
        !node.as_table()->is_inline()) {
      merge_tables(*node.as_table(), *existing->as_table());
    } else {
      into.insert_or_assign(key, node);
    }
  }
}

const ManifestPath& overlay_of(const Manifest& manifest) {
  if (manifest.knowledge_files.empty()) {
    throw Error("no knowledge overlay to add to: name one in [knowledge] files of " +
                    (manifest.is_builtin() ? std::string("a project manifest (switcheroo.toml)")
                                           : "'" + manifest.path.string() + "'"),
                "kb");
  }
  return manifest.knowledge_files.front();
}

// The definition's spoke entries must be for loaded adapters and new to them.
void check_spokes(const KnowledgeOverlay& definition, const PluginSet& plugins,
                  const fs::path& file) {
  for (const auto& [framework, entries] : definition.spokes) {
    const LoadedPlugin* adapter = plugins.adapter_for(framework);
    if (adapter == nullptr || adapter->adapter_data() == nullptr) {
      throw Error("'" + file.string() + "' has entries for framework '" + framework +
                      "', which no loaded adapter is for (see 'swhost plugins')",
                  "kb");
    }
    AdapterData scratch = *adapter->adapter_data();
    merge_overlay_spoke(entries, scratch, framework);
  }
}

}  // namespace

int run_define(const Invocation& invocation) {
  po::options_description options("options");
  add_manifest_options(options, "the current folder");
  options.add_options()("file", po::value<std::string>()->value_name("FILE"), "the definition")(
      "help,h", "show this help");
  po::positional_options_description positional;
  positional.add("file", 1);
  const auto values = parse_arguments("define", invocation, options, positional);
  if (values.count("help") || !values.count("file")) {
    if (!values.count("help")) {
      throw Error("no definition given (see 'swhost define --help')", "usage", exit_usage);
    }
    print_help(invocation.out, "swhost define FILE.toml [--plugins FILE]",
               "Checks a definition of hub operations and spoke entries, then adds it to the "
               "project's knowledge\noverlay (the first file of [knowledge] files in the "
               "manifest).",
               options);
    return exit_success;
  }
  const fs::path file = values["file"].as<std::string>();
  const PluginChoice choice = choose_plugins(values, fs::current_path(), invocation.err);
  const ManifestPath& overlay_file = overlay_of(choice.manifest);
  const CommandPlugins loaded(choice, invocation.err);
  const PluginSet& plugins = loaded.set;
  if (report_problems(plugins, invocation.err)) return exit_failure;
  std::error_code error;
  const bool overlay_exists = fs::is_regular_file(overlay_file.path, error);
  if (overlay_exists) apply_knowledge_overlay(choice.manifest, plugins);

  const std::string text = read_file(file);
  Hub scratch = builtin_hub();
  const KnowledgeOverlay definition = read_knowledge_overlay(file, text, scratch);
  check_spokes(definition, plugins, file);

  toml::table merged;
  if (overlay_exists) merged = toml::parse(read_file(overlay_file.path));
  merge_tables(toml::parse(text), merged);
  std::ostringstream written;
  written << "# The project's knowledge overlay, written by 'swhost define' "
             "(docs/knowledge-base.md).\n"
          << toml::toml_formatter(merged) << '\n';
  check_output_target(overlay_file.path);
  write_file_atomically(overlay_file.path, written.str());

  invocation.out << "defined " << definition.ops.size() << " hub op"
                 << (definition.ops.size() == 1 ? "" : "s");
  for (const auto& op : definition.ops) invocation.out << " '" << op << "'";
  for (const auto& [framework, entries] : definition.spokes) {
    invocation.out << (framework == definition.spokes.begin()->first ? "; " : ", ") << framework
                   << ": " << entries.ops.size() + entries.alternatives.size() << " spelling"
                   << (entries.ops.size() + entries.alternatives.size() == 1 ? "" : "s");
  }
  invocation.out << "; added to " << overlay_file.path.string() << '\n';
  check_written(invocation.out);
  return exit_success;
}

}  // namespace switcheroo::cli
