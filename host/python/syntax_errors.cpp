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

}  // namespace

void ThrowingErrorListener::syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending,
                                        size_t, size_t, const std::string&, std::exception_ptr) {
  auto* parser = dynamic_cast<Parser*>(recognizer);
  if (parser == nullptr || offending == nullptr) {
    throw SyntaxError("invalid syntax", offending ? offending->getStartIndex() : 0);
  }
  throw SyntaxError(describe(*parser, *offending), offending->getStartIndex());
}

}  // namespace switcheroo::python
