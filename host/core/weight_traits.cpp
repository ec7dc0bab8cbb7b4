#include "weight_traits.h"

#include "spoke_reader.h"

#include <algorithm>
#include <numeric>

namespace switcheroo {
namespace {

std::string optional_string(const TomlReader& reader, const toml::table& table, std::string_view key,
                            std::string fallback) {
  const toml::node* node = table.get(key);
  return node == nullptr ? fallback : reader.string(*node, std::string(key));
}

std::vector<int> axes(const TomlReader& reader, const toml::table& table, std::string_view key) {
  std::vector<int> result;
  const toml::node* node = table.get(key);
  if (node == nullptr) return result;
  const toml::array* list = node->as_array();
  if (list == nullptr) reader.fail(reader.where(*node), "'" + std::string(key) + "' must be a list of axes");
  for (const toml::node& item : *list) {
    const auto value = item.value<int64_t>();
    if (!item.is_integer() || *value < 0 || *value > 16) {
      reader.fail(reader.where(item), "'" + std::string(key) + "' must list axes 0 to 16");
    }
    result.push_back(static_cast<int>(*value));
  }
  return result;
}

// permute must reorder 0..n-1; flip axes must be distinct.
void check_axes(const TomlReader& reader, const toml::table& entry, const WeightParameter& parameter) {
  std::vector<int> sorted = parameter.permute;
  std::sort(sorted.begin(), sorted.end());
  std::vector<int> expected(sorted.size());
  std::iota(expected.begin(), expected.end(), 0);
  if (sorted != expected) {
    reader.fail(reader.where(*entry.get("permute")),
                "'permute' must list each axis 0 to " + std::to_string(sorted.size() - 1) + " once");
  }
  std::vector<int> flips = parameter.flip;
  std::sort(flips.begin(), flips.end());
  if (std::adjacent_find(flips.begin(), flips.end()) != flips.end()) {
    reader.fail(reader.where(*entry.get("flip")), "'flip' lists an axis twice");
  }
}

// `plus = ["bias_hh_l0"]`, `part = [index, count]` and `split = { axis, by }`: a tensor made of
// several hub tensors or of one block of one, or with an axis split per attention head.
void read_composition(const TomlReader& reader, const toml::table& entry,
                      WeightParameter& parameter) {
  if (const toml::node* plus = entry.get("plus")) {
    for (auto& [hub, where] : reader.strings(*plus, "plus")) parameter.plus.push_back(hub);
  }
  if (const toml::node* part = entry.get("part")) {
    const std::vector<int> numbers = axes(reader, entry, "part");
    if (numbers.size() != 2 || numbers[1] < 2 || numbers[0] >= numbers[1]) {
      reader.fail(reader.where(*part),
                  "'part' must be [index, count] with 0 <= index < count and count >= 2");
    }
    parameter.part = numbers[0];
    parameter.parts = numbers[1];
  }
  if (const toml::node* split = entry.get("split")) {
    const toml::table& table = reader.table(*split, "split");
    reader.check_keys(table, "'split'", {"axis", "by"});
    const toml::node* axis = table.get("axis");
    if (axis == nullptr || !axis->is_integer() || *axis->value<int64_t>() < 0 || *axis->value<int64_t>() > 16) {
      reader.fail(reader.where(*split), "'split' needs 'axis', an axis 0 to 16");
    }
    parameter.split_axis = static_cast<int>(*axis->value<int64_t>());
    parameter.split_by = spoke_detail::required_string(reader, table, "by", "'split'");
  }
  if (parameter.composite() && (parameter.hub.empty() || !parameter.flip.empty())) {
    reader.fail(reader.where(entry), "'plus', 'part' and 'split' need 'hub' and no 'flip'");
  }
}

WeightParameter read_parameter(const TomlReader& reader, const toml::node& node) {
  const toml::table& entry = reader.table(node, "parameters");
  reader.check_keys(entry, "a weight parameter",
                    {"dtype", "fill", "flip", "hub", "name", "part", "permute", "plus", "split", "with"});
  WeightParameter parameter;
  parameter.name = spoke_detail::required_string(reader, entry, "name", "a weight parameter");
  parameter.hub = optional_string(reader, entry, "hub", "");
  parameter.flip = axes(reader, entry, "flip");
  parameter.permute = axes(reader, entry, "permute");
  if (!parameter.permute.empty()) check_axes(reader, entry, parameter);
  parameter.with = optional_string(reader, entry, "with", "");
  parameter.dtype = optional_string(reader, entry, "dtype", "");
  if (const toml::node* fill = entry.get("fill")) {
    if (!fill->is_integer()) reader.fail(reader.where(*fill), "'fill' must be an integer");
    parameter.fill = *fill->value<int64_t>();
  }
  if (parameter.hub.empty() && (parameter.with.empty() || parameter.dtype.empty())) {
    reader.fail(reader.where(node), "a tensor without 'hub' needs 'with' and 'dtype'");
  }
  read_composition(reader, entry, parameter);
  return parameter;
}

void read_layer(const TomlReader& reader, const toml::node& node, WeightTraits& traits) {
  const toml::table& layer = reader.table(node, "layer");
  reader.check_keys(layer, "[[weights.layer]]", {"ops", "parameters"});
  const toml::node* ops = layer.get("ops");
  const toml::node* parameters = layer.get("parameters");
  if (ops == nullptr || parameters == nullptr || !parameters->is_array()) {
    reader.fail(reader.where(node), "[[weights.layer]] needs 'ops' and a list 'parameters'");
  }
  std::vector<WeightParameter> list;
  for (const toml::node& item : *parameters->as_array()) list.push_back(read_parameter(reader, item));
  for (const auto& [op, where] : reader.strings(*ops, "ops")) {
    if (!traits.layers.emplace(op, list).second) reader.fail(where, "'" + op + "' has two [[weights.layer]] entries");
  }
}

void read_format(const TomlReader& reader, const std::string& id, const toml::node& node,
                 const std::string& framework, WeightTraits& traits) {
  const toml::table& table = reader.table(node, id);
  reader.check_keys(table, "[weights.format." + id + "]", {"code", "extensions", "library"});
  WeightFormat format;
  format.id = id;
  format.defined_by = framework;
  format.library = optional_string(reader, table, "library", "");
  format.code = spoke_detail::required_string(reader, table, "code", "[weights.format." + id + "]");
  if (const toml::node* extensions = table.get("extensions")) {
    for (auto& [extension, where] : reader.strings(*extensions, "extensions")) {
      if (extension.size() < 2 || extension[0] != '.') reader.fail(where, "an extension starts with '.'");
      format.extensions.push_back(extension);
    }
  }
  std::string function = id;
  std::replace(function.begin(), function.end(), '-', '_');
  for (const std::string& name : {"def read_" + function + "(", "def write_" + function + "("}) {
    if (format.code.find(name) == std::string::npos) {
      reader.fail(reader.where(*table.get("code")),
                  "the code of format '" + id + "' must define " + name.substr(4) + "...)");
    }
  }
  traits.format_definitions[id] = std::move(format);
}

}  // namespace

WeightTraits read_weight_traits(const TomlReader& reader, const toml::table& weights,
                                const std::string& framework) {
  reader.check_keys(weights, "[weights]",
                    {"buffer", "format", "formats", "layer", "list-child", "parameter", "script",
                     "separator", "sequential-child"});
  WeightTraits traits;
  traits.separator = optional_string(reader, weights, "separator", traits.separator);
  traits.sequential_child = optional_string(reader, weights, "sequential-child", traits.sequential_child);
  traits.list_child = optional_string(reader, weights, "list-child", traits.list_child);
  traits.held_parameter = optional_string(reader, weights, "parameter", traits.held_parameter);
  traits.held_buffer = optional_string(reader, weights, "buffer", traits.held_buffer);
  if (const toml::node* formats = weights.get("formats")) {
    for (auto& [format, where] : reader.strings(*formats, "formats")) traits.formats.push_back(format);
  }
  if (const toml::node* layers = weights.get("layer")) {
    if (!layers->is_array()) reader.fail(reader.where(*layers), "'layer' must be [[weights.layer]] tables");
    for (const toml::node& layer : *layers->as_array()) read_layer(reader, layer, traits);
  }
  if (const toml::node* formats = weights.get("format")) {
    for (const auto& [key, node] : reader.table(*formats, "format")) {
      read_format(reader, std::string(key.str()), node, framework, traits);
    }
  }
  if (const toml::node* script = weights.get("script")) {
    const toml::table& table = reader.table(*script, "script");
    reader.check_keys(table, "[weights.script]", {"code", "imports"});
    traits.script_imports = spoke_detail::required_string(reader, table, "imports", "[weights.script]");
    traits.script_code = spoke_detail::required_string(reader, table, "code", "[weights.script]");
  }
  return traits;
}

}  // namespace switcheroo
