// Applying rewrite hooks to a file: each enabled hook in turn gets the file's tree through the
// tree service, and its edits are printed and parsed again before the next hook runs.
#pragma once

#include "diagnostics.h"
#include "plugin_loader.h"

#include "python/syntax_tree.h"
#include "rewrite/origin_map.h"

#include <functional>
#include <string>
#include <vector>

namespace switcheroo {

/// The frameworks a conversion goes between, as hooks see them.
struct HookTarget {
  std::string source_framework;
  std::string target_framework;
};

/// Parses an input file; a syntax error becomes Error at its line and column (unit `parse`).
python::SyntaxTree parse_input(const std::string& file, std::string text);

/// Runs `hooks` over `text` (the contents of `file`) and returns the result. Throws Error for
/// a syntax error in the input (unit `parse`), a hook that fails, or a hook whose edits do not
/// leave valid Python. Diagnostics the hooks report go to `report`. `origins`, when given, gets
/// each hook's edits, so that positions in the newest text can be read in the original.
/// The same over a parsed file; returns the tree after the last hook that changed it.
python::SyntaxTree apply_hooks(const std::string& file, python::SyntaxTree tree,
                               const std::vector<const LoadedPlugin*>& hooks,
                               const HookTarget& target,
                               const std::function<void(const Diagnostic&)>& report,
                               rewrite::OriginMap* origins = nullptr);

std::string apply_hooks(const std::string& file, std::string text,
                        const std::vector<const LoadedPlugin*>& hooks, const HookTarget& target,
                        const std::function<void(const Diagnostic&)>& report,
                        rewrite::OriginMap* origins = nullptr);

}  // namespace switcheroo
