#include "draw_emitters.h"

#include "../core/text_util.h"

namespace switcheroo::cli {

std::string emit_document(const PluginSet& plugins, const std::string& id, const std::string&,
                          int) {
  std::vector<std::string> loaded{"json"};
  for (const LoadedPlugin* plugin : plugins.of_kind(SW_PLUGIN_KIND_EMITTER)) loaded.push_back(plugin->id());
  throw Error("no emitter '" + id + "' is loaded (emitters: " + join_quoted(loaded, ", ") +
                  "; see 'swhost plugins')",
              "draw");
}

}  // namespace switcheroo::cli
