#include "parse.h"

#include "PythonLexer.h"
#include "PythonParser.h"
#include "nesting_guard.h"
#include "statement_run.h"
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
  explicit TwoStageParser(generated::PythonLexer& lexer, std::size_t max_depth = kMaxRuleDepth)
      : tokens_(&lexer), parser_(&tokens_), guard_(parser_, max_depth) {
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

// Parses the next statement into `builder`; returns the rules it entered.
std::size_t parse_statement(TwoStageParser& stages, FileTreeBuilder& builder) {
  antlr4::CommonTokenStream& tokens = stages.tokens();
  const size_t start = tokens.index();
  antlr4::ParserRuleContext* statement = stages.run([](Parser& p) { return p.statement(); });
  if (tokens.index() == start) {
    throw SyntaxError("invalid syntax", tokens.LT(1)->getStartIndex());
  }
  builder.add_statement(*statement);
  stages.parser().getTreeTracker().reset();
  const std::size_t rules = stages.guard().rules();
  stages.guard().reset();
  return rules;
}

// A module, one top-level statement at a time: the parser's contexts for a statement are freed
// once its nodes are built, so memory stays that of the largest statement, not of the file.
std::vector<Node> parse_file(TwoStageParser& stages, const SourceText& source) {
  FileTreeBuilder builder(source, Parser::RuleFile_input);
  antlr4::CommonTokenStream& tokens = stages.tokens();
  while (tokens.LA(1) != antlr4::Token::EOF) parse_statement(stages, builder);
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

namespace {

bool is_line_break(char32_t c) { return c == '\n' || c == '\r'; }

// Whether the run starts a line and ends one, where the whole file's lexer would too: a '\r'
// and a '\n' on either side of a boundary are one line break in the file.
bool on_line_boundaries(const std::u32string& text, const StatementRun& run) {
  if (run.char_begin >= run.char_end || run.char_end > text.size()) return false;
  const auto crlf_at = [&](std::size_t at) {
    return at > 0 && at < text.size() && text[at - 1] == '\r' && text[at] == '\n';
  };
  const bool starts_line = run.char_begin == 0 || is_line_break(text[run.char_begin - 1]);
  return starts_line && is_line_break(text[run.char_end - 1]) && !crlf_at(run.char_begin) &&
         !crlf_at(run.char_end);
}

}  // namespace

std::optional<ParsedRun> parse_statement_run(const SourceText& source, const StatementRun& run) {
  if (!on_line_boundaries(source.characters(), run)) return std::nullopt;
  CodePointStream input(source.characters().substr(run.char_begin, run.char_end - run.char_begin));
  generated::PythonLexer lexer(&input);
  lexer.removeErrorListeners();
  lexer.start_inside(run.enclosing);
  TwoStageParser stages(lexer, run.max_depth);
  FileTreeBuilder builder(source, Parser::RuleFile_input, run.char_begin, run.char_end);
  antlr4::CommonTokenStream& tokens = stages.tokens();
  ParsedRun parsed;
  std::size_t used = 0;
  try {
    while (tokens.LA(1) != antlr4::Token::EOF && tokens.LA(1) != Parser::DEDENT) {
      // Top-level statements have a budget each, as in a whole parse.
      stages.guard().set_max_rules(run.enclosing.size() == 1 ? run.max_rules : run.max_rules - used);
      parsed.rules.push_back(parse_statement(stages, builder));
      used += parsed.rules.back();
    }
    // What is left is the end of the input closing the blocks the run is in.
    for (std::size_t level = 1; level < run.enclosing.size(); ++level) {
      if (tokens.LA(1) != Parser::DEDENT) return std::nullopt;
      tokens.consume();
    }
    if (tokens.LA(1) != antlr4::Token::EOF) return std::nullopt;
  } catch (const SyntaxError&) {
    return std::nullopt;
  }
  // The last statement must end at the run's end with a NEWLINE of its own: anything after it
  // would be the trivia of the file's next token, and a NEWLINE made up at the end of the input
  // is one the whole file does not have.
  if (parsed.rules.empty() || builder.position() != source.byte_offset(run.char_end)) {
    return std::nullopt;
  }
  parsed.nodes = builder.take_statements();
  return parsed;
}

}  // namespace switcheroo::python
