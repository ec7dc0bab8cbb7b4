// An adapter's traits: how models are written in its framework, so that the host can rewrite
// classes, types, randomness and imports without knowing any framework by name. Read from the
// adapter's traits.toml (schema version 2, docs/adapters.md; version 1 files are still read and
// mapped onto version 2).
#pragma once

#include "toml_reader.h"
#include "weight_traits.h"

#include <map>
#include <string>
#include <vector>
#include <string_view>

namespace switcheroo {

/// How a module knows whether it is training (dropout on, batch statistics updated).
struct TrainingMode {
  /// "attribute" (`self.<name>`), "argument" (the forward method's `<name>` parameter) or
  /// "none" (the framework has no such switch, or it is unknown).
  std::string reads = "none";
  std::string name;       ///< `training`, `deterministic`
  bool inverted = false;  ///< true: the value says "not training" (`deterministic`)
  bool operator==(const TrainingMode&) const = default;
};

/// Where randomness comes from.
struct RngModel {
  /// "global-seed" (one generator seeded by a call such as `seed(0)`), "explicit-keys" (keys
  /// passed by hand; modules take them as a constructor parameter) or "implicit-streams"
  /// (generators held by the layers themselves, seeded once).
  std::string model = "global-seed";
  std::string seed;       ///< global-seed: the seeding function, qualified; may be empty
  std::string parameter;  ///< explicit-keys: the constructor parameter name (`rngs`)
  std::string type;       ///< explicit-keys: its type, qualified (`flax.nnx.Rngs`)
  /// explicit-keys: a fresh value where no parameter is in scope, `{}` standing for the seed
  /// (`flax.nnx.Rngs({})`).
  std::string fresh;

  bool explicit_keys() const { return model == "explicit-keys"; }
  bool operator==(const RngModel&) const = default;
};

/// How a framework whose layers take their hyper-parameters as fields makes a child layer:
/// `self.<method>('<attribute>', <template>(<layer class>, <field>=<value>, ...))` in the
/// constructor, and `<instantiate>(<template>(...))` for a layer built outside one.
struct ChildTemplates {
  std::string method;       ///< the module method that registers a named child
  std::string template_api; ///< the qualified template factory, e.g. a config class
  std::string instantiate;  ///< the qualified function that builds a layer from a template
  std::string list_method;  ///< the module method that registers a named list of children
  bool operator==(const ChildTemplates&) const = default;
};

/// Variables a module declares by name in its constructor, read and written through the
/// module's methods (Praxis): `self.<declare>('<name>', <spec>(<shape>=..., <init>=<constant>(v),
/// <dtype>=...), <trainable>=False)`; a trainable one is read `self.<parameters>.<name>`, the
/// others `self.<read>('<name>')` and written `self.<write>('<name>', value)`.
struct DeclaredVariables {
  std::string declare;     ///< the module method that declares one
  std::string spec;        ///< the qualified class of its specification
  std::string shape;       ///< the specification's keywords: shape, initializer and dtype
  std::string init;
  std::string dtype;
  std::string constant;    ///< the qualified initializer that fills with one value
  std::string trainable;   ///< the declaration's keyword, False for state that is not trained
  std::string parameters;  ///< the module attribute holding the trainable ones
  std::string read;        ///< the module method reading one that is not trained
  std::string write;       ///< the module method writing one that is not trained
  bool empty() const { return declare.empty(); }
  bool operator==(const DeclaredVariables&) const = default;
};

/// How a framework whose recurrent layer runs one cell over a sequence (a spoke entry with the
/// `recurrent_layer` hook) spells that layer's options, its two directions and its final
/// state (`[recurrent]`; Flax NNX: nnx.RNN, nnx.Bidirectional, return_carry). Empty: none.
struct RecurrentTraits {
  std::string cell;        ///< the layer's keyword for its cell (also its first positional)
  std::string time_major;  ///< the layer's boolean keyword for a time-major sequence
  /// The layer's boolean keywords, all True, for the backward direction of a bidirectional
  /// layer (its outputs kept in the order of the steps); all False or absent runs forward.
  std::vector<std::string> backward;
  std::string bidirectional;  ///< the qualified layer of a forward and a backward one
  /// That layer's keywords for its two layers, forward first (also its two positionals); it
  /// takes `time_major` too and concatenates the two outputs on the feature axis.
  std::vector<std::string> directions;
  /// The call's boolean keyword that returns the final state with the outputs, as the pair
  /// (state, outputs).
  std::string return_state;
  /// An LSTM's final state in the order the layer returns it: "c" and "h", in either order.
  std::vector<std::string> lstm_state;
  /// "list": the layer is one layer of one direction returning the states of every step,
  /// (batch, steps, hidden) each, in the order of lstm_state; stacked layers are a plain list
  /// of them run one by one (MLX's nn.LSTM). Empty otherwise.
  std::string stack;
  /// A layer of one direction (no cell): the construction's boolean keyword, True, with which
  /// the layer's call returns its outputs followed by its final state, flattened (Keras's
  /// return_state: `out, h, c = lstm(x)`); empty where it has none.
  std::string return_state_built;
  bool empty() const { return bidirectional.empty(); }
  bool operator==(const RecurrentTraits&) const = default;
};

struct AdapterTraits {
  int version = 2;           ///< the schema version the file was written in
  std::string framework;     ///< the canonical framework id, e.g. the one `--source` resolves to
  std::string display_name;  ///< for people

