/* The knowledge-base service (SDK ABI 1.1): what the loaded adapters know, for hooks.
 *
 * A hook decides whether it applies, and what it writes, from the adapters of the conversion
 * instead of from framework names and tables of its own: a framework's traits (traits v2,
 * docs/adapters.md), the hub operation a call or an API stands for in a framework's spoke, and
 * how a framework spells a hub operation in the file being converted, with the import the
 * spelling needs.
 *
 * A plugin gets the table with find_service(context, SW_SERVICE_KNOWLEDGE, 1); a 1.0 host
 * returns NULL. Frameworks are named by canonical id or alias (sw_hook_context holds canonical
 * ids). Every returned string is NUL-terminated, owned by the host, and valid until the
 * plugin's shutdown returns; NULL means "not known" (no such framework, key or mapping).
 */
#ifndef SWITCHEROO_KNOWLEDGE_H
#define SWITCHEROO_KNOWLEDGE_H

#include <switcheroo/sdk.h>
#include <switcheroo/tree.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Name of the knowledge-base service (sw_knowledge_service). */
#define SW_SERVICE_KNOWLEDGE "switcheroo.knowledge"

/** Knowledge-base service, version 1. */
typedef struct sw_knowledge_service {
  uint32_t struct_size; /**< sizeof(sw_knowledge_service) as the host was built */
  uint32_t version;     /**< 1 for this layout */

  /** The canonical id of a loaded adapter's framework for `name`, the id or an alias
   *  (`pytorch` -> `torch`), or NULL when no loaded adapter claims it. */
  const char* (*framework)(sw_host_context* context, const char* name);

  /**
   * One of a framework's traits by dotted key over the traits v2 schema (docs/adapters.md):
   * `arrays.type`, `arrays.dtype-module`, `arrays.mutable`, `arrays.dtype-names.<hub dtype>`,
   * `module.base-class`, `module.forward-method`, `module.constructor`,
   * `module.init-calls-super`, `module.training.reads`, `module.training.name`,
   * `module.training.inverted`, `rng.model`, `rng.seed`, `rng.parameter`, `rng.type`,
   * `rng.fresh`, `layouts.images`, `layouts.sequences`, `imports.<module>`, `framework`,
   * `display-name`. Defaults apply as the schema states; booleans are "true" or "false"; a key
   * the framework leaves empty is "". NULL for an unknown framework or key.
   */
  const char* (*trait)(sw_host_context* context, const char* framework, const char* key);

  /**
   * The hub operation `api` stands for in `framework`'s spoke: `torch.flatten` -> `flatten`.
   * `call_kind` is SW_CALL_FUNCTION or SW_CALL_INSTANCE for a qualified API, SW_CALL_METHOD for
   * a bare method name (`flatten` matches a method spelling `torch.Tensor.flatten`). An
   * alternative spelling answers `<op>/<form>` (`flatten/method`). NULL when unmapped.
   */
  const char* (*operation)(sw_host_context* context, const char* framework, const char* api,
                           uint32_t call_kind);

  /** The same for call site `call` of `tree` (sw_tree_service::call), as the file resolves
   *  its callee; NULL for a local call or an unmapped one. */
  const char* (*call_operation)(sw_host_context* context, const sw_tree* tree, uint32_t call,
                                const char* framework);

  /**
   * The qualified API `framework`'s spoke writes for hub operation `operation` (`reshape` ->
   * `jax.numpy.reshape`; `reshape/method` -> `jax.Array.reshape`). "" when the spoke maps the
   * operation without an API (an identity, or one left to a hook); NULL when it is unmapped.
   */
  const char* (*api)(sw_host_context* context, const char* framework, const char* operation);

  /** The hook `framework`'s spoke leaves `operation` to (`flatten` -> `flatten_range`), "" when
   *  it names none, NULL when the operation is unmapped. */
  const char* (*operation_hook)(sw_host_context* context, const char* framework,
                                const char* operation);

  /** The framework's parameter name for hub argument `argument` of `operation`
   *  (`flatten`, `start_axis` -> `start_dim`); NULL when either is unknown. */
  const char* (*parameter)(sw_host_context* context, const char* framework,
                           const char* operation, const char* argument);

  /**
   * The text that names `qualified` (`jax.numpy.reshape`) in `tree`'s file when written for
   * `framework`: through the file's own import of its module (`jnp.reshape`), else through the
   * framework's conventional import, which is added to the file (`import jax.numpy as jnp`),
   * else in full with `import <top module>` added. NULL, after the host has reported why,
   * when the import cannot be added; NULL without a report for an unknown framework.
   */
  const char* (*spell)(sw_host_context* context, sw_tree* tree, const char* framework,
                       const char* qualified);

  /* ---- whole calls through the hub (present when struct_size covers them) ---- */

  /**
   * Call site `call` of `tree` read through `framework`'s spoke into hub terms, as a JSON
   * object: `{"operation": "randn", "arguments": {"shape": {"items": ["2", "3"]}, "dtype":
   * "float32"}, "takes": {"shape": "int", "dtype": "dtype", "key": "key"}}`. An argument is its
   * expression text as written, `{"items": [...]}` for a variadic one given as separate values;
   * a dtype is its hub name; `takes` gives every argument of the hub operation with its kind.
   * NULL when the call is local
   * or unmapped or does not fit its spelling; reason() says why.
   */
  const char* (*read_call)(sw_host_context* context, const sw_tree* tree, uint32_t call,
                           const char* framework);

  /**
   * Hub operation `operation` with `arguments` (a JSON object in read_call's form; hub defaults
   * fill the rest) written through `framework`'s spoke for `tree`'s file: the call, or the
   * spoke's expression for an op it writes as one. Renames, packing, injected and dropped
   * arguments, value tables and dtypes are the spoke's; the imports the text needs are added
   * to the file. NULL when the spoke cannot write it (unmapped, a gap, a required argument
   * missing, a dropped one given); reason() says why.
   */
  const char* (*write_call)(sw_host_context* context, sw_tree* tree, const char* framework,
                            const char* operation, const char* arguments);

  /** Why the last read_call or write_call answered NULL ("" when it did not). */
  const char* (*reason)(sw_host_context* context);
} sw_knowledge_service;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SWITCHEROO_KNOWLEDGE_H */
