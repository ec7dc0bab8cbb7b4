#include "nesting_guard.h"

#include "syntax_error.h"

namespace switcheroo::python {

void NestingGuard::enterEveryRule(antlr4::ParserRuleContext*) {
  if (++depth_ <= max_depth_) return;
  // The rule's exit event still fires while the exception unwinds it.
  const antlr4::Token* at = parser_.getCurrentToken();
  throw SyntaxError("too complex to parse: nested too deeply", at ? at->getStartIndex() : 0);
}

void NestingGuard::exitEveryRule(antlr4::ParserRuleContext*) {
  if (depth_ > 0) --depth_;
}

}  // namespace switcheroo::python
