#include "reparse.h"

#include "nesting_guard.h"
#include "parse.h"
#include "statement_run.h"
#include "syntax_checks.h"
#include "syntax_error.h"
#include "tree_builder.h"

#include <algorithm>
#include <cstdlib>
#include <map>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace switcheroo::python {
namespace {

// The most rules the parser enters from a statement to a statement in its block:
// statement, compound_stmt, decorated, function_def, block is five; this leaves room.
constexpr std::size_t kRulesPerBlockLevel = 8;

// Where an old offset that no change is inside lands in the new text. Changes ending before
// it move it; an insertion exactly at it does not (it belongs to what follows the offset).
class Shift {
 public:
  explicit Shift(const std::vector<TextChange>& changes) : changes_(changes) {
    int64_t total = 0;
    for (const TextChange& change : changes) {
      total += int64_t{change.length} - (int64_t{change.end} - change.begin);
      after_.push_back(total);
    }
  }

  uint32_t operator()(uint32_t offset) const {
    const auto before = std::partition_point(
        changes_.begin(), changes_.end(), [&](const TextChange& change) {
          return change.end < offset || (change.end == offset && change.begin < change.end);
        });
    const auto count = static_cast<std::size_t>(before - changes_.begin());
    return static_cast<uint32_t>(offset + (count == 0 ? 0 : after_[count - 1]));
  }

