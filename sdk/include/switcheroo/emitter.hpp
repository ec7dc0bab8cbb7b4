// C++ layer for emitter plugins (<switcheroo/emitter.h>): an emitter is a class constructed from
// an InitContext with a member
//
//   std::string emit(std::string_view graph_json, uint32_t depth);
//
// that returns the document or throws (sdk::PluginError or any std::exception) with a message.
// SWITCHEROO_EMITTER declares the plugin:
//
//   SWITCHEROO_EMITTER(TikzEmitter, "tikz", "0.1.0", "TikZ pictures of model graphs",
//                      "TikZ (LaTeX)", ".tex")
#ifndef SWITCHEROO_EMITTER_HPP
#define SWITCHEROO_EMITTER_HPP

#include <switcheroo/emitter.h>
#include <switcheroo/sdk.hpp>

#include <string>
#include <string_view>

namespace switcheroo::sdk {

/// `emit` for an emitter class: exceptions become the C error protocol.
template <class Emitter>
int32_t emit_document(void* instance, const sw_emit_request* request,
                      const sw_emit_output* output, char* error, uint32_t error_size) noexcept {
  try {
    if (request->graph_version > SW_GRAPH_VERSION) {
      throw PluginError("graph version " + std::to_string(request->graph_version) +
                        " is newer than this emitter reads (" +
                        std::to_string(SW_GRAPH_VERSION) + ")");
    }
    const std::string document =
        static_cast<Emitter*>(instance)->emit(request->graph_json, request->depth);
    output->write(output->sink, document.data(), document.size());
    return SW_OK;
  } catch (const std::exception& failure) {
    copy_error(failure.what(), error, error_size);
  } catch (...) {
    copy_error("unknown error while emitting", error, error_size);
  }
  return SW_FAILED;
}

}  // namespace switcheroo::sdk

/// Declares an emitter plugin whose instance is `EmitterClass` (see the top of this header).
#define SWITCHEROO_EMITTER(EmitterClass, id, version, description, format, extension)      \
  namespace {                                                                                \
  const sw_emitter_interface kSwitcherooEmitter = {                                         \
      sizeof(sw_emitter_interface), format, extension, SW_GRAPH_VERSION,                    \
      &switcheroo::sdk::emit_document<EmitterClass>};                                       \
  const sw_plugin_descriptor kSwitcherooDescriptor =                                        \
      switcheroo::sdk::make_descriptor<EmitterClass>(SW_PLUGIN_KIND_EMITTER, id, version,   \
                                                     description, &kSwitcherooEmitter);     \
  }                                                                                          \
  extern "C" const sw_plugin_descriptor* switcheroo_emitter_entry() {                       \
    return &kSwitcherooDescriptor;                                                           \
  }                                                                                          \
  SWITCHEROO_PLUGIN_ENTRY(switcheroo_emitter_entry)

#endif  // SWITCHEROO_EMITTER_HPP
