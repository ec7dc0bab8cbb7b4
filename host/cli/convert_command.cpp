// `swhost convert`: loads the plugins the manifest composes, routes the inputs to the source
// and target adapters, and writes the results only once every input has converted.
#include "common.h"
#include "convert_assembly.h"

#include "../convert/engine.h"
#include "../convert/unified_diff.h"
#include "../core/hook_runner.h"
#include "../core/output_file.h"
#include "../core/text_util.h"

#include <algorithm>
#include <iterator>
#include <ostream>
#include <sstream>

namespace switcheroo::cli {
namespace {

namespace fs = std::filesystem;
constexpr const char* kUnit = "convert";

struct Job {
  fs::path input;         ///< empty for standard input
  fs::path relative_out;  ///< where the result goes below --out (a folder input is mirrored)
  std::string result;
};

std::vector<Job> collect_jobs(const std::vector<std::string>& inputs) {
  std::vector<Job> jobs;
  for (const auto& input : inputs) {
    if (input == "-") {
      jobs.push_back({{}, "stdin.py", {}});
      continue;
    }
    const fs::path path(input);
    std::error_code error;
    if (fs::is_directory(path, error)) {
      std::vector<fs::path> files;
      for (auto it = fs::recursive_directory_iterator(path, error);
           !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
        if (it->is_regular_file(error) && it->path().extension() == ".py")
          files.push_back(it->path());
      }
      std::sort(files.begin(), files.end());
      for (const auto& file : files) jobs.push_back({file, file.lexically_relative(path), {}});
    } else if (fs::exists(path, error)) {
      jobs.push_back({path, path.filename(), {}});
    } else {
      throw Error("cannot read '" + input + "': no such file or directory", "io");
    }
  }
  return jobs;
}

std::string read_input(const Job& job, std::istream& in) {
  if (!job.input.empty()) return read_file(job.input);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string framework_list(const PluginSet& plugins) {
  const auto names = plugins.frameworks();
  return names.empty() ? std::string("none") : join_quoted(names, ", ");
}

const LoadedPlugin& route(const PluginSet& plugins, const std::string& framework,
                          const char* role) {
  if (auto adapter = plugins.adapter_for(framework)) return *adapter;
  throw Error(std::string("no adapter for ") + role + " framework '" + framework +
                  "' is loaded (loaded frameworks: " + framework_list(plugins) +
                  "; see 'swhost plugins')",
              kUnit);
}

// With --verbose: which plugins the conversion goes through.
void explain_route(std::ostream& err, const std::string& source, const LoadedPlugin& from,
                   const std::string& target, const LoadedPlugin& to, const PluginSet& plugins) {
  auto describe = [](const LoadedPlugin& plugin) {
    return "adapter '" + plugin.id() + "' (" + plugin.file().string() + ")";
  };
  std::vector<std::string> hooks;
  for (const LoadedPlugin* hook : plugins.of_kind(SW_PLUGIN_KIND_HOOK)) hooks.push_back(hook->id());
  auto note = [&](std::string message) {
    Diagnostic diagnostic;
    diagnostic.severity = Severity::note;
    diagnostic.message = std::move(message);
    diagnostic.unit = kUnit;
    err << diagnostic.format() << '\n';
  };
  note("source '" + source + "' -> " + describe(from));
  note("target '" + target + "' -> " + describe(to));
  note("hooks: " + (hooks.empty() ? std::string("none") : join_quoted(hooks, ", ")));
}

}  // namespace

int run_convert(const Invocation& invocation) {
  po::options_description options("options");
  options.add_options()("source,s", po::value<std::string>()->value_name("FW"),
                        "framework of the input (an adapter id or alias; see swhost plugins)")(
      "target,t", po::value<std::string>()->value_name("FW"),
      "framework to convert to (an adapter id or alias)")(
      "plugins", po::value<std::string>()->value_name("FILE"),
      "manifest to use (default: the nearest switcheroo.toml or pyproject.toml with "
      "[tool.switcheroo] above the first input, else the built-in default)")(
      "out,o", po::value<std::string>()->value_name("PATH"),
      "output file, or folder for several inputs (default: standard output)")(
      "strict", "treat calls without a mapping as errors")(
      "keep-layout",
      "take and return images in the source's layout (NCHW/NHWC), transposing where they "
      "enter and leave layout-dependent layers")("diff", "print a unified diff instead of writing")(
      "check", "write nothing; exit 1 if anything would change or fail")(
      "verbose,v", "say which plugins and hooks the conversion goes through")("help,h",
                                                                              "show this help");
  po::options_description hidden;
  hidden.add_options()("input", po::value<std::vector<std::string>>());
  po::options_description all;
  all.add(options).add(hidden);
  po::positional_options_description positional;
  positional.add("input", -1);
  const auto values = parse_arguments("convert", invocation, all, positional);
  if (values.count("help")) {
    print_help(invocation.out,
               "swhost convert PATH... --source FW --target FW [--out PATH] [--plugins FILE]\n"
               "                     [--strict] [--keep-layout] [--diff | --check] [-v]",
               "Converts each PATH (a file, a folder converted recursively, or - for standard "
               "input) from the\nsource framework to the target framework with the adapters "
               "and hooks the manifest composes.\nNothing is written unless every input "
               "converts.",
               options);
    return exit_success;
  }
  if (!values.count("input")) {
    throw Error("no input given (see 'swhost convert --help')", "usage", exit_usage);
  }
  const auto inputs = values["input"].as<std::vector<std::string>>();
  std::optional<std::string> manifest_file;
  if (values.count("plugins")) manifest_file = values["plugins"].as<std::string>();
  const fs::path search_from =
      inputs.front() == "-" ? fs::current_path() : fs::path(inputs.front());
  const Manifest manifest = select_manifest(manifest_file, search_from);

  auto framework_option = [&](const char* name, const std::string& from_manifest) {
    if (values.count(name)) return values[name].as<std::string>();
    if (!from_manifest.empty()) return from_manifest;
    throw Error(std::string("no ") + name + " framework given: pass --" + name +
                    " or set [convert] " + name + " in the manifest",
                "usage", exit_usage);
  };
  const bool infer_isa =
      !values.count("source") && manifest.source.empty() && may_be_assembly(inputs);
  const std::string source_name =
      infer_isa ? std::string() : framework_option("source", manifest.source);
  const std::string target_name = framework_option("target", manifest.target);

  std::vector<Job> jobs = collect_jobs(inputs);
  const bool to_folder =
      jobs.size() > 1 || (inputs.size() == 1 && inputs[0] != "-" && fs::is_directory(inputs[0]));
  if (to_folder && !values.count("out") && !values.count("diff") && !values.count("check")) {
    throw Error("several inputs need --out FOLDER", "usage", exit_usage);
  }

  // While a file is rewritten in steps (the engine, then each hook), what is reported about it
  // is located in the text as it was read.
  const rewrite::OriginMap* origins = nullptr;
  std::string rewritten_file;
  auto located = [&](Diagnostic diagnostic) {
    if (origins != nullptr && diagnostic.location.file == rewritten_file) {
      const auto where = origins->origin(diagnostic.location.line, diagnostic.location.column);
      diagnostic.location.line = where.line;
      diagnostic.location.column = where.column;
    }
    return diagnostic;
  };
  // A hook's warning is code it left as it was: it counts as a call left unconverted.
  size_t hook_warnings = 0;
  HostServices services([&](const Diagnostic& diagnostic) {
    if (origins != nullptr && diagnostic.severity == Severity::warning) ++hook_warnings;
    invocation.err << located(diagnostic).format() << '\n';
  });
  const PluginSet plugins(manifest, default_plugin_search(), services);
  services.provide_knowledge([&plugins](std::string_view framework) -> const AdapterData* {
    const LoadedPlugin* adapter = plugins.adapter_for(framework);
    return adapter != nullptr ? adapter->adapter_data() : nullptr;
  });
  if (report_problems(plugins, invocation.err)) return exit_failure;
  if (const LoadedPlugin* frontend = isa_frontend_for(plugins, source_name, inputs)) {
    return convert_assembly(
        invocation, *frontend, target_name, inputs,
        values.count("out") ? values["out"].as<std::string>() : std::optional<std::string>(),
        values.count("verbose") > 0);
  }
  const LoadedPlugin& from = route(plugins, source_name, "source");
  const LoadedPlugin& to = route(plugins, target_name, "target");
  if (values.count("verbose")) {
    explain_route(invocation.err, source_name, from, target_name, to, plugins);
  }
  // The adapters' own ids from here on, whatever alias the user typed.
  const std::string source = from.adapter()->framework;
  const std::string target = to.adapter()->framework;
  const auto hooks = plugins.of_kind(SW_PLUGIN_KIND_HOOK);
  auto report = [&](const Diagnostic& diagnostic) {
    invocation.err << located(diagnostic).format() << '\n';
  };
  std::vector<std::string> originals;
  if (&from == &to) {
    // Same framework on both sides: the identity conversion, byte for byte, unless enabled
    // hooks rewrite the file (a project's own codemods).
    for (auto& job : jobs) {
      const std::string name = job.input.empty() ? std::string("<stdin>") : job.input.string();
      originals.push_back(read_input(job, invocation.in));
      rewrite::OriginMap map(originals.back());
      origins = &map;
      rewritten_file = name;
      job.result = apply_hooks(name, originals.back(), hooks, {source, target}, report, &map);
      origins = nullptr;
    }
  } else {
    const AdapterData* from_data = from.adapter_data();
    const AdapterData* to_data = to.adapter_data();
    if (from_data == nullptr || to_data == nullptr) {
      throw Error("adapter '" + (from_data ? to.id() : from.id()) +
                      "' carries no knowledge base to convert with",
                  kUnit);
    }
    convert::Options convert_options;
    convert_options.keep_layout = values.count("keep-layout") > 0;
    for (const LoadedPlugin* hook : hooks) convert_options.hooks.insert(hook->id());
    size_t converted = 0;
    size_t unconverted = 0;
    for (auto& job : jobs) {
      const std::string name = job.input.empty() ? std::string("<stdin>") : job.input.string();
      originals.push_back(read_input(job, invocation.in));
      // The engine, then the hooks on its result, then the imports for what they all wrote.
      auto result = convert::convert_calls(name, originals.back(), {source, from_data},
                                           {target, to_data}, convert_options);
      for (const auto& diagnostic : result.result.diagnostics) report(diagnostic);
      converted += result.result.converted;
      unconverted += result.result.unconverted;
      rewrite::OriginMap map(originals.back());
      map.add_step(std::move(result.spans), result.tree.source().bytes());
      origins = &map;
      rewritten_file = name;
      hook_warnings = 0;
      const python::SyntaxTree after_hooks =
          apply_hooks(name, std::move(result.tree), hooks, {source, target}, report, &map);
      origins = nullptr;
      unconverted += hook_warnings;
      job.result = after_hooks.source().bytes() == originals.back()
                       ? originals.back()
                       : convert::fix_target_imports(after_hooks, result.imports);
    }
    auto plural = [](size_t count, const char* word) {
      return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
    };
    Diagnostic summary;
    summary.severity = Severity::note;
    summary.unit = kUnit;
    summary.message = plural(jobs.size(), "file") + " converted from '" + source + "' to '" +
                      target + "': " + plural(converted, "call") + " converted, " +
                      std::to_string(unconverted) + " left unconverted";
    report(summary);
    if (unconverted > 0 && values.count("strict")) {
      throw Error(plural(unconverted, "call") + " left unconverted (--strict); nothing written",
                  kUnit);
    }
  }

  if (values.count("diff")) {
    for (size_t i = 0; i < jobs.size(); ++i) {
      const std::string name =
          jobs[i].input.empty() ? std::string("<stdin>") : jobs[i].input.generic_string();
      invocation.out << convert::unified_diff(originals[i], jobs[i].result, "a/" + name,
                                              "b/" + name);
    }
  }
  if (values.count("check")) {
    for (size_t i = 0; i < jobs.size(); ++i) {
      if (originals[i] != jobs[i].result) return exit_failure;
    }
    return exit_success;
  }
  if (values.count("diff")) return exit_success;
  if (!values.count("out")) {
    for (const auto& job : jobs) invocation.out << job.result;
    return exit_success;
  }
  const fs::path out(values["out"].as<std::string>());
  std::vector<std::pair<fs::path, const std::string*>> writes;
  for (const auto& job : jobs) {
    const fs::path destination = to_folder ? out / job.relative_out : out;
    std::error_code error;
    if (!job.input.empty() && fs::equivalent(job.input, destination, error)) {
      throw Error("output '" + destination.string() +
                      "' is the input; inputs are never "
                      "overwritten",
                  "io");
    }
    writes.emplace_back(destination, &job.result);
  }
  for (const auto& [destination, content] : writes) write_file_atomically(destination, *content);
  return exit_success;
}

}  // namespace switcheroo::cli
