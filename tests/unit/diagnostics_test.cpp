#include "core/diagnostics.h"

#include <catch2/catch.hpp>

#include <sstream>

using namespace switcheroo;

TEST_CASE("diagnostics print file, line, column, severity, message and unit") {
  Diagnostic full{Severity::warning, {"model.py", 12, 5}, "no mapping for 'torch.foo'", "kb"};
  CHECK(full.format() == "model.py:12:5: warning: no mapping for 'torch.foo' [kb]");
}

TEST_CASE("diagnostics leave out what is unknown") {
  CHECK(Diagnostic{Severity::error, {"m.toml", 3, 0}, "bad", "manifest"}.format() ==
        "m.toml:3: error: bad [manifest]");
  CHECK(Diagnostic{Severity::note, {"m.toml", 0, 0}, "see here", ""}.format() ==
        "m.toml: note: see here");
  CHECK(Diagnostic{Severity::error, {}, "no input given", "usage"}.format() ==
        "error: no input given [usage]");
}

TEST_CASE("the printer counts errors and warnings") {
  std::ostringstream out;
  DiagnosticPrinter printer(out);
  printer.report({Severity::error, {}, "one", ""});
  printer.report({Severity::warning, {}, "two", ""});
  printer.report({Severity::note, {}, "three", ""});
  CHECK(printer.errors() == 1);
  CHECK(printer.warnings() == 1);
  CHECK(out.str() == "error: one\nwarning: two\nnote: three\n");
}

TEST_CASE("errors carry their exit code") {
  Error usage("no input given", "usage", exit_usage);
  CHECK(usage.exit_code() == 2);
  CHECK(std::string(usage.what()) == "error: no input given [usage]");
  CHECK(Error("x", "y").exit_code() == 1);
}
