#include "draw_emitters.h"

#include "../core/text_util.h"
#include "../graph/graph_json.h"

#include <array>

namespace switcheroo::cli {
namespace {

constexpr const char* kUnit = "draw";

void append(void* sink, const char* bytes, size_t size) {
  static_cast<std::string*>(sink)->append(bytes, size);
}

}  // namespace

std::string emit_document(const PluginSet& plugins, const std::string& id,
                          const std::string& graph_json, int depth) {
  std::vector<std::string> loaded{"json"};
  const LoadedPlugin* chosen = nullptr;
  for (const LoadedPlugin* plugin : plugins.of_kind(SW_PLUGIN_KIND_EMITTER)) {
    loaded.push_back(plugin->id());
    if (plugin->id() == id) chosen = plugin;
  }
  if (chosen == nullptr) {
    throw Error("no emitter '" + id + "' is loaded (emitters: " + join_quoted(loaded, ", ") +
                    "; see 'swhost plugins')",
                kUnit);
  }
  const sw_emitter_interface* emitter = chosen->emitter();
  if (emitter == nullptr) {
    throw Error("emitter '" + id + "' (" + chosen->file().string() + ") targets SDK ABI " +
                    chosen->abi().text() + ", which has no emitter interface (rebuild it "
                    "against SDK 1.2)",
                kUnit);
  }
  if (emitter->graph_version < graph::kGraphFormatVersion) {
    throw Error("emitter '" + id + "' reads graph version " +
                    std::to_string(emitter->graph_version) + ", this host writes version " +
                    std::to_string(graph::kGraphFormatVersion),
                kUnit);
  }
  sw_emit_request request{};
  request.struct_size = sizeof(request);
  request.graph_json = graph_json.c_str();
  request.graph_version = graph::kGraphFormatVersion;
  request.depth = static_cast<uint32_t>(depth);
  std::string document;
  sw_emit_output output{};
  output.struct_size = sizeof(output);
  output.sink = &document;
  output.write = &append;
  std::array<char, 1024> error{};
  if (emitter->emit(chosen->instance(), &request, &output, error.data(),
                    static_cast<uint32_t>(error.size())) != SW_OK) {
    throw Error("emitter '" + id + "' failed: " + std::string(error.data()), kUnit);
  }
  return document;
}

}  // namespace switcheroo::cli
