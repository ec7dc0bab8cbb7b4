// Writes a lifted program as Python: a header saying where it came from and what was not
// recovered, the runtime helpers, and one function per kernel with its structured body.
#pragma once

#include "../core/diagnostics.h"
#include "program.h"

#include <functional>
#include <string>

namespace switcheroo::lift {

/// Figures about one lifted kernel, for tests and --verbose.
struct KernelSummary {
  std::string name;
  int loops = 0;
  int max_loop_depth = 0;
  bool state_machine = false;
  std::string shape;
};

struct LiftResult {
  std::string python;
  std::vector<KernelSummary> kernels;
};

/// Lifts every kernel of `program`. Warnings (opcodes without semantics) go to `warn`.
/// Throws LiftError when a kernel's control flow cannot be read (unknown branch targets).
LiftResult lift_to_python(const Program& program,
                          const std::function<void(const Diagnostic&)>& warn);

}  // namespace switcheroo::lift
