// `swhost parse FILE... [--check] [--dump] [--print]`: the Python front end on its own. Checks
// files for syntax errors (many per process, one summary line), dumps their syntax trees, or
// prints them back from the tree (which must give the file byte for byte).
#include "common.h"

#include "../core/diagnostics.h"
#include "../core/output_file.h"
#include "../core/syntax_diagnostic.h"
#include "../python/parse.h"

#include <fstream>
#include <ostream>
#include <sstream>

namespace switcheroo::cli {
namespace {

std::optional<std::string> read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return std::nullopt;
  std::ostringstream contents;
  contents << in.rdbuf();
  if (in.bad()) return std::nullopt;
  return std::move(contents).str();
}

}  // namespace

int run_parse(const Invocation& invocation) {
  po::options_description options("options");
  options.add_options()("check", "only report syntax errors, then one summary line (the default)")(
      "dump", "print each file's syntax tree")(
      "print", "print each file back from its syntax tree")("help,h", "show this help");
  po::options_description all_options;
  all_options.add(options).add_options()(
      "file", po::value<std::vector<std::string>>()->value_name("FILE"), "Python files");
  po::positional_options_description positional;
  positional.add("file", -1);
  const auto values = parse_arguments("parse", invocation, all_options, positional);
  if (values.count("help")) {
    print_help(invocation.out, "swhost parse FILE... [--check] [--dump] [--print]",
               "Parses Python 3.12 files with Switcheroo's front end. Syntax errors are "
               "reported as\n'file:line:col: error: message [parse]' with the line and a "
               "caret; exits 1 when any file has one.",
               options);
    return exit_success;
  }
  if (!values.count("file")) {
    throw Error("'parse' needs at least one FILE (see 'swhost parse --help')", "usage", exit_usage);
  }
  const auto& files = values["file"].as<std::vector<std::string>>();
  const bool dump = values.count("dump") != 0;
  const bool print = values.count("print") != 0;
  const bool check = values.count("check") != 0 || (!dump && !print);

  std::size_t failed = 0;
  for (const std::string& file : files) {
    std::optional<std::string> bytes = read_file(file);
    if (!bytes) {
      invocation.err << Diagnostic{Severity::error,
                                   {file, 0, 0},
                                   "cannot read '" + file + "'",
                                   "parse"}
                            .format()
                     << '\n';
      ++failed;
      continue;
    }
    try {
      const python::SyntaxTree tree = python::parse(std::move(*bytes));
      if (dump) tree.dump(invocation.out);
      if (print) tree.print(invocation.out);
    } catch (const python::SyntaxError& error) {
      invocation.err << syntax_error_diagnostic(file, error).format() << '\n';
      ++failed;
    }
  }
  if (check) {
    invocation.out << "checked " << files.size() << (files.size() == 1 ? " file: " : " files: ")
                   << files.size() - failed << " ok, " << failed << " with errors\n";
  }
  check_written(invocation.out);
  return failed == 0 ? exit_success : exit_failure;
}

}  // namespace switcheroo::cli
