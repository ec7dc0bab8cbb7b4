// The swhost command line: `swhost [--help|--version] <command> [options]`. Each command lives
// in its own file and is listed once, alphabetically, in cli.cpp.
#pragma once

#include <iosfwd>
#include <string>
#include <vector>

namespace switcheroo::cli {

/// What every command gets: its arguments (after the command name) and the three streams.
struct Invocation {
  std::vector<std::string> arguments;
  std::istream& in;
  std::ostream& out;
  std::ostream& err;
};

/// Runs swhost with `arguments` (without the program name); returns the exit code.
int run(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out,
        std::ostream& err);

int run_ci(const Invocation& invocation);
int run_define(const Invocation& invocation);
int run_convert(const Invocation& invocation);
int run_draw(const Invocation& invocation);
/// `swhost convert MODEL.py --target ID` where ID is an emitter plugin's id is `swhost draw`
/// with `--emitter ID`: convert's arguments rewritten as draw's.
std::vector<std::string> as_draw_arguments(const std::vector<std::string>& convert_arguments);
/// Whether convert's arguments carry an option only draw has (`--input-shape`, ...).
bool has_draw_options(const std::vector<std::string>& convert_arguments);
int run_matrix(const Invocation& invocation);
int run_parse(const Invocation& invocation);
int run_plugins(const Invocation& invocation);
int run_suggest(const Invocation& invocation);
int run_trust(const Invocation& invocation);
int run_weights(const Invocation& invocation);

}  // namespace switcheroo::cli
