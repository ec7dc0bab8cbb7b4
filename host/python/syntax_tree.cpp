#include "syntax_tree.h"

#include "PythonLexer.h"
#include "PythonParser.h"

#include <algorithm>
#include <ostream>
#include <sstream>

namespace switcheroo::python {
namespace {

using Parser = generated::PythonParser;

struct KindNames {
  std::vector<std::string> names;  // rule names, then "EOF" and every token's symbolic name
  uint16_t token_base = 0;
};

const KindNames& kind_names() {
  static const KindNames result = [] {
    // The generated parser keeps its names in file statics: ask an idle instance.
    CodePointStream input(U"");
    generated::PythonLexer lexer(&input);
    antlr4::CommonTokenStream tokens(&lexer);
    Parser parser(&tokens);
    KindNames kinds{parser.getRuleNames(), static_cast<uint16_t>(parser.getRuleNames().size())};
    const antlr4::dfa::Vocabulary& vocabulary = parser.getVocabulary();
    kinds.names.push_back("EOF");
    for (std::size_t type = 1; type <= vocabulary.getMaxTokenType(); ++type) {
      kinds.names.push_back(vocabulary.getSymbolicName(type));
    }
    return kinds;
  }();
  return result;
}

void write_quoted(std::ostream& out, std::string_view text) {
  out << '"';
  for (char c : text) {
    switch (c) {
      case '\n': out << "\\n"; break;
      case '\r': out << "\\r"; break;
      case '\t': out << "\\t"; break;
      case '\f': out << "\\f"; break;
      case '"': out << "\\\""; break;
      case '\\': out << "\\\\"; break;
      default: out << c;
    }
  }
  out << '"';
}

}  // namespace

SyntaxTree::SyntaxTree(SourceText source, std::vector<Node> nodes)
    : source_(std::move(source)), nodes_(std::move(nodes)) {}

uint16_t SyntaxTree::token_kind_base() {
  return kind_names().token_base;
}

std::string_view SyntaxTree::kind_name_of(uint16_t kind) {
  const auto& names = kind_names().names;
  return kind < names.size() ? std::string_view(names[kind]) : std::string_view("?");
}

uint16_t SyntaxTree::kind_of(std::string_view name) {
  const auto& names = kind_names().names;
  for (std::size_t kind = 0; kind < names.size(); ++kind) {
    if (names[kind] == name) return static_cast<uint16_t>(kind);
  }
  return UINT16_MAX;
}

std::string_view SyntaxTree::text(NodeId id) const {
  const Node& node = nodes_[id];
  return std::string_view(source_.bytes()).substr(node.begin, node.end - node.begin);
}

std::string_view SyntaxTree::leading_trivia(NodeId id) const {
  const Node& node = nodes_[id];
  return std::string_view(source_.bytes()).substr(node.trivia_begin, node.begin - node.trivia_begin);
}

std::vector<NodeId> SyntaxTree::children(NodeId id) const {
  std::vector<NodeId> result;
  for (NodeId child = nodes_[id].first_child; child != kNoNode; child = nodes_[child].next_sibling) {
    result.push_back(child);
  }
  return result;
}

void SyntaxTree::print(std::ostream& out) const {
  const std::string_view bytes = source_.bytes();
  // Walk the tree rather than the vector, so that the output depends on the tree's links.
  std::vector<NodeId> stack{root()};
  while (!stack.empty()) {
    NodeId id = stack.back();
    stack.pop_back();
    const Node& node = nodes_[id];
    if (is_token(id)) {
      out << bytes.substr(node.trivia_begin, node.end - node.trivia_begin);
      continue;
    }
    const std::size_t mark = stack.size();
    for (NodeId child = node.first_child; child != kNoNode; child = nodes_[child].next_sibling) {
      stack.push_back(child);
    }
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(mark), stack.end());
  }
}

std::string SyntaxTree::to_source() const {
  std::ostringstream out;
  print(out);
  return std::move(out).str();
}

void SyntaxTree::dump(std::ostream& out) const {
  std::vector<std::pair<NodeId, int>> stack{{root(), 0}};
  while (!stack.empty()) {
    auto [id, depth] = stack.back();
    stack.pop_back();
    const Node& node = nodes_[id];
    out << std::string(static_cast<std::size_t>(depth) * 2, ' ') << kind_name(id) << ' ';
    LineColumn begin = source_.line_column(node.begin);
    if (is_token(id)) {
      out << begin.line << ':' << begin.column << ' ';
      write_quoted(out, text(id));
      if (node.trivia_begin != node.begin) {
        out << " trivia=";
        write_quoted(out, leading_trivia(id));
      }
      out << '\n';
      continue;
    }
    LineColumn end = source_.line_column(node.end);
    out << begin.line << ':' << begin.column << '-' << end.line << ':' << end.column << '\n';
    const std::size_t mark = stack.size();
    for (NodeId child = node.first_child; child != kNoNode; child = nodes_[child].next_sibling) {
      stack.push_back({child, depth + 1});
    }
    std::reverse(stack.begin() + static_cast<std::ptrdiff_t>(mark), stack.end());
  }
}

}  // namespace switcheroo::python
