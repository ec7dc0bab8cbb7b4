// Header-only helpers for hook authors: the file's call sites and definitions as hooks read
// them through the tree service (<switcheroo/tree.h>), and where a node sits.
#ifndef SWITCHEROO_HOOK_TREE_HPP
#define SWITCHEROO_HOOK_TREE_HPP

#include <switcheroo/hook_text.hpp>
#include <switcheroo/tree.h>

#include <optional>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace switcheroo::hooks {

/// The arguments of one call site: positional ones in order, keyword ones by name.
struct CallArguments {
  std::vector<std::string> positional;                          ///< texts, in order
  std::vector<std::pair<std::string, std::string>> keywords;    ///< (keyword, text)
  bool unpacked = false;  ///< a *args or **kwargs: hooks usually leave such calls alone

  /// Parameter `name` at `position` (npos: keyword only), or nullopt.
  std::optional<std::string> get(std::string_view name, size_t position) const {
    if (position < positional.size()) return positional[position];
    for (const auto& [keyword, value] : keywords) {
      if (keyword == name) return value;
    }
    return std::nullopt;
  }
  /// How many arguments the call passes.
  size_t count() const { return positional.size() + keywords.size(); }
};

/// The `count` arguments of call `call` of `tree`.
inline CallArguments call_arguments(const sw_tree_service& service, sw_tree* tree, uint32_t call,
                                    uint32_t count) {
  CallArguments arguments;
  for (uint32_t i = 0; i < count; ++i) {
    sw_text keyword{nullptr, 0};
    const sw_node node = service.call_argument(tree, call, i, &keyword);
    std::string value = text_of(service.text(tree, node));
    if (keyword.size != 0) {
      // The node is the whole `name=value` argument.
      const size_t equals = value.find('=');
      const size_t start = value.find_first_not_of(" \t\r\n", equals + 1);
      value = start == std::string::npos ? std::string() : value.substr(start);
    }
    if (value.rfind('*', 0) == 0) arguments.unpacked = true;
    if (keyword.size == 0) {
      arguments.positional.push_back(std::move(value));
    } else {
      arguments.keywords.emplace_back(text_of(keyword), std::move(value));
    }
  }
  return arguments;
}

/// One call site with what hooks read of it.
struct Call {
  uint32_t index;           ///< for the tree service's call functions
  sw_call_info info;        ///< as sw_tree_service::call fills it
  std::string name;         ///< qualified API, method name or local name
  std::string callee;       ///< the called expression as written
  std::string original;     ///< the whole call as written
  CallArguments arguments;  ///< its arguments
  sw_node statement;        ///< the statement it sits in
  std::string line;     ///< the statement's text, without its line break and trailing comment
  std::string comment;  ///< that comment (`# type: ignore`), "" when there is none
};

/// Every call site of the file, in source order.
inline std::vector<Call> calls_of(const sw_tree_service& service, sw_tree* tree) {
  std::vector<Call> calls;
  for (uint32_t index = 0; index < service.call_count(tree); ++index) {
    Call call{index, {}, {}, {}, {}, {}, 0, {}, {}};
    call.info.struct_size = sizeof(call.info);
    if (service.call(tree, index, &call.info) != SW_OK) break;
    call.name = call.info.name;
    call.callee = text_of(call.info.callee);
    call.original = call.callee + text_of(service.text(tree, call.info.trailer));
    call.arguments = call_arguments(service, tree, index, call.info.argument_count);
    call.statement = service.statement_of(tree, call.info.trailer);
    std::tie(call.line, call.comment) = split_comment(trimmed(service.text(tree, call.statement)));
    calls.push_back(std::move(call));
  }
  return calls;
}

/// `receiver.method(...)` with any arguments: the receiver when it is a plain name, else "".
inline std::string method_receiver(const Call& call, const std::string& method) {
  const std::string suffix = "." + method;
  if (call.info.kind != SW_CALL_METHOD || call.name != method ||
      call.callee.size() <= suffix.size() ||
      call.callee.compare(call.callee.size() - suffix.size(), suffix.size(), suffix) != 0) {
    return "";
  }
  const std::string receiver = call.callee.substr(0, call.callee.size() - suffix.size());
  return is_identifier(receiver) ? receiver : "";
}

