// Call sites as rewrite hooks read them: each call with its resolved name, its text, its
// arguments and the statement it sits in, and small readers of statements built on them.
#ifndef SWITCHEROO_HOOKS_CALLS_H
#define SWITCHEROO_HOOKS_CALLS_H

#include "hook_support.h"

#include <switcheroo/tree.h>

#include <cctype>
#include <string>
#include <string_view>
#include <tuple>
#include <utility>
#include <vector>

namespace switcheroo::hooks {

struct Call {
  uint32_t index;
  sw_call_info info;
  std::string name, callee, original;
  CallArguments arguments;
  sw_node statement;
  std::string line;     // the statement's text, without its line break and trailing comment
  std::string comment;  // that comment (`# type: ignore`), "" when there is none
};

// Splits a trailing `# comment` (outside string literals) off the last line of a statement.
inline std::pair<std::string, std::string> split_comment(const std::string& text) {
  const size_t line_start = text.rfind('\n') == std::string::npos ? 0 : text.rfind('\n') + 1;
  char quote = 0;
  for (size_t at = line_start; at < text.size(); ++at) {
    const char c = text[at];
    if (quote != 0) {
      if (c == '\\')
        ++at;
      else if (c == quote)
        quote = 0;
    } else if (c == '\'' || c == '"') {
      quote = c;
    } else if (c == '#') {
      std::string code = text.substr(0, at);
      while (!code.empty() && (code.back() == ' ' || code.back() == '\t')) code.pop_back();
      return {code, text.substr(at)};
    }
  }
  return {text, ""};
}

// Every call site of the file, in source order.
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

// `receiver.method(...)` with any arguments: the receiver when it is a plain name, else "".
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

// `receiver.method()` with no arguments: the receiver when it is a plain name, else "".
inline std::string receiver_of(const Call& call, const std::string& method) {
  return call.info.argument_count == 0 ? method_receiver(call, method) : "";
}

// How often `name` occurs as a whole word in `text` (strings and comments included).
inline size_t word_count(const std::string& text, const std::string& name) {
  auto word = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) || c == '_'; };
  size_t count = 0;
  for (size_t at = text.find(name); at != std::string::npos; at = text.find(name, at + 1)) {
    const size_t end = at + name.size();
    if ((at == 0 || !word(text[at - 1])) && (end == text.size() || !word(text[end]))) ++count;
  }
  return count;
}

// The text of the function (or, at module level, the file) a node sits in.
inline std::string scope_text(const sw_tree_service& service, const sw_tree* tree, sw_node node) {
  for (sw_node at = service.parent(tree, node); at != SW_NO_NODE; at = service.parent(tree, at)) {
    if (std::string_view(service.kind(tree, at)) == "function_def") {
      return text_of(service.text(tree, at));
    }
  }
  return text_of(service.text(tree, service.root(tree)));
}

// `a, (b, c), d` split at its top-level commas, each part without surrounding spaces.
inline std::vector<std::string> top_level_parts(const std::string& text) {
  std::vector<std::string> parts;
  int depth = 0;
  std::string part;
  auto flush = [&] {
    const size_t begin = part.find_first_not_of(" \t");
    const size_t end = part.find_last_not_of(" \t");
    parts.push_back(begin == std::string::npos ? std::string()
                                               : part.substr(begin, end - begin + 1));
    part.clear();
  };
  for (char c : text) {
    if (c == '(' || c == '[' || c == '{') ++depth;
    if (c == ')' || c == ']' || c == '}') --depth;
    if (c == ',' && depth == 0) {
      flush();
      continue;
    }
    part += c;
  }
  flush();
  return parts;
}

// The call in `calls` whose whole text is `text` inside `statement`, or nullptr.
inline const Call* call_written(const std::vector<Call>& calls, sw_node statement,
                                const std::string& text) {
  for (const Call& call : calls) {
    if (call.statement == statement && call.original == text) return &call;
  }
  return nullptr;
}

}  // namespace switcheroo::hooks

#endif  // SWITCHEROO_HOOKS_CALLS_H
