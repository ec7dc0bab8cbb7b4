// An adapter's weight conventions (traits `[weights]`, docs/weights.md): how its checkpoints
// name a layer's parameters and lay them out relative to the hub's layout, how containers name
// their children, and which checkpoint formats it reads and writes, with the Python code that
// does it. `swhost weights` derives a migration script from two adapters' tables; the host
// itself knows no framework's names or layouts.
#pragma once

#include "toml_reader.h"

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace switcheroo {

/// One tensor of a layer as this framework stores it.
struct WeightParameter {
  /// The hub parameter it holds (kb/shapes.toml `[parameters]`); empty for a tensor the hub has
  /// no counterpart for (a step counter), dropped when read and filled when written.
  std::string hub;
  /// Its name under the layer's path; `{position}` stands for its index among the layer's
  /// tensors that are present (variables numbered in creation order).
  std::string name;
  std::vector<int> flip;     ///< hub axes reversed first (a transposed convolution's kernel)
  std::vector<int> permute;  ///< then axis i of this framework's tensor is axis permute[i]
  std::string with;          ///< hub-less tensor: present when this hub parameter is
  std::string dtype;         ///< hub-less tensor: the NumPy dtype it is written with
  int64_t fill = 0;          ///< hub-less tensor: the value it is written with
  /// Hub parameters added to `hub` in this tensor (a recurrent cell's input and hidden biases
  /// folded into one). Read back, the sum becomes `hub` and each of these is zeros.
  std::vector<std::string> plus;
  /// The `plus` tensors' first `plus_blocks` of `plus_of` equal blocks along hub axis 0 alone
  /// added, the rest held by another tensor (MLX's GRU: `b` holds the hidden bias's reset and
  /// update blocks, `bhn` its candidate block); 0: the whole of them.
  int plus_blocks = 0;
  int plus_of = 0;
  /// Block `part` of `parts` equal blocks along hub axis 0 (one gate of a fused recurrent
  /// weight); parts 0: the whole hub tensor.
  int part = 0;
  int parts = 0;
  /// Axis `split_axis` of the permuted tensor split in two, (n, size / n), n the value of the
  /// layer's hub argument `split_by` (a projection's attention heads); -1: none.
  int split_axis = -1;
  std::string split_by;
  /// The equal blocks of hub axis 0 in this framework's order: its block i is the hub's block
  /// blocks[i] (a recurrent weight whose gates another framework orders otherwise); empty: the hub's.
  std::vector<int> blocks;
  /// Hub parameters stacked after `hub` on a new first axis (a recurrent cell's input and hidden
  /// biases kept as one tensor of two rows).
  std::vector<std::string> stack;
  /// The recurrent cell it belongs to (WeightCells): its layer and direction (1: reverse).
  int layer = 0;
  int direction = 0;
  /// A wrapper's magnitude holding the kept axis alone (WeightWrapper::kept_axis): set where the
  /// plan derives a wrapped layer's tensors, not read from [[weights.layer]].
  bool kept_axis = false;
  bool composite() const {
    return parts > 0 || !plus.empty() || !split_by.empty() || !blocks.empty() || !stack.empty();
  }
  bool operator==(const WeightParameter&) const = default;
};

/// `cells` of a recurrent layer's `[[weights.layer]]`: the parameters are listed for its first
/// cell (hub suffix `hub_layers[0]`); every further layer and direction the hub names holds the
/// same, its hub names with suffix `hub_layers[layer]` (`reverse` after it for the second
/// direction), under a path of its own where the layer has more than one layer (`stack`, or
/// `stack_bidirectional` when it has two directions too) or two directions (`directions`). A
/// layer whose final state the model reads, which the framework builds as a plain list of
/// layers returning it ([recurrent] return-state-built), has its layers under `stack_listed`
/// (`stack_listed_bidirectional`) instead.
struct WeightCells {
  std::vector<std::string> hub_layers;  ///< `_l0`, `_l1`
  std::string reverse;                  ///< `_reverse`
  std::vector<std::string> stack;       ///< `layers/0`, `layers/1`
  std::vector<std::string> stack_bidirectional;
  std::vector<std::string> stack_listed;  ///< `lstm`, `lstm_1`; empty: none
  std::vector<std::string> stack_listed_bidirectional;
  std::vector<std::string> directions;  ///< `forward_rnn`, `backward_rnn`
  bool operator==(const WeightCells&) const = default;
};

/// `[[weights.tied-layer]]`: a layer whose parameter is tied to another layer's, which this
/// framework writes as a call of the owner in place of the layer (Flax NNX: a Linear whose
/// weight is an Embed's table, `self.embed.attend(x)`): the converted class has a method in the
/// layer's place, and the checkpoints hold no tensor of the layer's. Op and parameter names are
/// the hub's.
struct WeightTiedLayer {
  std::string op;               ///< the tied layer's op (`linear`)
  std::string parameter;        ///< its tied parameter (`weight`)
  std::string owner;            ///< the owner's op (`embedding`)
  std::string owner_parameter;  ///< the owner's parameter (`weight`)
  /// The tied layer's hub arguments that must have these values (`bias = "False"`: it holds
  /// nothing but the tied parameter); written so on the way back.
  std::map<std::string, std::string> when;
  /// The tied layer's hub arguments on the way back, from the owner's (`in_features` is the
  /// embedding's `embedding_dim`).
  std::map<std::string, std::string> from_owner;
  /// The call of the owner that stands for the layer's: `{owner}` the owner's attribute
  /// (`self.embed`), `{input}` the input, each once, `{@api}` an API as the file spells it
  /// (`{owner}.attend({input})`, `{@keras.ops.matmul}({input}, ...({owner}.embeddings))`).
  std::string call;
  bool operator==(const WeightTiedLayer&) const = default;
};

/// `[weights.wrapper.<op>]`: how this framework holds a layer that a hub wrapper op
/// reparametrizes (graph::Reparametrization; `weight_norm`: the parameter as a magnitude g and a
/// direction v, w = g * v / ||v||). The layer's other tensors keep their names under `layer`;
/// the magnitude and the direction come after them.
struct WeightWrapper {
  std::string layer;      ///< the wrapped layer's path under the wrapper's; "": the wrapper's own
  /// v's name under the wrapped layer's path, in the parameter's layout; `{name}`: this
  /// framework's name of the parameter (its [[weights.layer]] entry)
  std::string direction;
  std::string magnitude;  ///< g's name under the wrapper's path; `{name}` as for `direction`
  /// g holds the kept axis alone (a scalar for the norm over every axis), not the hub's shape
  /// of the parameter's rank with 1 on the other axes
  bool kept_axis = false;
  bool operator==(const WeightWrapper&) const = default;
};

/// A checkpoint format: the file names it claims and the Python functions that read and write
/// it (`read_<id>(path)` -> dict of name -> NumPy array in file order, `write_<id>(path, dict)`).
struct WeightFormat {
  std::string id;
  std::vector<std::string> extensions;  ///< `.pt`, `.weights.h5`: longest match wins
  std::string library;                  ///< the Python package it needs beyond NumPy, or ""
  std::string code;                     ///< Python source defining both functions
  std::string defined_by;               ///< the framework whose traits define it
  bool operator==(const WeightFormat&) const = default;
};

struct WeightTraits {
  std::string separator = ".";           ///< joins the parts of a tensor's path
  std::string sequential_child = "{name}";  ///< a Sequential's child: `{name}`, `layers/{index}`
  std::string list_child = "{name}";        ///< a module list's child
  /// A tensor a module class holds itself, a parameter or a buffer, under the module's path:
  /// `{name}` for its attribute name, `{position}` for its place among the module's own
  /// (parameters first); "" where this framework has no place for one.
  std::string held_parameter;
  std::string held_buffer;
  /// The formats this framework's checkpoints come in, the first the default.
  std::vector<std::string> formats;
  /// Hub layer op -> its tensors in this framework's order.
  std::map<std::string, std::vector<WeightParameter>> layers;
  /// Hub wrapper op -> how a layer it wraps is held; absent: this framework has no such wrapper.
  std::map<std::string, WeightWrapper> wrappers;
  /// Layers tied to another's parameter that this framework writes as a call of the owner.
  std::vector<WeightTiedLayer> tied_layers;
  /// The tied layer form for a tie of `op`'s hub parameter `hub` to `owner_op`'s `owner_hub`;
  /// nullptr where these traits write none.
  const WeightTiedLayer* tied_layer(const std::string& op, const std::string& hub,
                                    const std::string& owner_op, const std::string& owner_hub) const {
    for (const WeightTiedLayer& form : tied_layers) {
      if (form.op == op && form.parameter == hub && form.owner == owner_op && form.owner_parameter == owner_hub) {
        return &form;
      }
    }
    return nullptr;
  }
  /// Hub layer op -> the paths of its recurrent cells beyond the first (`cells`); absent: one cell.
  std::map<std::string, WeightCells> cells;
  /// Formats these traits define (any adapter may define one; every adapter may use it).
  std::map<std::string, WeightFormat> format_definitions;
  /// `[weights.script]`: the array library a migration script runs on, as Python: its import
  /// lines and the checks and command line every script ends with (one adapter defines it).
  std::string script_imports;
  std::string script_code;
  /// `[weights.model]`: Python a script includes where this framework is its target (`load`,
  /// defining load_into(model, path)) or its source (`save`, defining save_from(model, path)):
  /// a checkpoint the script writes loaded into the framework's model, and one saved from it.
  std::string model_load;
  std::string model_save;

  bool operator==(const WeightTraits&) const = default;
};

/// Reads `[weights]`; fails through `reader` at the offending line and column.
WeightTraits read_weight_traits(const TomlReader& reader, const toml::table& weights,
                                const std::string& framework);

}  // namespace switcheroo
