#include "tree_service.h"

#include "rewrite/edits.h"

#include <exception>

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
  return index < tree->calls.size() ? tree->calls[index].primary : kNoNode;
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
      return tree != nullptr ? static_cast<uint32_t>(tree->calls.size()) : 0;
    },
    [](const sw_tree* tree, uint32_t index, sw_call_info* info) -> int32_t {
      if (tree == nullptr || info == nullptr || index >= tree->calls.size() ||
          info->struct_size < sizeof(sw_call_info)) {
        return SW_FAILED;
      }
      const auto& call = tree->calls[index];
      const auto& resolved = tree->resolved[index];
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
      if (tree == nullptr || index >= tree->calls.size()) return SW_NO_NODE;
      const auto& items = tree->calls[index].arguments.items;
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
        if (index >= tree->calls.size()) throw rewrite::RewriteError("no such call");
        rewrite::replace_call(*tree->rewriter, tree->calls[index], expression ? expression : "");
      });
    },
    [](sw_tree* tree, uint32_t index, const char* callee) -> int32_t {
      return edit(tree, call_node(tree, index), [&] {
        if (index >= tree->calls.size()) throw rewrite::RewriteError("no such call");
        rewrite::rename_callee(*tree->rewriter, tree->calls[index], callee ? callee : "");
      });
    },
    [](sw_tree* tree, uint32_t index, uint32_t position, const char* argument) -> int32_t {
      return edit(tree, call_node(tree, index), [&] {
        if (index >= tree->calls.size()) throw rewrite::RewriteError("no such call");
        rewrite::insert_argument(*tree->rewriter, tree->calls[index], position,
                                 argument ? argument : "");
      });
    },
    [](sw_tree* tree, uint32_t index, uint32_t position) -> int32_t {
      return edit(tree, call_node(tree, index), [&] {
        if (index >= tree->calls.size()) throw rewrite::RewriteError("no such call");
        rewrite::remove_argument(*tree->rewriter, tree->calls[index], position);
      });
    },
    [](sw_tree* tree, const char* statement) -> int32_t {
      return edit(tree, SW_NO_NODE, [&] {
        const std::string text = statement ? statement : "";
        for (const auto& binding : rewrite::find_imports(*tree->tree)) {
          if (std::string(tree->tree->text(binding.statement)) == text) return;
        }
        rewrite::add_import(*tree->rewriter, text);
      });
    },
};

}  // namespace

sw_tree make_tree_handle(std::string file, rewrite::Rewriter& rewriter,
                         std::function<void(const Diagnostic&)> report) {
  sw_tree handle;
  handle.file = std::move(file);
  handle.tree = &rewriter.tree();
  handle.rewriter = &rewriter;
  handle.calls = rewrite::find_calls(rewriter.tree());
  const rewrite::NameResolver resolver(rewriter.tree());
  for (const auto& call : handle.calls) handle.resolved.push_back(resolver.resolve(call));
  handle.report = std::move(report);
  return handle;
}

const sw_tree_service* tree_service() {
  return &kService;
}

}  // namespace switcheroo
