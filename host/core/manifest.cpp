#include "manifest.h"

#include "path_safety.h"
#include "sha256.h"
#include "text_util.h"
#include "toml_reader.h"

#include <fstream>
#include <sstream>

namespace switcheroo {
namespace {

namespace fs = std::filesystem;
constexpr const char* kUnit = "manifest";

[[noreturn]] void fail_at(const SourceLocation& where, std::string message) {
  throw Error(Diagnostic{Severity::error, where, std::move(message), kUnit});
}

// The manifest's own value kinds on top of the generic reader: paths and plugin ids.
class Reader : public TomlReader {
 public:
  Reader(const std::string& file, fs::path base)
      : TomlReader(file, kUnit), base_(std::move(base)) {}

  std::vector<ManifestPath> paths(const toml::node& node, const std::string& name) const {
    std::vector<ManifestPath> result;
    for (auto& [text, location] : strings(node, name)) {
      if (text.empty()) fail(location, "'" + name + "' has an empty path");
      fs::path path(text);
      result.push_back({path.is_absolute() ? path : base_ / path, location});
    }
    return result;
  }

  ManifestPath path(const toml::node& node, const std::string& name) const {
    const std::string text = string(node, name);
    if (text.empty()) fail(where(node), "'" + name + "' has an empty path");
    fs::path path(text);
    return {path.is_absolute() ? path : base_ / path, where(node)};
  }

  std::string plugin_id(const toml::key& key, const std::string& table_name) const {
    const std::string id(key.str());
    if (!is_plugin_id(id)) {
      fail(where(key), "'" + id + "' in [" + table_name +
                           "] is not a plugin id (lowercase letters, digits, '_' and '-')");
    }
    return id;
  }

 private:
  fs::path base_;
};

nlohmann::json to_json(const toml::node& node) {
  if (auto table = node.as_table()) {
    nlohmann::json object = nlohmann::json::object();
    for (const auto& [key, value] : *table) object[std::string(key.str())] = to_json(value);
    return object;
  }
  if (auto array = node.as_array()) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& element : *array) list.push_back(to_json(element));
    return list;
  }
  if (auto value = node.as_string()) return value->get();
  if (auto value = node.as_integer()) return value->get();
  if (auto value = node.as_floating_point()) return value->get();
  if (auto value = node.as_boolean()) return value->get();
  std::ostringstream text;  // dates and times travel as their TOML spelling
  if (auto value = node.as_date()) text << value->get();
  if (auto value = node.as_time()) text << value->get();
  if (auto value = node.as_date_time()) text << value->get();
  return text.str();
}

void read_plugins(const Reader& reader, const toml::table& table, Manifest& manifest) {
  reader.check_keys(table, "[plugins]", {"dirs", "enable", "files", "installed"});
  if (auto node = table.get("files")) manifest.plugin_files = reader.paths(*node, "files");
  if (auto node = table.get("dirs")) manifest.plugin_dirs = reader.paths(*node, "dirs");
  if (auto node = table.get("installed"))
    manifest.use_installed = reader.boolean(*node, "installed");
  if (auto node = table.get("enable")) {
    manifest.enable = reader.strings(*node, "enable");
    for (const auto& [id, location] : *manifest.enable) {
      if (!is_plugin_id(id)) {
        fail_at(location, "'" + id +
                              "' in 'enable' is not a plugin id (lowercase letters, "
                              "digits, '_' and '-')");
      }
    }
  }
}

void read_convert(const Reader& reader, const toml::table& table, Manifest& manifest) {
  reader.check_keys(table, "[convert]", {"source", "target"});
  if (auto node = table.get("source")) manifest.source = reader.string(*node, "source");
  if (auto node = table.get("target")) manifest.target = reader.string(*node, "target");
}

void read_draw(const Reader& reader, const toml::table& table, Manifest& manifest) {
  reader.check_keys(table, "[draw]", {"input-shape", "class", "builder", "args", "emitter", "depth"});
  DrawDefaults& draw = manifest.draw;
  if (auto node = table.get("input-shape")) {
    if (node->is_string()) {
      draw.input_shapes.push_back(reader.string(*node, "input-shape"));
    } else {
      for (auto& [shape, where] : reader.strings(*node, "input-shape")) draw.input_shapes.push_back(shape);
    }
  }
  if (auto node = table.get("class")) draw.class_name = reader.string(*node, "class");
  if (auto node = table.get("builder")) draw.builder = reader.string(*node, "builder");
  if (auto node = table.get("args")) draw.arguments = reader.string(*node, "args");
  if (auto node = table.get("emitter")) draw.emitter = reader.string(*node, "emitter");
  if (auto node = table.get("depth")) {
    auto depth = node->as_integer();
    if (depth == nullptr || depth->get() < 0 || depth->get() > 1000) {
      reader.fail(reader.where(*node), "'depth' must be an integer from 0 to 1000");
    }
    draw.depth = static_cast<int>(depth->get());
  }
}

void read_knowledge(const Reader& reader, const toml::table& table, Manifest& manifest) {
  reader.check_keys(table, "[knowledge]", {"files", "python", "verified", "stand-ins"});
  if (auto node = table.get("files")) manifest.knowledge_files = reader.paths(*node, "files");
  if (auto node = table.get("python")) manifest.python = reader.string(*node, "python");
  if (auto node = table.get("verified")) manifest.verified = reader.path(*node, "verified");
  if (auto node = table.get("stand-ins")) {
    for (const auto& [key, value] : reader.table(*node, "stand-ins")) {
      const std::string framework = reader.plugin_id(key, "knowledge.stand-ins");
      manifest.stand_ins[framework] = reader.path(value, framework);
    }
  }
}

