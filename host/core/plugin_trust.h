// Whether a plugin file named by a project manifest that swhost found (rather than one named
// on the command line) may be loaded. Loading a library runs its code, so a project's plugin
// files load only when the user has trusted the manifest and each file as they are now, or
// trusts them for one run with --trust-project-plugins.
#pragma once

#include "manifest.h"
#include "trust_store.h"

#include <filesystem>
#include <optional>
#include <string>

namespace switcheroo {

/// Why another user could replace the plugin file `plugin` between the check of its SHA-256
/// and its loading, as the end of a sentence ("its folder '/tmp' is writable by every user"),
/// or nullopt. Such a file is never trusted. Files and folders owned by root are safe.
std::optional<std::string> plugin_file_exposure(const std::filesystem::path& plugin);

class PluginTrust {
 public:
  /// Trusts no project plugin file.
  PluginTrust() = default;
  /// Trusts what `store` records, while the manifest and the file still have the recorded
  /// SHA-256.
  explicit PluginTrust(TrustStore store) : store_(std::move(store)) {}
  /// Trusts every project plugin file, for this run only (nothing is recorded).
  static PluginTrust for_this_run();

  /// Why `plugin`, named by the found manifest `manifest`, may not be loaded -- a message that
  /// names both and the command that trusts them -- or nullopt when it may. A file that does
  /// not exist is left to the loader to report.
  std::optional<std::string> refusal(const Manifest& manifest,
                                     const std::filesystem::path& plugin) const;

 private:
  TrustStore store_;
  bool everything_ = false;
};

}  // namespace switcheroo
