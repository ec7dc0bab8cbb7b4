#include "weight_traits.h"

#include "spoke_reader.h"

#include <algorithm>
#include <numeric>
#include <tuple>

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

// `plus = ["bias_hh_l0"]`, `part = [index, count]`, `split = { axis, by }`, `blocks = [1, 0, 2]`
// and `stack = ["bias_hh_l0"]`: a tensor made of several hub tensors (summed or stacked) or of
// one block of one, with an axis split per attention head, or with its blocks reordered.
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
  if (const toml::node* blocks = entry.get("plus-blocks")) {
    const std::vector<int> numbers = axes(reader, entry, "plus-blocks");
    if (numbers.size() != 2 || numbers[0] < 1 || numbers[0] >= numbers[1] || parameter.plus.empty()) {
      reader.fail(reader.where(*blocks), "'plus-blocks' must be [n, count] with 1 <= n < count, with 'plus'");
    }
    parameter.plus_blocks = numbers[0];
    parameter.plus_of = numbers[1];
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
  if (entry.get("blocks") != nullptr) {
    parameter.blocks = axes(reader, entry, "blocks");
    std::vector<int> sorted = parameter.blocks;
    std::sort(sorted.begin(), sorted.end());
    for (size_t i = 0; i < sorted.size(); ++i) {
      if (sorted[i] != static_cast<int>(i) || sorted.size() < 2 || parameter.parts > 0) {
        reader.fail(reader.where(*entry.get("blocks")),
                    "'blocks' must list each block 0 to n-1 once, n >= 2, and cannot go with 'part'");
      }
    }
  }
  if (const toml::node* stack = entry.get("stack")) {
    for (auto& [hub, where] : reader.strings(*stack, "stack")) parameter.stack.push_back(hub);
  }
  if (parameter.composite() && (parameter.hub.empty() || !parameter.flip.empty())) {
    reader.fail(reader.where(entry), "'plus', 'part', 'split', 'blocks' and 'stack' need 'hub' and no 'flip'");
  }
  if (!parameter.stack.empty() && (!parameter.plus.empty() || !parameter.permute.empty())) {
    reader.fail(reader.where(entry), "'stack' goes without 'plus' and 'permute'");
  }
}

