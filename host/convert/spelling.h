// How the converted file names things: a qualified API becomes the text the target file
// writes (`flax.nnx.Linear` -> `nnx.Linear` through `from flax import nnx`, or through the
// user's own alias when the file already imports that module), and the imports that spelling
// needs are remembered for the import fixer. Also the few names the spokes do not hold: dtypes
// and the array type (`torch.float32` <-> `jnp.float32`, `torch.Tensor` <-> `jax.Array`).
#pragma once

#include "core/adapter_data.h"
#include "rewrite/import_fixer.h"
#include "rewrite/tree_query.h"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::convert {

class TargetSpelling {
 public:
  TargetSpelling(const AdapterTraits& traits,
                 const std::vector<rewrite::ImportBinding>& file_imports);

  /// The text that names `qualified` in the target file.
  std::string api(const std::string& qualified);
  /// The import statement api(qualified) relies on, "" when the file already binds it.
  std::string import_for(const std::string& qualified) const;
  /// The target's expression for a dtype name ("float32" -> "<dtype-module>.float32").
  std::string dtype(const std::string& name);
  /// The target's array type (`jax.Array`), spelled; empty when it has none.
  std::string array_type();

  /// The imports the fixer may add (conventional ones plus any module spelled in full).
  rewrite::ImportPlan import_plan(const AdapterTraits& source_traits) const;

  /// Spells a name in full where the file binds its conventional alias to another module
  /// (`nn` bound to the source's `mlx.nn`: `torch.nn.Flatten`, with `import torch`). For text
  /// written after the import fixer has run (hooks), which no later pass respells.
  void spell_clashes_in_full() { clashes_in_full_ = true; }

  /// Whether `qualified`, which the file reaches through `local`, is to be written in full
  /// because the target's conventional imports bind `local` to another module (a call left in
  /// a PyTorch file's spelling, `nn.LSTM(...)`, where MLX's `nn` is mlx.nn). When it is, its
  /// top module's import is added where the file lacks it.
  bool spell_source_name_in_full(const std::string& local, const std::string& qualified);

 private:
  const AdapterTraits& traits_;
  struct Binding {
    std::string module;
    std::string local;
  };
  std::vector<Binding> file_bindings_;
  /// What reaches `qualified`: the file's own binding, else a conventional import, each with
  /// the module it reaches; neither when the name is written in full.
  struct Reach {
    const Binding* binding = nullptr;
    const rewrite::ImportSpec* conventional = nullptr;
    std::string module;
  };
  Reach reach(const std::string& qualified) const;
  std::vector<rewrite::ImportSpec> conventional_;
  std::set<std::string> spelled_in_full_;
  std::map<std::string, std::set<std::string>> written_;  // see rewrite::ImportPlan::written
  bool clashes_in_full_ = false;
};

/// Source dtype expression -> hub dtype name ("<dtype-module>.float32" -> "float32"), "" when unknown.
/// `qualify` resolves a dotted name through the source file's imports.
std::string read_dtype(
    const AdapterTraits& source, const std::string& text,
    const std::function<std::optional<std::string>(const std::string&)>& qualify);

/// A qualified reference that is a framework type or dtype (`torch.Tensor`, `torch.float32`),
/// as the target writes it qualified (`jax.Array`, `jax.numpy.float32`); nullopt otherwise.
std::optional<std::string> translate_reference(const AdapterTraits& source,
                                               const AdapterTraits& target,
                                               const std::string& qualified);

}  // namespace switcheroo::convert