 private:
  const std::vector<TextChange>& changes_;
  std::vector<int64_t> after_;
};

// A statement's region: its leading trivia and its text. The regions of a block's statements
// (and of the file's) tile it; an insertion at a boundary belongs to the statement after it.
bool holds(const Node& statement, const TextChange& change) {
  if (change.begin == change.end) {
    return statement.trivia_begin <= change.begin && change.begin < statement.end;
  }
  return statement.trivia_begin <= change.begin && change.end <= statement.end;
}

// The code point at (or holding) a byte offset; the number of code points at the end.
std::size_t char_index(const SourceText& source, uint32_t byte_offset) {
  std::size_t low = 0;
  std::size_t high = source.characters().size() + 1;  // byte_offset(size()) is the end
  while (low < high) {  // the first code point that starts after the offset, less one
    const std::size_t middle = low + (high - low) / 2;
    if (source.byte_offset(middle) <= byte_offset) {
      low = middle + 1;
    } else {
      high = middle;
    }
  }
  return low == 0 ? 0 : low - 1;
}

// Whether the bytes two texts share decode to the same code points. A text whose code points
// are its bytes is ASCII or decoded a byte at a time (a cookie's encoding): either way a byte
// both have is the same code point, and a multi-byte text is UTF-8 in both.
bool decode_alike(const SourceText& a, const SourceText& b) {
  const auto bom = [](const SourceText& text) { return text.bytes().rfind("\xEF\xBB\xBF", 0) == 0; };
  const auto one_to_one = [&](const SourceText& text) {
    return text.characters().size() + (bom(text) ? 3 : 0) == text.bytes().size();
  };
  return bom(a) == bom(b) && one_to_one(a) == one_to_one(b);
}

uint16_t block_kind() {
  static const uint16_t kind = SyntaxTree::kind_of("block");
  return kind;
}

// The statements of a file or of an indented block are its children that are rules.
NodeId statement_holding(const SyntaxTree& tree, NodeId parent, const TextChange& change) {
  for (NodeId child = tree.node(parent).first_child; child != kNoNode;
       child = tree.node(child).next_sibling) {
    if (!tree.is_token(child) && holds(tree.node(child), change)) return child;
  }
  return kNoNode;
}

// A statement inside one of `node`'s blocks (its own, or an else's, an except's, ...) holding
// the change.
NodeId inner_statement_holding(const SyntaxTree& tree, NodeId node, const TextChange& change) {
  for (NodeId child = tree.node(node).first_child; child != kNoNode;
       child = tree.node(child).next_sibling) {
    const Node& n = tree.node(child);
    if (tree.is_token(child) || change.begin < n.trivia_begin || n.end < change.end) continue;
    const NodeId found = n.kind == block_kind() ? statement_holding(tree, child, change)
                                                : inner_statement_holding(tree, child, change);
    if (found != kNoNode) return found;
  }
  return kNoNode;
}

// The smallest statement holding the change, or kNoNode when no statement does.
NodeId smallest_statement(const SyntaxTree& tree, const TextChange& change) {
  NodeId statement = statement_holding(tree, tree.root(), change);
  for (NodeId inner = statement; inner != kNoNode;
       inner = inner_statement_holding(tree, statement, change)) {
    statement = inner;
  }
  return statement;
}

// The smallest statements holding the changes, none inside another, in source order; nothing
// when a change is in no statement.
std::optional<std::vector<NodeId>> changed_statements(const SyntaxTree& tree,
                                                      const std::vector<TextChange>& changes) {
  std::vector<NodeId> found;
  for (const TextChange& change : changes) {
    const NodeId statement = smallest_statement(tree, change);
    if (statement == kNoNode) return std::nullopt;
    found.push_back(statement);
  }
  std::sort(found.begin(), found.end(), [&](NodeId a, NodeId b) {
    const Node& x = tree.node(a);
    const Node& y = tree.node(b);
    return x.trivia_begin != y.trivia_begin ? x.trivia_begin < y.trivia_begin : x.end > y.end;
  });
  std::vector<NodeId> outermost;
  for (NodeId statement : found) {
    if (!outermost.empty() && tree.node(statement).trivia_begin < tree.node(outermost.back()).end) {
      continue;  // the same statement again, or one inside the last
    }
    outermost.push_back(statement);
  }
  return outermost;
}

NodeId top_level_statement(const SyntaxTree& tree, NodeId statement) {
  while (tree.node(statement).parent != tree.root()) statement = tree.node(statement).parent;
  return statement;
}

// The lexer's indentation stack at a statement's first line: column 0, then the level of each
// block it is in, which the first statement of the block set.
std::vector<PythonLexerBase::Indent> enclosing_indents(const SyntaxTree& tree, NodeId statement) {
  std::vector<PythonLexerBase::Indent> levels;
  const SourceText& source = tree.source();
  for (NodeId node = tree.node(statement).parent; node != kNoNode; node = tree.node(node).parent) {
    if (tree.node(node).kind != block_kind()) continue;
    NodeId first = tree.node(node).first_child;
    while (tree.is_token(first)) first = tree.node(first).next_sibling;
    const std::size_t start = char_index(source, tree.node(first).begin);
    levels.push_back(PythonLexerBase::indentation(source.characters(), start));
  }
  levels.push_back({0, 0});
  std::reverse(levels.begin(), levels.end());
  return levels;
}

// Copies the old tree into a new node vector, with the changed statements' nodes in place of
// theirs and every other node moved to where its bytes are now.
class Splicer {
 public:
  Splicer(const SyntaxTree& old, const Shift& shift,
          const std::map<NodeId, const ParsedRun*>& replaced)
      : old_(old), shift_(shift), replaced_(replaced) {
    nodes_.reserve(old.size() + old.size() / 4);
  }

  std::vector<Node> splice() {
    copy(old_.root(), kNoNode);
    return std::move(nodes_);
  }

