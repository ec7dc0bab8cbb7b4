// Python side effects in code that a framework with pure functions traces once and then runs
// as a compiled function (`[module] pure-functions = true`): they would happen at tracing, not
// at every call.
//
//   def forward(self, x):
//       print(x.shape)            -> warning: 'print' in 'forward' is a side effect ... [purity]
//       seed = random.random()    -> warning: 'random.random' in 'forward' ...
//       global STEPS              -> warning: writing the global 'STEPS' in 'forward' ...
//       CACHE[0] = x              -> warning: writing the global 'CACHE' in 'forward' ...
//
// Found: the built-ins that talk to the outside (print, input, open, breakpoint), calls into
// the standard library's modules of side effects (random, os, shutil, sys, logging, pickle,
// time), `global` statements, and assignments through a name bound at module level that the
// function does not bind itself. Not found: methods of such objects called for their effect
// (`CACHE.append(x)`, `file.write(s)`): the receiver's type is unknown.
#pragma once

#include "python/syntax_tree.h"
#include "rewrite/names.h"

#include <string>
#include <vector>

namespace switcheroo::convert {

struct SideEffect {
  uint32_t offset = 0;  ///< where it starts in the source
  std::string what;     ///< `'print'`, `writing the global 'CACHE'`
};

/// The side effects inside one function (a `function_def` node), in source order; nested
/// functions are part of it.
std::vector<SideEffect> find_side_effects(const python::SyntaxTree& tree,
                                          const rewrite::NameResolver& resolver,
                                          python::NodeId function);

}  // namespace switcheroo::convert
