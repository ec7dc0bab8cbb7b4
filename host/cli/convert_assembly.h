// The assembly route of `swhost convert`: a GPU assembly listing (NVIDIA SASS, AMD RDNA) read
// by an ISA frontend plugin and lifted to Python by host/lift.
#pragma once

#include "../core/plugin_set.h"
#include "cli.h"

#include <optional>
#include <string>
#include <vector>

namespace switcheroo::cli {

/// Whether the inputs could be an assembly listing whose ISA is left to be inferred: one
/// existing file that is not Python source.
bool may_be_assembly(const std::vector<std::string>& inputs);

/// The ISA frontend for `source` (its ISA name), or, when `source` is empty, the frontend that
/// claims the input by extension and content. nullptr when `source` names no ISA. Throws Error
/// when `source` is empty and no frontend recognises the input.
const LoadedPlugin* isa_frontend_for(const PluginSet& plugins, const std::string& source,
                                     const std::vector<std::string>& inputs);

/// The ISA whose frontend claims the extension of `file` (`sass` for `k.sass`), or nullopt.
/// Python conversion refuses such a file with a message that says how to lift it.
std::optional<std::string> isa_claiming(const PluginSet& plugins, const std::string& file);

/// What `swhost convert` asks of an assembly lift besides the files.
struct AssemblyOptions {
  std::optional<std::string> out;  ///< the Python file; standard output when absent
  bool verbose = false;
  bool strict = false;  ///< an opcode without semantics is an error: nothing is written
  bool diff = false;    ///< print a unified diff from `out` as it is to the lift; write nothing
  bool check = false;   ///< write nothing; exit 1 when `out` would change or the lift fails
};

/// Lifts the one input with `frontend` to `target` (only "python") and writes it as `options`
/// say. Returns the exit code: diagnostics of a malformed listing are printed as
/// file:line:col and nothing is written.
int convert_assembly(const Invocation& invocation, const LoadedPlugin& frontend,
                     const std::string& target, const std::vector<std::string>& inputs,
                     const AssemblyOptions& options);

}  // namespace switcheroo::cli
