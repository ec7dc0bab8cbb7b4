#include "edits.h"

#include "python/parse.h"
#include "python/syntax_error.h"

#include <sstream>

namespace switcheroo::rewrite {
namespace {

uint32_t line_start(const SyntaxTree& tree, uint32_t offset) {
  const std::string& bytes = tree.source().bytes();
  while (offset > 0 && bytes[offset - 1] != '\n' && bytes[offset - 1] != '\r') --offset;
  return offset;
}

python::SyntaxTree check_parses(std::string text, python::ParseGoal goal, std::string_view what,
                                std::string_view fragment) {
  try {
    return python::parse(std::move(text), goal);
  } catch (const python::SyntaxError& error) {
    throw RewriteError(std::string(what) + " '" + std::string(fragment) +
                       "' does not parse: " + error.message());
  }
}

// The fragment's lines without their common indentation and without trailing blank lines.
std::vector<std::string> dedented_lines(std::string_view fragment) {
  std::vector<std::string> lines;
  std::istringstream stream{std::string(fragment)};
  for (std::string line; std::getline(stream, line);) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    lines.push_back(line);
  }
  while (!lines.empty() && lines.back().find_first_not_of(" \t") == std::string::npos) {
    lines.pop_back();
  }
  size_t common = std::string::npos;
  for (const auto& line : lines) {
    const size_t first = line.find_first_not_of(" \t");
    if (first != std::string::npos) common = std::min(common, first);
  }
  for (auto& line : lines) line.erase(0, std::min(common, line.size()));
  return lines;
}

std::string checked_statements(std::string_view fragment) {
  const auto lines = dedented_lines(fragment);
  if (lines.empty()) throw RewriteError("empty statement fragment");
  std::string text;
  for (const auto& line : lines) text += line + "\n";
  check_parses(text, python::ParseGoal::file, "statement fragment", fragment);
  return text;
}

// `lines` joined so that every line after the first starts at `indent`.
std::string indented(const std::string& text, const std::string& indent) {
  std::string result;
  for (size_t at = 0; at < text.size();) {
    size_t newline = text.find('\n', at);
    const std::string line = text.substr(at, newline - at);
    if (!result.empty()) result += "\n" + (line.empty() ? std::string() : indent);
    result += line;
    at = newline == std::string::npos ? text.size() : newline + 1;
  }
  return result;
}

template <class Item>
void insert_item(Rewriter& rewriter, const ItemList<Item>& list, size_t index,
                 std::string_view text) {
  const SyntaxTree& tree = rewriter.tree();
  if (list.open == python::kNoNode) throw RewriteError("no parenthesized list to insert into");
  if (list.items.empty()) {
    rewriter.replace_range(tree.node(list.open).end, tree.node(list.open).end, std::string(text));
  } else if (index < list.items.size()) {
    rewriter.insert_before(list.items[index].node, std::string(text) + ", ");
  } else {
    rewriter.insert_after(list.items.back().node, ", " + std::string(text));
  }
}

template <class Item>
void remove_item(Rewriter& rewriter, const ItemList<Item>& list, size_t index) {
  const SyntaxTree& tree = rewriter.tree();
  if (index >= list.items.size()) {
    throw RewriteError("there is no item " + std::to_string(index) + " to remove");
  }
  const auto& item = tree.node(list.items[index].node);
  if (index + 1 < list.items.size()) {  // `a, b` -> `b`: the item, its comma and the space
    rewriter.replace_range(item.begin, tree.node(list.items[index + 1].node).begin, "");
  } else if (index > 0) {  // `a, b` -> `a`
    rewriter.replace_range(tree.node(list.items[index - 1].node).end, item.end, "");
  } else {  // the only item, with its trailing comma
    const NodeId next = tree.node(list.items[index].node).next_sibling;
    const bool comma = list.trailing_comma && next != python::kNoNode;
    rewriter.replace_range(item.begin, comma ? tree.node(next).end : item.end, "");
  }
}

// Does the expression parsed as `tree` bind looser than every operator and trailer (a lambda,
// `a if c else b`)? Written bare over a call that is called or an operand
// (`nn.Flatten()(x) + 1` -> `lambda x: ...(x) + 1`), it would take in what follows it.
bool binds_loosest(const SyntaxTree& tree) {
  for (NodeId child : tree.children(tree.root())) {
    if (tree.is_token(child)) continue;
    const std::string_view kind = tree.kind_name(child);
    return kind == "lambdef" || kind == "expression";
  }
  return false;
}

}  // namespace

std::string indentation_of(const SyntaxTree& tree, NodeId node) {
  const std::string& bytes = tree.source().bytes();
  const uint32_t begin = tree.node(node).begin;
  uint32_t at = line_start(tree, begin);
  const uint32_t start = at;
  while (at < begin && (bytes[at] == ' ' || bytes[at] == '\t')) ++at;
  return bytes.substr(start, at - start);
}

