// Writes a weight-migration plan as a standalone Python script: one line per tensor in
// migrate(), grouped by layer; the checkpoint formats' code from the adapters' traits; and the
// checks, command line and atomic writing of the adapter that defines `[weights.script]` (the
// array library's). The script needs that library, plus the one of a format only when that
// format is used.
#pragma once

#include "weight_plan.h"

#include <map>
#include <string>

namespace switcheroo::weights {

struct ScriptRequest {
  const MigrationPlan* plan = nullptr;
  const graph::ModelGraph* graph = nullptr;
  Side source;
  Side target;
  /// Every format the loaded adapters define, by id.
  std::map<std::string, const WeightFormat*> formats;
  std::string command;  ///< the swhost command line, for the script's docstring
  /// The adapter whose `[weights.script]` gives the array library and the checks.
  const AdapterTraits* runtime = nullptr;
};

/// The script's text. Throws Error when a side names a format no loaded adapter defines.
std::string render_script(const ScriptRequest& request);

}  // namespace switcheroo::weights
