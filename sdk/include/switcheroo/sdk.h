/* Switcheroo plugin SDK: the C boundary between swhost and its plugins.
 *
 * Everything that crosses this boundary is plain C: fixed-width integers, `const char*`
 * (UTF-8, NUL-terminated), opaque handles, function pointers and size-prefixed structs. No C++
 * standard-library type, exception or RTTI crosses it, so a plugin built with another compiler
 * or standard library still works with the host.
 *
 * Versioning: a plugin states the ABI it was built for (SW_SDK_ABI_MAJOR/MINOR at its build
 * time) twice: in the name of its exported entry symbol, which the host reads from the file
 * without loading it, and in its descriptor. The host accepts a plugin when the majors are equal
 * and the plugin's minor is not newer than the host's. Every struct starts with `struct_size`
 * so that later minors can append fields; readers check the size before touching a field.
 *
 * Plugin authors normally use the C++ layer in <switcheroo/sdk.hpp> on top of this header.
 */
#ifndef SWITCHEROO_SDK_H
#define SWITCHEROO_SDK_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/** ABI major version: plugins and host must agree exactly. */
#define SW_SDK_ABI_MAJOR 1
/** ABI minor version: a host accepts plugins built for this minor or an older one. 1.1 added
 *  the knowledge-base service (knowledge.h), 1.2 the emitter interface (emitter.h); 1.0 and
 *  1.1 plugins load unchanged. */
#define SW_SDK_ABI_MINOR 2

/** Name of the object-file section that holds the plugin entry symbol (8 bytes at most). */
#define SW_PLUGIN_SECTION_NAME "swplugin"
/** Prefix of the entry symbol; the full name is `switcheroo_plugin_v<major>_<minor>`. */
#define SW_PLUGIN_ENTRY_PREFIX "switcheroo_plugin_v"

/** What a plugin is; the value of sw_plugin_descriptor::kind. */
enum {
  SW_PLUGIN_KIND_ADAPTER = 1,      /**< framework adapter (sw_adapter_interface) */
  SW_PLUGIN_KIND_ISA_FRONTEND = 2, /**< assembly frontend (interface defined in isa.h) */
  SW_PLUGIN_KIND_EMITTER = 3,      /**< diagram or document emitter (sw_emitter_interface, ABI 1.2) */
  SW_PLUGIN_KIND_HOOK = 4          /**< rewrite hook (sw_hook_interface) */
};

/** Bits of sw_plugin_descriptor::flags. */
enum {
  /** A hook that is on when no manifest (or no `[hooks.<id>]` table) says otherwise. */
  SW_PLUGIN_FLAG_DEFAULT_ENABLED = 1u << 0
};

/** Severity of a diagnostic reported through the diagnostics service. */
enum { SW_SEVERITY_ERROR = 0, SW_SEVERITY_WARNING = 1, SW_SEVERITY_NOTE = 2 };

/** Return codes of plugin callbacks. */
enum { SW_OK = 0, SW_FAILED = 1 };

/** Opaque host state; passed back to every host service function. */
typedef struct sw_host_context sw_host_context;

/**
 * The table the host hands a plugin at init. The plugin reaches the host only through it:
 * services are looked up by name, so new services can appear without breaking old plugins.
 */
typedef struct sw_host_services {
  uint32_t struct_size;     /**< sizeof(sw_host_services) as the host was built */
  uint16_t abi_major;       /**< the host's SDK ABI major */
  uint16_t abi_minor;       /**< the host's SDK ABI minor */
  sw_host_context* context; /**< pass to every service function */
  /**
   * Returns the service table registered under `name` whose version is at least
   * `min_version`, or NULL when the host has no such service. The table stays valid until the
   * plugin's shutdown returns.
   */
  const void* (*find_service)(sw_host_context* context, const char* name, uint32_t min_version);
} sw_host_services;

/** Name of the diagnostics service (sw_diagnostics_service). */
#define SW_SERVICE_DIAGNOSTICS "switcheroo.diagnostics"

/** Diagnostics service: report `file:line:col: severity: message [unit]` to the user. */
typedef struct sw_diagnostics_service {
  uint32_t struct_size; /**< sizeof(sw_diagnostics_service) as the host was built */
  uint32_t version;     /**< service version, 1 for this layout */
  /**
   * Reports one diagnostic. `file` may be NULL (no location); `line` and `column` are 1-based,
   * 0 when unknown. `unit_id` names the reporting plugin or hook, e.g. "rng_threading".
   */
  void (*report)(sw_host_context* context, uint32_t severity, const char* file, uint32_t line,
                 uint32_t column, const char* message, const char* unit_id);
} sw_diagnostics_service;

