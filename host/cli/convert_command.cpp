// `swhost convert`: loads the plugins the manifest composes, routes the inputs to the source
// and target adapters, and writes the results only once every input has converted.
#include "common.h"
#include "convert_assembly.h"
#include "convert_inputs.h"

#include "../convert/engine.h"
#include "../convert/unified_diff.h"
#include "../core/hook_runner.h"
#include "../core/line_endings.h"
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

po::options_description visible_options() {
  po::options_description options("options");
  options.add_options()("source,s", po::value<std::string>()->value_name("FW"),
                        "framework of the input (an adapter id or alias; see swhost plugins)")(
      "target,t", po::value<std::string>()->value_name("FW"),
      "framework to convert to (an adapter id or alias)");
  add_manifest_options(options, "the first input");
  options.add_options()("out,o", po::value<std::string>()->value_name("PATH"),
                        "output file, or folder for several inputs or when PATH ends in '/' (default: "
                        "standard output)")(
      "strict", "treat calls without a mapping as errors")(
      "keep-layout",
      "take and return images in the source's layout (NCHW/NHWC), transposing where they "
      "enter and leave layout-dependent layers")("diff", "print a unified diff instead of writing")(
      "check", "write nothing; exit 1 if anything would change or fail")(
      "verbose,v", "say which plugins and hooks the conversion goes through")("help,h",
                                                                              "show this help");
  return options;
}

// The text a job converts: its input, read with LF line breaks when every line ends in CRLF,
// so that the engine and the hooks see one kind; `restore` gives the result CRLF again.
struct InputText {
  std::string text;
  bool crlf = false;
  std::string restore(std::string result) const {
    return crlf ? lf_to_crlf(result) : std::move(result);
  }
};

InputText read_as_lf(const std::string& original) {
  if (uses_crlf(original)) return {crlf_to_lf(original), true};
  return {original, false};
}

// Usage errors the option parser cannot see.
void check_usage(const po::variables_map& values) {
  if (values.count("diff") && values.count("check")) {
    throw Error("'--diff' and '--check' cannot be used together (see 'swhost convert --help')",
                "usage", exit_usage);
  }
  for (const char* name : {"source", "target", "out", "plugins"}) {
    if (values.count(name) && values[name].as<std::string>().empty()) {
      throw Error(std::string("'--") + name + "' needs a value, not an empty string", "usage",
                  exit_usage);
    }
  }
}

// Converts one job; an Error is reported and marks the job failed, so that every input is
// still tried and every problem reported.
template <class Convert>
void run_job(Job& job, std::ostream& err, Convert convert) {
  try {
    convert();
  } catch (const Error& failure) {
    err << failure.diagnostic().format() << '\n';
    job.failed = true;
  }
}

// After every problem has been reported: a closing line when there were several inputs, and
// the exit status.
int report_failures(std::ostream& err, size_t failed, size_t total) {
  if (total > 1) {
    const Error summary(
        std::to_string(failed) + " of " + std::to_string(total) + " inputs failed; nothing written",
        kUnit);
    err << summary.diagnostic().format() << '\n';
  }
  return exit_failure;
}

// A file an ISA frontend claims is assembly, whatever --source says.
void refuse_assembly(const PluginSet& plugins, const Job& job, const std::string& source) {
  if (job.input.empty()) return;
  if (const auto isa = isa_claiming(plugins, job.input.string())) {
    throw Error(Diagnostic{Severity::error,
                           {job.input.string(), 0, 0},
                           "a '" + job.input.extension().string() + "' file is '" + *isa +
                               "' assembly, not '" + source + "' Python (to lift it: --source " +
                               *isa + " --target python)",
                           kUnit});
  }
}

// Prints, checks or writes the results of a run in which every job converted.
int deliver(const Invocation& invocation, const po::variables_map& values,
            const std::vector<Job>& jobs, const std::vector<std::string>& originals,
            const std::vector<fs::path>& destinations) {
  if (values.count("diff")) {
    for (size_t i = 0; i < jobs.size(); ++i) {
      const std::string name =
          jobs[i].input.empty() ? std::string("<stdin>") : jobs[i].input.generic_string();
      invocation.out << convert::unified_diff(originals[i], jobs[i].result, "a/" + name,
                                              "b/" + name);
    }
    check_written(invocation.out);
    return exit_success;
  }
  if (values.count("check")) {
    for (size_t i = 0; i < jobs.size(); ++i) {
      if (originals[i] != jobs[i].result) return exit_failure;
    }
    return exit_success;
  }
  if (!values.count("out")) {
    for (const auto& job : jobs) invocation.out << job.result;
    check_written(invocation.out);
    return exit_success;
  }
  for (size_t i = 0; i < jobs.size(); ++i) write_file_atomically(destinations[i], jobs[i].result);
  return exit_success;
}

}  // namespace

