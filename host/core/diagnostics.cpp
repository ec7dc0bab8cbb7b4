#include "diagnostics.h"

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
    text += location.file;
    if (location.line != 0) {
      text += ':' + std::to_string(location.line);
      if (location.column != 0) text += ':' + std::to_string(location.column);
    }
    text += ": ";
  }
  text += severity_name(severity);
  text += ": ";
  text += message;
  if (!unit.empty()) text += " [" + unit + "]";
  if (source_line.empty()) return text;
  // The line, then a caret under the column (columns count code points; tabs are kept so that
  // the caret lines up however the terminal expands them).
  text += "\n    " + source_line + "\n    ";
  uint32_t column = 1;
  for (std::size_t i = 0; i < source_line.size() && column < location.column; ++i) {
    const auto byte = static_cast<unsigned char>(source_line[i]);
    if ((byte & 0xC0) == 0x80) continue;
    text += source_line[i] == '\t' ? '\t' : ' ';
    ++column;
  }
  for (; column < location.column; ++column) text += ' ';
  text += '^';
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
