#include "diagnostics.h"

#include "source_excerpt.h"

#include <ostream>

namespace switcheroo {

const char* severity_name(Severity severity) {
  switch (severity) {
    case Severity::error: return "error";
    case Severity::warning: return "warning";
    case Severity::note: return "note";
  }
  return "error";
}

std::string Diagnostic::format() const {
  std::string text;
  if (!location.file.empty()) {
    text += escape_for_terminal(location.file);
    if (location.line != 0) {
      text += ':' + std::to_string(location.line);
      if (location.column != 0) text += ':' + std::to_string(location.column);
    }
    text += ": ";
  }
  text += severity_name(severity);
  text += ": ";
  text += escape_for_terminal(message);
  if (!unit.empty()) text += " [" + unit + "]";
  if (source_line.empty()) return text;
  const SourceExcerpt excerpt = make_excerpt(source_line, location.column);
  text += "\n    " + excerpt.line + "\n    " + excerpt.caret;
  return text;
}

Error::Error(Diagnostic diagnostic, int exit_code)
    : std::runtime_error(diagnostic.format()),
      diagnostic_(std::move(diagnostic)),
      exit_code_(exit_code) {}

Error::Error(std::string message, std::string unit, int exit_code)
    : Error(Diagnostic{Severity::error, {}, std::move(message), std::move(unit)}, exit_code) {}

void DiagnosticPrinter::report(const Diagnostic& diagnostic) {
  if (diagnostic.severity == Severity::error) ++errors_;
  if (diagnostic.severity == Severity::warning) ++warnings_;
  out_ << diagnostic.format() << '\n';
}

}  // namespace switcheroo
