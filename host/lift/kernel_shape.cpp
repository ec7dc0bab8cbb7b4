#include "kernel_shape.h"

#include <algorithm>

namespace switcheroo::lift {
namespace {

// What the instructions of some set of blocks do, as counts.
struct Profile {
  int global_loads = 0;
  int global_stores = 0;
  int shared_accesses = 0;
  int multiply_adds = 0;  // float a * b + c
  int barriers = 0;
  int grid_size_reads = 0;
};

Profile profile(const Kernel& kernel, const ControlFlowGraph& cfg, const std::vector<int>& blocks) {
  Profile result;
  for (int b : blocks) {
    for (size_t i = cfg.blocks[b].first; i < cfg.blocks[b].last; ++i) {
      const Instruction& instruction = kernel.instructions[i];
      const std::string& semantics = instruction.semantics.value_or("");
      // RDNA's scalar loads (s_load_*, `load_constant`) read global memory too, uniformly.
      if (semantics.find("load_global") != std::string::npos ||
          semantics.find("load_constant") != std::string::npos)
        ++result.global_loads;
      if (semantics.find("store_global") != std::string::npos) ++result.global_stores;
      if (semantics.find("_shared") != std::string::npos) ++result.shared_accesses;
      if (semantics.find(".f * $") != std::string::npos &&
          semantics.find(" + $") != std::string::npos)
        ++result.multiply_adds;
      if (instruction.is(SW_ISA_BARRIER)) ++result.barriers;
      for (const auto& operand : instruction.operands)
        if (operand.name && operand.name->rfind("grid_dim_", 0) == 0) ++result.grid_size_reads;
    }
  }
  return result;
}

}  // namespace

std::string describe_kernel_shape(const Kernel& kernel, const ControlFlowGraph& cfg) {
  const Graph graph = cfg.graph();
  const LoopForest forest = find_loops(graph, immediate_dominators(graph));
  std::vector<int> everything(cfg.blocks.size());
  for (size_t i = 0; i < everything.size(); ++i) everything[i] = static_cast<int>(i);
  const Profile whole = profile(kernel, cfg, everything);
  if (forest.loops.empty()) {
    // A reduction tree whose loop the compiler unrolled (a fixed block size) still shows as
    // barriers between shared-memory updates.
    if (whole.barriers > 1 && whole.shared_accesses > 0)
      return "reduction (tree in shared memory, unrolled)";
    if (whole.global_stores > 0 && whole.global_loads > 0) return "elementwise map";
    return "";
  }
  int depth = 0;
  for (const auto& loop : forest.loops) depth = std::max(depth, loop.depth);
  // The innermost loops carry the arithmetic that names the shape.
  Profile inner;
  for (const auto& loop : forest.loops) {
    if (loop.depth != depth) continue;
    const Profile part = profile(kernel, cfg, loop.body);
    inner.global_loads += part.global_loads;
    inner.global_stores += part.global_stores;
    inner.shared_accesses += part.shared_accesses;
    inner.multiply_adds += part.multiply_adds;
    inner.barriers += part.barriers;
  }
  if (whole.barriers > 0 && whole.shared_accesses > 0) {
    if (inner.multiply_adds > 0 && inner.shared_accesses >= 2)
      return "GEMM (tiled through shared memory)";
    return "reduction (tree in shared memory)";
  }
  const bool accumulates = inner.multiply_adds > 0 && inner.global_stores == 0;
  if (accumulates && inner.global_loads >= 2 && depth >= 3) return "direct convolution";
  if (accumulates && inner.global_loads >= 2) return "GEMM (dot-product inner loop)";
  if (inner.global_stores > 0 && inner.global_loads > 0 && depth == 1 && forest.loops.size() == 1)
    return whole.grid_size_reads > 0 ? "elementwise map (grid-stride loop)"
                                     : "elementwise map (strided loop)";
  if (inner.global_loads > 0 && inner.global_stores == 0) return "reduction";
  // Several loops in sequence where one only reads: a reduction feeding a map (softmax, norms).
  const bool some_loop_only_reads =
      std::any_of(forest.loops.begin(), forest.loops.end(), [&](const Loop& loop) {
        const Profile part = profile(kernel, cfg, loop.body);
        return part.global_loads > 0 && part.global_stores == 0;
      });
  if (forest.loops.size() > 1 && some_loop_only_reads && inner.global_stores > 0)
    return "reduction followed by a map (softmax or normalization)";
  return "";
}

}  // namespace switcheroo::lift