void replace_call(Rewriter& rewriter, const Call& call, std::string_view fragment) {
  std::string text(fragment);
  const SyntaxTree parsed = check_parses(text, python::ParseGoal::expression,
                                         "expression fragment", fragment);
  if (binds_loosest(parsed) && !call_stands_alone(rewriter.tree(), call)) {
    text = "(" + text + ")";
  }
  rewriter.replace_range(call.callee_begin, rewriter.tree().node(call.trailer).end, text);
}

void rename_callee(Rewriter& rewriter, const Call& call, std::string_view callee) {
  check_parses(std::string(callee), python::ParseGoal::expression, "callee", callee);
  rewriter.replace_range(call.callee_begin, call.callee_end, std::string(callee));
}

void replace_expression(Rewriter& rewriter, NodeId node, std::string_view fragment) {
  check_parses(std::string(fragment), python::ParseGoal::expression, "expression fragment",
               fragment);
  rewriter.replace(node, std::string(fragment));
}

void insert_argument(Rewriter& rewriter, const Call& call, size_t index,
                     std::string_view argument) {
  check_parses("f(" + std::string(argument) + ")", python::ParseGoal::expression, "argument",
               argument);
  insert_item(rewriter, call.arguments, index, argument);
}

void remove_argument(Rewriter& rewriter, const Call& call, size_t index) {
  remove_item(rewriter, call.arguments, index);
}

void insert_parameter(Rewriter& rewriter, const FunctionDef& function, size_t index,
                      std::string_view parameter) {
  check_parses("def f(" + std::string(parameter) + "): pass\n", python::ParseGoal::file,
               "parameter", parameter);
  insert_item(rewriter, function.parameters, index, parameter);
}

void remove_parameter(Rewriter& rewriter, const FunctionDef& function, size_t index) {
  remove_item(rewriter, function.parameters, index);
}

void insert_statement_before(Rewriter& rewriter, NodeId statement, std::string_view fragment) {
  const SyntaxTree& tree = rewriter.tree();
  const std::string indent = indentation_of(tree, statement);
  const std::string text = checked_statements(fragment);
  rewriter.insert_before(statement, indented(text, indent) + "\n" + indent);
}

// Where the comment lines directly above `statement` at its indentation begin (the `#` of the
// first); the statement's own begin when none are there.
static uint32_t leading_comments_begin(const SyntaxTree& tree, NodeId statement,
                                       const std::string& indent) {
  const std::string& bytes = tree.source().bytes();
  uint32_t at = tree.node(statement).begin;
  while (at >= indent.size() + 1 && bytes[at - indent.size() - 1] == '\n' &&
         bytes.compare(at - indent.size(), indent.size(), indent) == 0) {
    const size_t newline = at - indent.size() - 1;
    const size_t line = newline == 0 ? 0 : bytes.rfind('\n', newline - 1) + 1;  // npos + 1 = 0
    const size_t mark = line + indent.size();
    if (mark >= newline || bytes.compare(line, indent.size(), indent) != 0 || bytes[mark] != '#') {
      break;
    }
    at = static_cast<uint32_t>(mark);
  }
  return at;
}

void insert_statement_above_comments(Rewriter& rewriter, NodeId statement,
                                     std::string_view fragment) {
  const SyntaxTree& tree = rewriter.tree();
  const std::string indent = indentation_of(tree, statement);
  const uint32_t at = leading_comments_begin(tree, statement, indent);
  const std::string text = checked_statements(fragment);
  rewriter.replace_range(at, at, indented(text, indent) + "\n" + indent);
}

void insert_statement_after(Rewriter& rewriter, NodeId statement, std::string_view fragment) {
  const SyntaxTree& tree = rewriter.tree();
  const std::string indent = indentation_of(tree, statement);
  const std::string text = checked_statements(fragment);
  const uint32_t end = tree.node(statement).end;
  const std::string& bytes = tree.source().bytes();
  const bool at_line_start = end > 0 && (bytes[end - 1] == '\n' || bytes[end - 1] == '\r');
  rewriter.replace_range(end, end,
                         (at_line_start ? "" : "\n") + indent + indented(text, indent) + "\n");
}

