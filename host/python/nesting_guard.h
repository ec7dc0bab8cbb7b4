// Bounds the parser's recursion. ANTLR's generated parser calls one C++ function per grammar
// rule, so input nested deeply enough (`- - - ... 1`, `not not ...`, `a ** a ** ...`,
// `lambda: lambda: ...`, `a if b else a if b else ...`) would overflow the stack. The lexer
// already caps brackets and indentation at CPython's limits; this caps every other nesting.
#pragma once

#include <antlr4-runtime.h>

#include <cstddef>

namespace switcheroo::python {

/// The deepest chain of grammar rules a parse may enter. 200 nested brackets (the lexer's
/// limit) take about 20 rules each, so every bracketed input the lexer accepts stays below it.
constexpr std::size_t kMaxRuleDepth = 5000;

/// The most grammar rules one top-level statement may enter. ANTLR keeps a context for each
/// until the statement is done (about 150 bytes each), so this bounds a parse's memory at
/// about 300 MB whatever the input: a list display of 100,000 numbers enters 1.8 million.
constexpr std::size_t kMaxRulesPerStatement = 2'000'000;

/// A parse listener that counts the rules the parser is inside and throws a located
/// SyntaxError ("too complex to parse") when the count passes `max_depth`, or when the rules
/// entered since the last reset() pass `max_rules`.
class NestingGuard : public antlr4::tree::ParseTreeListener {
 public:
  NestingGuard(antlr4::Parser& parser, std::size_t max_depth = kMaxRuleDepth,
               std::size_t max_rules = kMaxRulesPerStatement)
      : parser_(parser), max_depth_(max_depth), max_rules_(max_rules) {}

  void enterEveryRule(antlr4::ParserRuleContext* context) override;
  void exitEveryRule(antlr4::ParserRuleContext* context) override;
  void visitTerminal(antlr4::tree::TerminalNode*) override {}
  void visitErrorNode(antlr4::tree::ErrorNode*) override {}

  /// Starts counting again, for the next statement or a second parse of the same tokens.
  void reset() {
    depth_ = 0;
    rules_ = 0;
  }
  /// The rules entered since the last reset().
  std::size_t rules() const { return rules_; }
  void set_max_rules(std::size_t max_rules) { max_rules_ = max_rules; }

 private:
  antlr4::Parser& parser_;
  std::size_t max_depth_;
  std::size_t max_rules_;
  std::size_t depth_ = 0;
  std::size_t rules_ = 0;
};

}  // namespace switcheroo::python
