#include "spoke_reader.h"

#include "expression_template.h"
#include "text_util.h"

#include <algorithm>
#include <cctype>
#include <stdexcept>

namespace switcheroo::spoke_detail {
namespace {

const std::vector<std::string> kEntryKeys{"also",
                                          "api",
                                          "args",
                                          "array-arguments",
                                          "axes-swapped",
                                          "call-inject",
                                          "defaults",
                                          "drop",
                                          "expression",
                                          "fixed",
                                          "gap",
                                          "hook",
                                          "hoist",
                                          "ignore",
                                          "inject",
                                          "kind",
                                          "layout",
                                          "lists",
                                          "named-results",
                                          "needs",
                                          "note",
                                          "pack",
                                          "positional",
                                          "repeat",
                                          "required",
                                          "results",
                                          "self",
                                          "strided-same",
                                          "transform",
                                          "values",
                                          "varargs",
                                          "varargs-mapping",
                                          "varargs-sequence",
                                          "verify"};

bool is_tensor(const HubArgument& argument) {
  return argument.kind == "tensor" || argument.kind == "tensors";
}

// Reads one `[ops.<key>]` entry; every hub argument it names is checked against `op`.
class EntryReader {
 public:
  EntryReader(const TomlReader& reader, const HubOp& op, const toml::table& entry,
              std::string where)
      : reader_(reader), op_(op), entry_(entry), where_(std::move(where)) {}

  OpMapping read() {
    OpMapping mapping;
    mapping.op = op_.name;
    mapping.where = reader_.where(entry_);
    reader_.check_keys(entry_, where_, kEntryKeys);
    read_identity(mapping);
    mapping.note = optional_string("note");
    read_expression(mapping);
    read_renames(mapping);
    read_dropped(mapping);
    if (auto node = entry_.get("ignore")) {
      for (auto& entry : reader_.strings(*node, "ignore")) mapping.ignored.push_back(entry.first);
    }
    mapping.required = hub_argument_list("required");
    mapping.array_arguments = hub_argument_list("array-arguments");
    mapping.lists = hub_argument_list("lists");
    if (const toml::node* flag = entry_.get("strided-same")) {
      mapping.strided_same = reader_.boolean(*flag, "strided-same");
    }
    if (const toml::node* flag = entry_.get("hoist")) {
      mapping.hoist = reader_.boolean(*flag, "hoist");
      if (mapping.hoist && mapping.kind != "layer") {
        reader_.fail(reader_.where(*flag), "'hoist' is for a layer (kind = \"layer\")");
      }
    }
    read_needs(mapping);
    mapping.injected = optional_string_table("inject");
    read_call_injected(mapping);
    mapping.fixed = hub_argument_table("fixed");
    read_axes_swapped(mapping);
    mapping.defaults = hub_argument_table("defaults");
    read_values(mapping);
    read_layouts(mapping);
    read_packed(mapping);
    read_repeated(mapping);
    read_transforms(mapping);
    read_call_shape(mapping);
    read_results(mapping);
    return mapping;
  }

 private:
  // What the entry is: its hook or gap, its API and kind, and what verifies it.
  void read_identity(OpMapping& mapping) const {
    mapping.hook = optional_string("hook");
    if (!mapping.hook.empty() && !is_python_identifier(mapping.hook)) {
      reader_.fail(reader_.where(*entry_.get("hook")),
                   "'hook' must name a rewrite hook, e.g. 'rng_threading'");
    }
    // A missing 'api' is reported before a bad 'kind': it is the commoner mistake.
    const toml::node* kind = entry_.get("kind");
    const bool identity = kind != nullptr && kind->value_or(std::string_view()) == "identity";
    mapping.gap = optional_string("gap");
    if (!mapping.gap.empty() && !mapping.hook.empty()) {
      reader_.fail(reader_.where(*entry_.get("gap")),
                   "'gap' says no rewrite exists; it cannot go with 'hook'");
    }
    if (mapping.hook.empty() && mapping.gap.empty() && !identity) {
      mapping.api = required_string(reader_, entry_, "api", where_);
    } else {
      mapping.api = optional_string("api");
    }
    mapping.kind =
        one_of(reader_, entry_, "kind",
               {"function", "method", "property", "layer", "class", "context", "identity"});
    if (mapping.kind.empty()) mapping.kind = "function";
    if (auto claim = entry_.get("verify"); claim && claim->value<std::string>() == "numeric") {
      reader_.fail(reader_.where(*claim),
                   "'verify = \"numeric\"' is what 'swhost ci' records when a mapping ran and "
                   "agreed, not a claim a spoke makes (write 'static' or 'none')");
    }
    mapping.verify = one_of(reader_, entry_, "verify", {"static", "none"});
    if (mapping.verify.empty()) mapping.verify = mapping.api.empty() ? "none" : "static";
  }

