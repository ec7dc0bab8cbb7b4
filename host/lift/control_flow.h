// The control-flow graph of one kernel: basic blocks split at labels, branches and exits, with
// the SASS end-of-kernel self-branch padding recognised, and code that control flow never
// reaches dropped (and counted, so the output can say what was not recovered).
#pragma once

#include "../core/diagnostics.h"
#include "graph.h"
#include "program.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace switcheroo::lift {

/// A problem with a listing found while lifting it (the frontend accepted it), e.g. a branch to
/// an address that is not an instruction. The CLI reports `diagnostic` and exits 1.
class LiftError : public std::runtime_error {
 public:
  explicit LiftError(Diagnostic diagnostic)
      : std::runtime_error(diagnostic.message), diagnostic_(std::move(diagnostic)) {}
  const Diagnostic& diagnostic() const { return diagnostic_; }

 private:
  Diagnostic diagnostic_;
};

/// How a basic block ends.
enum class BlockEnd {
  fall_through,      ///< into successors[0]
  jump,              ///< unconditional branch to successors[0]
  branch,            ///< conditional: successors[0] when taken, successors[1] otherwise
  exit,              ///< the thread ends
  conditional_exit,  ///< ends the thread when the condition holds, else successors[0]
};

struct BasicBlock {
  size_t first = 0;  ///< first instruction index
  size_t last = 0;   ///< one past the last instruction index
  BlockEnd end = BlockEnd::fall_through;
  std::vector<int> successors;
  /// The instruction deciding a branch or conditional exit; SIZE_MAX for other ends.
  size_t terminator = static_cast<size_t>(-1);
};

struct ControlFlowGraph {
  std::vector<BasicBlock> blocks;       ///< blocks[0] is the entry; only reachable blocks are kept
  size_t padding_instructions = 0;      ///< self-branch padding and NOPs after the last exit
  size_t unreachable_instructions = 0;  ///< other code no path from the entry reaches

  Graph graph() const;
  /// Blocks whose end leaves the kernel (exit or conditional exit).
  std::vector<int> exits() const;
};

/// Builds the graph. Throws LiftError (file:line:col) when a branch target is unknown.
ControlFlowGraph build_control_flow(const Kernel& kernel, const std::string& file);

}  // namespace switcheroo::lift