/// `receiver.method()` with no arguments: the receiver when it is a plain name, else "".
inline std::string receiver_of(const Call& call, const std::string& method) {
  return call.info.argument_count == 0 ? method_receiver(call, method) : "";
}

/// The call in `calls` whose whole text is `text` inside `statement`, or nullptr.
inline const Call* call_written(const std::vector<Call>& calls, sw_node statement,
                                const std::string& text) {
  for (const Call& call : calls) {
    if (call.statement == statement && call.original == text) return &call;
  }
  return nullptr;
}

/// The text of the function (or, at module level, the file) a node sits in.
inline std::string scope_text(const sw_tree_service& service, const sw_tree* tree, sw_node node) {
  for (sw_node at = service.parent(tree, node); at != SW_NO_NODE; at = service.parent(tree, at)) {
    if (std::string_view(service.kind(tree, at)) == "function_def") {
      return text_of(service.text(tree, at));
    }
  }
  return text_of(service.text(tree, service.root(tree)));
}

/// The definitions of the file, with the node each one starts at.
struct Definitions {
  std::vector<sw_definition_info> items;  ///< in source order, indexed like the tree service

  /// Reads every definition of `tree`.
  static Definitions of(const sw_tree_service& service, const sw_tree* tree) {
    Definitions definitions;
    for (uint32_t index = 0; index < service.definition_count(tree); ++index) {
      sw_definition_info info{};
      info.struct_size = sizeof(info);
      if (service.definition(tree, index, &info) != SW_OK) break;
      definitions.items.push_back(info);
    }
    return definitions;
  }
  /// The definition whose function_def / class_def node is `node`, or -1.
  int index_of(sw_node node) const {
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i].node == node) return static_cast<int>(i);
    }
    return -1;
  }
};

/// Where a node sits: its innermost function (-1: module level), the class that function is a
/// method of (-1: none), and whether a loop or a branch lies between the node and that scope.
struct Place {
  int function = -1;     ///< index into Definitions::items
  int owner_class = -1;  ///< index into Definitions::items
  bool in_loop = false;  ///< inside a for or while of the scope
  bool nested = false;   ///< inside a compound statement of the scope (loop, if, with, try)
};

/// The class that a function_def node is a method of, or -1.
inline int method_owner(const sw_tree_service& service, const sw_tree* tree,
                        const Definitions& definitions, sw_node function) {
  // A method: the function's own block sits directly in a class body.
  sw_node up = service.parent(tree, function);
  while (up != SW_NO_NODE && std::string_view(service.kind(tree, up)) != "class_def" &&
         std::string_view(service.kind(tree, up)) != "function_def") {
    up = service.parent(tree, up);
  }
  if (up == SW_NO_NODE || std::string_view(service.kind(tree, up)) != "class_def") return -1;
  return definitions.index_of(up);
}

/// Where `node` sits (Place).
inline Place place_of(const sw_tree_service& service, const sw_tree* tree,
                      const Definitions& definitions, sw_node node) {
  Place place;
  int blocks = 0;
  for (sw_node at = service.parent(tree, node); at != SW_NO_NODE; at = service.parent(tree, at)) {
    const std::string_view kind = service.kind(tree, at);
    if (kind == "block") ++blocks;
    if (place.function < 0 && (kind == "for_stmt" || kind == "while_stmt")) place.in_loop = true;
    if (kind == "function_def") {
      place.function = definitions.index_of(at);
      place.nested = place.nested || blocks > 1;
      place.owner_class = method_owner(service, tree, definitions, at);
      return place;
    }
    if (kind == "class_def") return place;
  }
  place.nested = place.nested || blocks > 0;
  return place;
}

/// The statements directly inside a block, in order.
inline std::vector<sw_node> statements_of(const sw_tree_service& service, const sw_tree* tree,
                                          sw_node block) {
  std::vector<sw_node> statements;
  for (sw_node child = service.first_child(tree, block); child != SW_NO_NODE;
       child = service.next_sibling(tree, child)) {
    const std::string_view kind = service.kind(tree, child);
    if (kind == "NEWLINE" || kind == "INDENT" || kind == "DEDENT") continue;
    statements.push_back(child);
  }
  return statements;
}

}  // namespace switcheroo::hooks

#endif  // SWITCHEROO_HOOK_TREE_HPP
