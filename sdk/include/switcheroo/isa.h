/* Switcheroo ISA frontend ABI: how an assembly frontend plugin hands a parsed kernel listing to
 * the host's lifter.
 *
 * A plugin of kind SW_PLUGIN_KIND_ISA_FRONTEND points sw_plugin_descriptor::interface at a
 * sw_isa_frontend_interface. The host calls `sniff` to pick a frontend for an input, then
 * `parse`, which reports what it reads through the host's sw_isa_builder table: one
 * sw_isa_kernel per function, then that kernel's labels and instructions in listing order.
 * Every string and array passed to the builder only needs to live until the call returns; the
 * host copies what it keeps.
 *
 * Instructions arrive in a common form: predicate, opcode, modifiers, typed operands, branch
 * target and flags, plus a semantics template taken from the plugin's per-opcode data (see
 * sw_isa_instruction::semantics for the template language). Problems with the input are reported
 * through the diagnostics service (<switcheroo/sdk.h>) as `file:line:col: error: message [id]`,
 * after which `parse` returns SW_FAILED.
 *
 * Everything here follows the rules of <switcheroo/sdk.h>: plain C, size-prefixed structs,
 * no exception crosses the boundary.
 */
#ifndef SWITCHEROO_ISA_H
#define SWITCHEROO_ISA_H

#include <switcheroo/sdk.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Kinds of sw_isa_operand::kind. */
enum {
  SW_ISA_OPERAND_REGISTER = 1,         /**< one register: `R5`, `UR4`, `v3`, `s10`, `vcc_lo` */
  SW_ISA_OPERAND_REGISTER_RANGE = 2,   /**< consecutive registers: `v[0:1]`, `R2.64` */
  SW_ISA_OPERAND_PREDICATE = 3,        /**< predicate register: `P0`, `UP1`, `PT` */
  SW_ISA_OPERAND_SPECIAL_REGISTER = 4, /**< `SR_TID.X`, `exec`, `scc`: name is its meaning */
  SW_ISA_OPERAND_IMMEDIATE = 5,        /**< integer or floating-point literal */
  SW_ISA_OPERAND_CONSTANT = 6,         /**< constant bank slot `c[0x0][0x160]` */
  SW_ISA_OPERAND_MEMORY = 7,           /**< address: base register(s) plus offset */
  SW_ISA_OPERAND_LABEL = 8             /**< a code label or address (branch target) */
};

/** Bits of sw_isa_operand::flags. */
enum {
  SW_ISA_OPERAND_NEGATED = 1u << 0,  /**< arithmetic negation `-R3` */
  SW_ISA_OPERAND_ABSOLUTE = 1u << 1, /**< absolute value `|R3|` */
  SW_ISA_OPERAND_INVERTED = 1u << 2, /**< logical or bitwise not `!P0`, `~R3` */
  SW_ISA_OPERAND_FLOAT = 1u << 3,    /**< an immediate written as a floating-point number */
  SW_ISA_OPERAND_ZERO = 1u << 4,     /**< reads as zero or true (`RZ`, `URZ`, `PT`, `off`) */
  SW_ISA_OPERAND_SCALED = 1u << 5    /**< memory: the base register times `number` (`[R7.X4]`) */
};

/** Bits of sw_isa_instruction::flags. */
enum {
  SW_ISA_BRANCH = 1u << 0,             /**< transfers control to target_label / target_address */
  SW_ISA_CONDITIONAL = 1u << 1,        /**< the transfer depends on a predicate or condition */
  SW_ISA_EXIT = 1u << 2,               /**< ends the thread (`EXIT`, `s_endpgm`) */
  SW_ISA_BARRIER = 1u << 3,            /**< block or work-group barrier */
  SW_ISA_MEMORY_READ = 1u << 4,        /**< reads memory */
  SW_ISA_MEMORY_WRITE = 1u << 5,       /**< writes memory */
  SW_ISA_HAS_TARGET_ADDRESS = 1u << 6, /**< target_address is valid */
  SW_ISA_NO_EFFECT = 1u << 7,          /**< scheduling only (`NOP`, `s_waitcnt`): nothing to lift */
  SW_ISA_CALL = 1u << 8,               /**< calls a subroutine */
  SW_ISA_RECONVERGE = 1u << 9          /**< divergence bookkeeping (`BSSY`, `BSYNC`, `WARPSYNC`) */
};

