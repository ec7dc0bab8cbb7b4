#include "syntax_errors.h"

#include "PythonParser.h"
#include "syntax_error.h"

namespace switcheroo::python {
namespace {

using Parser = generated::PythonParser;

// "'X'" for a token with a fixed spelling, "" for the others (NAME, NUMBER, ...).
std::string literal_name(const antlr4::dfa::Vocabulary& vocabulary, size_t type) {
  return vocabulary.getLiteralName(type);
}

std::string describe(Parser& parser, const antlr4::Token& offending) {
  const size_t type = offending.getType();
  const antlr4::misc::IntervalSet expected = parser.getExpectedTokens();
  if (type == Parser::INDENT) return "unexpected indent";
  if (expected.contains(static_cast<size_t>(Parser::INDENT))) return "expected an indented block";
  const bool at_line_end =
      type == Parser::NEWLINE || type == Parser::DEDENT || type == antlr4::Token::EOF;
  if (at_line_end && expected.contains(static_cast<size_t>(Parser::COLON))) return "expected ':'";

  std::vector<std::string> names;
  for (size_t candidate : expected.toList()) {
    std::string name = literal_name(parser.getVocabulary(), candidate);
    if (name.empty() || names.size() == 2) return "invalid syntax";
    names.push_back(name);
  }
  if (names.size() == 1) return "expected " + names[0];
  if (names.size() == 2) return "expected " + names[0] + " or " + names[1];
  return "invalid syntax";
}

// The default-channel token before `token`, or nullptr.
const antlr4::Token* previous_token(Parser& parser, const antlr4::Token& token) {
  auto* stream = dynamic_cast<antlr4::BufferedTokenStream*>(parser.getTokenStream());
  if (stream == nullptr) return nullptr;
  for (size_t index = token.getTokenIndex(); index-- > 0;) {
    const antlr4::Token* candidate = stream->get(index);
    if (candidate->getChannel() == antlr4::Token::DEFAULT_CHANNEL) return candidate;
  }
  return nullptr;
}

bool starts_statement(Parser& parser, const antlr4::Token& token) {
  const antlr4::Token* before = previous_token(parser, token);
  if (before == nullptr) return true;
  const size_t type = before->getType();
  return type == Parser::NEWLINE || type == Parser::INDENT || type == Parser::DEDENT ||
         type == Parser::SEMI;
}

// Python 2's print statement (`print "x"`), which CPython answers with a hint: the `print`
// token that starts a statement and is followed by something other than an operator.
const antlr4::Token* print_statement(Parser& parser, const antlr4::Token& offending) {
  const antlr4::Token* before = previous_token(parser, offending);
  if (before == nullptr || before->getType() != Parser::NAME || before->getText() != "print") {
    return nullptr;
  }
  return starts_statement(parser, *before) ? before : nullptr;
}

}  // namespace

void ThrowingErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending,
                                        size_t, size_t, const std::string&, std::exception_ptr) {
  auto* parser = dynamic_cast<Parser*>(recognizer);
  if (parser == nullptr || offending == nullptr) {
    throw SyntaxError("invalid syntax", offending ? offending->getStartIndex() : 0);
  }
  if (const antlr4::Token* print = print_statement(*parser, *offending)) {
    throw SyntaxError("missing parentheses in call to 'print'. Did you mean print(...)?",
                      print->getStartIndex());
  }
  throw SyntaxError(describe(*parser, *offending), offending->getStartIndex());
}

}  // namespace switcheroo::python
