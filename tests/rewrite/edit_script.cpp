#include "edit_script.h"

#include "rewrite/edits.h"
#include "rewrite/names.h"

#include <sstream>

namespace switcheroo::rewrite {
namespace {

std::string unescape(std::string text) {
  for (size_t at = text.find("\\n"); at != std::string::npos; at = text.find("\\n", at + 1)) {
    text.replace(at, 2, "\n");
  }
  return text;
}

// `name#k` -> (name, k-1)
std::pair<std::string, size_t> selector(const std::string& text) {
  const size_t hash = text.find('#');
  if (hash == std::string::npos) return {text, 0};
  return {text.substr(0, hash), std::stoul(text.substr(hash + 1)) - 1};
}

Call find_call(const SyntaxTree& tree, const std::string& text) {
  auto [name, index] = selector(text);
  for (const auto& call : find_calls(tree)) {
    const bool match = name[0] == '.' ? call.method == name.substr(1) : call.dotted_callee == name;
    if (match && index-- == 0) return call;
  }
  throw std::runtime_error("no call '" + text + "'");
}

FunctionDef find_function(const SyntaxTree& tree, const std::string& text) {
  auto [name, index] = selector(text);
  for (const auto& function : find_functions(tree)) {
    if (function.name == name && index-- == 0) return function;
  }
  throw std::runtime_error("no function '" + text + "'");
}

// The outermost statement that starts on `line`.
NodeId statement_at(const SyntaxTree& tree, uint32_t line) {
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (!tree.is_token(id) || tree.node(id).begin == tree.node(id).end) continue;
    if (tree.source().line_column(tree.node(id).begin).line == line) {
      return enclosing_statement(tree, id);
    }
  }
  throw std::runtime_error("no statement on line " + std::to_string(line));
}

NodeId decorator_at(const SyntaxTree& tree, uint32_t line) {
  const uint16_t decorator = SyntaxTree::kind_of("decorator");
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (tree.node(id).kind == decorator &&
        tree.source().line_column(tree.node(id).begin).line == line) {
      return id;
    }
  }
  throw std::runtime_error("no decorator on line " + std::to_string(line));
}

}  // namespace

void apply_edit_script(Rewriter& rewriter, const std::string& script) {
  const SyntaxTree& tree = rewriter.tree();
  std::istringstream lines(script);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream words(line);
    std::string op, target;
    words >> op;
    auto rest = [&] {
      std::string text;
      std::getline(words >> std::ws, text);
      return unescape(text);
    };
    auto number = [&] {
      size_t value = 0;
      if (!(words >> value)) throw std::runtime_error("expected a number in '" + line + "'");
      return value;
    };
    if (op == "add-import") {
      add_import(rewriter, rest());
      continue;
    }
    words >> target;
    if (op == "rename-callee") {
      rename_callee(rewriter, find_call(tree, target), rest());
    } else if (op == "replace-call") {
      replace_call(rewriter, find_call(tree, target), rest());
    } else if (op == "insert-argument") {
      const size_t index = number();
      insert_argument(rewriter, find_call(tree, target), index, rest());
    } else if (op == "remove-argument") {
      remove_argument(rewriter, find_call(tree, target), number());
    } else if (op == "insert-parameter") {
      const size_t index = number();
      insert_parameter(rewriter, find_function(tree, target), index, rest());
    } else if (op == "remove-parameter") {
      remove_parameter(rewriter, find_function(tree, target), number());
    } else if (op == "insert-statement-before") {
      insert_statement_before(rewriter, statement_at(tree, std::stoul(target)), rest());
    } else if (op == "insert-statement-after") {
      insert_statement_after(rewriter, statement_at(tree, std::stoul(target)), rest());
    } else if (op == "remove-statement") {
      remove_statement(rewriter, statement_at(tree, std::stoul(target)));
    } else if (op == "add-decorator") {
      add_decorator(rewriter, find_function(tree, target).statement, rest());
    } else if (op == "remove-decorator") {
      remove_decorator(rewriter, decorator_at(tree, std::stoul(target)));
    } else if (op == "remove-import") {
      bool found = false;
      for (const auto& binding : find_imports(tree)) {
        if (binding.local == target) {
          remove_import(rewriter, binding);
          found = true;
          break;
        }
      }
      if (!found) throw std::runtime_error("no import binds '" + target + "'");
    } else {
      throw std::runtime_error("unknown edit '" + op + "'");
    }
  }
}

std::string describe_calls(const SyntaxTree& tree) {
  static const char* const kKinds[] = {"function", "instance", "method", "local"};
  NameResolver resolver(tree);
  std::ostringstream out;
  for (const auto& call : find_calls(tree)) {
    const auto where = tree.source().line_column(call.callee_begin);
    const auto resolved = resolver.resolve(call);
    const std::string callee = call.dotted_callee.empty() ? "<expression>" : call.dotted_callee;
    out << where.line << ':' << where.column << ' ' << callee << " -> "
        << kKinds[static_cast<int>(resolved.kind)] << ' '
        << (resolved.name.empty() ? "<expression>" : resolved.name) << '\n';
  }
  return out.str();
}

}  // namespace switcheroo::rewrite