  void read_expression(OpMapping& mapping) const {
    mapping.expression = optional_string("expression");
    if (mapping.hook == "expression" && mapping.expression.empty()) {
      reader_.fail(reader_.where(entry_), where_ +
                                              " names the 'expression' idiom without an "
                                              "'expression' to write");
    }
    if (!mapping.expression.empty()) {
      const toml::node& node = *entry_.get("expression");
      try {
        for (const std::string& name : expression_arguments(mapping.expression)) {
          check_argument(name, reader_.where(node), "expression");
        }
      } catch (const std::invalid_argument& error) {
        reader_.fail(reader_.where(node),
                     std::string("'expression' does not scan: ") + error.what());
      }
    }
  }

  // `args` (the API's names of hub arguments) and `also` (parameters that take an argument's
  // value too).
  void read_renames(OpMapping& mapping) const {
    if (auto node = entry_.get("args")) {
      for (const auto& [key, value] : reader_.table(*node, "args")) {
        const std::string name = hub_argument(key, "args");
        const std::string renamed = reader_.string(value, name);
        if (!is_python_identifier(renamed)) {
          reader_.fail(reader_.where(value), "'" + renamed + "' is not a Python identifier");
        }
        mapping.arguments[name] = renamed;
      }
    }
    if (auto node = entry_.get("also")) {
      for (const auto& [key, value] : reader_.table(*node, "also")) {
        const std::string name = hub_argument(key, "also");
        for (const auto& [parameter, where] : reader_.strings(value, "also." + name)) {
          if (!is_python_identifier(parameter)) {
            reader_.fail(where, "'" + parameter + "' is not a Python identifier");
          }
          mapping.also[name].push_back(parameter);
        }
      }
    }
  }

  void read_dropped(OpMapping& mapping) const {
    mapping.dropped = hub_argument_list("drop");
    for (const auto& name : mapping.dropped) {
      // Only a hook can make up for a required argument the API does not take (or a gap says
      // nothing does yet).
      if (op_.argument(name)->required() && mapping.hook.empty() && mapping.gap.empty()) {
        reader_.fail(reader_.where(*entry_.get("drop")),
                     "cannot drop '" + name + "': it has no default in hub op '" + op_.name +
                         "' (name the hook that supplies it)");
      }
      if (mapping.arguments.count(name)) {
        reader_.fail(reader_.where(*entry_.get("drop")),
                     "'" + name + "' is both renamed in 'args' and dropped");
      }
    }
  }

  void read_needs(OpMapping& mapping) const {
    if (auto node = entry_.get("needs")) {
      for (const auto& [key, value] : reader_.table(*node, "needs")) {
        const std::string name = hub_argument(key, "needs");
        for (const auto& [needed, where] : reader_.strings(value, "needs." + name)) {
          mapping.needs[name].push_back(check_argument(needed, where, "needs"));
        }
      }
    }
  }

  // `axes-swapped` names fixed boolean arguments of a layer (flax.nnx.MultiHeadAttention's
  // batch_first): their other value is met by swapping axes at each call.
  // `call-inject`: parameters a layer's call always takes, each `{name}` a hub argument.
  void read_call_injected(OpMapping& mapping) const {
    mapping.call_injected = optional_string_table("call-inject");
    if (mapping.call_injected.empty()) return;
    const toml::node& node = *entry_.get("call-inject");
    if (mapping.kind != "layer") {
      reader_.fail(reader_.where(node), "'call-inject' is for a layer's call, and " + where_ +
                                            " is not a layer");
    }
    for (const auto& [parameter, expression] : mapping.call_injected) {
      try {
        for (const std::string& name : expression_arguments(expression)) {
          check_argument(name, reader_.where(node), "call-inject");
        }
      } catch (const std::invalid_argument& error) {
        reader_.fail(reader_.where(node), "'call-inject' " + parameter +
                                              " does not scan: " + error.what());
      }
    }
  }

