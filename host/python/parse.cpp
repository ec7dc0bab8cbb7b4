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

antlr4::ParserRuleContext* run_goal(Parser& parser, ParseGoal goal) {
  if (goal == ParseGoal::expression) return parser.expression_input();
  return parser.file_input();
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
    antlr4::CommonTokenStream tokens(&lexer);
    Parser parser(&tokens);
    parser.removeErrorListeners();
    NestingGuard guard(parser);
    parser.addParseListener(&guard);
    ++statistics.parses;

    antlr4::ParserRuleContext* tree = nullptr;
    auto* simulator = parser.getInterpreter<antlr4::atn::ParserATNSimulator>();
    simulator->setPredictionMode(antlr4::atn::PredictionMode::SLL);
    parser.setErrorHandler(std::make_shared<antlr4::BailErrorStrategy>());
    try {
      tree = run_goal(parser, goal);
    } catch (const antlr4::ParseCancellationException&) {
      ++statistics.ll_fallbacks;
      tokens.seek(0);
      parser.reset();
      guard.reset();
      simulator->setPredictionMode(antlr4::atn::PredictionMode::LL);
      parser.setErrorHandler(std::make_shared<antlr4::DefaultErrorStrategy>());
      ThrowingErrorListener listener;
      parser.addErrorListener(&listener);
      tree = run_goal(parser, goal);
      parser.removeErrorListeners();
    }
    std::vector<Node> nodes = build_nodes(*tree, source);
    SyntaxTree result(std::move(source), std::move(nodes));
    check_syntax(result);  // throws located errors
    return result;
  } catch (SyntaxError& error) {
    if (!error.located()) error.locate(source);
    throw;
  }
}

}  // namespace switcheroo::python
