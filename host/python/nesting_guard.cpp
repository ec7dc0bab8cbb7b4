#include "nesting_guard.h"

#include "syntax_error.h"

namespace switcheroo::python {

void NestingGuard::enterEveryRule(antlr4::ParserRuleContext*) {
  ++rules_;
  if (++depth_ <= max_depth_ && rules_ <= max_rules_) return;
  // The rule's exit event still fires while the exception unwinds it.
  const antlr4::Token* at = parser_.getCurrentToken();
  throw SyntaxError(depth_ > max_depth_ ? "too complex to parse: nested too deeply"
                                        : "too complex to parse: statement too large",
                    at ? at->getStartIndex() : 0);
}

void NestingGuard::exitEveryRule(antlr4::ParserRuleContext*) {
  if (depth_ > 0) --depth_;
}

}  // namespace switcheroo::python
