#include "toml_reader.h"

#include "text_util.h"

#include <algorithm>
#include <cctype>

namespace switcheroo {

const char* toml_type_name(const toml::node& node) {
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

toml::table TomlReader::parse(std::string_view text) const {
  try {
    return toml::parse(text, file_);
  } catch (const toml::parse_error& failure) {
    std::string message(failure.description());
    if (!message.empty()) message[0] = static_cast<char>(std::tolower(message[0]));
    fail(where(failure.source()), message);
  }
}

SourceLocation TomlReader::where(const toml::source_region& region) const {
  return {file_, region.begin.line, region.begin.column};
}

void TomlReader::fail(const SourceLocation& where, std::string message) const {
  throw Error(Diagnostic{Severity::error, where, std::move(message), unit_});
}

void TomlReader::check_keys(const toml::table& table, std::string_view table_name,
                            const std::vector<std::string>& allowed) const {
  for (const auto& [key, value] : table) {
    if (std::find(allowed.begin(), allowed.end(), key.str()) != allowed.end()) continue;
    std::string message =
        "unknown key '" + std::string(key.str()) + "' in " + std::string(table_name);
    if (auto suggestion = closest_match(key.str(), allowed)) {
      message += "; did you mean '" + *suggestion + "'?";
    } else {
      message += " (expected " + join_quoted(allowed, ", ") + ")";
    }
    fail(where(key), message);
  }
}

const toml::table& TomlReader::table(const toml::node& node, const std::string& name) const {
  if (auto table = node.as_table()) return *table;
  fail(where(node), "'" + name + "' must be a table, not " + toml_type_name(node));
}

bool TomlReader::boolean(const toml::node& node, const std::string& name) const {
  if (auto value = node.as_boolean()) return value->get();
  fail(where(node), "'" + name + "' must be a boolean, not " + toml_type_name(node));
}

std::string TomlReader::string(const toml::node& node, const std::string& name) const {
  if (auto value = node.as_string()) return value->get();
  fail(where(node), "'" + name + "' must be a string, not " + toml_type_name(node));
}

std::vector<std::string> TomlReader::string_list(const toml::table& table,
                                                 std::string_view key) const {
  std::vector<std::string> list;
  if (const toml::node* node = table.get(key)) {
    for (auto& [text, where] : strings(*node, std::string(key))) list.push_back(text);
  }
  return list;
}

std::vector<std::pair<std::string, SourceLocation>> TomlReader::strings(
    const toml::node& node, const std::string& name) const {
  auto array = node.as_array();
  if (array == nullptr) {
    fail(where(node), "'" + name + "' must be an array of strings, not " + toml_type_name(node));
  }
  std::vector<std::pair<std::string, SourceLocation>> result;
  for (const auto& element : *array) {
    if (!element.is_string()) {
      fail(where(element), "'" + name + "' must be an array of strings; this element is " +
                               toml_type_name(element));
    }
    result.emplace_back(element.as_string()->get(), where(element));
  }
  return result;
}

std::map<std::string, std::string> TomlReader::string_table(const toml::node& node,
                                                            const std::string& name) const {
  std::map<std::string, std::string> result;
  for (const auto& [key, value] : table(node, name)) {
    result[std::string(key.str())] = string(value, std::string(key.str()));
  }
  return result;
}

}  // namespace switcheroo
