// Two last touches that bring a lifted kernel closer to its source, neither changing what it
// computes:
//
//     block_dim_x = grid.block_dim_x                block_dim_x = grid.block_dim_x
//     thread_idx_x = grid.thread_idx_x      ->      i = u32(grid.block_idx_x * block_dim_x +
//     block_idx_x = grid.block_idx_x                    grid.thread_idx_x)
//     i = u32(block_idx_x * block_dim_x +           ...
//         thread_idx_x)                             p0_u32[i] = ...
//     ...
//     p0_u32[i] = ...
//     return
//
// - a built-in bound in the prologue (`NAME = grid.NAME`) that one line of the function reads,
//   once, is read from `grid` there, as CUDA's `threadIdx.x` is an expression, not a
//   statement (the attribute does not change during a launch, so reading it later gives the
//   same value);
// - the `return` that ends the function's body goes (falling off the end returns).
#pragma once

#include <string>
#include <vector>

namespace switcheroo::lift {

/// Reads the built-ins of `prologue` that one line of `prologue`, `body` or `others`
/// (subroutine bodies) reads once from `grid` in that line, as above, and removes their
/// bindings. Returns the number of bindings removed.
int inline_single_use_builtins(std::vector<std::string>& prologue, std::vector<std::string>& body,
                               std::vector<std::vector<std::string>*> others);

/// Removes the `return` that ends `body` (the function's statements at four spaces) when a
/// statement comes before it. Returns whether it did.
bool remove_final_return(std::vector<std::string>& body);

}  // namespace switcheroo::lift
