#include "cli.h"

#include "../core/diagnostics.h"
#include "../core/plugin_loader.h"
#include "config.h"

#include <iostream>

namespace switcheroo::cli {
namespace {

struct Command {
  const char* name;
  const char* summary;
  int (*run)(const Invocation&);
};

// Alphabetical; one line per command.
constexpr Command kCommands[] = {
    {"ci", "run the mapped operations in each installed framework and record which agree",
     &run_ci},
    {"convert", "convert source files between frameworks", &run_convert},
    {"define", "check a definition of hub ops and spoke entries, add it to the project's overlay",
     &run_define},
    {"draw", "build a model's static graph with shapes; write it as JSON or draw it (TikZ, HTML)",
     &run_draw},
    {"matrix", "list the abstract operations each framework maps, and how each is verified",
     &run_matrix},
    {"parse", "check Python files for syntax errors, dump or print their syntax trees", &run_parse},
    {"plugins", "list the plugins a manifest composes, with their status", &run_plugins},
    {"suggest", "prepare definitions of APIs the knowledge base does not map yet", &run_suggest},
    {"trust", "trust the plugin files a project's manifest names; list and revoke that trust",
     &run_trust},
    {"weights", "write a script that migrates a model's trained weights between frameworks",
     &run_weights},
};

void print_usage(std::ostream& out) {
  out << "usage: swhost [--help] [--version] <command> [<args>]\n\n"
         "Switcheroo converts deep-learning code between frameworks through plugins.\n\n"
         "commands:\n";
  for (const auto& command : kCommands) {
    out << "  " << command.name << std::string(12 - std::string(command.name).size(), ' ')
        << command.summary << '\n';
  }
  out << "\nRun 'swhost <command> --help' for the options of a command.\n";
}

void print_version(std::ostream& out) {
  out << "swhost " << SWITCHEROO_VERSION << "\nplugin SDK ABI " << host_abi().text()
      << " (accepts plugins built for ABI " << SW_SDK_ABI_MAJOR << ".0-" << host_abi().text()
      << ")\n";
}

}  // namespace

int run(const std::vector<std::string>& arguments, std::istream& in, std::ostream& out,
        std::ostream& err) {
  if (arguments.empty()) {
    print_usage(err);
    return exit_usage;
  }
  const std::string& first = arguments.front();
  if (first == "--help" || first == "-h" || first == "help") {
    print_usage(out);
    return exit_success;
  }
  if (first == "--version" || first == "-V") {
    print_version(out);
    return exit_success;
  }
  for (const auto& command : kCommands) {
    if (first != command.name) continue;
    Invocation invocation{{arguments.begin() + 1, arguments.end()}, in, out, err};
    try {
      return command.run(invocation);
    } catch (const Error& failure) {
      err << failure.diagnostic().format() << '\n';
      return failure.exit_code();
    }
  }
  const bool option = first.size() > 1 && first[0] == '-';
  const Error unknown(std::string(option ? "unknown option '" : "unknown command '") + first +
                          "' (see 'swhost --help')",
                      "usage", exit_usage);
  err << unknown.diagnostic().format() << '\n';
  return unknown.exit_code();
}

}  // namespace switcheroo::cli
