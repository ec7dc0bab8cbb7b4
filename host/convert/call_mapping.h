// One call through the hub: a framework call's arguments read into the hub's standard
// arguments through the source spoke's mapping, then written out through the target spoke's
// mapping. Works on argument texts only (already converted where they hold calls themselves);
// the engine finds the calls and puts the results back into the tree.
//
//   torch.sum(x, dim=1, keepdim=True)
//     -> sum{input: x, axis: 1, keepdims: True}        (read through torch's spoke)
//     -> jnp.sum(x, axis=1, keepdims=True)             (written through flax's spoke)
//
// Caveats: a value of a value-remapped argument that is not a literal is looked up when the
// code runs where the table changes the values' kind (`{'none': False, 'tanh': True}.get(a, a)`)
// and passes as it is where it keeps it (a string table: an integer padding passes); one that is
// neither is reported; a dropped argument converts only at its default.
#pragma once

#include "core/adapter_data.h"
#include "core/hub.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::convert {

/// One argument of a framework call, as written (texts already converted).
struct CallArgument {
  enum class Kind { positional, keyword, star, double_star };
  Kind kind = Kind::positional;
  std::string keyword;
  std::string text;
  std::string original;  ///< the source text, before conversions inside it (for dtypes)
  /// For a tuple or list display (`(2, 3)`, `[a, b]`): its element texts.
  std::optional<std::vector<std::string>> elements;
  /// A name the enclosing function binds to an ordered mapping (`layers = OrderedDict()`).
  bool ordered_mapping = false;
  /// For `**name`: the keywords it may pass, where the function binds `name` once to dict
  /// displays with string keys (unpacked_keywords.cpp); nullopt when they are not known.
  std::optional<std::set<std::string>> unpacked_keywords;
};

/// Python's ordered mapping, which a spelling may take its variadic items in
/// (`varargs-mapping`), and which a spread `*mapping.values()` is read from.
inline constexpr std::string_view kOrderedMapping = "collections.OrderedDict";
/// The same class as `typing` names it (calling it builds a `collections.OrderedDict`).
inline constexpr std::string_view kTypingOrderedMapping = "typing.OrderedDict";

/// Whether `text` is a Python identifier (ASCII letters, digits and `_`, not starting with a
/// digit).
bool is_identifier(const std::string& text);

/// A call site in framework terms. `receiver` is the object of a method or property.
struct FrameworkCall {
  std::string receiver;
  std::vector<CallArgument> arguments;
};

/// Which argument list of a hub op a call passes: a function's (or a layer's constructor)
/// arguments, or what a constructed layer is called with.
enum class Phase { construct, call };

/// A hub argument's value in a call.
struct HubValue {
  std::string text;                ///< the expression; for `spread` values unused
  std::vector<std::string> items;  ///< a variadic argument given as separate values
  bool spread = false;             ///< items holds the values (x.view(a, b))
  std::optional<std::vector<std::string>> elements;  ///< text is a tuple/list display
  bool positional = false;  ///< passed positionally in the source call (or the receiver)
  bool implicit = false;    ///< not written in the source: its default made explicit
  /// A variadic argument given as one ordered mapping of names to its items
  /// (`OrderedDict([("conv", ...), ...])`): `text` is the mapping.
  bool mapping = false;
};

/// A value written as `text`; `implicit` when it is a default made explicit.
inline HubValue value_of(std::string text, bool implicit = false) {
  HubValue value;
  value.text = std::move(text);
  value.implicit = implicit;
  return value;
}

/// A call in hub terms.
struct HubCall {
  const HubOp* op = nullptr;
  std::map<std::string, HubValue> values;  ///< hub argument -> value
  std::vector<std::string> ignored;        ///< source keywords the hub does not model
  /// True/False/None the spelling passes that the call leaves out, and `None` defaults of the
  /// spelling filling hub arguments whose own default is a value
  int absent_flags = 0;
};

