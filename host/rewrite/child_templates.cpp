#include "child_templates.h"

#include <algorithm>
#include <map>
#include <set>
#include <utility>

namespace switcheroo::rewrite {
namespace {

bool is_dotted_name(const std::string& text) {
  if (text.empty() || text.front() == '.' || text.back() == '.') return false;
  for (char c : text) {
    const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    if (!word && c != '_' && c != '.') return false;
  }
  return !(text.front() >= '0' && text.front() <= '9');
}

// A plain string literal's contents ('fc' or "fc"), nullopt for anything else.
std::optional<std::string> string_literal(const SyntaxTree& tree, NodeId node) {
  const std::string text = token_text(tree, node);
  if (text.size() < 2 || (text.front() != '\'' && text.front() != '"') ||
      text.back() != text.front()) {
    return std::nullopt;
  }
  const std::string inner = text.substr(1, text.size() - 2);
  if (inner.find_first_of("'\"\\") != std::string::npos) return std::nullopt;
  return inner;
}

}  // namespace

std::vector<ChildTemplate> find_child_templates(
    const SyntaxTree& tree, const std::vector<Call>& calls, const std::string& method,
    const std::function<bool(const std::string&)>& is_template) {
  std::vector<ChildTemplate> found;
  if (method.empty()) return found;
  std::map<NodeId, const Call*> by_primary;
  for (const Call& call : calls) {
    // Only a call that is the whole primary (`f(x)`, not `f(x).y` or `f(x)(y)`).
    if (tree.node(call.trailer).next_sibling == python::kNoNode) by_primary[call.primary] = &call;
  }
  for (const Call& call : calls) {
    if (call.dotted_callee != "self." + method || call.arguments.items.size() != 2) continue;
    const auto& name = call.arguments.items[0];
    const auto& value = call.arguments.items[1];
    if (name.kind != Argument::Kind::positional || value.kind != Argument::Kind::positional) {
      continue;
    }
    const auto literal = string_literal(tree, name.value);
    auto inner = by_primary.find(value.value);
    if (!literal || inner == by_primary.end() || !is_template(inner->second->dotted_callee)) {
      continue;
    }
    const auto& items = inner->second->arguments.items;
    if (items.empty() || items[0].kind != Argument::Kind::positional) continue;
    found.push_back({&call, inner->second, *literal, items[0].value});
  }
  return found;
}

std::vector<NodeId> list_elements(const SyntaxTree& tree, NodeId list) {
  std::vector<NodeId> elements;
  for (NodeId child : tree.children(list)) {
    const std::string_view kind = tree.kind_name(child);
    if (kind != "LSQB" && kind != "RSQB" && kind != "COMMA" && kind != "comprehension" &&
        kind != "for_if_clause") {
      elements.push_back(child);
    }
  }
  return elements;
}

std::vector<ChildList> find_child_lists(
    const SyntaxTree& tree, const std::vector<Call>& calls, const std::string& method,
    const std::function<bool(const std::string&)>& is_template) {
  std::vector<ChildList> found;
  if (method.empty()) return found;
  std::set<std::pair<uint32_t, uint32_t>> templates;  // the spans of whole template calls
  for (const Call& call : calls) {
    if (tree.node(call.trailer).next_sibling != python::kNoNode) continue;
    if (!is_template(call.dotted_callee)) continue;
    templates.insert({tree.node(call.primary).begin, tree.node(call.primary).end});
  }
  for (const Call& call : calls) {
    if (call.dotted_callee != "self." + method || call.arguments.items.size() != 2) continue;
    const auto& name = call.arguments.items[0];
    const auto& value = call.arguments.items[1];
    const auto literal = string_literal(tree, name.value);
    if (!literal || name.kind != Argument::Kind::positional ||
        value.kind != Argument::Kind::positional || tree.kind_name(value.value) != "list_display") {
      continue;
    }
    const auto elements = list_elements(tree, value.value);
    const bool all = std::all_of(elements.begin(), elements.end(), [&](NodeId element) {
      return templates.count({tree.node(element).begin, tree.node(element).end}) > 0;
    });
    if (!elements.empty() && all) found.push_back({&call, *literal, value.value});
  }
  return found;
}

std::optional<Call> as_layer_call(const SyntaxTree& tree, const Call& template_call) {
  const auto& items = template_call.arguments.items;
  if (items.empty() || items[0].kind != Argument::Kind::positional) return std::nullopt;
  const std::string callee = token_text(tree, items[0].value);
  const auto& node = tree.node(items[0].value);
  // Written without spaces, so that byte offsets inside it follow the text.
  if (!is_dotted_name(callee) || node.end - node.begin != callee.size()) return std::nullopt;
  Call call = template_call;
  call.callee_begin = node.begin;
  call.callee_end = node.end;
  call.dotted_callee = callee;
  // As find_calls has it: `pl.Linear(...)` calls 'Linear' on the receiver `pl`.
  const size_t dot = callee.rfind('.');
  call.method = dot == std::string::npos ? std::string() : callee.substr(dot + 1);
  call.receiver_end = dot == std::string::npos ? 0 : call.callee_end - (callee.size() - dot);
  call.arguments.items.erase(call.arguments.items.begin());
  return call;
}

}  // namespace switcheroo::rewrite