int run_convert(const Invocation& invocation) {
  const po::options_description options = visible_options();
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
               "                     [--trust-project-plugins] [--strict] [--keep-layout]\n"
               "                     [--diff | --check] [-v]",
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
  check_usage(values);
  const auto inputs = values["input"].as<std::vector<std::string>>();
  const fs::path search_from =
      inputs.front() == "-" ? fs::current_path() : fs::path(inputs.front());
  const PluginChoice choice = choose_plugins(values, search_from, invocation.err);
  const Manifest& manifest = choice.manifest;

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

  const std::string out = values.count("out") ? values["out"].as<std::string>() : std::string();
  const bool writes_files = !out.empty() && !values.count("diff") && !values.count("check");
  std::optional<fs::path> skip;  // a rerun must not convert its earlier results again
  std::error_code error;
  if (writes_files) skip = fs::weakly_canonical(out, error);
  CollectedInputs collected = collect_inputs(inputs, skip);
  for (const auto& problem : collected.problems) invocation.err << problem.format() << '\n';
  std::vector<Job>& jobs = collected.jobs;
  if (jobs.empty() && !collected.problems.empty()) {
    const size_t failed = collected.problems.size();
    return report_failures(invocation.err, failed, failed);
  }
  const bool to_folder = output_is_folder(inputs, jobs, out);
  if (to_folder && out.empty() && !values.count("diff") && !values.count("check")) {
    throw Error("several inputs need --out FOLDER", "usage", exit_usage);
  }
  // Where each result goes, checked before any input is converted.
  const std::vector<fs::path> destinations =
      writes_files ? plan_outputs(jobs, out, to_folder) : std::vector<fs::path>();

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
  const PluginSet plugins(manifest, choice.search, services);
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
  std::vector<std::string> originals(jobs.size());
  size_t converted = 0;
  size_t unconverted = 0;
  auto plural = [](size_t count, const char* word) {
    return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
  };
  if (&from == &to) {
    // Same framework on both sides: the identity conversion, byte for byte, unless enabled
    // hooks rewrite the file (a project's own codemods).
    for (size_t i = 0; i < jobs.size(); ++i) {
      Job& job = jobs[i];
      const std::string name = job.input.empty() ? std::string("<stdin>") : job.input.string();
      run_job(job, invocation.err, [&] {
        originals[i] = read_input(job, invocation.in);
        const InputText input = read_as_lf(originals[i]);
        rewrite::OriginMap map(input.text);
        origins = &map;
        rewritten_file = name;
        job.result =
            input.restore(apply_hooks(name, input.text, hooks, {source, target}, report, &map));
      });
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
    for (size_t i = 0; i < jobs.size(); ++i) {
      Job& job = jobs[i];
      const std::string name = job.input.empty() ? std::string("<stdin>") : job.input.string();
      run_job(job, invocation.err, [&] {
        refuse_assembly(plugins, job, source);
        originals[i] = read_input(job, invocation.in);
        const InputText input = read_as_lf(originals[i]);
        // The engine, then the hooks on its result, then the imports for what they all wrote.
        auto result = convert::convert_calls(name, input.text, {source, from_data},
                                             {target, to_data}, convert_options);
        for (const auto& diagnostic : result.result.diagnostics) report(diagnostic);
        rewrite::OriginMap map(input.text);
        map.add_step(std::move(result.spans), result.tree.source().bytes());
        origins = &map;
        rewritten_file = name;
        hook_warnings = 0;
        const python::SyntaxTree after_hooks =
            apply_hooks(name, std::move(result.tree), hooks, {source, target}, report, &map);
        job.result = after_hooks.source().bytes() == input.text
                         ? originals[i]
                         : input.restore(convert::fix_target_imports(after_hooks, result.imports));
        converted += result.result.converted;
        unconverted += result.result.unconverted + hook_warnings;
      });
      origins = nullptr;
    }
    const size_t succeeded = static_cast<size_t>(
        std::count_if(jobs.begin(), jobs.end(), [](const Job& job) { return !job.failed; }));
    if (succeeded > 0) {
      Diagnostic summary;
      summary.severity = Severity::note;
      summary.unit = kUnit;
      summary.message = plural(succeeded, "file") + " converted from '" + source + "' to '" +
                        target + "': " + plural(converted, "call") + " converted, " +
                        std::to_string(unconverted) + " left unconverted";
      report(summary);
    }
  }
  const size_t failed = collected.problems.size() +
                        static_cast<size_t>(std::count_if(
                            jobs.begin(), jobs.end(), [](const Job& job) { return job.failed; }));
  if (failed > 0) {
    return report_failures(invocation.err, failed, collected.problems.size() + jobs.size());
  }
  if (unconverted > 0 && values.count("strict")) {
    throw Error(plural(unconverted, "call") + " left unconverted (--strict); nothing written",
                kUnit);
  }
  return deliver(invocation, values, jobs, originals, destinations);
}

}  // namespace switcheroo::cli
