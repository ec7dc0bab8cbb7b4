#include "common.h"

#include "config.h"

#include <boost/dll/runtime_symbol_info.hpp>

#include <cstdlib>
#include <ostream>

namespace switcheroo::cli {

namespace fs = std::filesystem;

po::variables_map parse_arguments(const std::string& command, const Invocation& invocation,
                                  const po::options_description& options,
                                  const po::positional_options_description& positional) {
  po::variables_map values;
  try {
    auto parsed =
        po::command_line_parser(invocation.arguments)
            .options(options)
            .positional(positional)
            .style(po::command_line_style::default_style & ~po::command_line_style::allow_guessing)
            .run();
    po::store(parsed, values);
    po::notify(values);
  } catch (const po::error& failure) {
    throw Error(std::string(failure.what()) + " (see 'swhost " + command + " --help')", "usage",
                exit_usage);
  }
  return values;
}

void print_help(std::ostream& out, const std::string& usage, const std::string& description,
                const po::options_description& options) {
  out << "usage: " << usage << "\n\n" << description << "\n\n" << options;
}

Manifest select_manifest(const std::optional<std::string>& explicit_file,
                         const fs::path& search_from) {
  if (explicit_file) return load_manifest(*explicit_file);
  if (auto found = find_manifest(search_from)) return load_manifest(*found);
  return builtin_manifest();
}

PluginSearch default_plugin_search() {
  PluginSearch search;
  std::error_code error;
  const fs::path exe = boost::dll::program_location(error);
  if (!error) {
    search.installed_dir =
        (exe.parent_path() / SWITCHEROO_PLUGIN_DIR_FROM_BINDIR).lexically_normal();
  }
  if (const char* path = std::getenv("SWITCHEROO_PLUGIN_PATH")) {
    std::string_view rest(path);
    while (!rest.empty()) {
      const size_t colon = rest.find(':');
      const std::string_view part = rest.substr(0, colon);
      if (!part.empty()) search.extra_dirs.emplace_back(std::string(part));
      if (colon == std::string_view::npos) break;
      rest.remove_prefix(colon + 1);
    }
  }
  return search;
}

bool report_problems(const PluginSet& plugins, std::ostream& err) {
  for (const auto& problem : plugins.problems()) err << problem.format() << '\n';
  return !plugins.problems().empty();
}

}  // namespace switcheroo::cli