  // [arrays]
  std::string array_type;    ///< qualified array type (annotations, isinstance); may be empty
  std::string dtype_module;  ///< module whose attributes are the dtypes; may be empty
  /// Hub dtype name -> this framework's attribute, where they differ (`bool` -> `bool_`).
  std::map<std::string, std::string> dtype_names;
  /// Further attributes read as a hub dtype (`float` -> `float32`); never written.
  std::map<std::string, std::string> dtype_aliases;
  /// The hub dtype of a floating-point array made from Python numbers or integers (`arange`
  /// with a float step, a true division of integers); empty: not stated.
  std::string default_float;
  bool mutable_arrays = true;  ///< arrays can be updated in place
  /// The suffix of a method that updates its receiver in place (`add_`), whose out-of-place
  /// counterpart has the same name without it (`add`); empty: none.
  std::string in_place_suffix;
  /// In-place methods that store a value rather than compute one: method -> the value stored,
  /// `{0}` for the call's first argument (`fill_` -> `{0}`, `zero_` -> `0`).
  std::map<std::string, std::string> in_place_stores;
  /// How an immutable array is updated at an index, by update (`set`, `add`, `multiply`,
  /// `divide`, `min`, `max`): `{array}.at[{index}].set({value})`, and read there (`get`:
  /// `{array}.at[{index}].get()`). Empty: no indexed update.
  std::map<std::string, std::string> indexed_updates;
  /// The indices the templates take: `any` (slices, several axes) or `first-axis` (one
  /// index of the first axis, `x[i]`). `{api:<qualified>}` in a template is spelled as the
  /// target imports it.
  std::string indexed_update_index = "any";

  // [module]
  std::string module_base_class;         ///< e.g. "<module>.nn.Module"; empty: no modules
  std::string forward_method;            ///< the method that runs a module
  std::string constructor = "__init__";  ///< where layers are built (`__init__`, `setup`)
  bool init_calls_super = true;          ///< the constructor starts with super().__init__()
  /// Where a module's hyper-parameters live: "constructor" (its parameters) or "fields"
  /// (annotated class attributes with defaults; the constructor takes only `self`).
  std::string hyper_parameters = "constructor";
  /// With fields: the name a hyper-parameter takes as a field when the module also assigns
  /// an attribute or child of its name (a field cannot be assigned), `{name}` its name
  /// (`{name}_hparam`); empty: such an assignment is reported.
  std::string renamed_field;
  ChildTemplates children;  ///< with fields: how children are written (method empty: plain)
  TrainingMode training;
  /// Methods of a module that register a named child (`add_module(name, module)`).
  std::vector<std::string> add_child;
  /// The attribute a sequential container keeps its layers in, for a framework without
  /// add_child methods (nnx.Sequential's `layers`); empty when none.
  std::string sequential_layers;
  /// Container classes of the framework that are modules (`nn.Sequential`, `nn.ModuleDict`):
  /// a class deriving from one is a module class as one deriving from the base class is.
  std::vector<std::string> container_classes;
  /// Methods of a module that only read it (`parameters()`, `children()`): calling one
  /// changes none of its parameters.
  std::vector<std::string> queries;
  /// Methods of a module that register named state, by hub op (`buffer` -> `register_buffer`,
  /// `parameter` -> `register_parameter`): `self.<method>(name, value)`.
  std::map<std::string, std::string> register_state;
  /// The class that holds state a forward pass updates (`self.calls = Variable(0)`), and the
  /// attribute that reads and writes its value (`self.calls.value += 1`); empty: plain values.
  std::string state_class;
  std::string state_value;
  /// Methods of the state class that write it, by statement (`=` -> `assign`, `+=` ->
  /// `assign_add`): `self.calls += 1` becomes `self.calls.assign_add(1)`. With them the
  /// state class is read as it is (no `state-value`).
  std::map<std::string, std::string> state_writes;
  /// What an array assigned to a module attribute in the constructor is: empty (an attribute
  /// like any other) or "parameters" (every array member is a parameter, and so are the arrays
  /// of a list or dict it holds; lists and dicts of layers are plain containers).
  std::string array_attributes;
  /// With array attributes: the statement after a buffer's assignment that keeps it out of
  /// training, `{names}` its quoted name (`self.freeze(keys=[{names}])`); read back, such a
  /// statement in the constructor makes the attributes it names buffers.
  std::string freeze;
  /// Variables declared by name (`[module] variables`); empty: none.
  DeclaredVariables variables;
  /// Forward passes and training steps must be pure functions (no printing, file I/O, Python
  /// randomness or global writes): the purity scanner reports them.
  bool pure_functions = false;

  RngModel rng;
  RecurrentTraits recurrent;  ///< [recurrent]

  // [layouts]
  std::string images = "channels-first";  ///< or "channels-last"
  std::string sequences = "batch-first";  ///< or "time-first"

  std::map<std::string, std::string> imports;  ///< module -> conventional alias

  WeightTraits weights;  ///< [weights]: checkpoint names, layouts and formats

  bool has_modules() const { return !module_base_class.empty(); }
  bool field_hyper_parameters() const { return hyper_parameters == "fields"; }
  /// The hub dtype an attribute of the dtype module names, or "" (`bool_` -> `bool`).
  std::string hub_dtype(const std::string& attribute) const;
  /// The attribute that spells hub dtype `name` (`bool` -> `bool_`).
  std::string dtype_attribute(const std::string& name) const;
  bool operator==(const AdapterTraits&) const = default;
};

/// Reads traits.toml. Fails through `reader` with line and column on any unknown key or bad
/// value.
AdapterTraits read_traits(const TomlReader& reader, const toml::table& root);

}  // namespace switcheroo
