// The plugins of one swhost run: found from the manifest, loaded, checked against each other
// (duplicate ids, frameworks claimed twice, ids the manifest names but nothing provides),
// initialized with their manifest options, and looked up by framework or kind.
#pragma once

#include "host_services.h"
#include "manifest.h"
#include "plugin_loader.h"
#include "plugin_trust.h"

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo {

/// Where plugins are looked for besides the manifest's own files and folders.
struct PluginSearch {
  std::filesystem::path installed_dir;            ///< the plugins installed with swhost
  std::vector<std::filesystem::path> extra_dirs;  ///< from SWITCHEROO_PLUGIN_PATH
  /// Decides on the plugin files of a manifest that was found rather than named (by default
  /// none is trusted). Files in the folders above are the user's own and need no trust.
  PluginTrust trust;
};

/// One line of `swhost plugins`.
struct PluginRecord {
  /// `untrusted`: a project's plugin file the user has not trusted; nothing of it was run.
  enum class Status { loaded, disabled, refused, untrusted };
  std::filesystem::path file;
  Status status = Status::refused;
  std::string reason;                    ///< why refused, untrusted or disabled
  std::unique_ptr<LoadedPlugin> plugin;  ///< null when refused before loading
};

const char* status_name(PluginRecord::Status status);

class PluginSet {
 public:
  /// Finds and loads every plugin `manifest` asks for. Problems do not throw: each becomes a
  /// refused record and an error in problems(), so `swhost plugins` can show all of them.
  /// Every adapter's traits and spoke are read and checked while loading, or, given
  /// `data_for`, only those of the adapters for these framework names or aliases (a
  /// conversion needs two); the others' are read on first use.
  PluginSet(const Manifest& manifest, const PluginSearch& search, const HostServices& services,
            std::optional<std::vector<std::string>> data_for = std::nullopt);
  ~PluginSet();

  const std::vector<PluginRecord>& records() const { return records_; }
  const std::vector<Diagnostic>& problems() const { return problems_; }

  /// The loaded adapter for a framework name or alias, or nullptr.
  const LoadedPlugin* adapter_for(std::string_view framework) const;
  /// Framework names of the loaded adapters, sorted.
  std::vector<std::string> frameworks() const;
  /// Loaded (enabled) plugins of one kind, in load order.
  std::vector<const LoadedPlugin*> of_kind(uint32_t kind) const;

  /// Refuses a loaded plugin after loading, for what only the whole set shows (a spoke naming a
  /// hook nothing provides): its status becomes refused with `reason`, `problems` are added.
  void refuse(std::string_view id, std::string reason, const std::vector<Diagnostic>& problems);

 private:
  /// Why a candidate file may not be loaded, or nullopt; empty for the user's own folders.
  using Vetting = std::function<std::optional<std::string>(const std::filesystem::path&)>;

  void collect(const Manifest& manifest, const PluginSearch& search);
  void add_candidate(const std::filesystem::path& file, const SourceLocation& where,
                     const Vetting& vet);
  void scan_dir(const std::filesystem::path& dir, const SourceLocation& where, bool required,
                const Vetting& vet);
  void reject_duplicates();
  void apply_manifest(const Manifest& manifest);
  void switch_hooks(const Manifest& manifest);
  void initialize(const Manifest& manifest, const HostServices& services);
  PluginRecord* find(std::string_view id);
  void fail(PluginRecord& record, std::string reason, const SourceLocation& where = {});
  void problem(SourceLocation where, std::string message, const char* unit = nullptr);
  bool any_untrusted() const;
  bool reads_data_of(const LoadedPlugin& plugin) const;
  std::optional<std::vector<std::string>> data_for_;

  std::vector<PluginRecord> records_;
  std::vector<SourceLocation> origins_;  ///< where each record's file was named
  std::vector<Diagnostic> problems_;
};

}  // namespace switcheroo