 private:
  NodeId copy(NodeId old_id, NodeId parent) {
    const auto id = static_cast<NodeId>(nodes_.size());
    Node node = old_.node(old_id);
    node.parent = parent;
    node.first_child = node.next_sibling = kNoNode;
    nodes_.push_back(node);
    NodeId previous = kNoNode;
    for (NodeId child = old_.node(old_id).first_child; child != kNoNode;
         child = old_.node(child).next_sibling) {
      const auto run = replaced_.find(child);
      if (run == replaced_.end()) {
        previous = link(id, previous, copy(child, id));
        continue;
      }
      const std::vector<Node>& parsed = run->second->nodes;
      for (NodeId statement = parsed[0].first_child; statement != kNoNode;
           statement = parsed[statement].next_sibling) {
        previous = link(id, previous, append(parsed, statement, id));
      }
    }
    Node& copied = nodes_[id];
    if (previous == kNoNode) {
      copied.trivia_begin = shift_(copied.trivia_begin);
      copied.begin = shift_(copied.begin);
      copied.end = shift_(copied.end);
    } else {
      copied.trivia_begin = nodes_[copied.first_child].trivia_begin;
      copied.begin = nodes_[copied.first_child].begin;
      copied.end = nodes_[previous].end;
    }
    return id;
  }

  // Appends the subtree of a parsed statement, whose nodes follow it up to its next sibling.
  NodeId append(const std::vector<Node>& parsed, NodeId statement, NodeId parent) {
    const NodeId end = parsed[statement].next_sibling == kNoNode
                           ? static_cast<NodeId>(parsed.size())
                           : parsed[statement].next_sibling;
    const auto id = static_cast<NodeId>(nodes_.size());
    const auto moved = [&](NodeId n) { return n == kNoNode ? kNoNode : n - statement + id; };
    for (NodeId n = statement; n < end; ++n) {
      Node node = parsed[n];
      node.parent = n == statement ? parent : moved(node.parent);
      node.first_child = moved(node.first_child);
      node.next_sibling = n == statement ? kNoNode : moved(node.next_sibling);
      nodes_.push_back(node);
    }
    return id;
  }

  NodeId link(NodeId parent, NodeId previous, NodeId child) {
    return link_child(nodes_, parent, previous, child);
  }

  const SyntaxTree& old_;
  const Shift& shift_;
  const std::map<NodeId, const ParsedRun*>& replaced_;
  std::vector<Node> nodes_;
};

// The incremental parse; nothing where the whole file has to be parsed instead.
class Reparser {
 public:
  Reparser(const SyntaxTree& old, const std::vector<TextChange>& changes)
      : old_(old), changes_(changes), shift_(changes) {}

  std::optional<SyntaxTree> run(std::string text) {
    const auto statements = changed_statements(old_, changes_);
    if (!statements) return std::nullopt;
    SourceText source(std::move(text));
    try {
      source.decode();
    } catch (const SyntaxError&) {
      return std::nullopt;
    }
    if (!decode_alike(source, old_.source())) return std::nullopt;
    std::vector<ParsedRun> runs;
    runs.reserve(statements->size());
    for (NodeId statement : *statements) {
      auto parsed = parse_again(source, statement);
      if (!parsed) return std::nullopt;
      runs.push_back(std::move(*parsed));
      replaced_[statement] = &runs.back();
    }
    if (!keeps_statements()) return std::nullopt;
    SyntaxTree tree(std::move(source), Splicer(old_, shift_, replaced_).splice());
    try {
      check_syntax(tree);
    } catch (const SyntaxError&) {
      return std::nullopt;
    }
    runs_ = runs.size();
    return tree;
  }

  std::size_t runs() const { return runs_; }

 private:
  // At most how many rules the whole file's parse of a top-level statement enters outside
  // the runs parsed again, and inside those so far. Outside, each node of the tree stands for
  // itself and the chain of single-child rules left out above it, and no rule repeats in
  // such a chain (that would be left recursion): at most one rule of each kind a node.
  std::size_t& rules_used(NodeId top) {
    const auto [entry, added] = rules_used_.try_emplace(top, 0);
    if (added) {
      const NodeId after = old_.node(top).next_sibling;  // the subtree ends there
      std::size_t rule_nodes = 0;
      for (NodeId id = top; id < (after == kNoNode ? old_.size() : after); ++id) {
        if (!old_.is_token(id)) ++rule_nodes;
      }
      entry->second = rule_nodes * SyntaxTree::token_kind_base();
    }
    return entry->second;
  }

