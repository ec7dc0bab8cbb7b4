#include "import_fixer.h"

#include "edits.h"
#include "tree_query.h"

#include <algorithm>
#include <map>

namespace switcheroo::rewrite {

std::string ImportSpec::statement() const {
  if (from_import) {
    const size_t dot = target.rfind('.');
    std::string text = "from " + target.substr(0, dot) + " import " + target.substr(dot + 1);
    if (local != target.substr(dot + 1)) text += " as " + local;
    return text;
  }
  if (local == target) return "import " + target;
  return "import " + target + " as " + local;
}

std::set<std::string> used_names(const SyntaxTree& tree) {
  const uint16_t name = SyntaxTree::kind_of("NAME");
  const uint16_t dot = SyntaxTree::kind_of("DOT");
  const uint16_t import_name = SyntaxTree::kind_of("import_name");
  const uint16_t import_from = SyntaxTree::kind_of("import_from");
  std::set<std::string> names;
  NodeId previous = python::kNoNode;
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (!tree.is_token(id) || tree.node(id).begin == tree.node(id).end) continue;
    const uint16_t kind = tree.node(id).kind;
    // A name right after a dot is an attribute, not a use of a binding.
    const bool attribute = previous != python::kNoNode && tree.node(previous).kind == dot;
    previous = id;
    if (kind != name || attribute) continue;
    bool in_import = false;
    for (NodeId at = tree.node(id).parent; at != python::kNoNode; at = tree.node(at).parent) {
      const uint16_t outer = tree.node(at).kind;
      if (outer == import_name || outer == import_from) {
        in_import = true;
        break;
      }
    }
    if (!in_import) names.emplace(tree.text(id));
  }
  return names;
}

std::vector<std::string> fix_imports(Rewriter& rewriter, const ImportPlan& plan) {
  const SyntaxTree& tree = rewriter.tree();
  const std::set<std::string> used = used_names(tree);
  std::vector<std::string> notes;

  std::map<std::string, const ImportBinding*> bound;
  const auto bindings = find_imports(tree);
  for (const auto& binding : bindings) bound.emplace(binding.local, &binding);

  // Removals go statement by statement, so that removing every name of one statement removes
  // the statement once instead of editing it name by name.
  std::map<NodeId, std::vector<const ImportBinding*>> unused_by_statement;
  std::map<NodeId, size_t> names_by_statement;
  for (const auto& binding : bindings) {
    ++names_by_statement[binding.statement];
    const std::string top = binding.target.substr(0, binding.target.find('.'));
    if (plan.removable.count(top) && !used.count(binding.local)) {
      unused_by_statement[binding.statement].push_back(&binding);
    }
  }
  for (const auto& [statement, unused] : unused_by_statement) {
    if (unused.size() == names_by_statement[statement]) {
      remove_statement(rewriter, enclosing_statement(tree, statement));  // nothing stays
      for (const auto* binding : unused)
        notes.push_back("removed unused import of '" + binding->target + "'");
      continue;
    }
    // Some names of the statement stay: write the statement again with just those.
    std::string kept;
    for (const auto& binding : bindings) {
      if (binding.statement != statement ||
          std::find(unused.begin(), unused.end(), &binding) != unused.end()) {
        continue;
      }
      kept += (kept.empty() ? "" : ", ") + std::string(tree.text(binding.item));
    }
    // Everything up to and including the `import` keyword stays as written.
    uint32_t head_end = tree.node(statement).begin;
    for (NodeId child : tree.children(statement)) {
      head_end = tree.node(child).end;
      if (tree.is_token(child) && tree.text(child) == "import") break;
    }
    const uint32_t begin = tree.node(statement).begin;
    const std::string head = tree.source().bytes().substr(begin, head_end - begin);
    rewriter.replace(statement, head + " " + kept);
    for (const auto* binding : unused) {
      notes.push_back("removed unused import of '" + binding->target + "'");
    }
  }

  for (const auto& spec : plan.available) {
    if (!used.count(spec.local) || bound.count(spec.local)) continue;
    add_import(rewriter, spec.statement());
    bound.emplace(spec.local, nullptr);
    notes.push_back("added '" + spec.statement() + "'");
  }
  return notes;
}

}  // namespace switcheroo::rewrite
