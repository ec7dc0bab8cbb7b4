#include "import_fixer.h"

#include "edits.h"
#include "tree_query.h"

#include <algorithm>
#include <functional>
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

namespace {

bool inside_import(const SyntaxTree& tree, NodeId id) {
  const uint16_t import_name = SyntaxTree::kind_of("import_name");
  const uint16_t import_from = SyntaxTree::kind_of("import_from");
  for (NodeId at = tree.node(id).parent; at != python::kNoNode; at = tree.node(at).parent) {
    const uint16_t kind = tree.node(at).kind;
    if (kind == import_name || kind == import_from) return true;
  }
  return false;
}

// Calls `visit` with each name token that reads a binding, and the token after it.
void for_each_name_read(const SyntaxTree& tree, const std::function<void(NodeId, NodeId)>& visit) {
  const uint16_t name = SyntaxTree::kind_of("NAME");
  const uint16_t dot = SyntaxTree::kind_of("DOT");
  NodeId previous = python::kNoNode;
  NodeId pending = python::kNoNode;  // a read whose next token is not seen yet
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (!tree.is_token(id) || tree.node(id).begin == tree.node(id).end) continue;
    if (pending != python::kNoNode) visit(pending, id);
    pending = python::kNoNode;
    // A name right after a dot is an attribute, not a use of a binding.
    const bool attribute = previous != python::kNoNode && tree.node(previous).kind == dot;
    previous = id;
    if (tree.node(id).kind == name && !attribute && !inside_import(tree, id)) pending = id;
  }
  if (pending != python::kNoNode) visit(pending, python::kNoNode);
}

}  // namespace

std::set<std::string> used_names(const SyntaxTree& tree) {
  std::set<std::string> names;
  for_each_name_read(tree, [&](NodeId id, NodeId) { names.emplace(tree.text(id)); });
  return names;
}

std::vector<NameUse> uses_of(const SyntaxTree& tree, const std::string& local) {
  const uint16_t dot = SyntaxTree::kind_of("DOT");
  std::vector<NameUse> uses;
  for_each_name_read(tree, [&](NodeId id, NodeId next) {
    if (tree.text(id) != local) return;
    NameUse use{id, ""};
    if (next != python::kNoNode && tree.node(next).kind == dot) {
      for (NodeId after = next + 1; after < tree.size(); ++after) {
        if (!tree.is_token(after) || tree.node(after).begin == tree.node(after).end) continue;
        use.attribute = tree.text(after);
        break;
      }
    }
    uses.push_back(std::move(use));
  });
  return uses;
}

namespace {

// The file binds a name that the converted code writes for a target import of another module
// (`import torch.nn as nn`, and `nn.Dense` meant as the target's `other.nn.Dense`). Returns the
// bindings whose every read is the target's, to be removed so that the target's import can
// take the name; where other code still reads the file's module, the target's reads are
// written qualified instead.
std::set<const ImportBinding*> take_over_names(Rewriter& rewriter, const ImportPlan& plan,
                                               const std::vector<ImportBinding>& bindings,
                                               std::vector<std::string>& notes) {
  const SyntaxTree& tree = rewriter.tree();
  std::set<const ImportBinding*> released;
  std::set<std::string> seen;
  for (const auto& binding : bindings) {
    const auto written = plan.written.find(binding.local);
    if (written == plan.written.end() || !seen.insert(binding.local).second) continue;
    const auto spec =
        std::find_if(plan.available.begin(), plan.available.end(),
                     [&](const ImportSpec& candidate) { return candidate.local == binding.local; });
    if (spec == plan.available.end() || spec->target == binding.target) continue;
    const auto uses = uses_of(tree, binding.local);
    auto is_target = [&](const NameUse& use) { return written->second.count(use.attribute) > 0; };
    const std::string top = binding.target.substr(0, binding.target.find('.'));
    if (std::all_of(uses.begin(), uses.end(), is_target) && plan.removable.count(top)) {
      for (const auto& other : bindings) {
        if (other.local == binding.local) released.insert(&other);
      }
      continue;
    }
    bool qualified = false;
    for (const auto& use : uses) {
      if (!is_target(use)) continue;
      rewriter.replace(use.name, spec->target);
      qualified = true;
    }
    if (!qualified) continue;
    add_import(rewriter, "import " + spec->target);
    notes.push_back("added 'import " + spec->target + "': '" + binding.local + "' names '" +
                    binding.target + "' in this file");
  }
  return released;
}

}  // namespace

std::vector<std::string> fix_imports(Rewriter& rewriter, const ImportPlan& plan) {
  const SyntaxTree& tree = rewriter.tree();
  const std::set<std::string> used = used_names(tree);
  std::vector<std::string> notes;

  const auto bindings = find_imports(tree);
  const auto released = take_over_names(rewriter, plan, bindings, notes);
  std::map<std::string, const ImportBinding*> bound;
  for (const auto& binding : bindings) {
    if (!released.count(&binding)) bound.emplace(binding.local, &binding);
  }

  // Removals go statement by statement, so that removing every name of one statement removes
  // the statement once instead of editing it name by name.
  std::map<NodeId, std::vector<const ImportBinding*>> unused_by_statement;
  std::map<NodeId, size_t> names_by_statement;
  for (const auto& binding : bindings) {
    ++names_by_statement[binding.statement];
    const std::string top = binding.target.substr(0, binding.target.find('.'));
    if (released.count(&binding) || (plan.removable.count(top) && !used.count(binding.local))) {
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
