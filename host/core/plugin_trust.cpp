#include "plugin_trust.h"

#include "diagnostics.h"
#include "path_safety.h"
#include "sha256.h"

namespace switcheroo {

namespace fs = std::filesystem;

std::optional<std::string> plugin_file_exposure(const fs::path& plugin) {
  const fs::path file = trust_key(plugin);
  if (auto foreign = foreign_write_access(file, SafeOwner::you_or_root)) return "it " + *foreign;
  const fs::path folder = file.parent_path();
  if (auto foreign = foreign_write_access(folder, SafeOwner::you_or_root)) {
    return "its folder '" + folder.string() + "' " + *foreign;
  }
  return std::nullopt;
}

PluginTrust PluginTrust::for_this_run() {
  PluginTrust trust;
  trust.everything_ = true;
  return trust;
}

std::optional<std::string> PluginTrust::refusal(const Manifest& manifest,
                                                const fs::path& plugin) const {
  std::error_code error;
  if (everything_ || !fs::exists(plugin, error)) return std::nullopt;
  if (auto exposure = plugin_file_exposure(plugin)) {
    return "plugin '" + plugin.string() + "' was not loaded: " + *exposure +
           ", so another user could replace it (keep project plugins where only you can write)";
  }
  const std::string name = "'" + manifest.path.string() + "'";
  std::string why;
  const TrustRecord* record = store_.find(trust_key(manifest.path));
  if (record == nullptr) {
    why = "project manifest " + name + " is not trusted";
  } else if (record->manifest.sha256 != manifest.sha256) {
    why = "project manifest " + name + " changed since it was trusted";
  } else if (const TrustedFile* entry = record->plugin(trust_key(plugin)); entry == nullptr) {
    why = "it was not there when " + name + " was trusted";
  } else {
    try {
      if (sha256_of_file(plugin) != entry->sha256) why = "it changed since it was trusted";
    } catch (const Error&) {
      why = "it cannot be read";
    }
  }
  if (why.empty()) return std::nullopt;
  return "plugin '" + plugin.string() + "' was not loaded: " + why + " (review the project's " +
         "plugins, then run 'swhost trust " + manifest.path.string() + "')";
}

}  // namespace switcheroo
