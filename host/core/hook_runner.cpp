#include "hook_runner.h"

#include "syntax_diagnostic.h"
#include "tree_service.h"

#include "python/parse.h"
#include "python/syntax_error.h"

namespace switcheroo {

python::SyntaxTree parse_input(const std::string& file, std::string text) {
  try {
    return python::parse(std::move(text));
  } catch (const python::SyntaxError& error) {
    throw Error(syntax_error_diagnostic(file, error));
  }
}

std::string apply_hooks(const std::string& file, std::string text,
                        const std::vector<const LoadedPlugin*>& hooks, const HookTarget& target,
                        const std::function<void(const Diagnostic&)>& report,
                        rewrite::OriginMap* origins) {
  if (hooks.empty()) return text;
  return apply_hooks(file, parse_input(file, std::move(text)), hooks, target, report, origins)
      .source()
      .bytes();
}

python::SyntaxTree apply_hooks(const std::string& file, python::SyntaxTree tree,
                               const std::vector<const LoadedPlugin*>& hooks,
                               const HookTarget& target,
                               const std::function<void(const Diagnostic&)>& report,
                               rewrite::OriginMap* origins) {
  const sw_hook_context context{sizeof(sw_hook_context), target.source_framework.c_str(),
                                target.target_framework.c_str()};
  for (const LoadedPlugin* hook : hooks) {
    rewrite::Rewriter rewriter(tree);
    sw_tree handle = make_tree_handle(file, rewriter, report);
    handle.unit = hook->id();
    const int32_t result = hook->hook()->apply(hook->instance(), &handle, &context);
    if (result == SW_FAILED) {
      throw Error(Diagnostic{Severity::error,
                             {file, 0, 0},
                             "hook '" + hook->id() + "' could not rewrite this file",
                             hook->id()});
    }
    if (result != SW_HOOK_CHANGED || !rewriter.changed()) continue;
    try {
      python::SyntaxTree next = rewriter.print_checked();
      if (origins != nullptr) origins->add_step(rewriter.spans(), next.source().bytes());
      tree = std::move(next);
    } catch (const rewrite::RewriteError& error) {
      throw Error(Diagnostic{Severity::error,
                             {file, 0, 0},
                             "hook '" + hook->id() + "' left invalid Python: " + error.what(),
                             hook->id()});
    }
  }
  return tree;
}

}  // namespace switcheroo
