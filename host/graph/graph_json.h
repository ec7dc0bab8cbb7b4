// The model graph as JSON: the documented, versioned form (`format`
// "switcheroo-model-graph", `version` 1, docs/diagrams.md) that `swhost draw --emitter json`
// writes and that emitter plugins receive.
#pragma once

#include "model_graph.h"

#include <string>

namespace switcheroo::graph {

/// The version of the JSON form this host writes.
inline constexpr int kGraphFormatVersion = 1;

/// The graph as JSON text, two-space indented, ending in a newline. Deterministic.
std::string graph_to_json(const ModelGraph& graph);

}  // namespace switcheroo::graph
