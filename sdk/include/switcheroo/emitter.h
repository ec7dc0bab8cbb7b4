/* Emitter plugins (SDK ABI 1.2): a document (a TikZ picture, an HTML page) drawn from the
 * static model graph.
 *
 * The host builds the graph (`swhost draw`, docs/diagrams.md) and hands it to the emitter in
 * its documented JSON form, `"format": "switcheroo-model-graph"` with a `"version"`; the
 * emitter writes the document through the output callback. An emitter states the newest graph
 * version it reads; the host refuses to hand it a newer one. A 1.0 or 1.1 host does not know
 * this kind's interface and lists such a plugin without using it.
 */
#ifndef SWITCHEROO_EMITTER_H
#define SWITCHEROO_EMITTER_H

#include <switcheroo/sdk.h>

#ifdef __cplusplus
extern "C" {
#endif

/** The `format` value of the graph document. */
#define SW_GRAPH_FORMAT "switcheroo-model-graph"
/** The graph document version this SDK describes (docs/diagrams.md). */
#define SW_GRAPH_VERSION 1

/** What to draw. */
typedef struct sw_emit_request {
  uint32_t struct_size;   /**< sizeof(sw_emit_request) as the host was built */
  const char* graph_json; /**< the model graph, JSON, NUL-terminated */
  uint32_t graph_version; /**< its `version` */
  uint32_t depth;         /**< module nesting to draw before collapsing a module into one box */
} sw_emit_request;

/** Where the document goes. */
typedef struct sw_emit_output {
  uint32_t struct_size; /**< sizeof(sw_emit_output) as the host was built */
  void* sink;           /**< pass to write */
  /** Appends `size` bytes to the document; may be called any number of times. */
  void (*write)(void* sink, const char* bytes, size_t size);
} sw_emit_output;

/** The interface of a plugin of kind SW_PLUGIN_KIND_EMITTER. */
typedef struct sw_emitter_interface {
  uint32_t struct_size;       /**< sizeof(sw_emitter_interface) as the plugin was built */
  const char* format;         /**< what it writes, for `swhost plugins`: "TikZ (LaTeX)" */
  const char* file_extension; /**< the usual extension of its documents: ".tex" */
  uint32_t graph_version;     /**< the newest graph version it reads */
  /**
   * Writes the document for `request` through `output`. Returns SW_OK, or SW_FAILED with a
   * NUL-terminated message in `error` (at most `error_size` bytes, lowercase, no trailing
   * period); what it wrote before failing is discarded. Must not throw.
   */
  int32_t (*emit)(void* instance, const sw_emit_request* request, const sw_emit_output* output,
                  char* error, uint32_t error_size);
} sw_emitter_interface;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SWITCHEROO_EMITTER_H */
