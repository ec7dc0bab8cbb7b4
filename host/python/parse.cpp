#include "parse.h"

#include "PythonLexer.h"
#include "PythonParser.h"
#include "nesting_guard.h"
#include "syntax_checks.h"
#include "syntax_errors.h"
#include "tree_builder.h"

namespace switcheroo::python {
namespace {

using Parser = generated::PythonParser;

ParseStatistics statistics;

// Runs a parser and its token stream through rules of the grammar, each in two stages.
class TwoStageParser {
 public:
  explicit TwoStageParser(generated::PythonLexer& lexer)
      : tokens_(&lexer), parser_(&tokens_), guard_(parser_) {
    parser_.removeErrorListeners();
    parser_.addParseListener(&guard_);
  }

  antlr4::CommonTokenStream& tokens() { return tokens_; }
  NestingGuard& guard() { return guard_; }
  Parser& parser() { return parser_; }

  // Runs `rule` with SLL prediction, giving up at the first problem; only when that fails,
  // again from the same token with full LL, which succeeds or throws the real error.
  template <class Rule>
  antlr4::ParserRuleContext* run(Rule rule) {
    const size_t start = tokens_.index();
    auto* simulator = parser_.getInterpreter<antlr4::atn::ParserATNSimulator>();
    simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser_.setErrorHandler(bail_);
    try {
      return rule(parser_);
    } catch (const antlr4::ParseCancellationException&) {
      ++statistics.ll_fallbacks;
      parser_.reset();
      tokens_.seek(start);
      guard_.reset();
      simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
      parser_.setErrorHandler(recover_);
      ThrowingErrorListener listener;
      parser_.addErrorListener(&listener);
      antlr4::ParserRuleContext* tree = rule(parser_);
      parser_.removeErrorListeners();
      return tree;
    }
  }

 private:
  antlr4::CommonTokenStream tokens_;
  Parser parser_;
  NestingGuard guard_;
  std::shared_ptr<antlr4::ANTLRErrorStrategy> bail_ = std::make_shared<antlr4::BailErrorStrategy>();
  std::shared_ptr<antlr4::ANTLRErrorStrategy> recover_ =
      std::make_shared<antlr4::DefaultErrorStrategy>();
};

// A module, one top-level statement at a time: the parser's contexts for a statement are freed
// once its nodes are built, so memory stays that of the largest statement, not of the file.
std::vector<Node> parse_file(TwoStageParser& stages, const SourceText& source) {
  FileTreeBuilder builder(source, Parser::RuleFile_input);
  antlr4::CommonTokenStream& tokens = stages.tokens();
  while (tokens.LA(1) != antlr4::Token::EOF) {
    const size_t start = tokens.index();
    antlr4::ParserRuleContext* statement = stages.run([](Parser& p) { return p.statement(); });
    if (tokens.index() == start) {
      throw SyntaxError("invalid syntax", tokens.LT(1)->getStartIndex());
    }
    builder.add_statement(*statement);
    stages.parser().getTreeTracker().reset();
    stages.guard().reset();
  }
  return builder.finish(tokens.LT(1));
}

}  // namespace

const ParseStatistics& parse_statistics() {
  return statistics;
}

SyntaxTree parse(std::string bytes, ParseGoal goal) {
  SourceText source(std::move(bytes));
  try {
    source.decode();
    CodePointStream input(source.characters());
    generated::PythonLexer lexer(&input);
    lexer.removeErrorListeners();
    TwoStageParser stages(lexer);
    ++statistics.parses;
    std::vector<Node> nodes;
    if (goal == ParseGoal::expression) {
      nodes = build_nodes(*stages.run([](Parser& p) { return p.expression_input(); }), source);
    } else {
      nodes = parse_file(stages, source);
    }
    SyntaxTree result(std::move(source), std::move(nodes));
    check_syntax(result);  // throws located errors
    return result;
  } catch (SyntaxError& error) {
    if (!error.located()) error.locate(source);
    throw;
  }
}

}  // namespace switcheroo::python