  void read_axes_swapped(OpMapping& mapping) const {
    mapping.axes_swapped = hub_argument_list("axes-swapped");
    for (const auto& name : mapping.axes_swapped) {
      const auto implied = mapping.fixed.find(name);
      if (mapping.kind != "layer" || implied == mapping.fixed.end() ||
          (implied->second != "True" && implied->second != "False")) {
        reader_.fail(reader_.where(*entry_.get("axes-swapped")),
                     "'axes-swapped' names '" + name +
                         "', which must be a layer's argument that 'fixed' sets to True or False");
      }
    }
  }

  std::string optional_string(std::string_view key) const {
    const toml::node* node = entry_.get(key);
    return node == nullptr ? std::string() : reader_.string(*node, std::string(key));
  }

  // `key` must name an argument (or layer input) of the hub op.
  std::string hub_argument(const toml::key& key, std::string_view field) const {
    return check_argument(std::string(key.str()), reader_.where(key), field);
  }

  std::string check_argument(const std::string& name, const SourceLocation& where,
                             std::string_view field) const {
    if (op_.argument(name) != nullptr) return name;
    std::string message = "'" + std::string(field) + "' names '" + name +
                          "', which is not an argument of hub op '" + op_.name + "'";
    const auto names = op_.argument_names();
    if (auto suggestion = closest_match(name, names)) {
      message += "; did you mean '" + *suggestion + "'?";
    } else if (names.empty()) {
      message += " (it takes none)";
    } else {
      message += " (its arguments: " + join_quoted(names, ", ") + ")";
    }
    reader_.fail(where, message);
  }

  std::vector<std::string> hub_argument_list(std::string_view key) const {
    std::vector<std::string> names;
    if (auto node = entry_.get(key)) {
      for (const auto& [name, where] : reader_.strings(*node, std::string(key))) {
        names.push_back(check_argument(name, where, key));
      }
    }
    return names;
  }

  std::map<std::string, std::string> hub_argument_table(std::string_view key) const {
    std::map<std::string, std::string> result;
    if (auto node = entry_.get(key)) {
      for (const auto& [name, value] : reader_.table(*node, std::string(key))) {
        result[hub_argument(name, key)] = reader_.string(value, std::string(name.str()));
      }
    }
    return result;
  }

  std::map<std::string, std::string> optional_string_table(std::string_view key) const {
    const toml::node* node = entry_.get(key);
    if (node == nullptr) return {};
    return reader_.string_table(*node, std::string(key));
  }

  void read_values(OpMapping& mapping) const {
    const toml::node* node = entry_.get("values");
    if (node == nullptr) return;
    for (const auto& [key, remap] : reader_.table(*node, "values")) {
      const std::string name = hub_argument(key, "values");
      mapping.values[name] = reader_.string_table(remap, "values." + name);
    }
  }

  void read_layouts(OpMapping& mapping) const {
    const toml::node* node = entry_.get("layout");
    if (node == nullptr) return;
    for (const auto& [key, value] : reader_.table(*node, "layout")) {
      const std::string name = hub_argument(key, "layout");
      const std::string layout = reader_.string(value, name);
      auto standard = op_.layouts.find(name);
      if (standard == op_.layouts.end()) {
        reader_.fail(reader_.where(key),
                     "hub op '" + op_.name + "' declares no layout for '" + name + "'");
      }
      std::string sorted_layout = layout, sorted_standard = standard->second;
      std::sort(sorted_layout.begin(), sorted_layout.end());
      std::sort(sorted_standard.begin(), sorted_standard.end());
      if (sorted_layout != sorted_standard) {
        reader_.fail(reader_.where(value), "layout '" + layout + "' of '" + name +
                                               "' is not a permutation of the hub's '" +
                                               standard->second + "'");
      }
      mapping.layouts[name] = layout;
    }
  }

  void read_packed(OpMapping& mapping) const {
    const toml::node* node = entry_.get("pack");
    if (node == nullptr) return;
    for (const auto& [key, members] : reader_.table(*node, "pack")) {
      const std::string parameter(key.str());
      for (const auto& [name, where] : reader_.strings(members, "pack." + parameter)) {
        mapping.packed[parameter].push_back(check_argument(name, where, "pack"));
      }
    }
  }

