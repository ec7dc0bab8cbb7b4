// The data an adapter plugin carries: its traits (how models are written in its framework) and
// its spoke of the knowledge base (its APIs mapped to the hub's abstract operations), both
// TOML built into the plugin. Read and checked against the hub once, when the plugin is
// loaded. docs/knowledge-base.md describes every key with an example.
#pragma once

#include "diagnostics.h"
#include "hub.h"
#include "traits.h"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo {

/// How one abstract operation is spelled in a framework: `[ops.<hub op>]` in spoke.toml, or
/// `[ops."<hub op>/<form>"]` for another spelling that is only read, never written.
struct OpMapping {
  std::string op;    ///< the hub op
  std::string form;  ///< after the '/' of an alternative spelling; empty for the primary one
  std::string api;   ///< fully qualified API, e.g. "<module>.nn.Linear"; empty for "identity"
  /// "function", "method" (receiver.api(...)), "property" (receiver.api), "layer" (constructed,
  /// then called), "class" (constructed object), "context" (a `with` block) or "identity"
  /// (the op does nothing here: the result is the receiver).
  std::string kind = "function";
  std::string receiver;  ///< hub argument that is the receiver of a method or property
  std::map<std::string, std::string> arguments;  ///< hub argument -> framework name (renames)
  /// Hub argument -> further framework parameters that take the same value: PyTorch's
  /// affine=False turns off both Flax's use_scale and use_bias.
  std::map<std::string, std::vector<std::string>> also;
  std::vector<std::string> positional;  ///< hub arguments passed positionally, in this order
  /// The spoke wrote `positional = []`: everything goes by keyword, also where the source
  /// passed values positionally (an API whose first parameters are not the hub's); a layer's
  /// inputs still go positionally when it is called.
  bool keywords_only = false;
  std::string varargs;                  ///< hub argument spread as *args, e.g. x.view(*shape)
  /// The variadic argument may also be given as one ordered mapping of names to its items,
  /// built by this API (`collections.OrderedDict`: torch.nn.Sequential(OrderedDict(...))).
  std::string varargs_mapping;
  /// The variadic argument may also be given as one sequence (torch.zeros(3, 4) and
  /// torch.zeros((3, 4)), unlike numpy.random.randn): a sequence in a name is passed as it is,
  /// not spread.
  bool varargs_sequence = false;
  /// Framework parameter -> the hub arguments packed into it as a tuple (betas = (b1, b2)).
  std::map<std::string, std::vector<std::string>> packed;
  /// Hub argument -> tuple length: a single value becomes a tuple of that many copies,
  /// where this API wants one entry per spatial axis (Flax's kernel_size=3 -> (3, 3)).
  std::map<std::string, int> repeated;
  std::vector<std::string> dropped;  ///< hub arguments the API lacks: only their default fits
  std::vector<std::string> ignored;  ///< framework parameters the hub does not model
  /// Hub arguments this API takes as arrays only: a Python number or size passed there is
  /// wrapped by the framework's `asarray` (torch.maximum(x, 0.0) needs a tensor for 0.0).
  std::vector<std::string> array_arguments;
  /// Hub arguments whose separate values this API takes as one list display, `[a, b]`, rather
  /// than a tuple (`Sequential([a, b])` for a variadic `layers`).
  std::vector<std::string> lists;
  /// Hub arguments this API requires even at the hub's default: always written out.
  std::vector<std::string> required;
  /// Hub argument -> hub arguments that must be written with it (at their hub default when the
  /// call leaves them out): torch.sum takes keepdim only together with dim.
  std::map<std::string, std::vector<std::string>> needs;
  std::map<std::string, std::string> injected;  ///< framework parameter -> Python expression
  /// A layer's call: framework parameter -> Python expression passed by keyword each time the
  /// layer is called, `{input}` standing for a hub input's value there (Praxis's attention
  /// takes an additive mask, `atten_mask=jnp.zeros((1, 1, 1, {key}.shape[1]))`, where
  /// PyTorch's call passes none).
  std::map<std::string, std::string> call_injected;
  std::map<std::string, std::string> fixed;     ///< hub argument -> value this API implies
  /// Boolean `fixed` arguments whose other value a layer meets by having axes 0 and 1 of each
  /// call's tensor inputs and of its first result exchanged (a sequence-first attention layer
  /// written batch-first).
  std::vector<std::string> axes_swapped;
  /// Hub argument -> the framework's own default, where it differs from the hub's: a
  /// converter writes the value out explicitly instead of relying on either default.
  std::map<std::string, std::string> defaults;
  /// Hub argument -> (hub value -> framework value), as Python literal text.
  std::map<std::string, std::map<std::string, std::string>> values;
  /// Hub argument -> how its value is computed on either side, for values that differ by a
  /// formula rather than a table: `write` turns a hub value into this framework's, `read` turns
  /// it back; `{}` stands for the value (BatchNorm momentum: "1 - {}" both ways). Without
  /// `read`, `write` is a form (`{@api}` spellings allowed) the value is read back from by
  /// matching it, and a value at the hub's default is not written.
  struct Transform {
    std::string write;
    std::string read;
    bool operator==(const Transform&) const = default;
  };
  std::map<std::string, Transform> transforms;
  std::map<std::string, std::string> layouts;  ///< hub argument -> this framework's axis order
  std::vector<std::string> results;  ///< hub result at each returned position ("_": unused)
  bool named_results = false;        ///< results are also attributes (torch namedtuples)
  /// false: padding='same' is refused with a stride other than 1 (PyTorch's convolutions)
  bool strided_same = true;
  /// A layer whose construction and call compute what the op's function form does: a function
  /// call of the op may become this layer, built in the constructor of the module class around
  /// the call from the call's constant arguments and called in its place (`hoist = true`).
  bool hoist = false;
  std::string hook;                  ///< rewrite hook needed for what the data cannot say
  /// What no rewrite provides yet, said to the user: a call read or written through this
  /// spelling is reported with it instead of being converted.
  std::string gap;
  std::string verify = "static";     ///< "numeric", "static" or "none"
  std::string note;                  ///< shown to the user when the mapping is used
  /// What to write where the framework has no single API (expression_template.h):
  /// `{input} @ {weight}.T{bias? + {bias}}`.
  std::string expression;
  SourceLocation where;

