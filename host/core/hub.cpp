#include "hub.h"

#include "kb_image.h"
#include "text_util.h"
#include "toml_reader.h"

#include <algorithm>
#include <cctype>

namespace switcheroo {
namespace {

constexpr const char* kUnit = "kb";

size_t skip_spaces(std::string_view text, size_t at) {
  while (at < text.size() && text[at] == ' ') ++at;
  return at;
}

// The location of `offset` inside a one-line basic string node: its column plus the opening
// quote. Escapes are rare in argument specs, so the column may be off by a few there.
SourceLocation inside(const TomlReader& reader, const toml::node& node, size_t offset) {
  SourceLocation where = reader.where(node);
  where.column += static_cast<uint32_t>(offset) + 1;
  return where;
}

std::vector<HubArgument> read_arguments(const TomlReader& reader, const toml::node& node,
                                        const std::string& name) {
  const auto* array = node.as_array();
  if (array == nullptr) {
    reader.fail(reader.where(node),
                "'" + name + "' must be an array of strings, not " + toml_type_name(node));
  }
  std::vector<HubArgument> arguments;
  for (const toml::node& element : *array) {
    auto parsed = parse_argument_spec(reader.string(element, name));
    if (auto* problem = std::get_if<ArgumentSpecError>(&parsed)) {
      reader.fail(inside(reader, element, problem->offset), problem->message);
    }
    HubArgument argument = std::get<HubArgument>(std::move(parsed));
    for (const auto& earlier : arguments) {
      if (earlier.name == argument.name) {
        reader.fail(reader.where(element), "'" + argument.name + "' is listed twice");
      }
    }
    arguments.push_back(std::move(argument));
  }
  return arguments;
}

// A table of argument -> string (`layouts`), each key an argument of `op`.
void read_per_argument(const TomlReader& reader, const toml::table& table, const char* key,
                       const HubOp& op, std::map<std::string, std::string>& into) {
  auto node = table.get(key);
  if (node == nullptr) return;
  for (const auto& [argument, value] : reader.table(*node, key)) {
    const std::string argument_name(argument.str());
    if (op.argument(argument_name) == nullptr) {
      reader.fail(reader.where(argument), "'" + std::string(key) + "' names '" + argument_name +
                                              "', which is not an argument of hub op '" + op.name +
                                              "'");
    }
    into[argument_name] = reader.string(value, argument_name);
  }
}

// `examples`: argument -> Python literal text, or for an argument that is not a tensor an array
// of them, one per call `swhost ci` makes (the first in the base call, the i-th of every array
// together in the i-th further call): stored joined by newlines, which no one-line literal has.
void read_examples(const TomlReader& reader, const toml::table& table, HubOp& op) {
  auto node = table.get("examples");
  if (node == nullptr) return;
  size_t calls = 0;
  for (const auto& [argument, value] : reader.table(*node, "examples")) {
    const std::string name(argument.str());
    const HubArgument* known = op.argument(name);
    if (known == nullptr) {
      reader.fail(reader.where(argument), "'examples' names '" + name +
                                              "', which is not an argument of hub op '" +
                                              op.name + "'");
    }
    const toml::array* several = value.as_array();
    if (several == nullptr) {
      op.examples[name] = reader.string(value, name);
      continue;
    }
    if (known->kind == "tensor" || known->kind == "tensors") {
      reader.fail(reader.where(value), "a tensor argument takes one example, not an array");
    }
    if (several->size() < 2 || (calls != 0 && several->size() != calls)) {
      reader.fail(reader.where(value),
                  calls == 0 ? "an array of examples needs two or more"
                             : "every array of examples must be as long as the first (" +
                                   std::to_string(calls) + ")");
    }
    calls = several->size();
    std::string joined;
    for (const toml::node& item : *several) {
      const std::string text = reader.string(item, name);
      if (text.find('\n') != std::string::npos) {
        reader.fail(reader.where(item), "an example is one line of Python");
      }
      joined += (joined.empty() ? "" : "\n") + text;
    }
    op.examples[name] = joined;
  }
}

HubOp read_op(const TomlReader& reader, std::string_view category, const std::string& name,
              const toml::node& node) {
  const toml::table& table = reader.table(node, name);
  const std::string where = "hub op '" + name + "'";
  reader.check_keys(table, where,
                    {"args", "broadcast", "doc", "draws", "examples", "inputs", "kind", "layouts",
                     "results", "unchecked"});
  HubOp op;
  op.name = name;
  op.category = category;
  op.where = reader.where(table);
  op.kind = "function";
  if (auto kind = table.get("kind")) {
    op.kind = reader.string(*kind, "kind");
    static const std::vector<std::string> kinds{"function", "layer", "optimizer", "context"};
    if (std::find(kinds.begin(), kinds.end(), op.kind) == kinds.end()) {
      reader.fail(reader.where(*kind),
                  "'kind' must be one of " + join_quoted(kinds, ", ") + ", not '" + op.kind + "'");
    }
  }
  auto doc = table.get("doc");
  if (doc == nullptr) reader.fail(op.where, where + " needs 'doc', a one-line semantics note");
  op.doc = reader.string(*doc, "doc");
  if (auto args = table.get("args")) op.arguments = read_arguments(reader, *args, "args");
  if (auto inputs = table.get("inputs")) {
    if (op.kind != "layer") reader.fail(reader.where(*inputs), "only a layer has 'inputs'");
    op.inputs = read_arguments(reader, *inputs, "inputs");
    for (const auto& input : op.inputs) {
      for (const auto& argument : op.arguments) {
        if (argument.name == input.name) {
          reader.fail(reader.where(*inputs),
                      "'" + input.name + "' is both an argument and an input");
        }
      }
    }
  }
  if (auto results = table.get("results")) {
    op.results = read_arguments(reader, *results, "results");
  } else if (op.kind == "function" || op.kind == "layer") {
    op.results.push_back(HubArgument{"out", "tensor", {}, {}, false});
  }
  read_per_argument(reader, table, "layouts", op, op.layouts);
  read_examples(reader, table, op);
  if (auto broadcast = table.get("broadcast"))
    op.broadcast = reader.boolean(*broadcast, "broadcast");
  if (auto draws = table.get("draws")) op.draws = reader.boolean(*draws, "draws");
  if (auto unchecked = table.get("unchecked"))
    op.unchecked = reader.string(*unchecked, "unchecked");
  return op;
}

}  // namespace

bool is_python_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) return false;
  return std::all_of(text.begin(), text.end(), [](char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
  });
}