/// How the target file spells things: qualified API -> the text to write, and a dtype name
/// ("float32") -> the target's dtype expression.
struct Spelling {
  std::function<std::string(const std::string& qualified)> api;
  std::function<std::string(const std::string& dtype)> dtype;
  /// Source dtype expression -> hub dtype name, or "" when it is not a known dtype.
  std::function<std::string(const std::string& text)> read_dtype;
  /// The API a dotted name of the source file stands for (`nnx.initializers.normal` ->
  /// flax.nnx.initializers.normal), if any: how a form (`transform` without `read`) is read.
  std::function<std::optional<std::string>(std::string_view dotted)> qualify;
  /// The target's constructor parameter for explicit random keys (`rngs`); empty when none.
  std::string key_parameter;
};

/// The hub arguments a call through `mapping` passes in `phase`, in hub order (the receiver of
/// a method or property excluded).
std::vector<const HubArgument*> call_parameters(const HubOp& op, const OpMapping& mapping,
                                                Phase phase);
/// The hub argument that is a method's or property's receiver.
std::string receiver_of(const HubOp& op, const OpMapping& mapping);

/// Reads a call into hub terms; `partial` allows required arguments to be missing (the
/// bound arguments of functools.partial). On failure returns nullopt and says why in `why`.
std::optional<HubCall> read_call(const HubOp& op, const OpMapping& source, Phase phase,
                                 const FrameworkCall& call, const Spelling& spelling,
                                 std::string& why, bool partial = false);

/// How well a call read through one op fits it, to choose among ops that share an API:
/// tuple sizes that match the op's spatial axes, numbers where the op takes a number.
int candidate_fit(const HubOp& op, const HubCall& call);
/// candidate_fit() less what the flags the spelling passes and the call leaves out cost
/// (call.absent_flags): the one score the converter, the graph and the hooks choose readings by.
int reading_fit(const HubOp& op, const HubCall& call);

/// How well the sizes a call passes fit a spelling that reads one number as a count of parts
/// and a list as the sizes of the parts (hook `split_size_list`): +1 for a list (a display,
/// a comprehension, `list(...)`) where the op takes several ints, -1 for one number there; 0
/// for any other spelling.
int sizes_fit(const HubOp& op, const OpMapping& mapping, const HubCall& call);

/// The selector (`[0]`) that narrows a target spelling returning more than the source's one
/// result (torch.sort for `sort`, results ["out", "_"]) to the kept result; empty otherwise.
std::string kept_result_selector(const OpMapping& source, const OpMapping& target);

/// What writing a call produced.
struct WrittenCall {
  std::string text;
  bool injects_keys = false;  ///< the target needs its key parameter in scope
};

/// Writes a hub call through the target mapping. `callee` overrides the callee text (an
/// instance call keeps `self.fc`). On failure returns nullopt and says why in `why`.
std::optional<WrittenCall> write_call(const HubCall& call, const OpMapping& target, Phase phase,
                                      const Spelling& spelling, const std::string& callee,
                                      std::string& why);

/// The target's `expression` filled in with the call's values: an omitted argument is its hub
/// default, a variadic one given as separate values is their tuple, a single number given as a
/// shape is a one-element tuple, a dtype is the target's. `{name?...}` holds when the call
/// itself gives `name` something other than None. Nullopt, with `why`, when it cannot be,
/// or when an argument the mapping fixes (`fixed`) has another value.
std::optional<std::string> write_expression(const HubCall& call, const OpMapping& target,
                                            const Spelling& spelling, std::string& why);

/// `text` wrapped in parentheses unless it is a name, attribute, call or subscript chain.
std::string as_operand(const std::string& text);
/// An injected expression that names something in scope (`rngs`), not a value the spelling
/// stands for (`True`, `(1, 2)`).
bool is_plumbing(const std::string& expression);
/// Whether `target` meets `value` of its fixed argument `name` by swapping axes at each call
/// (`axes-swapped`): a True or False other than the implied one.
bool swaps_axes(const OpMapping& target, const std::string& name, const std::string& value);
/// Two expressions that differ only in spaces are the same value.
bool same_value(const std::string& a, const std::string& b);

}  // namespace switcheroo::convert