  /// The framework's name for hub argument `name` (itself when not renamed).
  std::string framework_name(const std::string& name) const;
  /// Framework keyword arguments a call through this mapping can pass, sorted.
  std::vector<std::string> keywords(const HubOp& op) const;
  bool operator==(const OpMapping&) const = default;
};

struct AdapterData {
  AdapterTraits traits;
  std::map<std::string, OpMapping> ops;           ///< hub op -> its primary spelling
  std::map<std::string, OpMapping> alternatives;  ///< "op/form" -> a spelling only read
  bool operator==(const AdapterData&) const = default;
};

/// A mapping's `hook`, where the spoke names it.
struct HookUse {
  std::string hook;
  SourceLocation where;
  bool operator==(const HookUse&) const = default;
};

/// What listing and checking an adapter need of its data without its mappings: how many ops it
/// maps, and the hooks its mappings name (primary spellings, then alternatives, each in key
/// order). A compiled image stores it ahead of the data, so it reads without them.
struct AdapterSummary {
  uint32_t ops = 0;
  std::vector<HookUse> hooks;
  bool operator==(const AdapterSummary&) const = default;
};

AdapterSummary summarize(const AdapterData& data);

/// Parses an adapter's traits and spoke and checks the spoke against `hub`. Throws Error
/// located in "<plugin>:traits.toml" or "<plugin>:spoke.toml" with line and column.
AdapterData parse_adapter_data(std::string_view plugin_id, std::string_view traits_toml,
                               std::string_view spoke_toml, const Hub& hub);
/// The same, against swhost's built-in hub.
AdapterData parse_adapter_data(std::string_view plugin_id, std::string_view traits_toml,
                               std::string_view spoke_toml);

}  // namespace switcheroo