WeightParameter read_parameter(const TomlReader& reader, const toml::node& node) {
  const toml::table& entry = reader.table(node, "parameters");
  reader.check_keys(entry, "a weight parameter",
                    {"blocks", "dtype", "fill", "flip", "hub", "name", "part", "permute", "plus", "plus-blocks", "split",
                     "stack", "with"});
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

// `cells = { hub-layers = ["_l0", "_l1"], reverse = "_reverse", stack = [...], directions = [...] }`.
WeightCells read_cells(const TomlReader& reader, const toml::node& node) {
  const toml::table& table = reader.table(node, "cells");
  reader.check_keys(table, "'cells'",
                    {"directions", "hub-layers", "reverse", "stack", "stack-bidirectional", "stack-listed",
                     "stack-listed-bidirectional"});
  WeightCells cells;
  cells.hub_layers = reader.string_list(table, "hub-layers");
  cells.reverse = optional_string(reader, table, "reverse", "");
  cells.stack = reader.string_list(table, "stack");
  cells.stack_bidirectional = reader.string_list(table, "stack-bidirectional");
  if (cells.stack_bidirectional.empty()) cells.stack_bidirectional = cells.stack;
  cells.stack_listed = reader.string_list(table, "stack-listed");
  cells.stack_listed_bidirectional = reader.string_list(table, "stack-listed-bidirectional");
  if (cells.stack_listed_bidirectional.empty()) cells.stack_listed_bidirectional = cells.stack_listed;
  cells.directions = reader.string_list(table, "directions");
  // without `directions`, each direction of each layer its own `stack-bidirectional` path (MLX's
  // list of one-direction layers: `0`, `1` the first layer's forward and backward)
  const bool flat = cells.directions.empty() && !cells.reverse.empty();
  const size_t paths = cells.hub_layers.size() * (flat ? 2 : 1);
  if (cells.hub_layers.empty() || cells.stack.size() != cells.hub_layers.size() ||
      cells.stack_bidirectional.size() != paths ||
      (cells.directions.size() != 0 && cells.directions.size() != 2) ||
      (!cells.directions.empty() && cells.reverse.empty())) {
    reader.fail(reader.where(node),
                "'cells' needs 'hub-layers' and a 'stack' path for each, and 'reverse' with two 'directions', "
                "or with a 'stack-bidirectional' path for each direction of each layer, or neither");
  }
  if (!cells.stack_listed.empty() && (cells.stack_listed.size() != cells.hub_layers.size() ||
                                      cells.stack_listed_bidirectional.size() != cells.hub_layers.size())) {
    reader.fail(reader.where(node), "'cells' needs a 'stack-listed' path for each of 'hub-layers', or none");
  }
  return cells;
}

// `name` with its suffix `from` replaced by `to`; unchanged where it does not end with `from`.
std::string resuffixed(const std::string& name, const std::string& from, const std::string& to) {
  if (name.size() < from.size() || name.compare(name.size() - from.size(), from.size(), from) != 0) return name;
  return name.substr(0, name.size() - from.size()) + to;
}

// The first cell's parameters repeated for every layer and direction `cells` names.
std::vector<WeightParameter> every_cell(const std::vector<WeightParameter>& first, const WeightCells& cells) {
  std::vector<WeightParameter> all;
  const int directions = cells.reverse.empty() ? 1 : 2;
  for (size_t layer = 0; layer < cells.hub_layers.size(); ++layer) {
    for (int direction = 0; direction < directions; ++direction) {
      const std::string suffix = cells.hub_layers[layer] + (direction == 1 ? cells.reverse : "");
      for (WeightParameter parameter : first) {
        parameter.hub = resuffixed(parameter.hub, cells.hub_layers[0], suffix);
        parameter.with = resuffixed(parameter.with, cells.hub_layers[0], suffix);
        for (std::string& name : parameter.plus) name = resuffixed(name, cells.hub_layers[0], suffix);
        for (std::string& name : parameter.stack) name = resuffixed(name, cells.hub_layers[0], suffix);
        parameter.layer = static_cast<int>(layer);
        parameter.direction = direction;
        all.push_back(parameter);
      }
    }
  }
  return all;
}

void read_layer(const TomlReader& reader, const toml::node& node, WeightTraits& traits) {
  const toml::table& layer = reader.table(node, "layer");
  reader.check_keys(layer, "[[weights.layer]]", {"cells", "ops", "parameters"});
  const toml::node* ops = layer.get("ops");
  const toml::node* parameters = layer.get("parameters");
  if (ops == nullptr || parameters == nullptr || !parameters->is_array()) {
    reader.fail(reader.where(node), "[[weights.layer]] needs 'ops' and a list 'parameters'");
  }
  std::vector<WeightParameter> list;
  for (const toml::node& item : *parameters->as_array()) list.push_back(read_parameter(reader, item));
  const toml::node* cells = layer.get("cells");
  const WeightCells paths = cells == nullptr ? WeightCells{} : read_cells(reader, *cells);
  if (cells != nullptr) list = every_cell(list, paths);
  for (const auto& [op, where] : reader.strings(*ops, "ops")) {
    if (!traits.layers.emplace(op, list).second) reader.fail(where, "'" + op + "' has two [[weights.layer]] entries");
    if (cells != nullptr) traits.cells[op] = paths;
  }
}

// `[[weights.tied-layer]]`: op, parameter, owner, owner-parameter, call; `when` and
// `from-owner`, tables of strings.
WeightTiedLayer read_tied_layer(const TomlReader& reader, const toml::node& node) {
  const std::string name = "[[weights.tied-layer]]";
  const toml::table& table = reader.table(node, "tied-layer");
  reader.check_keys(table, name, {"call", "from-owner", "op", "owner", "owner-parameter", "parameter", "when"});
  WeightTiedLayer tied;
  tied.op = spoke_detail::required_string(reader, table, "op", name);
  tied.parameter = spoke_detail::required_string(reader, table, "parameter", name);
  tied.owner = spoke_detail::required_string(reader, table, "owner", name);
  tied.owner_parameter = spoke_detail::required_string(reader, table, "owner-parameter", name);
  tied.call = spoke_detail::required_string(reader, table, "call", name);
  if (const toml::node* when = table.get("when")) tied.when = reader.string_table(*when, "when");
  if (const toml::node* from = table.get("from-owner")) tied.from_owner = reader.string_table(*from, "from-owner");
  for (const std::string field : {"{owner}", "{input}"}) {
    const size_t at = tied.call.find(field);
    if (at == std::string::npos || tied.call.find(field, at + 1) != std::string::npos) {
      reader.fail(reader.where(*table.get("call")), "'call' must name " + field + " once");
    }
  }
  return tied;
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

// `[weights.wrapper.<op>]`: layer, direction, magnitude, magnitude-shape ("hub" or "kept-axis").
void read_wrapper(const TomlReader& reader, const std::string& op, const toml::node& node, WeightTraits& traits) {
  const std::string name = "[weights.wrapper." + op + "]";
  const toml::table& table = reader.table(node, op);
  reader.check_keys(table, name, {"direction", "layer", "magnitude", "magnitude-shape"});
  WeightWrapper wrapper;
  wrapper.layer = optional_string(reader, table, "layer", "");
  wrapper.direction = spoke_detail::required_string(reader, table, "direction", name);
  wrapper.magnitude = spoke_detail::required_string(reader, table, "magnitude", name);
  const std::string shape = optional_string(reader, table, "magnitude-shape", "hub");
  if (shape != "hub" && shape != "kept-axis") {
    reader.fail(reader.where(*table.get("magnitude-shape")), "'magnitude-shape' is \"hub\" or \"kept-axis\"");
  }
  wrapper.kept_axis = shape == "kept-axis";
  traits.wrappers[op] = std::move(wrapper);
}

// `[weights.model]`: `load` must define load_into(model, path...), `save` save_from(model, path...).
void read_model_code(const TomlReader& reader, const toml::node& node, WeightTraits& traits) {
  const toml::table& table = reader.table(node, "model");
  reader.check_keys(table, "[weights.model]", {"load", "save"});
  for (auto [key, function, code] : {std::tuple{"load", "load_into", &traits.model_load},
                                     std::tuple{"save", "save_from", &traits.model_save}}) {
    *code = optional_string(reader, table, key, "");
    const std::string definition = std::string("def ") + function + "(model, path";
    if (!code->empty() && code->find(definition) == std::string::npos) {
      reader.fail(reader.where(*table.get(key)),
                  std::string("the [weights.model] ") + key + " code must define " + function + "(model, path...)");
    }
  }
}

}  // namespace

WeightTraits read_weight_traits(const TomlReader& reader, const toml::table& weights,
                                const std::string& framework) {
  reader.check_keys(weights, "[weights]",
                    {"buffer", "format", "formats", "layer", "list-child", "model", "parameter", "script",
                     "separator", "sequential-child", "tied-layer", "wrapper"});
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
  if (const toml::node* tied = weights.get("tied-layer")) {
    if (!tied->is_array()) reader.fail(reader.where(*tied), "'tied-layer' must be [[weights.tied-layer]] tables");
    for (const toml::node& layer : *tied->as_array()) traits.tied_layers.push_back(read_tied_layer(reader, layer));
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
  if (const toml::node* model = weights.get("model")) read_model_code(reader, *model, traits);
  if (const toml::node* wrappers = weights.get("wrapper")) {
    for (const auto& [op, node] : reader.table(*wrappers, "wrapper")) {
      read_wrapper(reader, std::string(op.str()), node, traits);
    }
  }
  return traits;
}

}  // namespace switcheroo