/** One operand of an instruction. */
typedef struct sw_isa_operand {
  uint32_t struct_size; /**< sizeof(sw_isa_operand) as the plugin was built */
  uint32_t kind;        /**< SW_ISA_OPERAND_* */
  uint32_t flags;       /**< SW_ISA_OPERAND_* bits */
  uint32_t count;       /**< registers covered (1, or 2 for a 64-bit pair, ...) */
  const char* text;     /**< the operand as written */
  /**
   * Registers: the register file ("R", "UR", "P", "UP", "v", "s", "vcc", "exec", ...).
   * Special registers and named constant slots: the readable meaning ("thread_idx_x",
   * "block_dim_x"); NULL for a constant slot holding kernel parameters. Labels: the label.
   * Memory: the register file of the base register, NULL without one.
   */
  const char* name;
  int64_t index; /**< register number (first of a range); constant bank; memory base reg */
  int64_t value; /**< immediate bits; constant byte offset; memory byte offset */
  double number; /**< immediate as written when SW_ISA_OPERAND_FLOAT is set */
} sw_isa_operand;

/** One instruction in listing order. */
typedef struct sw_isa_instruction {
  uint32_t struct_size;           /**< sizeof(sw_isa_instruction) as the plugin was built */
  uint32_t flags;                 /**< SW_ISA_* bits */
  uint32_t line;                  /**< 1-based source line of the instruction */
  uint32_t column;                /**< 1-based column of the opcode */
  uint64_t address;               /**< byte offset in the kernel (or a running index) */
  const char* predicate;          /**< guard register ("P0", "UP1"), NULL when unconditional */
  uint32_t predicate_negated;     /**< 1 for `@!P0` */
  uint32_t operand_count;         /**< entries in operands */
  const char* opcode;             /**< "IMAD", "v_add_nc_u32" */
  const char* const* modifiers;   /**< "WIDE", "U32", "e32", ...; modifier_count entries */
  uint32_t modifier_count;        /**< entries in modifiers */
  const sw_isa_operand* operands; /**< destinations first, as the ISA writes them */
  const char* target_label;       /**< branch target label, NULL when none or given by address */
  uint64_t target_address;        /**< branch target when SW_ISA_HAS_TARGET_ADDRESS is set */
  /**
   * What the instruction computes, from the plugin's per-opcode data, with modifier-dependent
   * parts already chosen; NULL when the plugin has no semantics for the opcode (the lifter then
   * writes an explicit call and a warning). The template is Python-like:
   *  - statements separated by `;`, each `$N = expression` or a bare call;
   *  - `$N` is operand N as a 32-bit value, `$N.64` operands N and N+1 (or a range) as one
   *    64-bit value; `$N.f` the same as a float, `$N.h` its low 16 bits as a half-precision
   *    float;
   *  - `@name(...)` calls a grid service (`@load_global($1, 4)`, `@barrier()`);
   *  - other calls are pure helpers the lifter's runtime defines (`s32`, `u32`, `fma`, ...).
   * For branches the template is the condition under which the branch is taken ("not $exec").
   */
  const char* semantics;
} sw_isa_instruction;

/** A kernel parameter the frontend read from metadata or the ABI. */
typedef struct sw_isa_parameter {
  uint32_t struct_size;  /**< sizeof(sw_isa_parameter) as the plugin was built */
  uint32_t offset;       /**< byte offset in the parameter space (from param_base) */
  uint32_t size;         /**< bytes */
  uint32_t is_pointer;   /**< 1 for a buffer address */
  const char* name;      /**< NULL when the listing does not name it */
  const char* type_name; /**< e.g. "float*", NULL when unknown */
} sw_isa_parameter;

