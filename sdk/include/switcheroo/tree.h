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
  uint32_t struct_size;    /**< set by the caller to sizeof(sw_call_info) */
  uint32_t kind;           /**< SW_CALL_* */
  const char* name;        /**< qualified API, method name or local name (NUL-terminated) */
  sw_text callee;          /**< the called expression as written */
  sw_node trailer;         /**< the `( ... )` node */
  uint32_t argument_count; /**< arguments between the parentheses */
  uint32_t line, column;   /**< where the callee starts (1-based) */
} sw_call_info;

/** What a definition defines. */
enum { SW_DEFINITION_FUNCTION = 0, SW_DEFINITION_CLASS = 1 };

/** One `def` or `class`, as sw_tree_service::definition describes it. */
typedef struct sw_definition_info {
  uint32_t struct_size;     /**< set by the caller to sizeof(sw_definition_info) */
  uint32_t kind;            /**< SW_DEFINITION_* */
  const char* name;         /**< `forward` (NUL-terminated) */
  const char* qualified;    /**< with the enclosing classes and functions: `Net.forward` */
  sw_node node;             /**< the function_def / class_def node */
  sw_node statement;        /**< the whole statement: the `decorated` node when decorated */
  sw_node body;             /**< the block */
  uint32_t item_count;      /**< parameters of a function; bases and keywords of a class */
  uint32_t decorator_count; /**< decorators, top to bottom */
  uint32_t line, column;    /**< where `def` / `class` starts (1-based) */
} sw_definition_info;

/** One name an import statement binds, as sw_tree_service::import_binding describes it. */
typedef struct sw_import_info {
  uint32_t struct_size;  /**< set by the caller to sizeof(sw_import_info) */
  uint32_t from_import;  /**< 1 for `from m import n`, 0 for `import m` */
  const char* local;     /**< the name the file uses: `nn` in `import torch.nn as nn` */
  const char* target;    /**< what it stands for: `torch.nn` */
  sw_node statement;     /**< the import statement */
  uint32_t line, column; /**< where the statement starts (1-based) */
} sw_import_info;

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
  /** Replaces the whole call `callee(arguments)` with `expression`; a lambda or a conditional
   *  expression is parenthesized unless the call is a whole value (an argument, a list item,
   *  the value assigned or returned), so it cannot take in what follows the call. */
  int32_t (*replace_call)(sw_tree* tree, uint32_t index, const char* expression);
  /** Replaces only the called expression: `nn.Linear(...)` -> `nnx.Linear(...)`. */
  int32_t (*rename_callee)(sw_tree* tree, uint32_t index, const char* callee);
  int32_t (*insert_argument)(sw_tree* tree, uint32_t index, uint32_t position,
                             const char* argument);
  int32_t (*remove_argument)(sw_tree* tree, uint32_t index, uint32_t position);
  /** Adds an import statement after the file's imports, unless it is there already. */
  int32_t (*add_import)(sw_tree* tree, const char* statement);

  /* ---- definitions (functions and classes, nested ones too), in source order ---- */
  uint32_t (*definition_count)(const sw_tree* tree);
  /** Fills `info` for definition `index`; SW_FAILED when there is no such definition. */
  int32_t (*definition)(const sw_tree* tree, uint32_t index, sw_definition_info* info);
  /** Item `item` of definition `index`: a parameter (its name, empty for a bare `*` or `/`),
   *  or a class base (its keyword, empty for a positional base). */
  sw_node (*definition_item)(const sw_tree* tree, uint32_t index, uint32_t item, sw_text* name);
  /** Decorator `which` of definition `index` (the `@...` line), or SW_NO_NODE. */
  sw_node (*decorator)(const sw_tree* tree, uint32_t index, uint32_t which);

  /* ---- imports: one entry per bound name, in source order ---- */
  uint32_t (*import_count)(const sw_tree* tree);
  int32_t (*import_binding)(const sw_tree* tree, uint32_t index, sw_import_info* info);

  /** The statement (a line of a block or of the file) that contains `node`. */
  sw_node (*statement_of)(const sw_tree* tree, sw_node node);

  /* ---- structural edits: SW_OK, or SW_FAILED after the host has reported why ---- */
  /** Inserts `parameter` (`rngs: nnx.Rngs`) before parameter `position` of function `index`
   *  (a position past the end appends). */
  int32_t (*insert_parameter)(sw_tree* tree, uint32_t index, uint32_t position,
                              const char* parameter);
  int32_t (*remove_parameter)(sw_tree* tree, uint32_t index, uint32_t position);
  /** Adds `@decorator` (text without the `@`) above definition `index`. */
  int32_t (*add_decorator)(sw_tree* tree, uint32_t index, const char* decorator);
  int32_t (*remove_decorator)(sw_tree* tree, uint32_t index, uint32_t which);
  /** Inserts statements before (after = 0) or after (after = 1) `statement`, at its
   *  indentation; `statements` may hold several lines. */
  int32_t (*insert_statement)(sw_tree* tree, sw_node statement, uint32_t after,
                              const char* statements);
  /** Removes a statement with its line; a block left empty gets `pass` (not when statements
   *  were inserted after it first: insert, then remove, replaces a statement). */
  int32_t (*remove_statement)(sw_tree* tree, sw_node statement);
  /** Removes import binding `index`; the whole statement when it binds nothing else. */
  int32_t (*remove_import)(sw_tree* tree, uint32_t index);
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