void remove_statement(Rewriter& rewriter, NodeId statement) {
  const SyntaxTree& tree = rewriter.tree();
  const auto& node = tree.node(statement);
  // Statements of the block that stay (removed ones, of a constructor emptied one statement at
  // a time, do not).
  size_t siblings = 0;
  const uint16_t block = SyntaxTree::kind_of("block");
  if (node.parent != python::kNoNode && tree.node(node.parent).kind == block) {
    for (NodeId child : tree.children(node.parent)) {
      const auto& other = tree.node(child);
      const bool removed = child != statement && rewriter.removes(other.begin, other.end);
      siblings += tree.is_token(child) || removed ? 0 : 1;
    }
  }
  // The block's last statement: keep the block valid, unless a statement was inserted after
  // it (a statement replaced by another).
  if (siblings == 1 && !rewriter.inserts_at(node.end)) {
    const std::string& bytes = tree.source().bytes();
    const bool newline = node.end > 0 && bytes[node.end - 1] == '\n';
    rewriter.replace_range(node.begin, node.end, newline ? "pass\n" : "pass");
    return;
  }
  // The statement's line break belongs to the gap after it: remove it with the line.
  const std::string& bytes = tree.source().bytes();
  uint32_t end = node.end;
  const bool ends_line = end > 0 && bytes[end - 1] == '\n';
  if (!ends_line && end < bytes.size() && bytes[end] == '\r') ++end;
  if (!ends_line && end < bytes.size() && bytes[end] == '\n') ++end;
  rewriter.replace_range(line_start(tree, node.begin), end, "");
}

void add_decorator(Rewriter& rewriter, NodeId definition_statement, std::string_view decorator) {
  check_parses("@" + std::string(decorator) + "\ndef f(): pass\n", python::ParseGoal::file,
               "decorator", decorator);
  const SyntaxTree& tree = rewriter.tree();
  const std::string indent = indentation_of(tree, definition_statement);
  // At the start of the line, so that it can go where remove_decorator took a line away.
  const uint32_t at = line_start(tree, tree.node(definition_statement).begin);
  rewriter.replace_range(at, at, indent + "@" + std::string(decorator) + "\n");
}

void remove_decorator(Rewriter& rewriter, NodeId decorator) {
  const SyntaxTree& tree = rewriter.tree();
  rewriter.replace_range(line_start(tree, tree.node(decorator).begin), tree.node(decorator).end,
                         "");
}

void add_import(Rewriter& rewriter, std::string_view import_statement) {
  const SyntaxTree& tree = rewriter.tree();
  const uint16_t import_name = SyntaxTree::kind_of("import_name");
  const uint16_t import_from = SyntaxTree::kind_of("import_from");
  const uint16_t string_atom = SyntaxTree::kind_of("STRING");
  const uint16_t function_def = SyntaxTree::kind_of("function_def");
  const uint16_t class_def = SyntaxTree::kind_of("class_def");
  const uint16_t decorated = SyntaxTree::kind_of("decorated");
  NodeId last_import = python::kNoNode;
  NodeId first_statement = python::kNoNode;
  NodeId docstring = python::kNoNode;
  // The import block at the head of the module: an import after the first definition (a late
  // `import` at the end of a file) would come after code that uses the new name.
  bool past_head = false;
  for (NodeId statement : tree.children(tree.root())) {
    if (tree.is_token(statement)) continue;
    if (first_statement == python::kNoNode) first_statement = statement;
    for (NodeId inner = statement; inner != python::kNoNode; inner = tree.node(inner).first_child) {
      const uint16_t kind = tree.node(inner).kind;
      if (kind == function_def || kind == class_def || kind == decorated) past_head = true;
      if (past_head) break;
      if (kind == import_name || kind == import_from) last_import = statement;
      if (kind == string_atom && statement == first_statement) docstring = statement;
      if (tree.is_token(inner)) break;
    }
  }
  if (last_import != python::kNoNode) {
    insert_statement_after(rewriter, last_import, import_statement);
  } else if (docstring != python::kNoNode) {
    insert_statement_after(rewriter, docstring, import_statement);
  } else if (first_statement != python::kNoNode) {
    insert_statement_before(rewriter, first_statement, import_statement);
  } else {
    const uint32_t end = static_cast<uint32_t>(tree.source().bytes().size());
    rewriter.replace_range(end, end, checked_statements(import_statement));
  }
}

void remove_import(Rewriter& rewriter, const ImportBinding& binding) {
  const SyntaxTree& tree = rewriter.tree();
  const uint16_t comma = SyntaxTree::kind_of("COMMA");
  // The names of the statement, wherever the grammar put them (the statement or its list).
  const NodeId list = tree.node(binding.item).parent;
  const uint16_t import_name = SyntaxTree::kind_of("import_name");
  const uint16_t import_as_name = SyntaxTree::kind_of("import_as_name");
  ItemList<Argument> items;
  for (NodeId child : tree.children(list)) {
    const uint16_t kind = tree.node(child).kind;
    const bool is_item =
        tree.node(list).kind == import_name ? !tree.is_token(child) : kind == import_as_name;
    if (!is_item || kind == comma) continue;
    Argument item;
    item.node = child;
    items.items.push_back(item);
  }
  if (items.items.size() > 1) {
    for (size_t index = 0; index < items.items.size(); ++index) {
      if (items.items[index].node == binding.item) remove_item(rewriter, items, index);
    }
    return;
  }
  remove_statement(rewriter, enclosing_statement(tree, binding.statement));
}

}  // namespace switcheroo::rewrite