  // A statement removed with its leading trivia: the lines after it are read by the lexer in
  // the state it read the statement's first line in, so nothing else changes, as long as its
  // block keeps a statement (checked once every change is known, in keeps_statements()).
  std::optional<ParsedRun> removed(NodeId statement) {
    if (old_.node(statement).parent != old_.root()) emptied_.push_back(statement);
    ParsedRun nothing;
    nothing.nodes.emplace_back();
    return nothing;
  }

  bool keeps_statements() const {
    for (NodeId statement : emptied_) {
      const NodeId block = old_.node(statement).parent;
      bool kept = false;
      for (NodeId child = old_.node(block).first_child; child != kNoNode && !kept;
           child = old_.node(child).next_sibling) {
        const auto run = replaced_.find(child);
        kept = !old_.is_token(child) && (run == replaced_.end() || run->second->rules.size() > 0);
      }
      if (!kept) return false;
    }
    return true;
  }

  // Parses the new text of an old statement on its own, within the limits a whole parse
  // would have left it.
  std::optional<ParsedRun> parse_again(const SourceText& source, NodeId statement) {
    const Node& old = old_.node(statement);
    StatementRun run;
    run.char_begin = char_index(source, shift_(old.trivia_begin));
    run.char_end = char_index(source, shift_(old.end));
    run.enclosing = enclosing_indents(old_, statement);
    const std::size_t levels = run.enclosing.size() - 1;
    if (run.char_begin == run.char_end) return removed(statement);
    run.max_depth = kMaxRuleDepth - kRulesPerBlockLevel * levels;
    if (levels == 0) {  // top-level statements: each has the whole budget, as in a whole parse
      run.max_rules = kMaxRulesPerStatement;
      return parse_statement_run(source, run);
    }
    std::size_t& used = rules_used(top_level_statement(old_, statement));
    if (used >= kMaxRulesPerStatement) return std::nullopt;
    run.max_rules = kMaxRulesPerStatement - used;
    auto parsed = parse_statement_run(source, run);
    if (parsed) {
      for (std::size_t rules : parsed->rules) used += rules;
    }
    return parsed;
  }

  const SyntaxTree& old_;
  const std::vector<TextChange>& changes_;
  Shift shift_;
  std::map<NodeId, std::size_t> rules_used_;
  std::map<NodeId, const ParsedRun*> replaced_;
  std::vector<NodeId> emptied_;  // statements in blocks removed whole
  std::size_t runs_ = 0;
};

std::string dumped(const SyntaxTree& tree) {
  std::ostringstream out;
  tree.dump(out);
  return out.str();
}

// SWITCHEROO_CHECK_REPARSE: the tree must be the one a whole parse gives.
void check_against_whole_parse(const SyntaxTree& tree) {
  static const bool checking = std::getenv("SWITCHEROO_CHECK_REPARSE") != nullptr;
  if (!checking) return;
  std::optional<SyntaxTree> whole;
  try {
    whole.emplace(parse(tree.source().bytes()));
  } catch (const SyntaxError& error) {
    throw std::logic_error("reparse gave a tree where a whole parse fails: " + error.message());
  }
  if (dumped(*whole) != dumped(tree)) {
    throw std::logic_error("reparse gave a tree other than a whole parse's");
  }
}

ReparseStatistics statistics;

}  // namespace

const ReparseStatistics& reparse_statistics() {
  return statistics;
}

SyntaxTree reparse(const SyntaxTree& old, std::string text,
                   const std::vector<TextChange>& changes) {
  Reparser reparser(old, changes);
  std::optional<SyntaxTree> tree = reparser.run(text);
  ++statistics.reparses;
  statistics.runs += reparser.runs();
  if (!tree) ++statistics.whole;
  if (!tree) return parse(std::move(text));
  check_against_whole_parse(*tree);
  return std::move(*tree);
}

}  // namespace switcheroo::python
