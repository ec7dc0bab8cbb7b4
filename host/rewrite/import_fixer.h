// The import fixer: after a conversion, the file's imports must match what it uses. Imports of
// the source framework that nothing uses any more are removed; the target imports that the
// converted code uses and the file lacks are added with their conventional spelling; every
// other import is left alone, and an import the output still uses is never removed.
#pragma once

#include "rewriter.h"
#include "tree_query.h"

#include <set>
#include <string>
#include <vector>

namespace switcheroo::rewrite {

/// One conventional import: `import jax.numpy as jnp` is {"jax.numpy", "jnp", false};
/// `from flax import nnx` is {"flax.nnx", "nnx", true}; `import jax` is {"jax", "jax", false}.
struct ImportSpec {
  std::string target;  ///< the qualified module or name
  std::string local;   ///< the name the code uses
  bool from_import = false;

  /// The statement that binds `local` to `target`.
  std::string statement() const;
};

struct ImportPlan {
  /// Imports the converted code may use; each is added when its local name is used and unbound.
  std::vector<ImportSpec> available;
  /// Top-level modules whose unused imports are removed (`torch` removes `import torch`,
  /// `from torch import nn`, `import torch.nn.functional as F` when unused).
  std::set<std::string> removable;
};

/// The names a file uses, not counting the names its import statements bind.
std::set<std::string> used_names(const SyntaxTree& tree);

/// Edits `rewriter` so that the file's imports follow `plan`. Returns what it did, one line
/// per added or removed import, for notes.
std::vector<std::string> fix_imports(Rewriter& rewriter, const ImportPlan& plan);

}  // namespace switcheroo::rewrite