const std::vector<std::string>& hub_argument_kinds() {
  static const std::vector<std::string> kinds{"any",    "axes",   "axis",   "bool",   "callable",
                                              "device", "dtype",  "float",  "int",    "ints",
                                              "key",    "layers", "module", "number", "params",
                                              "shape",  "str",    "tensor", "tensors"};
  return kinds;
}

const std::vector<std::string>& hub_argument_domains() {
  static const std::vector<std::string> domains{
      "above1",   "bool",        "complex", "index", "integer", "matrix", "nonnegative", "nonzero",
      "positive", "probability", "sorted",  "spd",   "unit",    "vec3",   "vector"};
  return domains;
}

std::variant<HubArgument, ArgumentSpecError> parse_argument_spec(std::string_view spec) {
  HubArgument argument;
  size_t at = skip_spaces(spec, 0);
  if (at < spec.size() && spec[at] == '*') {
    argument.variadic = true;
    ++at;
  }
  const size_t colon = spec.find(':', at);
  if (colon == std::string_view::npos) {
    return ArgumentSpecError{"expected 'name: kind', e.g. 'input: tensor'", at};
  }
  std::string_view name = spec.substr(at, colon - at);
  while (!name.empty() && name.back() == ' ') name.remove_suffix(1);
  if (!is_python_identifier(name)) {
    return ArgumentSpecError{"'" + std::string(name) + "' is not a Python identifier", at};
  }
  argument.name = name;
  const size_t kind_at = skip_spaces(spec, colon + 1);
  size_t kind_end = kind_at;
  while (kind_end < spec.size() && (std::isalpha(static_cast<unsigned char>(spec[kind_end])))) {
    ++kind_end;
  }
  argument.kind = spec.substr(kind_at, kind_end - kind_at);
  const auto& kinds = hub_argument_kinds();
  if (std::find(kinds.begin(), kinds.end(), argument.kind) == kinds.end()) {
    std::string message = "unknown argument kind '" + argument.kind + "'";
    if (auto suggestion = closest_match(argument.kind, kinds)) {
      message += "; did you mean '" + *suggestion + "'?";
    }
    return ArgumentSpecError{message, kind_at};
  }
  at = kind_end;
  if (at < spec.size() && spec[at] == '(') {
    const size_t close = spec.find(')', at);
    if (close == std::string_view::npos) return ArgumentSpecError{"unclosed '('", at};
    argument.domain = spec.substr(at + 1, close - at - 1);
    const auto& domains = hub_argument_domains();
    if (std::find(domains.begin(), domains.end(), argument.domain) == domains.end()) {
      std::string message = "unknown domain '" + argument.domain + "'";
      if (auto suggestion = closest_match(argument.domain, domains)) {
        message += "; did you mean '" + *suggestion + "'?";
      }
      return ArgumentSpecError{message, at + 1};
    }
    at = close + 1;
  }
  at = skip_spaces(spec, at);
  if (at < spec.size()) {
    if (spec[at] != '=') {
      return ArgumentSpecError{"expected '= default' or the end of the argument", at};
    }
    const size_t value_at = skip_spaces(spec, at + 1);
    if (value_at == spec.size()) return ArgumentSpecError{"expected a default after '='", at};
    if (argument.variadic) return ArgumentSpecError{"a '*' argument takes no default", at};
    argument.default_value = std::string(spec.substr(value_at));
  }
  return argument;
}