  void read_repeated(OpMapping& mapping) const {
    const toml::node* node = entry_.get("repeat");
    if (node == nullptr) return;
    for (const auto& [key, value] : reader_.table(*node, "repeat")) {
      const std::string name = hub_argument(key, "repeat");
      const auto count = value.value<int64_t>();
      if (!value.is_integer() || !count || *count < 1 || *count > 8) {
        reader_.fail(reader_.where(value),
                     "'repeat." + name + "' must be a tuple length from 1 to 8, not " +
                         (value.is_integer() ? std::to_string(*count) : toml_type_name(value)));
      }
      mapping.repeated[name] = static_cast<int>(*count);
    }
  }

  // A form holds the value once, as `{}`; every other brace spells an API (`{@...}`) or names
  // another argument of the op, whose value the call gives.
  void check_form(const std::string& form, const std::string& argument, const SourceLocation& at,
                  const std::string& where) const {
    const size_t hole = form.find("{}");
    if (hole != std::string::npos && form.find("{}", hole + 2) != std::string::npos) {
      reader_.fail(at, where + " without 'read' must use the value once, not in '" + form + "'");
    }
    for (size_t brace = form.find('{'); brace != std::string::npos;
         brace = form.find('{', brace + 1)) {
      if (brace == hole || form.compare(brace, 2, "{@") == 0) continue;
      // `{name}`: another hub argument's value (Keras's key_dim = `{} // {num_heads}`).
      const size_t close = form.find('}', brace);
      const std::string name =
          close == std::string::npos ? "" : form.substr(brace + 1, close - brace - 1);
      if (name.empty() || name == argument || op_.argument(name) == nullptr) {
        reader_.fail(at, where + " without 'read' may hold only {}, {@api} and the hub's "
                     "arguments as {name}, not '" + form + "'");
      }
    }
  }

  void read_transforms(OpMapping& mapping) const {
    const toml::node* node = entry_.get("transform");
    if (node == nullptr) return;
    for (const auto& [key, value] : reader_.table(*node, "transform")) {
      const std::string name = hub_argument(key, "transform");
      const std::string where = "'transform." + name + "'";
      const toml::table& sides = reader_.table(value, "transform." + name);
      reader_.check_keys(sides, where, {"read", "write"});
      OpMapping::Transform transform;
      transform.write = required_string(reader_, sides, "write", where);
      // Without `read`, `write` is a form the value is read back from (form_value()).
      if (const toml::node* read = sides.get("read")) {
        transform.read = reader_.string(*read, "transform." + name + ".read");
      } else {
        check_form(transform.write, name, reader_.where(sides), where);
      }
      for (const auto* side : {&transform.write, &transform.read}) {
        if (!side->empty() && side->find("{}") == std::string::npos) {
          reader_.fail(reader_.where(sides),
                       where + " must use the value as {} in '" + *side + "'");
        }
      }
      if (mapping.values.count(name)) {
        reader_.fail(reader_.where(key), "'" + name + "' has both 'values' and 'transform'");
      }
      mapping.transforms[name] = transform;
    }
  }

  // The receiver of a method, what goes positionally, and what is spread as *args.
  void read_call_shape(OpMapping& mapping) const {
    if (auto node = entry_.get("self")) {
      mapping.receiver =
          check_argument(reader_.string(*node, "self"), reader_.where(*node), "self");
    } else if ((mapping.kind == "method" || mapping.kind == "property" ||
                mapping.kind == "identity") &&
               !op_.arguments.empty()) {
      mapping.receiver = op_.arguments.front().name;
    }
    if (auto node = entry_.get("varargs")) {
      mapping.varargs =
          check_argument(reader_.string(*node, "varargs"), reader_.where(*node), "varargs");
    }
    if (auto node = entry_.get("varargs-mapping")) {
      mapping.varargs_mapping = reader_.string(*node, "varargs-mapping");
    }
    if (auto node = entry_.get("varargs-sequence")) {
      mapping.varargs_sequence = reader_.boolean(*node, "varargs-sequence");
    }
    if (auto node = entry_.get("positional")) {
      // An ignored parameter may hold its place among them (`nn.ReLU(True)`: inplace).
      for (const auto& [name, where] : reader_.strings(*node, "positional")) {
        const bool ignored = std::find(mapping.ignored.begin(), mapping.ignored.end(), name) !=
                             mapping.ignored.end();
        mapping.positional.push_back(ignored ? name : check_argument(name, where, "positional"));
      }
      mapping.keywords_only = mapping.positional.empty();
      return;
    }
    // By default required tensors and layer inputs go positionally, the rest by keyword.
    for (const auto& argument : op_.arguments) {
      if (is_tensor(argument) && argument.required() && argument.name != mapping.receiver &&
          !mapping.fixed.count(argument.name)) {
        mapping.positional.push_back(argument.name);
      }
    }
    for (const auto& input : op_.inputs) mapping.positional.push_back(input.name);
  }

