// The project manifest: which plugins compose a conversion and which hooks are on.
//
// It is `switcheroo.toml`, or the `[tool.switcheroo]` table of a `pyproject.toml`, found by
// searching upward from the input; `--plugins FILE` names one explicitly; with neither, the
// built-in default serves (every installed plugin, the default hooks on). See docs/manifest.md.
//
// The search stops at the root of the repository the input belongs to (the folder holding
// `.git`), and at the first folder another user owns or every user may write to: a manifest
// there is never read. The plugin files a found manifest names are loaded only once the user
// trusts them (see plugin_trust.h).
#pragma once

#include "diagnostics.h"

#include <nlohmann/json.hpp>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo {

/// A path from the manifest with the place it was written, for messages.
struct ManifestPath {
  std::filesystem::path path;  ///< resolved against the manifest's folder
  SourceLocation where;
};

/// `[hooks.<id>]`: whether the hook is on and the options passed to it.
struct HookSetting {
  std::optional<bool> enabled;  ///< unset: the hook's own default
  nlohmann::json options = nlohmann::json::object();
  SourceLocation where;
};

/// `[options.<id>]`: the options of a plugin that is not a hook.
struct PluginOptions {
  nlohmann::json values = nlohmann::json::object();
  SourceLocation where;
};

/// `[draw]`: defaults for `swhost draw` (and `convert --target EMITTER`); an option given on
/// the command line wins.
struct DrawDefaults {
  std::vector<std::string> input_shapes;  ///< `input-shape`: "1,3,224,224", or a list of them
  std::string class_name;                 ///< `class`
  std::string builder;                    ///< `builder`
  std::string arguments;                  ///< `args`
  std::string emitter;                    ///< `emitter`
  std::optional<int> depth;               ///< `depth`
};

struct Manifest {
  std::filesystem::path path;  ///< empty for the built-in default
  std::vector<ManifestPath> plugin_files;
  std::vector<ManifestPath> plugin_dirs;
  bool use_installed = true;  ///< also find the plugins installed with swhost
  /// When set, only these plugin ids are enabled; each must be found.
  std::optional<std::vector<std::pair<std::string, SourceLocation>>> enable;
  std::map<std::string, HookSetting> hooks;
  /// `[options.<id>]`: options for adapters, frontends and emitters.
  std::map<std::string, PluginOptions> plugin_options;
  std::string source;  ///< `[convert] source`, the default for --source
  std::string target;  ///< `[convert] target`, the default for --target
  DrawDefaults draw;   ///< `[draw]`
  /// `[knowledge] files`: the project's knowledge overlay (knowledge_overlay.h), read on top
  /// of the built-in knowledge base; `swhost define` adds to the first one.
  std::vector<ManifestPath> knowledge_files;
  /// `[knowledge] python`: the interpreter `swhost ci` runs its worker with; empty for the
  /// default.
  std::string python;
  /// `[knowledge] verified`: the record `swhost ci` writes and `swhost matrix` reads.
  std::optional<ManifestPath> verified;
  /// `[knowledge] stand-ins`: framework -> a folder of modules `swhost ci` imports in place of
  /// that framework's (a test-only stand-in of a framework that cannot be installed).
  std::map<std::string, ManifestPath> stand_ins;
  std::string sha256;  ///< of the bytes the manifest was read from; empty for the built-in one
  /// Found by the upward search rather than named with `--plugins FILE`: the plugin files it
  /// names are the project's code, loaded only when the user trusts them.
  bool found = false;

  bool is_builtin() const { return path.empty(); }
  /// How messages and `swhost plugins` name this manifest.
  std::string display_name() const;
};

/// Reads a manifest file: a `pyproject.toml` is read from its `[tool.switcheroo]` table, any
/// other name as a whole. Throws Error with file:line:col for every problem.
Manifest load_manifest(const std::filesystem::path& file);

/// Parses manifest text; `pyproject` selects the `[tool.switcheroo]` reading.
Manifest parse_manifest(std::string_view text, const std::filesystem::path& file, bool pyproject);

/// What the upward search for a manifest found.
struct ManifestSearch {
  std::optional<std::filesystem::path> manifest;
  /// A warning about a manifest the search left unread because another user could have
  /// written it or its folder.
  std::optional<Diagnostic> ignored;
};

/// The nearest manifest at or above `start` (a file's folder or a folder): `switcheroo.toml`,
/// or a `pyproject.toml` that has a `[tool.switcheroo]` table. The search stops after the
/// repository root (the folder holding `.git`) and before a folder that another user owns or
/// every user may write to.
ManifestSearch search_manifest(const std::filesystem::path& start);

/// search_manifest(start).manifest.
std::optional<std::filesystem::path> find_manifest(const std::filesystem::path& start);

/// The manifest used when none is given or found.
Manifest builtin_manifest();

}  // namespace switcheroo
