// Builds the static model graph of a model in a Python file: runs the file's top level, then
// the model's constructor (or a builder function that returns the model) and its forward
// method through the interpreter, reading every framework call through the source adapter's
// spoke into hub terms. Module conventions (base class, constructor and forward method names)
// come from the adapter's traits; shapes and parameter counts from the hub's shape rules.
#pragma once

#include "model_graph.h"

#include "core/adapter_data.h"
#include "python/syntax_tree.h"

#include <string>
#include <vector>

namespace switcheroo::graph {

struct DrawRequest {
  std::string file;         ///< the path, for messages
  std::string source;       ///< the file's bytes
  std::string framework;    ///< the source adapter's id
  const AdapterData* adapter = nullptr;
  /// Other frameworks the file imports, read for their functions only: a constructor may
  /// compute constants with another array library than its own.
  std::vector<const AdapterData*> libraries;
  std::string class_name;   ///< `--class`: the model class; empty to find the only one
  std::string builder;      ///< `--builder`: a function of the file that returns the model
  std::string arguments;    ///< `--args`: Python keyword arguments `k=v, ...` for either
  std::vector<std::vector<int64_t>> input_shapes;
  bool run_forward = true;  ///< false: the modules alone (weight migration needs no flow)
  /// `source` already parsed (the command read its imports); null: parsed when building.
  const python::SyntaxTree* tree = nullptr;
};

/// Builds the graph. Throws Error located in the file when the model cannot be built (a
/// syntax error, no model class, a missing constructor argument, code that raises).
ModelGraph build_model_graph(const DrawRequest& request);

}  // namespace switcheroo::graph
