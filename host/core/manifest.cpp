#include "manifest.h"

#include "text_util.h"

#include <toml++/toml.h>

#include <cctype>
#include <fstream>
#include <sstream>

namespace switcheroo {
namespace {

namespace fs = std::filesystem;
constexpr const char* kUnit = "manifest";

SourceLocation location_of(const toml::source_region& region, const std::string& file) {
  return {file, region.begin.line, region.begin.column};
}

[[noreturn]] void fail_at(const SourceLocation& where, std::string message) {
  throw Error(Diagnostic{Severity::error, where, std::move(message), kUnit});
}

const char* type_name(const toml::node& node) {
  switch (node.type()) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date: return "a date";
    case toml::node_type::time: return "a time";
    case toml::node_type::date_time: return "a date-time";
    default: return "nothing";
  }
}

class Reader {
 public:
  Reader(std::string file, fs::path base) : file_(std::move(file)), base_(std::move(base)) {}

  SourceLocation where(const toml::node& node) const { return location_of(node.source(), file_); }
  SourceLocation where(const toml::key& key) const { return location_of(key.source(), file_); }

  // Every key of `table` must be one of `allowed`; a typo must not pass silently.
  void check_keys(const toml::table& table, std::string_view table_name,
                  const std::vector<std::string>& allowed) const {
    for (const auto& [key, value] : table) {
      if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
      std::string message = "unknown key '" + std::string(key.str()) + "' in " +
                            std::string(table_name);
      if (auto suggestion = closest_match(key.str(), allowed)) {
        message += "; did you mean '" + *suggestion + "'?";
      } else {
        message += " (expected " + join_quoted(allowed, ", ") + ")";
      }
      fail_at(where(key), message);
    }
  }

  const toml::table& table(const toml::node& node, const std::string& name) const {
    if (auto table = node.as_table()) return *table;
    fail_at(where(node), "'" + name + "' must be a table, not " + type_name(node));
  }

  bool boolean(const toml::node& node, const std::string& name) const {
    if (auto value = node.as_boolean()) return value->get();
    fail_at(where(node), "'" + name + "' must be a boolean, not " + type_name(node));
  }

  std::string string(const toml::node& node, const std::string& name) const {
    if (auto value = node.as_string()) return value->get();
    fail_at(where(node), "'" + name + "' must be a string, not " + type_name(node));
  }

  std::vector<std::pair<std::string, SourceLocation>> strings(const toml::node& node,
                                                              const std::string& name) const {
    auto array = node.as_array();
    if (array == nullptr) {
      fail_at(where(node), "'" + name + "' must be an array of strings, not " + type_name(node));
    }
    std::vector<std::pair<std::string, SourceLocation>> result;
    for (const auto& element : *array) {
      if (!element.is_string()) {
        fail_at(where(element), "'" + name + "' must be an array of strings; this element is " +
                                    type_name(element));
      }
      result.emplace_back(element.as_string()->get(), where(element));
    }
    return result;
  }

  std::vector<ManifestPath> paths(const toml::node& node, const std::string& name) const {
    std::vector<ManifestPath> result;
    for (auto& [text, location] : strings(node, name)) {
      if (text.empty()) fail_at(location, "'" + name + "' has an empty path");
      fs::path path(text);
      result.push_back({path.is_absolute() ? path : base_ / path, location});
    }
    return result;
  }

  std::string plugin_id(const toml::key& key, const std::string& table_name) const {
    const std::string id(key.str());
    if (!is_plugin_id(id)) {
      fail_at(where(key), "'" + id + "' in [" + table_name +
                              "] is not a plugin id (lowercase letters, digits, '_' and '-')");
    }
    return id;
  }

 private:
  std::string file_;
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
  if (auto node = table.get("installed")) manifest.use_installed = reader.boolean(*node, "installed");
  if (auto node = table.get("enable")) {
    manifest.enable = reader.strings(*node, "enable");
    for (const auto& [id, location] : *manifest.enable) {
      if (!is_plugin_id(id)) {
        fail_at(location, "'" + id + "' in 'enable' is not a plugin id (lowercase letters, "
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
    manifest.plugin_options[id] = {to_json(reader.table(value, "options." + id)), reader.where(key)};
  }
}

}  // namespace

std::string Manifest::display_name() const {
  return is_builtin() ? std::string("<built-in default>") : path.string();
}

Manifest parse_manifest(std::string_view text, const fs::path& file, bool pyproject) {
  const std::string file_name = file.string();
  toml::table document;
  try {
    document = toml::parse(text, file_name);
  } catch (const toml::parse_error& failure) {
    std::string message(failure.description());
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    fail_at(location_of(failure.source(), file_name), message);
  }

  Manifest manifest;
  manifest.path = file;
  Reader reader(file_name, file.parent_path());
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
                    {"convert", "hooks", "options", "plugins"});
  if (auto node = root->get("plugins")) {
    read_plugins(reader, reader.table(*node, prefix + "plugins"), manifest);
  }
  if (auto node = root->get("convert")) {
    read_convert(reader, reader.table(*node, prefix + "convert"), manifest);
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
    throw Error("cannot read manifest '" + file.string() + "': " +
                    (exists ? "permission denied" : "no such file"),
                kUnit);
  }
  std::ostringstream content;
  content << stream.rdbuf();
  return parse_manifest(content.str(), file, file.filename() == "pyproject.toml");
}

std::optional<fs::path> find_manifest(const fs::path& start) {
  std::error_code error;
  fs::path folder = fs::absolute(start, error);
  if (error) return std::nullopt;
  if (!fs::is_directory(folder, error)) folder = folder.parent_path();
  for (; !folder.empty(); folder = folder.parent_path()) {
    const fs::path own = folder / "switcheroo.toml";
    if (fs::is_regular_file(own, error)) return own;
    const fs::path pyproject = folder / "pyproject.toml";
    if (fs::is_regular_file(pyproject, error)) {
      std::ifstream stream(pyproject, std::ios::binary);
      std::ostringstream content;
      content << stream.rdbuf();
      try {
        auto document = toml::parse(content.str(), pyproject.string());
        if (document["tool"]["switcheroo"].is_table()) return pyproject;
      } catch (const toml::parse_error&) {
        return pyproject;  // a broken pyproject.toml is reported when it is loaded
      }
    }
    if (folder == folder.root_path()) break;
  }
  return std::nullopt;
}

Manifest builtin_manifest() { return Manifest{}; }

}  // namespace switcheroo