/** A register that holds a value when the kernel starts. */
typedef struct sw_isa_live_in {
  uint32_t struct_size;      /**< sizeof(sw_isa_live_in) as the plugin was built */
  const char* register_text; /**< "s15", "v0", "s[0:1]" */
  /** The value as a Python expression over built-in names, e.g. "workgroup_id_x". */
  const char* expression;
} sw_isa_live_in;

/** A kernel (function) of the listing. */
typedef struct sw_isa_kernel {
  uint32_t struct_size;       /**< sizeof(sw_isa_kernel) as the plugin was built */
  uint32_t line;              /**< 1-based line of the function header */
  const char* name;           /**< demangled name */
  const char* symbol;         /**< the name as the listing spells it (mangled) */
  const char* architecture;   /**< "sm_90", "gfx1100" */
  const char* listing_format; /**< "nvdisasm", "cuobjdump", "llvm-mc" */
  /** Where parameters start: the constant bank offset (SASS) or 0 (kernarg segment). */
  uint32_t parameter_base;
  /** Register pair holding the kernarg segment address ("s[0:1]"), NULL when none. */
  const char* kernarg_register;
  uint32_t parameter_count;           /**< entries in parameters; 0 when unknown */
  const sw_isa_parameter* parameters; /**< known parameters, by offset */
  uint32_t live_in_count;             /**< entries in live_ins */
  const sw_isa_live_in* live_ins;     /**< registers initialized by the hardware */
} sw_isa_kernel;

/** Opaque host state behind a sw_isa_builder. */
typedef struct sw_isa_builder_context sw_isa_builder_context;

/**
 * The host's receiver for a parse. Each function returns SW_OK, or SW_FAILED when the host
 * refuses the record (the plugin then stops parsing and returns SW_FAILED).
 */
typedef struct sw_isa_builder {
  uint32_t struct_size;            /**< sizeof(sw_isa_builder) as the host was built */
  sw_isa_builder_context* context; /**< pass to every function */
  /** Starts a kernel; later labels and instructions belong to it. */
  int32_t (*begin_kernel)(sw_isa_builder_context* context, const sw_isa_kernel* kernel);
  /** A label at `address` (the address of the next instruction); `line` is 1-based. */
  int32_t (*add_label)(sw_isa_builder_context* context, const char* name, uint64_t address,
                       uint32_t line);
  /** The next instruction of the current kernel. */
  int32_t (*add_instruction)(sw_isa_builder_context* context,
                             const sw_isa_instruction* instruction);
} sw_isa_builder;

/** The kind-specific table of an SW_PLUGIN_KIND_ISA_FRONTEND plugin. */
typedef struct sw_isa_frontend_interface {
  uint32_t struct_size;     /**< sizeof(sw_isa_frontend_interface) as the plugin was built */
  const char* isa;          /**< the name used with `--source`, e.g. "sass" */
  const char* display_name; /**< e.g. "NVIDIA SASS" */
  /** File extensions the frontend reads (".sass", ".s"), NULL-terminated. */
  const char* const* extensions;
  /**
   * How sure the frontend is that `text` is its ISA: 0 (not at all) to 100 (certain). Must not
   * allocate state or report diagnostics.
   */
  uint32_t (*sniff)(const char* text, uint64_t length);
  /**
   * Parses `text` (not NUL-terminated; `length` bytes) read from `file`, reporting kernels,
   * labels and instructions to `builder`. Returns SW_OK, or SW_FAILED after reporting each
   * problem through the diagnostics service. `instance` is what init created.
   */
  int32_t (*parse)(void* instance, const char* file, const char* text, uint64_t length,
                   const sw_isa_builder* builder);
} sw_isa_frontend_interface;

#ifdef __cplusplus
} /* extern "C" */
#endif

#endif /* SWITCHEROO_ISA_H */