  void read_results(OpMapping& mapping) const {
    if (auto node = entry_.get("named-results")) {
      mapping.named_results = reader_.boolean(*node, "named-results");
    }
    const toml::node* node = entry_.get("results");
    if (node == nullptr) return;
    for (const auto& [name, where] : reader_.strings(*node, "results")) {
      if (name != "_" && op_.result(name) == nullptr) {
        std::vector<std::string> names;
        for (const auto& result : op_.results) names.push_back(result.name);
        reader_.fail(where, "'results' names '" + name + "', which is not a result of hub op '" +
                                op_.name + "' (its results: " + join_quoted(names, ", ") + ")");
      }
      mapping.results.push_back(name);
    }
  }

  const TomlReader& reader_;
  const HubOp& op_;
  const toml::table& entry_;
  std::string where_;
};

}  // namespace

std::string required_string(const TomlReader& reader, const toml::table& table,
                            std::string_view key, const std::string& where) {
  const toml::node* node = table.get(key);
  if (node == nullptr)
    reader.fail(reader.where(table), where + " needs '" + std::string(key) + "'");
  return reader.string(*node, std::string(key));
}

std::string one_of(const TomlReader& reader, const toml::table& table, std::string_view key,
                   const std::vector<std::string>& choices) {
  const toml::node* node = table.get(key);
  if (node == nullptr) return {};
  std::string value = reader.string(*node, std::string(key));
  if (std::find(choices.begin(), choices.end(), value) == choices.end()) {
    reader.fail(reader.where(*node), "'" + std::string(key) + "' must be one of " +
                                         join_quoted(choices, ", ") + ", not '" + value + "'");
  }
  return value;
}

void read_spoke(const TomlReader& reader, const toml::table& root, const Hub& hub,
                AdapterData& data) {
  reader.check_keys(root, "the spoke", {"ops"});
  const toml::node* table = root.get("ops");
  if (table == nullptr) return;
  read_ops(reader, reader.table(*table, "ops"), hub, data);
}

void read_ops(const TomlReader& reader, const toml::table& ops, const Hub& hub, AdapterData& data,
              Primaries primaries) {
  for (const auto& [key, node] : ops) {
    const std::string name(key.str());
    const size_t slash = name.find('/');
    const std::string op_name = name.substr(0, slash);
    const HubOp* op = hub.find(op_name);
    if (op == nullptr) {
      std::string message = "unknown hub op '" + op_name + "'";
      if (auto suggestion = closest_match(op_name, hub.names())) {
        message += "; did you mean '" + *suggestion + "'?";
      }
      reader.fail(reader.where(key), message);
    }
    const std::string where = "[ops." + name + "]";
    EntryReader entry(reader, *op, reader.table(node, "ops." + name), where);
    OpMapping mapping = entry.read();
    if (slash == std::string::npos) {
      data.ops.emplace(name, std::move(mapping));
      continue;
    }
    mapping.form = name.substr(slash + 1);
    if (!is_python_identifier(mapping.form)) {
      reader.fail(reader.where(key),
                  "'" + mapping.form + "' after the '/' must be an identifier naming the form");
    }
    if (ops.get(op_name) == nullptr && primaries == Primaries::same_table) {
      reader.fail(reader.where(key), "alternative form '" + name + "' needs a primary [ops." +
                                         op_name + "] in the same spoke");
    }
    data.alternatives.emplace(name, std::move(mapping));
  }
}

}  // namespace switcheroo::spoke_detail
