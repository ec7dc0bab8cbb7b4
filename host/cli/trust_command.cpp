// `swhost trust`: records that the user trusts a project's manifest and the plugin files it
// names as they are now (their SHA-256), so that swhost may load those files when it finds the
// manifest; lists and revokes such records. See docs/manifest.md, "Trusting a project's plugins".
#include "common.h"

#include "../core/plugin_loader.h"
#include "../core/plugin_trust.h"
#include "../core/sha256.h"
#include "../core/trust_store.h"

#include <algorithm>
#include <ostream>

namespace switcheroo::cli {
namespace {

namespace fs = std::filesystem;
constexpr const char* kUnit = "trust";

fs::path store_file() {
  if (auto file = trust_store_file()) return *file;
  throw Error(
      "cannot find your configuration folder: neither XDG_CONFIG_HOME nor HOME is an absolute "
      "path",
      kUnit);
}

// PATH itself when it is a file; from a folder, the manifest a conversion there would find.
fs::path manifest_to_trust(const std::optional<std::string>& path) {
  const fs::path start = path ? fs::path(*path) : fs::current_path();
  std::error_code error;
  if (!fs::is_directory(start, error)) return start;
  const ManifestSearch search = search_manifest(start);
  if (search.manifest) return *search.manifest;
  if (search.ignored) throw Error(search.ignored->message + "; nothing was trusted", kUnit);
  throw Error("no switcheroo.toml or pyproject.toml with [tool.switcheroo] at or above '" +
                  start.string() + "'; nothing was trusted",
              kUnit);
}

[[noreturn]] void fail_at(const SourceLocation& where, std::string message) {
  throw Error(Diagnostic{Severity::error, where, std::move(message), kUnit});
}

// Every plugin file the manifest names, once each, with where it is named.
std::vector<ManifestPath> plugin_files_of(const Manifest& manifest) {
  std::vector<ManifestPath> files;
  std::vector<fs::path> keys;
  auto add = [&](const fs::path& file, const SourceLocation& where) {
    if (auto exposure = plugin_file_exposure(file)) {
      fail_at(where, "plugin '" + file.string() + "' cannot be trusted: " + *exposure +
                         ", so another user could replace it; nothing was trusted");
    }
    const fs::path key = trust_key(file);
    if (std::find(keys.begin(), keys.end(), key) != keys.end()) return;
    keys.push_back(key);
    files.push_back({file, where});
  };
  std::error_code error;
  for (const auto& file : manifest.plugin_files) {
    if (!fs::is_regular_file(file.path, error)) {
      fail_at(file.where, "plugin '" + file.path.string() + "' was not found; nothing was trusted");
    }
    add(file.path, file.where);
  }
  for (const auto& dir : manifest.plugin_dirs) {
    if (!fs::is_directory(dir.path, error)) {
      fail_at(dir.where,
              "plugin directory '" + dir.path.string() + "' was not found; nothing was trusted");
    }
    for (const auto& file : plugin_files_in(dir.path)) add(file, dir.where);
  }
  return files;
}

// The plugin as it describes itself. Loading runs its code, which is why this happens only
// after the user's trust is recorded.
std::string describe_plugin(const fs::path& file) {
  try {
    const auto plugin = load_plugin(file);
    return "id '" + plugin->id() + "', kind " + plugin_kind_name(plugin->kind()) + ", version " +
           plugin->descriptor().version + ", SDK ABI " + plugin->abi().text();
  } catch (const PluginRefusal& refusal) {
    return std::string("refused: ") + refusal.what();
  }
}

int trust_manifest(const std::optional<std::string>& path, std::ostream& out) {
  const fs::path file = manifest_to_trust(path);
  const Manifest manifest = load_manifest(file);
  const auto plugins = plugin_files_of(manifest);
  if (plugins.empty()) {
    out << "manifest '" << file.string() << "' names no plugin files; nothing to trust\n";
    return exit_success;
  }
  TrustRecord record{{trust_key(file), manifest.sha256}, {}};
  for (const auto& plugin : plugins) {
    record.plugins.push_back({trust_key(plugin.path), sha256_of_file(plugin.path)});
  }
  const fs::path store_path = store_file();
  TrustStore store = TrustStore::load(store_path);
  store.trust(record);
  store.save(store_path);

  out << "manifest '" << file.string() << "'\n  sha256 " << manifest.sha256 << '\n';
  for (size_t index = 0; index < plugins.size(); ++index) {
    out << "plugin '" << plugins[index].path.string() << "'\n  sha256 "
        << record.plugins[index].sha256 << "\n  " << describe_plugin(plugins[index].path) << '\n';
  }
  out << "trusted; recorded in '" << store_path.string() << "'\n";
  return exit_success;
}

std::string state_of(const TrustedFile& file) {
  std::error_code error;
  if (!fs::exists(file.path, error)) return "missing";
  try {
    return sha256_of_file(file.path) == file.sha256 ? "unchanged" : "changed since it was trusted";
  } catch (const Error&) {
    return "unreadable";
  }
}

int list_trusted(std::ostream& out) {
  const TrustStore store = TrustStore::load(store_file());
  if (store.records().empty()) out << "no trusted manifests\n";
  for (const auto& record : store.records()) {
    out << "manifest '" << record.manifest.path.string() << "' (" << state_of(record.manifest)
        << ")\n";
    for (const auto& plugin : record.plugins) {
      out << "  plugin '" << plugin.path.string() << "' (" << state_of(plugin) << ")\n";
    }
  }
  return exit_success;
}

// PATH is the manifest, or the folder holding it.
int revoke(const std::string& path, std::ostream& out) {
  const fs::path store_path = store_file();
  TrustStore store = TrustStore::load(store_path);
  const fs::path key = trust_key(path);
  for (const fs::path& manifest : {key, key / "switcheroo.toml", key / "pyproject.toml"}) {
    if (store.revoke(manifest)) {
      store.save(store_path);
      out << "revoked '" << manifest.string() << "'\n";
      return exit_success;
    }
  }
  throw Error("'" + path +
                  "' is not a trusted manifest; nothing to revoke (see 'swhost trust "
                  "--list')",
              kUnit);
}

}  // namespace

int run_trust(const Invocation& invocation) {
  po::options_description options("options");
  options.add_options()("list",
                        "list the trusted manifests and plugin files, and whether each "
                        "is unchanged")(
      "revoke", po::value<std::string>()->value_name("PATH"),
      "forget the trust in a manifest (or the manifest in a folder)")("help,h", "show this help");
  po::options_description hidden;
  hidden.add_options()("path", po::value<std::string>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("path", 1);
  const auto values = parse_arguments("trust", invocation, all, positional);
  if (values.count("help")) {
    print_help(
        invocation.out, "swhost trust [PATH] | --list | --revoke PATH",
        "Trusts a project's manifest and the plugin files it names, as they are now. swhost "
        "loads the\nplugin files of a manifest it finds (rather than one named with --plugins) "
        "only while the\nmanifest and each file still have the SHA-256 recorded here. PATH is a "
        "manifest, or a folder\nsearched upward as 'swhost convert' does (default: the current "
        "folder). Shows each file with\nits SHA-256 and, once trusted, its plugin id and kind. "
        "Records are kept in\n$XDG_CONFIG_HOME/switcheroo/trusted-manifests (default "
        "~/.config/switcheroo/).",
        options);
    return exit_success;
  }
  if (values.count("list") + values.count("revoke") + values.count("path") > 1) {
    throw Error("give one of PATH, --list and --revoke PATH (see 'swhost trust --help')", "usage",
                exit_usage);
  }
  if (values.count("list")) return list_trusted(invocation.out);
  if (values.count("revoke")) return revoke(values["revoke"].as<std::string>(), invocation.out);
  std::optional<std::string> path;
  if (values.count("path")) path = values["path"].as<std::string>();
  return trust_manifest(path, invocation.out);
}

}  // namespace switcheroo::cli
