// A Python syntax error as swhost reports it: `file:line:col: error: message [parse]`, then the
// offending line with a caret under the column.
#pragma once

#include "diagnostics.h"

#include "python/syntax_error.h"

#include <string>

namespace switcheroo {

inline Diagnostic syntax_error_diagnostic(const std::string& file,
                                          const python::SyntaxError& error) {
  Diagnostic diagnostic{Severity::error,
                        {file, error.location().line, error.location().column},
                        error.message(),
                        "parse"};
  diagnostic.source_line = error.line_text();
  return diagnostic;
}

}  // namespace switcheroo
