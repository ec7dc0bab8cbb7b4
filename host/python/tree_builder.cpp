#include "tree_builder.h"

#include <typeinfo>

namespace switcheroo::python {
namespace {

// The parse tree holds rule contexts and terminal nodes only (the parser throws at the first
// error, so there are no error nodes); comparing the dynamic type is much cheaper than a
// dynamic_cast, which the profile showed to be a tenth of the parse time.
bool is_terminal(antlr4::tree::ParseTree* node) {
  return typeid(*node) == typeid(antlr4::tree::TerminalNodeImpl);
}

}  // namespace

NodeId link_child(std::vector<Node>& nodes, NodeId parent, NodeId previous, NodeId child) {
  if (previous == kNoNode) {
    nodes[parent].first_child = child;
  } else {
    nodes[previous].next_sibling = child;
  }
  return child;
}

class TreeBuilder {
 public:
  // `char_base`: the code point index of the parsed input's first character in `source`;
  // `position`: the byte offset where the first token's leading trivia starts.
  TreeBuilder(const SourceText& source, std::size_t token_estimate, std::size_t char_base = 0,
              uint32_t position = 0)
      : source_(source), char_base_(char_base), position_(position) {
    nodes_.reserve(token_estimate * 2);
  }

  NodeId add_rule(antlr4::ParserRuleContext* context, NodeId parent) {
    // A rule with one rule child adds nothing but depth: keep only the child.
    while (context->children.size() == 1 && !is_terminal(context->children.front())) {
      context = static_cast<antlr4::ParserRuleContext*>(context->children.front());
    }
    const NodeId id = append(static_cast<uint16_t>(context->getRuleIndex()), parent);
    NodeId previous = kNoNode;
    for (antlr4::tree::ParseTree* child : context->children) {
      NodeId child_id = kNoNode;
      if (is_terminal(child)) {
        child_id = add_token(static_cast<antlr4::tree::TerminalNode*>(child)->getSymbol(), id);
      } else {
        child_id = add_rule(static_cast<antlr4::ParserRuleContext*>(child), id);
      }
      link(id, previous, child_id);
      previous = child_id;
    }
    close(id, previous);
    return id;
  }

  NodeId append(uint16_t kind, NodeId parent) {
    Node node;
    node.kind = kind;
    node.parent = parent;
    nodes_.push_back(node);
    return static_cast<NodeId>(nodes_.size() - 1);
  }

  NodeId add_token(antlr4::Token* token, NodeId parent) {
    const size_t type = token->getType();
    const auto kind = static_cast<uint16_t>(SyntaxTree::token_kind_base() +
                                            (type == antlr4::Token::EOF ? 0 : type));
    const NodeId id = append(kind, parent);
    Node& node = nodes_[id];
    node.trivia_begin = position_;
    if (type == antlr4::Token::EOF) {
      node.begin = node.end = static_cast<uint32_t>(source_.bytes().size());
    } else if (token->getStopIndex() + 1 == token->getStartIndex()) {
      // INDENT, DEDENT and the NEWLINE added at the end of a file: zero width, no trivia.
      node.begin = node.end = position_;
    } else {
      node.begin = source_.byte_offset(char_base_ + token->getStartIndex());
      node.end = source_.byte_offset(char_base_ + token->getStopIndex() + 1);
    }
    position_ = node.end;
    return id;
  }

  void link(NodeId parent, NodeId previous, NodeId child) {
    link_child(nodes_, parent, previous, child);
  }

  // A rule's range is that of its children, from the first one's trivia to the last one's end.
  void close(NodeId id, NodeId last_child) {
    Node& node = nodes_[id];
    if (node.first_child != kNoNode) {
      const Node& first = nodes_[node.first_child];
      node.trivia_begin = first.trivia_begin;
      node.begin = first.begin;
      node.end = nodes_[last_child].end;
    } else {
      node.trivia_begin = node.begin = node.end = position_;
    }
  }

  std::vector<Node> take() { return std::move(nodes_); }
  uint32_t position() const { return position_; }

 private:
  const SourceText& source_;
  std::vector<Node> nodes_;
  std::size_t char_base_;
  uint32_t position_;
};

FileTreeBuilder::FileTreeBuilder(const SourceText& source, uint16_t file_kind)
    : builder_(std::make_unique<TreeBuilder>(source, source.characters().size() / 4 + 16)) {
  builder_->append(file_kind, kNoNode);
}

FileTreeBuilder::FileTreeBuilder(const SourceText& source, uint16_t file_kind,
                                 std::size_t char_begin, std::size_t char_end)
    : builder_(std::make_unique<TreeBuilder>(source, (char_end - char_begin) / 4 + 16, char_begin,
                                             source.byte_offset(char_begin))) {
  builder_->append(file_kind, kNoNode);
}

FileTreeBuilder::~FileTreeBuilder() = default;

void FileTreeBuilder::add_statement(antlr4::ParserRuleContext& statement) {
  const NodeId id = builder_->add_rule(&statement, kFile);
  builder_->link(kFile, last_child_, id);
  last_child_ = id;
}

std::vector<Node> FileTreeBuilder::finish(antlr4::Token* end_of_file) {
  const NodeId id = builder_->add_token(end_of_file, kFile);
  builder_->link(kFile, last_child_, id);
  builder_->close(kFile, id);
  return builder_->take();
}

uint32_t FileTreeBuilder::position() const {
  return builder_->position();
}

std::vector<Node> FileTreeBuilder::take_statements() {
  return builder_->take();
}

std::vector<Node> build_nodes(antlr4::ParserRuleContext& tree, const SourceText& source) {
  TreeBuilder builder(source, source.characters().size() / 4 + 16);
  builder.add_rule(&tree, kNoNode);
  return builder.take();
}

}  // namespace switcheroo::python
