// A small edit language for the rewrite golden cases: one edit per line, applied in order to
// one Rewriter, so each case shows an edit operation's before and after as files.
//
//   rename-callee CALL NEW          replace-call CALL FRAGMENT
//   insert-argument CALL INDEX TEXT remove-argument CALL INDEX
//   insert-parameter DEF INDEX TEXT remove-parameter DEF INDEX
//   insert-statement-before LINE TEXT   insert-statement-after LINE TEXT   remove-statement LINE
//   add-decorator DEF TEXT          remove-decorator LINE
//   add-import TEXT                 remove-import LOCAL-NAME
//
// CALL is a dotted callee (`nn.Linear`) or a method (`.view`), DEF a function name, either with
// an optional `#k` for the k-th match; LINE is the line a statement starts on. In TEXT, `\n`
// stands for a line break.
#pragma once

#include "rewrite/rewriter.h"

#include <string>

namespace switcheroo::rewrite {

/// Applies the script; throws RewriteError (or std::runtime_error for a bad script line).
void apply_edit_script(Rewriter& rewriter, const std::string& script);

/// One line per call site: `line:column callee -> kind name`.
std::string describe_calls(const python::SyntaxTree& tree);

}  // namespace switcheroo::rewrite
