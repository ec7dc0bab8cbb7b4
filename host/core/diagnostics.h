// Diagnostics: the `file:line:col: severity: message [unit]` lines that are part of swhost's
// tested interface, and the one exception type the host uses for errors.
//
// Error handling inside the host is exception-based, one way: code that finds a problem with
// the user's input throws switcheroo::Error carrying a Diagnostic and an exit code; each
// command catches it at its boundary, prints it, and returns the code. Nothing throws across
// the plugin boundary (see sdk.h).
#pragma once

#include <cstdint>
#include <iosfwd>
#include <stdexcept>
#include <string>

namespace switcheroo {

enum class Severity { error, warning, note };

/// Where a diagnostic points; `line`/`column` are 1-based, 0 when unknown.
struct SourceLocation {
  std::string file;
  uint32_t line = 0;
  uint32_t column = 0;

  bool operator==(const SourceLocation&) const = default;
};

struct Diagnostic {
  Severity severity = Severity::error;
  SourceLocation location;
  std::string message;  ///< lowercase, no trailing period, identifiers in 'single quotes'
  std::string unit;     ///< the reporting unit, printed as `[unit]`; may be empty
  /// The offending source line, when there is one to show: printed under the message with a
  /// caret below the column (syntax errors).
  std::string source_line = {};

  /// `file:line:col: error: message [unit]`, leaving out what is unknown; then the source line
  /// and its caret when there is one (several lines, no final line break).
  std::string format() const;
};

/// Process exit codes (DESIGN.md): success, conversion or input error, usage error.
enum ExitCode : int { exit_success = 0, exit_failure = 1, exit_usage = 2 };

/// A user-facing error: what went wrong, where, and the exit code it ends the command with.
class Error : public std::runtime_error {
 public:
  explicit Error(Diagnostic diagnostic, int exit_code = exit_failure);
  /// Shorthand for an error without a source location.
  Error(std::string message, std::string unit, int exit_code = exit_failure);

  const Diagnostic& diagnostic() const { return diagnostic_; }
  int exit_code() const { return exit_code_; }

 private:
  Diagnostic diagnostic_;
  int exit_code_;
};

/// Collects diagnostics for a command: prints each one to a stream and counts them.
class DiagnosticPrinter {
 public:
  explicit DiagnosticPrinter(std::ostream& out) : out_(out) {}

  void report(const Diagnostic& diagnostic);
  int errors() const { return errors_; }
  int warnings() const { return warnings_; }

 private:
  std::ostream& out_;
  int errors_ = 0;
  int warnings_ = 0;
};

const char* severity_name(Severity severity);

}  // namespace switcheroo
