#include "tree_service.h"

#include "rewrite/edits.h"

#include <algorithm>
#include <exception>
#include <map>

namespace switcheroo {
namespace {

using python::kNoNode;
using python::NodeId;

bool valid(const sw_tree* tree, sw_node node) {
  return tree != nullptr && node < tree->tree->size();
}

sw_text text_of(std::string_view text) {
  return {text.data(), text.size()};
}

// Runs one edit; a refusal becomes a diagnostic located at `node` (or the file) and SW_FAILED.
template <class Edit>
int32_t edit(sw_tree* tree, sw_node node, Edit&& apply) noexcept {
  if (tree == nullptr) return SW_FAILED;
  try {
    apply();
    return SW_OK;
  } catch (const std::exception& failure) {
    Diagnostic diagnostic;
    diagnostic.location.file = tree->file;
    if (node < tree->tree->size()) {
      const auto where = tree->tree->source().line_column(tree->tree->node(node).begin);
      diagnostic.location.line = where.line;
      diagnostic.location.column = where.column;
    }
    diagnostic.message = failure.what();
    diagnostic.unit = tree->unit;
    try {
      tree->report(diagnostic);
    } catch (...) {
    }
    return SW_FAILED;
  }
}

NodeId call_node(const sw_tree* tree, uint32_t index) {
  return index < tree->index->calls.size() ? tree->index->calls[index].primary : kNoNode;
}

NodeId definition_node(const sw_tree* tree, uint32_t index) {
  return tree != nullptr && index < tree->index->definitions.size()
             ? tree->index->definitions[index].node
             : kNoNode;
}

const TreeDefinition& definition_at(const sw_tree* tree, uint32_t index) {
  if (index >= tree->index->definitions.size()) throw rewrite::RewriteError("no such definition");
  return tree->index->definitions[index];
}

const TreeDefinition& function_at(const sw_tree* tree, uint32_t index) {
  const TreeDefinition& definition = definition_at(tree, index);
  if (definition.kind != SW_DEFINITION_FUNCTION) {
    throw rewrite::RewriteError("'" + definition.qualified + "' is a class, not a function");
  }
  return definition;
}

NodeId statement_node(const sw_tree* tree, sw_node node) {
  if (!valid(tree, node)) throw rewrite::RewriteError("no such node");
  const NodeId statement = rewrite::enclosing_statement(*tree->tree, node);
  if (statement == kNoNode) throw rewrite::RewriteError("the node is not inside a statement");
  return statement;
}

// Functions and classes in source order, each with its name qualified by the definitions
// around it.
std::vector<TreeDefinition> collect_definitions(const python::SyntaxTree& tree) {
  std::vector<TreeDefinition> definitions;
  for (auto& function : rewrite::find_functions(tree)) {
    TreeDefinition definition;
    definition.kind = SW_DEFINITION_FUNCTION;
    definition.name = function.name;
    definition.node = function.node;
    definition.statement = function.statement;
    definition.body = function.body;
    definition.decorators = function.decorators;
    for (const auto& parameter : function.parameters.items) {
      definition.items.emplace_back(parameter.name, parameter.node);
    }
    definition.function = std::move(function);
    definitions.push_back(std::move(definition));
  }
  for (const auto& type : rewrite::find_classes(tree)) {
    TreeDefinition definition;
    definition.kind = SW_DEFINITION_CLASS;
    definition.name = type.name;
    definition.node = type.node;
    definition.statement = type.statement;
    definition.body = type.body;
    definition.decorators = type.decorators;
    for (const auto& base : type.bases.items) {
      definition.items.emplace_back(base.keyword, base.node);
    }
    definitions.push_back(std::move(definition));
  }
  std::sort(definitions.begin(), definitions.end(),
            [](const auto& a, const auto& b) { return a.node < b.node; });
  std::map<NodeId, std::string> qualified;
  for (auto& definition : definitions) {
    definition.qualified = definition.name;
    for (NodeId up = tree.node(definition.node).parent; up != kNoNode; up = tree.node(up).parent) {
      const auto outer = qualified.find(up);
      if (outer != qualified.end()) {
        definition.qualified = outer->second + "." + definition.name;
        break;
      }
    }
    qualified.emplace(definition.node, definition.qualified);
  }
  return definitions;
}

const sw_tree_service kService = {
    sizeof(sw_tree_service),
    1,
    [](const sw_tree* tree) { return tree != nullptr ? tree->file.c_str() : ""; },
    [](const sw_tree* tree) -> sw_node {
      return tree != nullptr ? tree->tree->root() : SW_NO_NODE;
    },
    [](const sw_tree* tree, sw_node node) -> sw_node {
      return valid(tree, node) ? tree->tree->node(node).parent : SW_NO_NODE;
    },
    [](const sw_tree* tree, sw_node node) -> sw_node {
      return valid(tree, node) ? tree->tree->node(node).first_child : SW_NO_NODE;
    },
    [](const sw_tree* tree, sw_node node) -> sw_node {
      return valid(tree, node) ? tree->tree->node(node).next_sibling : SW_NO_NODE;
    },
    [](const sw_tree* tree, sw_node node) -> const char* {
      // kind_name() views the grammar's static name tables, which are NUL-terminated.
      return valid(tree, node) ? tree->tree->kind_name(node).data() : "";
    },
    [](const sw_tree* tree, sw_node node) -> sw_text {
      return valid(tree, node) ? text_of(tree->tree->text(node)) : sw_text{"", 0};
    },
    [](const sw_tree* tree, sw_node node, uint32_t* line, uint32_t* column) {
      python::LineColumn where;
      if (valid(tree, node)) where = tree->tree->source().line_column(tree->tree->node(node).begin);
      if (line != nullptr) *line = valid(tree, node) ? where.line : 0;
      if (column != nullptr) *column = valid(tree, node) ? where.column : 0;
    },
    [](const sw_tree* tree) -> uint32_t {
      return tree != nullptr ? static_cast<uint32_t>(tree->index->calls.size()) : 0;
    },
    [](const sw_tree* tree, uint32_t index, sw_call_info* info) -> int32_t {
      if (tree == nullptr || info == nullptr || index >= tree->index->calls.size() ||
          info->struct_size < sizeof(sw_call_info)) {
        return SW_FAILED;
      }
      const auto& call = tree->index->calls[index];
      const auto& resolved = tree->index->resolved[index];
      const std::string& source = tree->tree->source().bytes();
      info->kind = static_cast<uint32_t>(resolved.kind);
      info->name = resolved.name.c_str();
      info->callee = {source.data() + call.callee_begin, call.callee_end - call.callee_begin};
      info->trailer = call.trailer;
      info->argument_count = static_cast<uint32_t>(call.arguments.items.size());
      const auto where = tree->tree->source().line_column(call.callee_begin);
      info->line = where.line;
      info->column = where.column;
      return SW_OK;
    },
    [](const sw_tree* tree, uint32_t index, uint32_t argument, sw_text* keyword) -> sw_node {
      if (tree == nullptr || index >= tree->index->calls.size()) return SW_NO_NODE;
      const auto& items = tree->index->calls[index].arguments.items;
      if (argument >= items.size()) return SW_NO_NODE;
      if (keyword != nullptr) keyword->data = items[argument].keyword.c_str();
      if (keyword != nullptr) keyword->size = items[argument].keyword.size();
      return items[argument].node;
    },
    [](sw_tree* tree, sw_node node, const char* expression) -> int32_t {
      return edit(tree, node, [&] {
        if (!valid(tree, node)) throw rewrite::RewriteError("no such node");
        rewrite::replace_expression(*tree->rewriter, node, expression ? expression : "");
      });
    },
    [](sw_tree* tree, uint32_t index, const char* expression) -> int32_t {
      return edit(tree, call_node(tree, index), [&] {
        if (index >= tree->index->calls.size()) throw rewrite::RewriteError("no such call");
        rewrite::replace_call(*tree->rewriter, tree->index->calls[index],
                              expression ? expression : "");
      });
    },
    [](sw_tree* tree, uint32_t index, const char* callee) -> int32_t {
      return edit(tree, call_node(tree, index), [&] {
        if (index >= tree->index->calls.size()) throw rewrite::RewriteError("no such call");
        rewrite::rename_callee(*tree->rewriter, tree->index->calls[index], callee ? callee : "");
      });
    },
    [](sw_tree* tree, uint32_t index, uint32_t position, const char* argument) -> int32_t {
      return edit(tree, call_node(tree, index), [&] {
        if (index >= tree->index->calls.size()) throw rewrite::RewriteError("no such call");
        rewrite::insert_argument(*tree->rewriter, tree->index->calls[index], position,
                                 argument ? argument : "");
      });
    },
    [](sw_tree* tree, uint32_t index, uint32_t position) -> int32_t {
      return edit(tree, call_node(tree, index), [&] {
        if (index >= tree->index->calls.size()) throw rewrite::RewriteError("no such call");
        rewrite::remove_argument(*tree->rewriter, tree->index->calls[index], position);
      });
    },
    [](sw_tree* tree, const char* statement) -> int32_t {
      return edit(tree, SW_NO_NODE, [&] {
        const std::string text = statement ? statement : "";
        for (const auto& binding : rewrite::find_imports(*tree->tree)) {
          if (std::string(tree->tree->text(binding.statement)) == text) return;
        }
        if (!tree->added_imports.insert(text).second) return;
        rewrite::add_import(*tree->rewriter, text);
      });
    },
    [](const sw_tree* tree) -> uint32_t {
      return tree != nullptr ? static_cast<uint32_t>(tree->index->definitions.size()) : 0;
    },
    [](const sw_tree* tree, uint32_t index, sw_definition_info* info) -> int32_t {
      if (tree == nullptr || info == nullptr || index >= tree->index->definitions.size() ||
          info->struct_size < sizeof(sw_definition_info)) {
        return SW_FAILED;
      }
      const TreeDefinition& definition = tree->index->definitions[index];
      info->kind = definition.kind;
      info->name = definition.name.c_str();
      info->qualified = definition.qualified.c_str();
      info->node = definition.node;
      info->statement = definition.statement;
      info->body = definition.body;
      info->item_count = static_cast<uint32_t>(definition.items.size());
      info->decorator_count = static_cast<uint32_t>(definition.decorators.size());
      const auto where = tree->tree->source().line_column(tree->tree->node(definition.node).begin);
      info->line = where.line;
      info->column = where.column;
      return SW_OK;
    },
    [](const sw_tree* tree, uint32_t index, uint32_t item, sw_text* name) -> sw_node {
      if (tree == nullptr || index >= tree->index->definitions.size()) return SW_NO_NODE;
      const auto& items = tree->index->definitions[index].items;
      if (item >= items.size()) return SW_NO_NODE;
      if (name != nullptr) *name = text_of(items[item].first);
      return items[item].second;
    },
    [](const sw_tree* tree, uint32_t index, uint32_t which) -> sw_node {
      if (tree == nullptr || index >= tree->index->definitions.size()) return SW_NO_NODE;
      const auto& decorators = tree->index->definitions[index].decorators;
      return which < decorators.size() ? decorators[which] : SW_NO_NODE;
    },
    [](const sw_tree* tree) -> uint32_t {
      return tree != nullptr ? static_cast<uint32_t>(tree->index->imports.size()) : 0;
    },
    [](const sw_tree* tree, uint32_t index, sw_import_info* info) -> int32_t {
      if (tree == nullptr || info == nullptr || index >= tree->index->imports.size() ||
          info->struct_size < sizeof(sw_import_info)) {
        return SW_FAILED;
      }
      const auto& binding = tree->index->imports[index];
      info->from_import = binding.from_import ? 1 : 0;
      info->local = binding.local.c_str();
      info->target = binding.target.c_str();
      info->statement = binding.statement;
      const auto where =
          tree->tree->source().line_column(tree->tree->node(binding.statement).begin);
      info->line = where.line;
      info->column = where.column;
      return SW_OK;
    },
    [](const sw_tree* tree, sw_node node) -> sw_node {
      if (!valid(tree, node)) return SW_NO_NODE;
      const NodeId statement = rewrite::enclosing_statement(*tree->tree, node);
      return statement == kNoNode ? SW_NO_NODE : statement;
    },
    [](sw_tree* tree, uint32_t index, uint32_t position, const char* parameter) -> int32_t {
      return edit(tree, definition_node(tree, index), [&] {
        rewrite::insert_parameter(*tree->rewriter, function_at(tree, index).function, position,
                                  parameter ? parameter : "");
      });
    },
    [](sw_tree* tree, uint32_t index, uint32_t position) -> int32_t {
      return edit(tree, definition_node(tree, index), [&] {
        rewrite::remove_parameter(*tree->rewriter, function_at(tree, index).function, position);
      });
    },
    [](sw_tree* tree, uint32_t index, const char* decorator) -> int32_t {
      return edit(tree, definition_node(tree, index), [&] {
        rewrite::add_decorator(*tree->rewriter, definition_at(tree, index).statement,
                               decorator ? decorator : "");
      });
    },
    [](sw_tree* tree, uint32_t index, uint32_t which) -> int32_t {
      return edit(tree, definition_node(tree, index), [&] {
        const auto& decorators = definition_at(tree, index).decorators;
        if (which >= decorators.size()) throw rewrite::RewriteError("no such decorator");
        rewrite::remove_decorator(*tree->rewriter, decorators[which]);
      });
    },
    [](sw_tree* tree, sw_node node, uint32_t after, const char* statements) -> int32_t {
      return edit(tree, node, [&] {
        const NodeId statement = statement_node(tree, node);
        if (after != 0) {
          rewrite::insert_statement_after(*tree->rewriter, statement, statements ? statements : "");
        } else {
          rewrite::insert_statement_before(*tree->rewriter, statement,
                                           statements ? statements : "");
        }
      });
    },
    [](sw_tree* tree, sw_node node) -> int32_t {
      return edit(tree, node,
                  [&] { rewrite::remove_statement(*tree->rewriter, statement_node(tree, node)); });
    },
    [](sw_tree* tree, uint32_t index) -> int32_t {
      const NodeId node = tree != nullptr && index < tree->index->imports.size()
                              ? tree->index->imports[index].statement
                              : kNoNode;
      return edit(tree, node, [&] {
        if (index >= tree->index->imports.size()) throw rewrite::RewriteError("no such import");
        rewrite::remove_import(*tree->rewriter, tree->index->imports[index]);
      });
    },
};

}  // namespace

std::shared_ptr<const TreeIndex> index_tree(const python::SyntaxTree& tree) {
  auto index = std::make_shared<TreeIndex>();
  index->calls = rewrite::find_calls(tree);
  const rewrite::NameResolver resolver(tree);
  index->resolved.reserve(index->calls.size());
  for (const auto& call : index->calls) index->resolved.push_back(resolver.resolve(call));
  index->definitions = collect_definitions(tree);
  index->imports = rewrite::find_imports(tree);
  return index;
}

sw_tree make_tree_handle(std::string file, rewrite::Rewriter& rewriter,
                         std::function<void(const Diagnostic&)> report,
                         std::shared_ptr<const TreeIndex> index) {
  sw_tree handle;
  handle.file = std::move(file);
  handle.tree = &rewriter.tree();
  handle.rewriter = &rewriter;
  handle.index = index ? std::move(index) : index_tree(rewriter.tree());
  handle.report = std::move(report);
  return handle;
}

const sw_tree_service* tree_service() {
  return &kService;
}

}  // namespace switcheroo
