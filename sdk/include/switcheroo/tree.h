/* The syntax tree service: how plugins (rewrite hooks above all) read and edit the Python file
 * being converted, through the C boundary.
 *
 * A plugin gets the table with find_service(context, SW_SERVICE_TREE, 1). The file is an
 * opaque sw_tree; nodes are numbered (sw_node) in source order. Reading never changes the tree:
 * edits are recorded and applied when the host prints the file, so node numbers stay valid for
 * the whole call, and every byte no edit touches comes out as it came in. Each edit checks its
 * fragment (it must parse as Python of the right kind) and refuses to overlap an earlier edit;
 * a refused edit returns SW_FAILED and the host reports why, located in the file.
 */
#ifndef SWITCHEROO_TREE_H
#define SWITCHEROO_TREE_H

#include <switcheroo/sdk.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Name of the syntax tree service (sw_tree_service). */
#define SW_SERVICE_TREE "switcheroo.tree"

/** A node of the tree: a grammar rule or a token. */
typedef uint32_t sw_node;
/** "No node": the parent of the root, the sibling after the last child. */
#define SW_NO_NODE UINT32_MAX

/** A piece of the source: `size` bytes of UTF-8 at `data`, not NUL-terminated. */
typedef struct sw_text {
  const char* data;
  size_t size;
} sw_text;

/** What a call site calls, from the file's imports and aliases. */
enum {
  SW_CALL_FUNCTION = 0, /**< a module-level API: `F.relu(x)` -> torch.nn.functional.relu */
  SW_CALL_INSTANCE = 1, /**< an object made by an API: `self.fc(x)` -> torch.nn.Linear */
  SW_CALL_METHOD = 2,   /**< a method of some value: `x.view(-1)` -> view */
  SW_CALL_LOCAL = 3     /**< anything else: a name the file defines, an expression */
};

/** One call site, as sw_tree_service::call describes it. */
typedef struct sw_call_info {
  uint32_t struct_size;     /**< set by the caller to sizeof(sw_call_info) */
  uint32_t kind;            /**< SW_CALL_* */
  const char* name;         /**< qualified API, method name or local name (NUL-terminated) */
  sw_text callee;           /**< the called expression as written */
  sw_node trailer;          /**< the `( ... )` node */
  uint32_t argument_count;  /**< arguments between the parentheses */
  uint32_t line, column;    /**< where the callee starts (1-based) */
} sw_call_info;

typedef struct sw_tree_service {
  uint32_t struct_size; /**< sizeof(sw_tree_service) as the host was built */
  uint32_t version;     /**< 1 for this layout */

  /* ---- reading ---- */
  const char* (*file)(const sw_tree* tree);
  sw_node (*root)(const sw_tree* tree);
  sw_node (*parent)(const sw_tree* tree, sw_node node);
  sw_node (*first_child)(const sw_tree* tree, sw_node node);
  sw_node (*next_sibling)(const sw_tree* tree, sw_node node);
  /** The rule or token name ("function_def", "NAME"), NUL-terminated, valid for the process. */
  const char* (*kind)(const sw_tree* tree, sw_node node);
  /** The node's source text without its leading trivia. */
  sw_text (*text)(const sw_tree* tree, sw_node node);
  /** Where the node's text starts: 1-based line and column. */
  void (*position)(const sw_tree* tree, sw_node node, uint32_t* line, uint32_t* column);

  /* ---- call sites, in source order ---- */
  uint32_t (*call_count)(const sw_tree* tree);
  /** Fills `info` for call `index`; SW_FAILED when there is no such call. */
  int32_t (*call)(const sw_tree* tree, uint32_t index, sw_call_info* info);
  /** Argument `argument` of call `index`: its node, and its keyword (empty for positional). */
  sw_node (*call_argument)(const sw_tree* tree, uint32_t index, uint32_t argument,
                           sw_text* keyword);

  /* ---- edits: SW_OK, or SW_FAILED after the host has reported why ---- */
  /** Replaces a node's text with `expression`, which must parse as one expression. */
  int32_t (*replace)(sw_tree* tree, sw_node node, const char* expression);
  /** Replaces the whole call `callee(arguments)` with `expression`. */
  int32_t (*replace_call)(sw_tree* tree, uint32_t index, const char* expression);
  /** Replaces only the called expression: `nn.Linear(...)` -> `nnx.Linear(...)`. */
  int32_t (*rename_callee)(sw_tree* tree, uint32_t index, const char* callee);
  int32_t (*insert_argument)(sw_tree* tree, uint32_t index, uint32_t position,
                             const char* argument);
  int32_t (*remove_argument)(sw_tree* tree, uint32_t index, uint32_t position);
  /** Adds an import statement after the file's imports, unless it is there already. */
  int32_t (*add_import)(sw_tree* tree, const char* statement);
} sw_tree_service;

/** What a hook is applied to (declared in sdk.h). */
struct sw_hook_context {
  uint32_t struct_size;         /**< sizeof(sw_hook_context) as the host was built */
  const char* source_framework; /**< e.g. "torch" */
  const char* target_framework; /**< e.g. "flax" */
};

/** Results of sw_hook_interface::apply besides SW_FAILED. */
enum { SW_HOOK_UNCHANGED = 0, SW_HOOK_CHANGED = 2 };

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SWITCHEROO_TREE_H */
