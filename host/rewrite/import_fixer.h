// The import fixer: after a conversion, the file's imports must match what it uses. Imports of
// the source framework that nothing uses any more are removed; the target imports that the
// converted code uses and the file lacks are added with their conventional spelling; every
// other import is left alone, and an import the output still uses is never removed.
#pragma once

#include "rewriter.h"
#include "tree_query.h"

#include <map>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::rewrite {

/// One conventional import: `import pkg.numeric as pn` is {"pkg.numeric", "pn", false};
/// `from pkg import nn` is {"pkg.nn", "nn", true}; `import pkg` is {"pkg", "pkg", false}.
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
  /// Local name of an available import -> the attributes the converted code reads through it
  /// (`nn` -> {`Dense`, `Module`}; "" for the bare name). Where the file binds that name to
  /// another module (`import torch.nn as nn` while `nn` is to be the target's `other.nn`), those
  /// uses are the target's: the file's binding goes when nothing else reads it, otherwise the
  /// target's uses are written qualified (`other.nn.Dense`) with a plain import.
  std::map<std::string, std::set<std::string>> written;
};

/// The names a file uses, not counting the names its import statements bind.
std::set<std::string> used_names(const SyntaxTree& tree);

/// A read of a name outside imports, with the attribute read right after it: `nn.Dense` gives
/// {`nn`, "Dense"}, a bare `nn` gives {`nn`, ""}.
struct NameUse {
  NodeId name = python::kNoNode;
  std::string attribute;
};

/// Every read of `local` in the file, in source order.
std::vector<NameUse> uses_of(const SyntaxTree& tree, const std::string& local);

/// Edits `rewriter` so that the file's imports follow `plan`. Returns what it did, one line
/// per added or removed import, for notes.
std::vector<std::string> fix_imports(Rewriter& rewriter, const ImportPlan& plan);

}  // namespace switcheroo::rewrite
