#include "traits.h"

#include "spoke_reader.h"
#include "text_util.h"

#include <algorithm>
#include <array>
#include <vector>

namespace switcheroo {
namespace {

// The hub's dtype names: what `[arrays] dtype-names` and `dtype-aliases` map onto.
constexpr std::array<const char*, 13> kHubDtypes = {
    "float16", "bfloat16", "float32", "float64",   "int8",       "int16", "int32",
    "int64",   "uint8",    "bool",    "complex64", "complex128", "uint16"};

bool is_hub_dtype(const std::string& name) {
  return std::find(kHubDtypes.begin(), kHubDtypes.end(), name) != kHubDtypes.end();
}

std::string optional_string(const TomlReader& reader, const toml::table& table,
                            std::string_view key) {
  const toml::node* node = table.get(key);
  return node == nullptr ? std::string() : reader.string(*node, std::string(key));
}

std::string required(const TomlReader& reader, const toml::table& table, std::string_view key,
                     const std::string& where) {
  return spoke_detail::required_string(reader, table, key, where);
}

std::string choice(const TomlReader& reader, const toml::table& table, std::string_view key,
                   const std::vector<std::string>& choices, std::string fallback) {
  std::string value = spoke_detail::one_of(reader, table, key, choices);
  return value.empty() ? fallback : value;
}

// Every key of a dtype table names a hub dtype (dtype-names) or maps onto one (dtype-aliases).
void check_dtypes(const TomlReader& reader, const toml::node& node, bool keys_are_hub) {
  for (const auto& [key, value] : *node.as_table()) {
    const std::string hub = keys_are_hub ? std::string(key.str()) : *value.value<std::string>();
    if (!is_hub_dtype(hub)) {
      reader.fail(
          keys_are_hub ? reader.where(key) : reader.where(value),
          "'" + hub + "' is not a hub dtype (one of " +
              join_quoted(std::vector<std::string>(kHubDtypes.begin(), kHubDtypes.end()), ", ") +
              ")");
    }
  }
}

// Every template names the array, the index and the value (`get`, a read, has none), and
// `set` is there: the other updates are spellings of a set that a target may lack.
// `set-axis`, a set at one index of a later axis (`x[:, i] = v`), names that axis and index too.
void read_indexed_updates(const TomlReader& reader, const toml::node& node,
                          AdapterTraits& traits) {
  static const std::vector<std::string> kUpdates = {"add", "divide", "get",     "max",
                                                    "min", "multiply", "set", "set-axis"};
  traits.indexed_updates = reader.string_table(node, "indexed-update");
  const toml::table& table = reader.table(node, "indexed-update");
  for (const auto& [key, value] : table) {
    const std::string name(key.str());
    if (std::find(kUpdates.begin(), kUpdates.end(), name) == kUpdates.end()) {
      reader.fail(reader.where(key), "'" + name + "' is not an indexed update (one of " +
                                         join_quoted(kUpdates, ", ") + ")");
    }
    const std::string& text = traits.indexed_updates[name];
    for (const char* field : {"{array}", "{index}", "{value}", "{axis}", "{at}"}) {
      const bool axis_field = field[1] == 'a' && field[2] != 'r';
      if (text.find(field) == std::string::npos && (name != "get" || field[1] != 'v') &&
          (name == "set-axis" || !axis_field)) {
        reader.fail(reader.where(value), "indexed update '" + name + "' must contain '" +
                                             field + "'");
      }
    }
  }
  if (!traits.indexed_updates.count("set")) {
    reader.fail(reader.where(node), "'indexed-update' must spell 'set'");
  }
}

void read_arrays(const TomlReader& reader, const toml::table& arrays, AdapterTraits& traits) {
  reader.check_keys(arrays, "[arrays]",
                    {"default-float", "dtype-aliases", "dtype-module", "dtype-names", "in-place-stores",
                     "in-place-suffix", "indexed-update", "indexed-update-index", "mutable",
                     "type"});
  traits.array_type = optional_string(reader, arrays, "type");
  traits.dtype_module = optional_string(reader, arrays, "dtype-module");
  if (auto node = arrays.get("dtype-names")) {
    traits.dtype_names = reader.string_table(*node, "dtype-names");
    check_dtypes(reader, *node, true);
  }
  if (auto node = arrays.get("dtype-aliases")) {
    traits.dtype_aliases = reader.string_table(*node, "dtype-aliases");
    check_dtypes(reader, *node, false);
  }
  traits.default_float = optional_string(reader, arrays, "default-float");
  if (!traits.default_float.empty() && !is_hub_dtype(traits.default_float)) {
    reader.fail(reader.where(*arrays.get("default-float")),
                "'" + traits.default_float + "' is not a hub dtype");
  }
  if (auto node = arrays.get("mutable")) traits.mutable_arrays = reader.boolean(*node, "mutable");
  traits.in_place_suffix = optional_string(reader, arrays, "in-place-suffix");
  if (auto node = arrays.get("in-place-stores")) {
    traits.in_place_stores = reader.string_table(*node, "in-place-stores");
  }
  if (auto node = arrays.get("indexed-update")) read_indexed_updates(reader, *node, traits);
  traits.indexed_update_index =
      choice(reader, arrays, "indexed-update-index", {"any", "first-axis"}, "any");
}

void read_training(const TomlReader& reader, const toml::table& table, TrainingMode& training) {
  reader.check_keys(table, "[module.training]", {"inverted", "name", "reads"});
  training.reads = choice(reader, table, "reads", {"attribute", "argument", "none"}, "none");
  if (training.reads != "none") {
    training.name = required(reader, table, "name", "[module.training]");
  }
  if (auto node = table.get("inverted")) training.inverted = reader.boolean(*node, "inverted");
}

void read_children(const TomlReader& reader, const toml::table& table, AdapterTraits& traits) {
  reader.check_keys(table, "[module.children]", {"instantiate", "list-method", "method", "template"});
  traits.children.method = required(reader, table, "method", "[module.children]");
  traits.children.template_api = required(reader, table, "template", "[module.children]");
  traits.children.instantiate = optional_string(reader, table, "instantiate");
  traits.children.list_method = optional_string(reader, table, "list-method");
  if (traits.hyper_parameters != "fields") {
    reader.fail(reader.where(*table.get("method")),
                "child templates need hyper-parameters = \"fields\"");
  }
}

void read_variables(const TomlReader& reader, const toml::table& table,
                    DeclaredVariables& variables) {
  const char* where = "[module.variables]";
  reader.check_keys(table, where, {"constant", "declare", "dtype", "init", "parameters", "read",
                                   "shape", "spec", "trainable", "write"});
  for (auto [key, field] : {std::pair{"declare", &variables.declare}, {"spec", &variables.spec},
                            {"shape", &variables.shape}, {"init", &variables.init},
                            {"dtype", &variables.dtype}, {"constant", &variables.constant},
                            {"trainable", &variables.trainable},
                            {"parameters", &variables.parameters}, {"read", &variables.read},
                            {"write", &variables.write}}) {
    *field = required(reader, table, key, where);
  }
}

void read_module(const TomlReader& reader, const toml::table& module, AdapterTraits& traits,
                 bool version_1) {
  std::vector<std::string> keys = {"base-class", "forward-method", "init-calls-super"};
  if (!version_1) {
    keys.insert(keys.end(), {"add-child", "array-attributes", "children", "constructor",
                             "container-classes", "freeze", "hyper-parameters", "pure-functions",
                             "queries", "register-state", "renamed-field", "sequential-layers",
                             "state-class", "state-value", "state-writes", "training",
                             "variables"});
  }
  reader.check_keys(module, "[module]", keys);
  traits.module_base_class = required(reader, module, "base-class", "[module]");
  traits.forward_method = required(reader, module, "forward-method", "[module]");
  if (auto name = optional_string(reader, module, "constructor"); !name.empty()) {
    traits.constructor = name;
  }
  if (auto flag = module.get("init-calls-super")) {
    traits.init_calls_super = reader.boolean(*flag, "init-calls-super");
  }
  traits.hyper_parameters =
      choice(reader, module, "hyper-parameters", {"constructor", "fields"}, "constructor");
  traits.renamed_field = optional_string(reader, module, "renamed-field");
  if (!traits.renamed_field.empty() && (traits.renamed_field.find("{name}") == std::string::npos ||
                                        traits.hyper_parameters != "fields")) {
    reader.fail(reader.where(*module.get("renamed-field")),
                "'renamed-field' needs hyper-parameters = \"fields\" and names '{name}'");
  }
  if (auto node = module.get("children")) {
    read_children(reader, reader.table(*node, "children"), traits);
  }
  if (auto node = module.get("training")) {
    read_training(reader, reader.table(*node, "training"), traits.training);
  }
  if (auto node = module.get("add-child")) {
    for (auto& [name, where] : reader.strings(*node, "add-child")) traits.add_child.push_back(name);
  }
  if (auto node = module.get("queries")) {
    for (auto& [name, where] : reader.strings(*node, "queries")) traits.queries.push_back(name);
  }
  if (auto node = module.get("register-state")) {
    traits.register_state = reader.string_table(*node, "register-state");
  }
  traits.sequential_layers = optional_string(reader, module, "sequential-layers");
  if (auto node = module.get("container-classes")) {
    for (auto& [name, where] : reader.strings(*node, "container-classes")) {
      traits.container_classes.push_back(name);
    }
  }
  traits.state_class = optional_string(reader, module, "state-class");
  traits.state_value = optional_string(reader, module, "state-value");
  if (auto node = module.get("state-writes")) {
    traits.state_writes = reader.string_table(*node, "state-writes");
  }
  const bool accessed = !traits.state_value.empty() || !traits.state_writes.empty();
  if (traits.state_class.empty() == accessed) {
    const char* key = traits.state_class.empty() ? (traits.state_value.empty() ? "state-writes"
                                                                               : "state-value")
                                                 : "state-class";
    reader.fail(reader.where(*module.get(key)),
                "'state-class' goes with 'state-value' or 'state-writes'");
  }
  traits.array_attributes = optional_string(reader, module, "array-attributes");
  if (!traits.array_attributes.empty() && traits.array_attributes != "parameters") {
    reader.fail(reader.where(*module.get("array-attributes")),
                "'array-attributes' is \"parameters\" or absent");
  }
  traits.freeze = optional_string(reader, module, "freeze");
  if (!traits.freeze.empty() && traits.freeze.find("{names}") == std::string::npos) {
    reader.fail(reader.where(*module.get("freeze")), "'freeze' names the attributes as {names}");
  }
  if (auto node = module.get("variables")) {
    read_variables(reader, reader.table(*node, "variables"), traits.variables);
  }
  if (auto flag = module.get("pure-functions")) {
    traits.pure_functions = reader.boolean(*flag, "pure-functions");
  }
}

void read_rng(const TomlReader& reader, const toml::table& rng, AdapterTraits& traits) {
  reader.check_keys(rng, "[rng]", {"fresh", "model", "parameter", "seed", "type"});
  RngModel& model = traits.rng;
  model.model = choice(reader, rng, "model", {"global-seed", "explicit-keys", "implicit-streams"},
                       "global-seed");
  model.seed = optional_string(reader, rng, "seed");
  // Keys that modules take as a constructor parameter; functions take keys by hand.
  if (model.explicit_keys() && traits.has_modules()) {
    model.parameter = required(reader, rng, "parameter", "[rng] with explicit keys");
    model.type = required(reader, rng, "type", "[rng] with explicit keys");
    model.fresh = required(reader, rng, "fresh", "[rng] with explicit keys");
    if (model.fresh.find("{}") == std::string::npos) {
      reader.fail(reader.where(*rng.get("fresh")),
                  "'fresh' must use the seed as {} in '" + model.fresh + "'");
    }
  }
}

void read_layouts(const TomlReader& reader, const toml::table& layouts, AdapterTraits& traits) {
  reader.check_keys(layouts, "[layouts]", {"images", "sequences"});
  traits.images =
      choice(reader, layouts, "images", {"channels-first", "channels-last"}, "channels-first");
  traits.sequences =
      choice(reader, layouts, "sequences", {"batch-first", "time-first"}, "batch-first");
}

void check_lstm_state(const TomlReader& reader, const toml::table& table,
                      std::vector<std::string> state) {
  std::sort(state.begin(), state.end());
  if (state != std::vector<std::string>{"c", "h"}) {
    reader.fail(reader.where(table), "[recurrent] 'lstm-state' is \"c\" and \"h\" in either order");
  }
}

// [recurrent]: `bidirectional` and its `directions`, one for a layer of one direction that the
// bidirectional layer copies (Keras), two for a layer that runs a cell (Flax), which needs all
// the other keys too, an LSTM's state "c" and "h". A layer of one direction may name the
// construction keyword that makes its call return the final state after the outputs
// (`return-state-built`, Keras's return_state), with the order of an LSTM's state.
// `stack = "list"` instead: stacked layers are a plain list of one-direction layers run one by
// one (MLX), with the order of an LSTM's state.
void read_recurrent(const TomlReader& reader, const toml::table& table, RecurrentTraits& traits) {
  const char* where = "[recurrent]";
  reader.check_keys(table, where,
                    {"backward", "bidirectional", "cell", "directions", "lstm-state",
                     "return-state", "return-state-built", "stack", "time-major"});
  if (table.contains("stack")) {  // layers in a plain list: no bidirectional layer
    reader.check_keys(table, "[recurrent] with a stack", {"lstm-state", "stack"});
    traits.stack = choice(reader, table, "stack", {"list"}, "list");
    traits.lstm_state = reader.string_list(table, "lstm-state");
    check_lstm_state(reader, table, traits.lstm_state);
    return;
  }
  traits.bidirectional = required(reader, table, "bidirectional", where);
  traits.directions = reader.string_list(table, "directions");
  traits.cell = optional_string(reader, table, "cell");
  if (traits.directions.size() != (traits.cell.empty() ? 1u : 2u)) {
    reader.fail(reader.where(table), traits.cell.empty()
                                         ? "[recurrent] without a cell names one direction"
                                         : "[recurrent] 'directions' names two keywords, "
                                           "forward first");
  }
  traits.lstm_state = reader.string_list(table, "lstm-state");
  if (traits.cell.empty()) {
    reader.check_keys(table, "[recurrent] without a cell",
                      {"bidirectional", "directions", "lstm-state", "return-state-built"});
    traits.return_state_built = optional_string(reader, table, "return-state-built");
    if (traits.return_state_built.empty() != traits.lstm_state.empty()) {
      reader.fail(reader.where(table),
                  "[recurrent] 'return-state-built' and 'lstm-state' go together");
    }
    if (traits.return_state_built.empty()) return;
  } else {
    traits.time_major = required(reader, table, "time-major", where);
    traits.return_state = required(reader, table, "return-state", where);
    traits.backward = reader.string_list(table, "backward");
    if (traits.backward.empty()) {
      reader.fail(reader.where(table),
                  "[recurrent] needs 'backward', the keywords of a backward layer");
    }
  }
  check_lstm_state(reader, table, traits.lstm_state);
}

// Version 1 put the layout and RNG model in `[tensor]`. It could not say how modules take
// explicit keys (the parameter, its type, a fresh value): those are the adapter's facts, so such
// traits must be written as version 2.
void read_tensor_v1(const TomlReader& reader, const toml::table& tensor, AdapterTraits& traits) {
  reader.check_keys(tensor, "[tensor]", {"layout", "rng"});
  const std::string layout = choice(reader, tensor, "layout", {"NCHW", "NHWC"}, "NCHW");
  traits.images = layout == "NHWC" ? "channels-last" : "channels-first";
  const std::string rng = choice(reader, tensor, "rng", {"stateful", "explicit-keys"}, "stateful");
  if (rng == "explicit-keys" && traits.has_modules()) {
    reader.fail(reader.where(*tensor.get("rng")),
                "version 1 traits cannot say how modules take explicit keys: write "
                "traits-version = 2 with [rng] model, parameter, type and fresh");
  }
  if (rng == "explicit-keys") traits.rng.model = "explicit-keys";
}

int read_version(const TomlReader& reader, const toml::table& root) {
  const toml::node* node = root.get("traits-version");
  if (node == nullptr) return 1;
  const auto value = node->value<int64_t>();
  if (!node->is_integer() || (*value != 1 && *value != 2)) {
    reader.fail(reader.where(*node), "'traits-version' must be 1 or 2");
  }
  return static_cast<int>(*value);
}

}  // namespace

std::string AdapterTraits::hub_dtype(const std::string& attribute) const {
  for (const auto& [hub, spelled] : dtype_names) {
    if (spelled == attribute) return hub;
  }
  if (auto alias = dtype_aliases.find(attribute); alias != dtype_aliases.end()) {
    return alias->second;
  }
  if (dtype_names.count(attribute)) return {};  // the hub name is spelled otherwise here
  return is_hub_dtype(attribute) ? attribute : std::string();
}

std::string AdapterTraits::dtype_attribute(const std::string& name) const {
  auto spelled = dtype_names.find(name);
  return spelled == dtype_names.end() ? name : spelled->second;
}

AdapterTraits read_traits(const TomlReader& reader, const toml::table& root) {
  AdapterTraits traits;
  traits.version = read_version(reader, root);
  const bool v1 = traits.version == 1;
  if (v1) {
    reader.check_keys(
        root, "the traits",
        {"display-name", "framework", "imports", "module", "tensor", "traits-version"});
  } else {
    reader.check_keys(root, "the traits",
                      {"arrays", "display-name", "framework", "imports", "layouts", "module",
                       "recurrent", "rng", "traits-version", "weights"});
  }
  traits.framework = optional_string(reader, root, "framework");
  traits.display_name = optional_string(reader, root, "display-name");
  if (auto node = root.get("module")) {
    read_module(reader, reader.table(*node, "module"), traits, v1);
  }
  if (auto node = root.get("imports")) traits.imports = reader.string_table(*node, "imports");
  if (auto node = root.get("arrays")) read_arrays(reader, reader.table(*node, "arrays"), traits);
  if (auto node = root.get("rng")) read_rng(reader, reader.table(*node, "rng"), traits);
  if (auto node = root.get("layouts")) {
    read_layouts(reader, reader.table(*node, "layouts"), traits);
  }
  if (auto node = root.get("recurrent")) {
    read_recurrent(reader, reader.table(*node, "recurrent"), traits.recurrent);
  }
  if (auto node = root.get("weights")) {
    traits.weights = read_weight_traits(reader, reader.table(*node, "weights"), traits.framework);
  }
  if (auto node = root.get("tensor")) {
    read_tensor_v1(reader, reader.table(*node, "tensor"), traits);
  }
  return traits;
}

}  // namespace switcheroo