/** Arguments of sw_plugin_descriptor::init. */
typedef struct sw_init_args {
  uint32_t struct_size;         /**< sizeof(sw_init_args) as the host was built */
  const sw_host_services* host; /**< valid until shutdown returns */
  /**
   * The plugin's options from the manifest as a JSON object, "{}" when there are none: a
   * hook's `[hooks.<id>]` table without the `enabled` key the host consumes, any other
   * plugin's `[options.<id>]` table (docs/manifest.md). A plugin rejects options it does not
   * know by failing init with a message naming them.
   */
  const char* options_json;
  const char* manifest_path; /**< manifest the options came from, or NULL (built-in) */
} sw_init_args;

/**
 * The static description of a plugin, returned by its entry function. Only `struct_size`,
 * `abi_major` and `abi_minor` may be read before they have been checked.
 */
typedef struct sw_plugin_descriptor {
  uint32_t struct_size;    /**< sizeof(sw_plugin_descriptor) as the plugin was built */
  uint16_t abi_major;      /**< SW_SDK_ABI_MAJOR at the plugin's build */
  uint16_t abi_minor;      /**< SW_SDK_ABI_MINOR at the plugin's build */
  uint32_t kind;           /**< one of SW_PLUGIN_KIND_* */
  uint32_t flags;          /**< SW_PLUGIN_FLAG_* bits */
  const char* id;          /**< unique id: lowercase letters, digits, '_' and '-' */
  const char* version;     /**< the plugin's own version, e.g. "1.2.0" */
  const char* description; /**< one line for `swhost plugins` */
  /**
   * Creates the plugin's instance. Returns SW_OK and sets `*instance` (may be NULL), or
   * returns SW_FAILED with a NUL-terminated message in `error` (at most `error_size` bytes,
   * lowercase, no trailing period). Must not throw.
   */
  int32_t (*init)(const sw_init_args* args, void** instance, char* error, uint32_t error_size);
  /** Destroys what init created. May be NULL when init allocates nothing. */
  void (*shutdown)(void* instance);
  /** Kind-specific table (sw_adapter_interface, sw_hook_interface, ...), size-prefixed. */
  const void* interface;
} sw_plugin_descriptor;

/** The smallest descriptor this ABI major accepts (everything up to `interface`). */
#define SW_PLUGIN_DESCRIPTOR_MIN_SIZE \
  (offsetof(sw_plugin_descriptor, interface) + sizeof(const void*))

/** Type of the function behind the entry symbol. */
typedef const sw_plugin_descriptor* (*sw_plugin_entry_fn)(void);

/**
 * Framework adapter: mostly data. Its traits and its spoke of the knowledge base are TOML
 * documents built into the plugin; code callbacks cover only what data cannot say.
 */
typedef struct sw_adapter_interface {
  uint32_t struct_size;       /**< sizeof(sw_adapter_interface) as the plugin was built */
  const char* framework;      /**< framework name used on the command line, e.g. "torch" */
  const char* const* aliases; /**< other accepted names, NULL-terminated; may be NULL */
  const char* display_name;   /**< e.g. "PyTorch" */
  const char* traits_toml;    /**< adapter traits (module base class, forward method, ...) */
  const char* spoke_toml;     /**< the adapter's spoke: concrete API -> abstract operation */
} sw_adapter_interface;

/** A parsed file being converted; read and edited through the tree service (tree.h). */
typedef struct sw_tree sw_tree;
/** What a hook is applied to: the conversion's frameworks (tree.h). */
typedef struct sw_hook_context sw_hook_context;

/**
 * Rewrite hook: one rewrite unit (like a clang-tidy check). The host calls `apply` once per
 * converted file while the hook is enabled; the hook finds what it rewrites through the tree
 * service (<switcheroo/tree.h>) and edits it there.
 */
typedef struct sw_hook_interface {
  uint32_t struct_size;            /**< sizeof(sw_hook_interface) as the plugin was built */
  const char* summary;             /**< the rewrite as one before -> after line */
  const char* const* option_names; /**< options the hook takes, NULL-terminated; may be NULL */
  /**
   * Rewrites `tree`. Returns SW_HOOK_UNCHANGED, SW_HOOK_CHANGED, or SW_FAILED after reporting
   * why through the diagnostics service. Must not throw.
   */
  int32_t (*apply)(void* instance, sw_tree* tree, const sw_hook_context* context);
} sw_hook_interface;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SWITCHEROO_SDK_H */
