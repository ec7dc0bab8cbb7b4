// The hub of the knowledge base: the abstract operations every adapter's spoke maps its APIs
// to, each with standard arguments (name, kind, default, order) and results. The hub is data
// (kb/hub/<category>.toml), built into swhost and read once per process; see
// docs/knowledge-base.md for the format.
#pragma once

#include "diagnostics.h"
#include "toml_reader.h"

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <variant>
#include <vector>

namespace switcheroo {

/// One standard argument (or result) of an abstract operation, written in the hub as
/// `"name: kind(domain) = default"`, e.g. `"axis: axes = None"` or `"*shape: int"`.
struct HubArgument {
  std::string name;
  std::string kind;    ///< one of hub_argument_kinds()
  std::string domain;  ///< value range for generated test inputs ("positive", ...); may be empty
  std::optional<std::string> default_value;  ///< Python literal text; none when required
  bool variadic = false;                     ///< written `*name`: any number of values
  bool required() const { return !default_value && !variadic; }
  bool operator==(const HubArgument&) const = default;
};

struct HubOp {
  std::string name;      ///< e.g. "sum"
  std::string category;  ///< the hub file it comes from, e.g. "reductions"
  std::string kind;      ///< "function", "layer", "optimizer" or "context"
  std::string doc;       ///< one-line semantics note
  /// Call arguments of a function; construction arguments of a layer or optimizer.
  std::vector<HubArgument> arguments;
  /// What a constructed layer is called with (layers only).
  std::vector<HubArgument> inputs;
  std::vector<HubArgument> results;
  /// Tensor argument -> its standard axis order, e.g. "input" -> "NCHW".
  std::map<std::string, std::string> layouts;
  /// Argument -> the value `swhost ci` calls the op with, as Python literal text, where the
  /// kind alone gives no fitting value (einsum's subscripts). For a tensor: its data (a list)
  /// or its shape (a tuple); for a variadic tensor argument, a list of shapes.
  std::map<std::string, std::string> examples;
  /// Why `swhost ci` does not run the op (random draws agree only in distribution); empty
  /// when it does.
  std::string unchecked;
  /// false: the op's tensors must have one shape (PyTorch's gather does not broadcast its
  /// index where NumPy's take_along_axis does); `swhost ci` draws them alike.
  bool broadcast = true;
  /// true: the op draws random values into a tensor it is given (the initializers), with no
  /// key argument of its own; where the target takes explicit keys, the function calling it
  /// needs the target's key parameter (draws that take a `key` say so by that argument).
  bool draws = false;
  SourceLocation where;

  /// The argument or layer input called `name`, or nullptr.
  const HubArgument* argument(std::string_view wanted) const;
  /// The result called `name`, or nullptr.
  const HubArgument* result(std::string_view wanted) const;
  /// Every argument and input name, in order: for "did you mean" messages.
  std::vector<std::string> argument_names() const;
  bool operator==(const HubOp&) const = default;
};

/// The abstract operations, by name. Names are unique across categories.
class Hub {
 public:
  /// Reads one category file. Throws Error at the offending line and column.
  void add_category(std::string_view category, std::string_view file_name, std::string_view text);
  /// Adds the ops of a table read by `reader` (a category file, or an overlay's
  /// `[hub.<category>]`) to `category`. Throws Error at the offending line and column.
  void add_ops(const TomlReader& reader, std::string_view category, const toml::table& root);

  const HubOp* find(std::string_view name) const;
  const std::map<std::string, HubOp, std::less<>>& ops() const { return ops_; }
  /// Category names in the order they were added.
  const std::vector<std::string>& categories() const { return categories_; }
  /// Every op name: for "did you mean" messages.
  std::vector<std::string> names() const;
  bool operator==(const Hub&) const = default;

 private:
  friend class HubImage;  // kb_image.cpp: stores and restores the ops as they are

  std::map<std::string, HubOp, std::less<>> ops_;
  std::vector<std::string> categories_;
};

/// Letters, digits and '_', not starting with a digit.
bool is_python_identifier(std::string_view text);

/// The kinds an argument may have: "tensor", "int", "axis", ...
const std::vector<std::string>& hub_argument_kinds();

/// The domains a tensor argument may name: the values generated test inputs take ("positive",
/// "unit", "matrix", ...).
const std::vector<std::string>& hub_argument_domains();

/// Parses `"name: kind(domain) = default"`. On a mistake returns the message and the 0-based
/// offset in `spec` it refers to.
struct ArgumentSpecError {
  std::string message;
  size_t offset = 0;
};
std::variant<HubArgument, ArgumentSpecError> parse_argument_spec(std::string_view spec);

/// swhost's own hub, built from the kb/hub/*.toml files compiled into it; read on first use.
/// Throws Error if the built-in data is broken (a build that passed its tests never is).
const Hub& builtin_hub();

/// The built-in hub read from its TOML, never from its compiled image (swkbc, tests).
Hub parse_builtin_hub();

/// The same hub, for adding a project's knowledge overlay to (knowledge_overlay.h) before a
/// command uses it. Ops are never removed, so pointers to them stay valid.
Hub& extensible_builtin_hub();

}  // namespace switcheroo
