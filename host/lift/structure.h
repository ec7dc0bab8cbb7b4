// Structuring: turns a reducible control-flow graph into nested while/if/else with break,
// continue and return, using the dominator tree, post-dominators and natural loops. Irreducible
// graphs (and graphs whose structuring would duplicate too much code, or nest regions more than
// 48 deep) become a state machine, marked as such.
#pragma once

#include "control_flow.h"

#include <vector>

namespace switcheroo::lift {

/// Regions nested deeper than this make the kernel the state machine (StructuredKernel::too_deep).
inline constexpr int kMaxStructuredNesting = 48;

struct Node {
  enum class Kind {
    sequence,  ///< children in order
    block,     ///< the straight-line code of `block`
    branch,    ///< if (condition of `block`'s terminator, maybe negated): children[0] else
               ///< children[1]
    exit_if,   ///< if (condition of `block`'s conditional exit): return
    loop,      ///< while True: children[0]
    break_loop,
    continue_loop,
    return_kernel,
    state_machine,  ///< the fallback: one case per block, see StructuredKernel
  };
  Kind kind = Kind::sequence;
  int block = -1;
  bool negated = false;
  std::vector<Node> children;
};

struct StructuredKernel {
  Node body;
  int loop_count = 0;          ///< natural loops in the graph
  int max_loop_depth = 0;      ///< deepest nesting of natural loops
  bool state_machine = false;  ///< the fallback was used
  bool too_deep = false;       ///< ... because regions or loops nest more than 48 deep
};

/// Structures `cfg`. Never fails: what cannot be structured becomes the state machine.
StructuredKernel structure(const ControlFlowGraph& cfg);

}  // namespace switcheroo::lift
