// Pieces shared by the swhost commands: option parsing with usage errors, manifest selection,
// and the places plugins are found.
#pragma once

#include "../core/manifest.h"
#include "../core/plugin_set.h"
#include "cli.h"

#include <boost/program_options.hpp>

#include <optional>
#include <string>

namespace switcheroo::cli {

namespace po = boost::program_options;

/// Parses a command's arguments. Throws Error (exit 2) naming the command on a usage error.
po::variables_map parse_arguments(const std::string& command, const Invocation& invocation,
                                  const po::options_description& options,
                                  const po::positional_options_description& positional = {});

/// Prints a command's help text: usage line, description, options.
void print_help(std::ostream& out, const std::string& usage, const std::string& description,
                const po::options_description& options);

/// The manifest for a run: `--plugins FILE` when given, else the nearest `switcheroo.toml` or
/// `pyproject.toml` with `[tool.switcheroo]` at or above `search_from`, else the built-in one.
Manifest select_manifest(const std::optional<std::string>& explicit_file,
                         const std::filesystem::path& search_from);

/// The installed plugin folder (relative to the swhost executable) and SWITCHEROO_PLUGIN_PATH.
PluginSearch default_plugin_search();

/// Prints every problem of `plugins` to `err`; returns true when there were any.
bool report_problems(const PluginSet& plugins, std::ostream& err);

}  // namespace switcheroo::cli
