// The emitter plugins `swhost draw` hands the model graph to (sw_emitter_interface).
#pragma once

#include "../core/plugin_set.h"

#include <string>

namespace switcheroo::cli {

/// The document emitter plugin `id` writes for the graph's JSON form, drawing module nesting
/// down to `depth`. Throws Error when no such emitter is loaded or when it fails.
std::string emit_document(const PluginSet& plugins, const std::string& id,
                          const std::string& graph_json, int depth);

}  // namespace switcheroo::cli