const HubArgument* HubOp::argument(std::string_view wanted) const {
  for (const auto* list : {&arguments, &inputs}) {
    for (const auto& argument : *list) {
      if (argument.name == wanted) return &argument;
    }
  }
  return nullptr;
}

const HubArgument* HubOp::result(std::string_view wanted) const {
  for (const auto& result : results) {
    if (result.name == wanted) return &result;
  }
  return nullptr;
}

std::vector<std::string> HubOp::argument_names() const {
  std::vector<std::string> names;
  for (const auto* list : {&arguments, &inputs}) {
    for (const auto& argument : *list) names.push_back(argument.name);
  }
  return names;
}

void Hub::add_category(std::string_view category, std::string_view file_name,
                       std::string_view text) {
  const TomlReader reader(std::string(file_name), kUnit);
  add_ops(reader, category, reader.parse(text));
}

void Hub::add_ops(const TomlReader& reader, std::string_view category, const toml::table& root) {
  if (std::find(categories_.begin(), categories_.end(), category) == categories_.end()) {
    categories_.emplace_back(category);
  }
  for (const auto& [key, node] : root) {
    const std::string name(key.str());
    if (!is_python_identifier(name)) {
      reader.fail(reader.where(key), "hub op name '" + name + "' is not a Python identifier");
    }
    if (auto existing = find(name)) {
      reader.fail(reader.where(key), "hub op '" + name + "' is already defined at " +
                                         existing->where.file + ":" +
                                         std::to_string(existing->where.line));
    }
    ops_.emplace(name, read_op(reader, category, name, node));
  }
}

const HubOp* Hub::find(std::string_view name) const {
  auto found = ops_.find(name);
  return found == ops_.end() ? nullptr : &found->second;
}

std::vector<std::string> Hub::names() const {
  std::vector<std::string> names;
  names.reserve(ops_.size());
  for (const auto& entry : ops_) names.push_back(entry.first);
  return names;
}

}  // namespace switcheroo

// The kb/hub/*.toml files, compiled in by kb/CMakeLists.txt.
namespace switcheroo_embedded {
struct HubFile {
  const char* category;
  const char* text;
};
extern const HubFile hub_files[];
extern const std::size_t hub_file_count;
}  // namespace switcheroo_embedded

namespace switcheroo {

const Hub& builtin_hub() {
  return extensible_builtin_hub();
}

uint64_t builtin_hub_key() {
  static const uint64_t key = [] {
    ImageKey text;
    text.add(image_layout_fingerprint());
    for (std::size_t index = 0; index < switcheroo_embedded::hub_file_count; ++index) {
      text.add(switcheroo_embedded::hub_files[index].category);
      text.add(switcheroo_embedded::hub_files[index].text);
    }
    return text.value();
  }();
  return key;
}

Hub parse_builtin_hub() {
  Hub built;
  for (std::size_t index = 0; index < switcheroo_embedded::hub_file_count; ++index) {
    const auto& file = switcheroo_embedded::hub_files[index];
    built.add_category(file.category, std::string("kb/hub/") + file.category + ".toml",
                       file.text);
  }
  return built;
}

Hub& extensible_builtin_hub() {
  static Hub hub = [] {
    if (auto image = read_image_file(hub_image_path())) {
      if (auto compiled = read_hub_image(*image, builtin_hub_key())) return std::move(*compiled);
    }
    return parse_builtin_hub();
  }();
  return hub;
}

}  // namespace switcheroo