void read_hooks(const Reader& reader, const toml::table& table, Manifest& manifest) {
  for (const auto& [key, value] : table) {
    const std::string id = reader.plugin_id(key, "hooks");
    HookSetting setting;
    setting.where = reader.where(key);
    for (const auto& [option, option_value] : reader.table(value, "hooks." + id)) {
      if (option.str() == "enabled") {
        setting.enabled = reader.boolean(option_value, "enabled");
      } else {
        setting.options[std::string(option.str())] = to_json(option_value);
      }
    }
    manifest.hooks[id] = std::move(setting);
  }
}

void read_options(const Reader& reader, const toml::table& table, Manifest& manifest) {
  for (const auto& [key, value] : table) {
    const std::string id = reader.plugin_id(key, "options");
    manifest.plugin_options[id] = {to_json(reader.table(value, "options." + id)),
                                   reader.where(key)};
  }
}

// This folder's own manifest, if it has one.
std::optional<fs::path> manifest_in(const fs::path& folder) {
  std::error_code error;
  const fs::path own = folder / "switcheroo.toml";
  if (fs::is_regular_file(own, error)) return own;
  const fs::path pyproject = folder / "pyproject.toml";
  if (!fs::is_regular_file(pyproject, error)) return std::nullopt;
  std::ifstream stream(pyproject, std::ios::binary);
  std::ostringstream content;
  content << stream.rdbuf();
  try {
    auto document = toml::parse(content.str(), pyproject.string());
    // Present but not a table (`switcheroo = 3`, `[[tool.switcheroo]]`): loading it says so.
    if (document["tool"]["switcheroo"]) return pyproject;
  } catch (const toml::parse_error&) {
    return pyproject;  // a broken pyproject.toml is reported when it is loaded
  }
  return std::nullopt;
}

Diagnostic ignored_manifest(const fs::path& manifest, const std::string& why) {
  return Diagnostic{
      Severity::warning, {}, "ignoring manifest '" + manifest.string() + "': " + why, kUnit};
}

}  // namespace

std::string Manifest::display_name() const {
  return is_builtin() ? std::string("<built-in default>") : path.string();
}

Manifest parse_manifest(std::string_view text, const fs::path& file, bool pyproject) {
  const std::string file_name = file.string();
  Reader reader(file_name, file.parent_path());
  const toml::table document = reader.parse(text);
  Manifest manifest;
  manifest.path = file;
  const toml::table* root = &document;
  if (pyproject) {
    root = nullptr;
    if (auto tool = document.get("tool"); tool && tool->is_table()) {
      if (auto own = tool->as_table()->get("switcheroo")) {
        root = &reader.table(*own, "tool.switcheroo");
      }
    }
    if (root == nullptr) {
      fail_at({file_name, 0, 0}, "'" + file_name + "' has no [tool.switcheroo] table");
    }
  }

  const std::string prefix = pyproject ? "tool.switcheroo." : "";
  reader.check_keys(*root, pyproject ? "[tool.switcheroo]" : "the manifest",
                    {"convert", "draw", "hooks", "knowledge", "options", "plugins"});
  if (auto node = root->get("plugins")) {
    read_plugins(reader, reader.table(*node, prefix + "plugins"), manifest);
  }
  if (auto node = root->get("convert")) {
    read_convert(reader, reader.table(*node, prefix + "convert"), manifest);
  }
  if (auto node = root->get("draw")) read_draw(reader, reader.table(*node, prefix + "draw"), manifest);
  if (auto node = root->get("knowledge")) {
    read_knowledge(reader, reader.table(*node, prefix + "knowledge"), manifest);
  }
  if (auto node = root->get("hooks")) {
    read_hooks(reader, reader.table(*node, prefix + "hooks"), manifest);
  }
  if (auto node = root->get("options")) {
    read_options(reader, reader.table(*node, prefix + "options"), manifest);
  }
  return manifest;
}

Manifest load_manifest(const fs::path& file) {
  std::error_code error;
  if (fs::is_directory(file, error)) {
    throw Error("cannot read manifest '" + file.string() + "': it is a directory", kUnit);
  }
  std::ifstream stream(file, std::ios::binary);
  if (!stream) {
    const bool exists = fs::exists(file, error);
    throw Error("cannot read manifest '" + file.string() +
                    "': " + (exists ? "permission denied" : "no such file"),
                kUnit);
  }
  std::ostringstream content;
  content << stream.rdbuf();
  Manifest manifest = parse_manifest(content.str(), file, file.filename() == "pyproject.toml");
  manifest.sha256 = sha256_hex(content.str());
  return manifest;
}

ManifestSearch search_manifest(const fs::path& start) {
  std::error_code error;
  fs::path folder = fs::absolute(start, error);
  if (error) return {};
  if (!fs::is_directory(folder, error)) folder = folder.parent_path();
  for (; !folder.empty(); folder = folder.parent_path()) {
    // No manifest is taken from a folder someone else could have filled, nor from above it.
    if (auto foreign = foreign_write_access(folder)) {
      if (auto manifest = manifest_in(folder)) {
        return {std::nullopt, ignored_manifest(*manifest, "its folder " + *foreign)};
      }
      return {};
    }
    if (auto manifest = manifest_in(folder)) {
      if (auto foreign = foreign_write_access(*manifest)) {
        return {std::nullopt, ignored_manifest(*manifest, "it " + *foreign)};
      }
      return {*manifest, std::nullopt};
    }
    if (fs::exists(folder / ".git", error)) break;  // the repository's root
    if (folder == folder.root_path()) break;
  }
  return {};
}

std::optional<fs::path> find_manifest(const fs::path& start) {
  return search_manifest(start).manifest;
}

Manifest builtin_manifest() {
  return Manifest{};
}

}  // namespace switcheroo
