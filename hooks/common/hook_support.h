// Helpers shared by the rewrite hooks: a call's arguments as text, where a node sits (its
// function, its class, whether it runs in a loop), and option parsing.
#ifndef SWITCHEROO_HOOKS_HOOK_SUPPORT_H
#define SWITCHEROO_HOOKS_HOOK_SUPPORT_H

#include <switcheroo/tree.h>

#include <cctype>
#include <cstring>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace switcheroo::hooks {

inline std::string text_of(sw_text piece) {
  return piece.data == nullptr ? std::string() : std::string(piece.data, piece.size);
}

// A statement's text without its line break.
inline std::string trimmed(sw_text text) {
  std::string line = text_of(text);
  while (!line.empty() && std::isspace(static_cast<unsigned char>(line.back()))) line.pop_back();
  return line;
}

// The arguments of one call site: positional ones in order, keyword ones by name.
struct CallArguments {
  std::vector<std::string> positional;
  std::vector<std::pair<std::string, std::string>> keywords;
  bool unpacked = false;  // a *args or **kwargs: the hooks leave such calls alone

  // Parameter `name` at `position` (npos: keyword only), or nullopt.
  std::optional<std::string> get(std::string_view name, size_t position) const {
    if (position < positional.size()) return positional[position];
    for (const auto& [keyword, value] : keywords) {
      if (keyword == name) return value;
    }
    return std::nullopt;
  }
  size_t count() const { return positional.size() + keywords.size(); }
};

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

// A name, attribute, call or subscript of one: safe to use as an operand without parentheses.
inline bool is_primary(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) return false;
  int depth = 0;
  for (char c : text) {
    if (c == '(' || c == '[') ++depth;
    if (c == ')' || c == ']') --depth;
    const bool word = std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '.';
    if (depth == 0 && !word && c != ')' && c != ']') return false;
  }
  return depth == 0;
}

inline bool is_number(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '.' && c != 'e' && c != '_') {
      return false;
    }
  }
  return std::isdigit(static_cast<unsigned char>(text.front())) != 0;
}

// `text` as an operand of a binary operator.
inline std::string operand(std::string_view text) {
  return is_primary(text) || is_number(text) ? std::string(text) : "(" + std::string(text) + ")";
}

inline bool is_identifier(std::string_view text) {
  if (text.empty() || std::isdigit(static_cast<unsigned char>(text.front()))) return false;
  for (char c : text) {
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_') return false;
  }
  return true;
}

// The definitions of the file, with the node each one starts at.
struct Definitions {
  std::vector<sw_definition_info> items;

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
  // The definition whose function_def / class_def node is `node`, or -1.
  int index_of(sw_node node) const {
    for (size_t i = 0; i < items.size(); ++i) {
      if (items[i].node == node) return static_cast<int>(i);
    }
    return -1;
  }
};

// Where a node sits: its innermost function (-1: module level), the class that function is a
// method of (-1: none), and whether a loop or a branch lies between the node and that scope.
struct Place {
  int function = -1;
  int owner_class = -1;
  bool in_loop = false;
  bool nested = false;  // inside a compound statement of the scope (loop, if, with, try)
};

inline Place place_of(const sw_tree_service& service, const sw_tree* tree,
                      const Definitions& definitions, sw_node node) {
  Place place;
  int blocks = 0;
  for (sw_node at = service.parent(tree, node); at != SW_NO_NODE; at = service.parent(tree, at)) {
    const std::string_view kind = service.kind(tree, at);
    if (kind == "block") ++blocks;
    if (place.function < 0 && (kind == "for_stmt" || kind == "while_stmt")) place.in_loop = true;
    if (kind == "function_def") {
      if (place.function < 0) {
        place.function = definitions.index_of(at);
        place.nested = place.nested || blocks > 1;
        // A method: the function's own block sits directly in a class body.
        sw_node up = service.parent(tree, at);
        while (up != SW_NO_NODE && std::string_view(service.kind(tree, up)) != "class_def" &&
               std::string_view(service.kind(tree, up)) != "function_def") {
          up = service.parent(tree, up);
        }
        if (up != SW_NO_NODE && std::string_view(service.kind(tree, up)) == "class_def") {
          place.owner_class = definitions.index_of(up);
        }
        return place;
      }
    }
    if (kind == "class_def" && place.function < 0) return place;
  }
  place.nested = place.nested || blocks > 0;
  return place;
}

// The statements directly inside a block, in order.
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

#endif  // SWITCHEROO_HOOKS_HOOK_SUPPORT_H
