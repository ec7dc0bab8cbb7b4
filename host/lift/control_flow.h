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
  std::vector<BasicBlock> blocks;  ///< blocks[0] is the entry; only reachable blocks are kept

  Graph graph() const;
  /// Blocks whose end leaves the kernel (exit or conditional exit).
  std::vector<int> exits() const;
};

/// Builds the graph of the code reachable from instruction `entry` (0: the kernel; a call
/// target: a subroutine, whose return ends it). A call continues with the next instruction.
/// Throws LiftError (file:line:col) when a branch or call target is unknown.
ControlFlowGraph build_control_flow(const Kernel& kernel, const std::string& file,
                                    size_t entry = 0);

/// Code that calls (`CALL.REL.NOINC`) reach, e.g. the slow path of a float division.
struct Subroutine {
  size_t entry = 0;           ///< instruction index of its first instruction
  std::string label;          ///< the label the calls name; empty when they give an address
  std::vector<size_t> calls;  ///< instruction indices of the calls
};

/// The subroutines of a kernel in layout order.
std::vector<Subroutine> find_subroutines(const Kernel& kernel, const std::string& file);

/// Instructions outside every graph of `graphs`: padding (the self-branch after the last exit,
/// NOPs) and other code nothing reaches.
struct UnreachedCode {
  size_t padding = 0;
  size_t unreachable = 0;
};
UnreachedCode count_unreached(const Kernel& kernel, const std::string& file,
                              const std::vector<const ControlFlowGraph*>& graphs);

}  // namespace switcheroo::lift
