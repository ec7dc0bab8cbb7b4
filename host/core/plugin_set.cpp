#include "plugin_set.h"

#include "text_util.h"

#include <algorithm>
#include <set>

namespace switcheroo {
namespace {

namespace fs = std::filesystem;
constexpr const char* kUnit = "plugins";

const char* article_kind(uint32_t kind) {
  switch (kind) {
    case SW_PLUGIN_KIND_ADAPTER: return "an adapter";
    case SW_PLUGIN_KIND_ISA_FRONTEND: return "an isa-frontend";
    case SW_PLUGIN_KIND_EMITTER: return "an emitter";
    default: return "a hook";
  }
}

std::vector<std::string> names_of(const sw_adapter_interface& adapter) {
  std::vector<std::string> names{adapter.framework};
  if (adapter.aliases != nullptr) {
    for (auto alias = adapter.aliases; *alias != nullptr; ++alias) names.emplace_back(*alias);
  }
  return names;
}

// A file in the installed folder or on SWITCHEROO_PLUGIN_PATH: the user's own installation.
bool in_users_folders(const fs::path& file, const PluginSearch& search) {
  const fs::path folder = trust_key(file).parent_path();
  if (!search.installed_dir.empty() && folder == trust_key(search.installed_dir)) return true;
  return std::any_of(search.extra_dirs.begin(), search.extra_dirs.end(),
                     [&](const fs::path& dir) { return folder == trust_key(dir); });
}

}  // namespace

const char* status_name(PluginRecord::Status status) {
  switch (status) {
    case PluginRecord::Status::loaded: return "loaded";
    case PluginRecord::Status::disabled: return "disabled";
    case PluginRecord::Status::refused: return "refused";
    case PluginRecord::Status::untrusted: return "untrusted";
  }
  return "refused";
}

PluginSet::PluginSet(const Manifest& manifest, const PluginSearch& search,
                     const HostServices& services,
                     std::optional<std::vector<std::string>> data_for)
    : data_for_(std::move(data_for)) {
  collect(manifest, search);
  reject_duplicates();
  apply_manifest(manifest);
  switch_hooks(manifest);
  initialize(manifest, services);
}

PluginSet::~PluginSet() = default;

void PluginSet::problem(SourceLocation where, std::string message, const char* unit) {
  problems_.push_back(Diagnostic{Severity::error, std::move(where), std::move(message),
                                 unit != nullptr ? unit : kUnit});
}

bool PluginSet::any_untrusted() const {
  return std::any_of(records_.begin(), records_.end(), [](const PluginRecord& record) {
    return record.status == PluginRecord::Status::untrusted;
  });
}

void PluginSet::fail(PluginRecord& record, std::string reason, const SourceLocation& where) {
  record.status = PluginRecord::Status::refused;
  record.reason = reason;
  problem(where, std::move(reason));
}

void PluginSet::add_candidate(const fs::path& file, const SourceLocation& where,
                              const Vetting& vet) {
  std::error_code error;
  const fs::path key = fs::weakly_canonical(file, error);
  for (const auto& record : records_) {
    if (fs::weakly_canonical(record.file, error) == key) return;  // named twice: load once
  }
  PluginRecord& record = records_.emplace_back();
  origins_.push_back(where);
  record.file = file;
  if (auto why = vet ? vet(file) : std::nullopt) {
    record.status = PluginRecord::Status::untrusted;
    record.reason = *why;
    problem(where, *why, "trust");
    return;
  }
  try {
    record.plugin = load_plugin(file);
    record.status = PluginRecord::Status::loaded;
    // Trust covers a project's manifest and plugin file by their SHA-256, not the compiled
    // image beside the file, which anyone who can write the folder could make to match the
    // embedded TOML's key: a project plugin's data comes from its TOML.
    if (vet) record.plugin->ignore_image();
  } catch (const PluginRefusal& refusal) {
    fail(record, refusal.what(), where);
    return;
  }
  if (reads_data_of(*record.plugin) && record.plugin->adapter_summary() == nullptr) {
    fail(record, record.plugin->adapter_data_error(), where);
    record.plugin.reset();
  }
}

bool PluginSet::reads_data_of(const LoadedPlugin& plugin) const {
  const sw_adapter_interface* adapter = plugin.adapter();
  if (adapter == nullptr) return false;
  if (!data_for_) return true;
  for (const auto& name : names_of(*adapter))
    if (std::find(data_for_->begin(), data_for_->end(), name) != data_for_->end()) return true;
  return false;
}

void PluginSet::scan_dir(const fs::path& dir, const SourceLocation& where, bool required,
                         const Vetting& vet) {
  std::error_code error;
  if (!fs::is_directory(dir, error)) {
    if (required) problem(where, "plugin directory '" + dir.string() + "' was not found");
    return;
  }
  for (const auto& file : plugin_files_in(dir)) add_candidate(file, where, vet);
}

void PluginSet::collect(const Manifest& manifest, const PluginSearch& search) {
  Vetting project;
  if (manifest.found) {
    project = [&](const fs::path& file) -> std::optional<std::string> {
      if (in_users_folders(file, search)) return std::nullopt;
      return search.trust.refusal(manifest, file);
    };
  }
  for (const auto& file : manifest.plugin_files) add_candidate(file.path, file.where, project);
  for (const auto& dir : manifest.plugin_dirs) scan_dir(dir.path, dir.where, true, project);
  for (const auto& dir : search.extra_dirs) scan_dir(dir, {}, false, {});
  if (manifest.use_installed && !search.installed_dir.empty()) {
    scan_dir(search.installed_dir, {}, false, {});
  }
}

void PluginSet::reject_duplicates() {
  std::map<std::string, size_t> by_id;
  std::map<std::string, size_t> by_framework;
  for (size_t index = 0; index < records_.size(); ++index) {
    PluginRecord& record = records_[index];
    if (record.status != PluginRecord::Status::loaded) continue;
    const std::string id = record.plugin->id();
    auto [first, inserted] = by_id.emplace(id, index);
    if (!inserted) {
      fail(record,
           "duplicate plugin id '" + id + "': '" + record.file.string() + "' and '" +
               records_[first->second].file.string() + "' both provide it",
           origins_[index]);
      continue;
    }
    if (auto adapter = record.plugin->adapter()) {
      for (const auto& name : names_of(*adapter)) {
        auto [owner, fresh] = by_framework.emplace(name, index);
        if (!fresh) {
          fail(record,
               "plugin '" + id + "' ('" + record.file.string() + "') claims framework '" + name +
                   "', which plugin '" + records_[owner->second].plugin->id() +
                   "' already provides",
               origins_[index]);
          break;
        }
      }
    }
  }
}

PluginRecord* PluginSet::find(std::string_view id) {
  for (auto& record : records_) {
    if (record.plugin && record.status != PluginRecord::Status::refused &&
        record.plugin->id() == id) {
      return &record;
    }
  }
  return nullptr;
}

namespace {

// A hook id close to a mistyped one, or the one hook whose id starts with a shortened one
// (`rng_thread` for `rng_threading`, three edits away).
std::optional<std::string> suggested_hook(const std::string& id,
                                          const std::vector<std::string>& hooks) {
  if (auto close = closest_match(id, hooks)) return close;
  std::optional<std::string> extended;
  for (const auto& hook : hooks) {
    if (id.size() < 3 || hook.rfind(id, 0) != 0) continue;
    if (extended) return std::nullopt;
    extended = hook;
  }
  return extended;
}

}  // namespace

void PluginSet::apply_manifest(const Manifest& manifest) {
  std::vector<std::string> known;
  std::vector<std::string> known_hooks;
  for (const auto& record : records_) {
    if (record.plugin && record.status == PluginRecord::Status::loaded) {
      known.push_back(record.plugin->id());
      if (record.plugin->kind() == SW_PLUGIN_KIND_HOOK) known_hooks.push_back(record.plugin->id());
    }
  }
  // The ids of untrusted plugins are unknown: an id the manifest names may well be theirs.
  const bool ids_known = !any_untrusted();
  auto unknown = [&](const std::string& id, const SourceLocation& where, const std::string& what) {
    if (!ids_known) return;
    std::string message = "unknown plugin id '" + id + "' in " + what;
    if (auto suggestion = closest_match(id, known)) {
      message += "; did you mean '" + *suggestion + "'?";
    } else {
      message +=
          known.empty() ? "; no plugins were found" : " (found: " + join_quoted(known, ", ") + ")";
    }
    problem(where, message);
  };

  std::set<std::string> enabled_ids;
  if (manifest.enable) {
    for (const auto& [id, where] : *manifest.enable) {
      if (find(id) == nullptr) unknown(id, where, "'enable'");
      enabled_ids.insert(id);
    }
    for (auto& record : records_) {
      if (record.status == PluginRecord::Status::loaded &&
          !enabled_ids.count(record.plugin->id())) {
        record.status = PluginRecord::Status::disabled;
        record.reason = "not listed in 'enable'";
      }
    }
  }

  for (const auto& [id, setting] : manifest.hooks) {
    PluginRecord* record = find(id);
    if (record == nullptr) {
      if (ids_known) {
        std::string message = "hook '" + id + "' is named in the manifest but not loaded";
        if (auto suggestion = suggested_hook(id, known_hooks)) {
          message += "; did you mean '" + *suggestion + "'?";
        }
        problem(setting.where, message);
      }
      continue;
    }
    if (record->plugin->kind() != SW_PLUGIN_KIND_HOOK) {
      problem(setting.where, "'" + id + "' in [hooks] is " + article_kind(record->plugin->kind()) +
                                 ", not a hook");
      continue;
    }
    if (setting.enabled.value_or(true) && record->status == PluginRecord::Status::disabled) {
      problem(setting.where,
              "hook '" + id + "' is configured in [hooks." + id + "] but not listed in 'enable'");
    }
  }
  for (const auto& [id, options] : manifest.plugin_options) {
    PluginRecord* record = find(id);
    if (record == nullptr) {
      unknown(id, options.where, "[options]");
    } else if (record->plugin->kind() == SW_PLUGIN_KIND_HOOK) {
      problem(options.where,
              "options of hook '" + id + "' go in [hooks." + id + "], not [options." + id + "]");
    }
  }
}

// Each loaded hook on or off: as [hooks.<id>] enabled says, else as the hook itself declares.
void PluginSet::switch_hooks(const Manifest& manifest) {
  for (auto& record : records_) {
    if (record.status != PluginRecord::Status::loaded ||
        record.plugin->kind() != SW_PLUGIN_KIND_HOOK) {
      continue;
    }
    const auto setting = manifest.hooks.find(record.plugin->id());
    const bool by_default = record.plugin->descriptor().flags & SW_PLUGIN_FLAG_DEFAULT_ENABLED;
    if (setting != manifest.hooks.end() && setting->second.enabled.has_value()) {
      if (!*setting->second.enabled) {
        record.status = PluginRecord::Status::disabled;
        record.reason = "disabled in [hooks." + record.plugin->id() + "]";
      }
    } else if (!by_default) {
      record.status = PluginRecord::Status::disabled;
      record.reason =
          "off by default; enable it with [hooks." + record.plugin->id() + "] enabled = true";
    }
  }
}

void PluginSet::initialize(const Manifest& manifest, const HostServices& services) {
  for (size_t index = 0; index < records_.size(); ++index) {
    PluginRecord& record = records_[index];
    if (record.status != PluginRecord::Status::loaded) continue;
    const std::string id = record.plugin->id();
    nlohmann::json options = nlohmann::json::object();
    SourceLocation where = origins_[index];  // the options' table when the manifest has one
    if (auto hook = manifest.hooks.find(id); hook != manifest.hooks.end()) {
      options = hook->second.options;
      where = hook->second.where;
    } else if (auto own = manifest.plugin_options.find(id); own != manifest.plugin_options.end()) {
      options = own->second.values;
      where = own->second.where;
    }
    try {
      record.plugin->initialize(services.table(), options.dump(),
                                manifest.is_builtin() ? "" : manifest.path.string());
    } catch (const PluginRefusal& refusal) {
      fail(record, refusal.what(), where);
    }
  }
}

const LoadedPlugin* PluginSet::adapter_for(std::string_view framework) const {
  for (const auto& record : records_) {
    if (record.status != PluginRecord::Status::loaded) continue;
    if (auto adapter = record.plugin->adapter()) {
      for (const auto& name : names_of(*adapter)) {
        if (name == framework) return record.plugin.get();
      }
    }
  }
  return nullptr;
}

std::vector<std::string> PluginSet::frameworks() const {
  std::vector<std::string> names;
  for (const auto& record : records_) {
    if (record.status != PluginRecord::Status::loaded) continue;
    if (auto adapter = record.plugin->adapter()) names.emplace_back(adapter->framework);
  }
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<const LoadedPlugin*> PluginSet::of_kind(uint32_t kind) const {
  std::vector<const LoadedPlugin*> plugins;
  for (const auto& record : records_) {
    if (record.status == PluginRecord::Status::loaded && record.plugin->kind() == kind) {
      plugins.push_back(record.plugin.get());
    }
  }
  return plugins;
}

void PluginSet::refuse(std::string_view id, std::string reason,
                       const std::vector<Diagnostic>& problems) {
  PluginRecord* record = find(id);
  if (record == nullptr || record->status != PluginRecord::Status::loaded) return;
  record->status = PluginRecord::Status::refused;
  record->reason = std::move(reason);
  problems_.insert(problems_.end(), problems.begin(), problems.end());
}

}  // namespace switcheroo
