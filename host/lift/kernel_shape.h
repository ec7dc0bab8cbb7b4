// Recognises common kernel shapes in a lifted loop nest, for the comment at the top of each
// lifted function: elementwise map, grid-stride map, reduction, GEMM, direct convolution.
#pragma once

#include "control_flow.h"
#include "structure.h"

#include <string>

namespace switcheroo::lift {

/// A short description such as "GEMM (dot-product inner loop)", or "" when nothing matches.
std::string describe_kernel_shape(const Kernel& kernel, const ControlFlowGraph& cfg);

}  // namespace switcheroo::lift
