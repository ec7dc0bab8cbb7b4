// Pieces shared by the swhost commands: option parsing with usage errors, manifest selection,
// the places plugins are found, and whether a project's own plugin files are trusted.
#pragma once

#include "../core/manifest.h"
#include "../core/plugin_set.h"
#include "cli.h"
#include "python/syntax_tree.h"

#include <boost/program_options.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo::cli {

namespace po = boost::program_options;

/// Parses a command's arguments. Throws Error (exit 2) naming the command on a usage error.
po::variables_map parse_arguments(const std::string& command, const Invocation& invocation,
                                  const po::options_description& options,
                                  const po::positional_options_description& positional = {});

/// parse_arguments() for a command whose positional arguments are its inputs (`input`).
po::variables_map parse_with_inputs(const std::string& command, const Invocation& invocation,
                                    const po::options_description& options);

/// Prints a command's help text: usage line, description, options.
void print_help(std::ostream& out, const std::string& usage, const std::string& description,
                const po::options_description& options);

/// The manifest for a run: `--plugins FILE` when given, else the nearest `switcheroo.toml` or
/// `pyproject.toml` with `[tool.switcheroo]` at or above `search_from` (marked `found`), else
/// the built-in one. A manifest the search left unread is reported to `warnings` when given.
Manifest select_manifest(const std::optional<std::string>& explicit_file,
                         const std::filesystem::path& search_from,
                         std::ostream* warnings = nullptr);

/// The installed plugin folder (relative to the swhost executable) and SWITCHEROO_PLUGIN_PATH.
/// It trusts no plugin file of a found manifest; choose_plugins() decides that.
PluginSearch default_plugin_search();

/// Adds `--plugins FILE` and `--trust-project-plugins` to a command's options; `search_start`
/// says where the manifest search starts ("the first input", "the current folder").
void add_manifest_options(po::options_description& options, const std::string& search_start);

/// The manifest of a run and where its plugins are found.
struct PluginChoice {
  Manifest manifest;
  PluginSearch search;
};

/// select_manifest() with `--plugins`, and the trust its plugin files get: those of a found
/// manifest load when the user's trust store says so, or for this run with
/// `--trust-project-plugins` or SWITCHEROO_TRUST_PROJECT_PLUGINS=1 (said on `err`).
PluginChoice choose_plugins(const po::variables_map& values,
                            const std::filesystem::path& search_from, std::ostream& err);

/// The plugins of one command's run, loaded as `choice` says, with what the host reports while
/// loading and running them printed to `err` as it comes.
struct CommandPlugins {
  CommandPlugins(const PluginChoice& choice, std::ostream& err);
  HostServices services;
  PluginSet set;
};

/// Adds the project's knowledge overlay (`[knowledge] files`) to the built-in hub and to the
/// data of the loaded adapters it has entries for. Throws Error [kb] located in an overlay.
void apply_knowledge_overlay(const Manifest& manifest, const PluginSet& plugins);

/// The Python worker of `ci` and `suggest`, installed with swhost (share/switcheroo).
std::filesystem::path worker_script();
/// Its interpreter: `--python`, else `[knowledge] python`, else `python3` on PATH.
std::string worker_python(const po::variables_map& values, const Manifest& manifest);

/// A spoke may name only what exists: an idiom of the engine or a found or installed hook
/// plugin. An adapter whose spoke names anything else is refused, each name an error located
/// at its mapping. Checks `adapters`, or every loaded adapter when it is empty.
void refuse_unknown_spoke_hooks(PluginSet& plugins,
                                const std::vector<const LoadedPlugin*>& adapters = {});
/// Prints every problem of `plugins` to `err`; returns true when there were any.
bool report_problems(const PluginSet& plugins, std::ostream& err);

/// The framework of the adapter whose module base class the file `tree` imports, when exactly
/// one adapter's does; "" otherwise.
std::string framework_of_imports(const PluginSet& plugins, const python::SyntaxTree& tree);
/// The adapters other than `except` whose packages (traits `[imports]`) the file imports.
std::vector<const AdapterData*> imported_libraries(const PluginSet& plugins,
                                                   const python::SyntaxTree& tree,
                                                   const AdapterData* except);

/// The dims of `--input-shape DIMS` (`1,3,224,224`); a usage error unless all are positive.
std::vector<int64_t> parse_input_shape(const std::string& text);

}  // namespace switcheroo::cli
