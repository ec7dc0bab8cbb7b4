// Helpers for the front-end tests: the tokens of a parsed tree in a compact, comparable form.
#pragma once

#include "python/parse.h"

#include <string>

namespace switcheroo::python::testing {

/// The tree's tokens as "KIND" or "KIND:text", separated by spaces; NEWLINE, INDENT and DEDENT
/// are written without text, EOF is left out.
inline std::string tokens_of(const SyntaxTree& tree) {
  std::string result;
  for (NodeId id = 0; id < tree.size(); ++id) {
    if (!tree.is_token(id) || tree.kind_name(id) == "EOF") continue;
    if (!result.empty()) result += ' ';
    result += tree.kind_name(id);
    const std::string_view kind = tree.kind_name(id);
    if (kind != "NEWLINE" && kind != "INDENT" && kind != "DEDENT") {
      result += ':';
      result += tree.text(id);
    }
  }
  return result;
}

inline std::string tokens_of(std::string source) { return tokens_of(parse(std::move(source))); }

}  // namespace switcheroo::python::testing
