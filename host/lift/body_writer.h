// Writes a structured control-flow tree as Python statements: straight-line blocks through
// InstructionText, if/else, `while True` loops with break and continue (bottom-tested loops as
// `if not c: break`), calls of lifted subroutines, and the marked state-machine fallback.
#pragma once

#include "control_flow.h"
#include "instruction_text.h"
#include "structure.h"

#include <map>
#include <string>
#include <vector>

namespace switcheroo::lift {

/// Python statements for the structured body of a kernel or subroutine, indented `depth`
/// levels. `calls` maps the instruction index of each call to the Python function it calls.
std::vector<std::string> write_body(const Kernel& kernel, const ControlFlowGraph& cfg,
                                    const StructuredKernel& structured, InstructionText& text,
                                    const std::map<size_t, std::string>& calls, int depth);

}  // namespace switcheroo::lift
