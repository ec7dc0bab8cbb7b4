// Turns ANTLR's parser errors into SyntaxError with the messages Python programmers know
// ("expected ':'", "unexpected indent", "expected an indented block", "invalid syntax").
#pragma once

#include <antlr4-runtime.h>

namespace switcheroo::python {

/// An error listener that throws SyntaxError at the first syntax error it hears about.
class ThrowingErrorListener : public antlr4::BaseErrorListener {
 public:
  void syntaxError(antlr4::Recognizer* recognizer, antlr4::Token* offending, size_t line,
                   size_t column, const std::string& antlr_message,
                   std::exception_ptr error) override;
};

}  // namespace switcheroo::python
