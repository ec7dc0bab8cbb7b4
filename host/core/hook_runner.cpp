#include "hook_runner.h"

#include "syntax_diagnostic.h"
#include "tree_service.h"

#include "python/parse.h"
#include "python/syntax_error.h"
#include "rewrite/tree_query.h"

#include <cstdint>
#include <map>

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

namespace {

// Hooks read each call together with the text of its statement, so a statement costs them its
// calls times its length (100,000 chained calls `f()()...` took tens of gigabytes). The budget
// lets through thousands of calls in an ordinary statement; no model code comes near it.
constexpr std::uint64_t kMaxStatementRewriteCost = 25'000'000;  // calls x bytes

void check_statement_sizes(const std::string& file, const python::SyntaxTree& tree,
                           const TreeIndex& index, const rewrite::OriginMap* origins) {
  std::map<python::NodeId, std::uint64_t> calls_in;  // by statement, in source order
  for (const auto& call : index.calls) {
    ++calls_in[rewrite::enclosing_statement(tree, call.primary)];
  }
  for (const auto& [statement, calls] : calls_in) {
    const python::Node& node = tree.node(statement);
    const std::uint64_t bytes = node.end - node.begin;
    if (calls * bytes <= kMaxStatementRewriteCost) continue;
    python::LineColumn where = tree.source().line_column(node.begin);
    if (origins != nullptr) where = origins->origin(where.line, where.column);
    throw Error(Diagnostic{Severity::error,
                           {file, where.line, where.column},
                           "statement too complex to rewrite: " + std::to_string(calls) +
                               " calls in " + std::to_string(bytes) + " bytes",
                           "convert"});
  }
}

}  // namespace

python::SyntaxTree apply_hooks(const std::string& file, python::SyntaxTree tree,
                               const std::vector<const LoadedPlugin*>& hooks,
                               const HookTarget& target,
                               const std::function<void(const Diagnostic&)>& report,
                               rewrite::OriginMap* origins) {
  const sw_hook_context context{sizeof(sw_hook_context), target.source_framework.c_str(),
                                target.target_framework.c_str()};
  if (hooks.empty()) return tree;
  // Indexed once per version of the tree: a hook that changes nothing leaves it to the next.
  std::shared_ptr<const TreeIndex> index = index_tree(tree);
  check_statement_sizes(file, tree, *index, origins);
  for (const LoadedPlugin* hook : hooks) {
    if (!index) index = index_tree(tree);
    rewrite::Rewriter rewriter(tree);
    sw_tree handle = make_tree_handle(file, rewriter, report, index);
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
      index = nullptr;
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
