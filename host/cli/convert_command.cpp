// `swhost convert`: loads the plugins the manifest composes, routes the inputs to the source
// and target adapters, and writes the results only once every input has converted.
#include "common.h"
#include "convert_assembly.h"
#include "convert_inputs.h"
#include "convert_jobs.h"
#include "parallel_jobs.h"

#include "../convert/engine.h"
#include "../convert/unified_diff.h"
#include "../core/output_file.h"
#include "../core/text_util.h"

#include <algorithm>
#include <ostream>

namespace switcheroo::cli {
namespace {

namespace fs = std::filesystem;
constexpr const char* kUnit = "convert";

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

// A target that is no framework but an emitter plugin's id.
bool names_emitter(const PluginSet& plugins, const std::string& target) {
  if (target.empty() || plugins.adapter_for(target) != nullptr) return false;
  const auto emitters = plugins.of_kind(SW_PLUGIN_KIND_EMITTER);
  return std::any_of(emitters.begin(), emitters.end(),
                     [&](const LoadedPlugin* emitter) { return emitter->id() == target; });
}

po::options_description visible_options() {
  po::options_description options("options");
  options.add_options()("source,s", po::value<std::string>()->value_name("FW"),
                        "framework of the input (an adapter id or alias; see swhost plugins)")(
      "target,t", po::value<std::string>()->value_name("FW"),
      "framework to convert to (an adapter id or alias), or an emitter's id to draw the model "
      "as swhost draw does (tikz, html)");
  add_manifest_options(options, "the first input");
  options.add_options()(
      "out,o", po::value<std::string>()->value_name("PATH"),
      "output file, or folder for several inputs or when PATH ends in '/' (default: "
      "standard output)")("strict",
                              "treat calls without a mapping (assembly: opcodes without "
                              "semantics) as errors")(
      "keep-layout",
      "take and return images in the source's layout (NCHW/NHWC), transposing where they "
      "enter and leave layout-dependent layers")("diff",
                                                   "print a unified diff instead of writing "
                                                   "(assembly: from the --out file)")(
      "check",
      "write nothing; exit 1 if anything would change (assembly: the --out file) or fail")(
      "jobs,j", po::value<unsigned>()->value_name("N"),
      "convert the files in N worker processes (default: one per core); output and "
      "diagnostics come in input order either way")(
      "verbose,v", "say which plugins and hooks the conversion goes through")("help,h",
                                                                              "show this help");
  return options;
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

// A file an ISA frontend claims is assembly, whatever --source says: reported, and the job
// marked failed.
void refuse_assembly(const PluginSet& plugins, Job& job, const std::string& source,
                     std::ostream& err) {
  if (job.input.empty()) return;
  const auto isa = isa_claiming(plugins, job.input.string());
  if (!isa) return;
  const Diagnostic refusal{Severity::error,
                           {job.input.string(), 0, 0},
                           "a '" + job.input.extension().string() + "' file is '" + *isa +
                               "' assembly, not '" + source + "' Python (to lift it: --source " +
                               *isa + " --target python)",
                           kUnit};
  err << refusal.format() << '\n';
  job.failed = true;
}

std::string plural(size_t count, const char* word) {
  return std::to_string(count) + " " + word + (count == 1 ? "" : "s");
}

// The options of a run, or nullopt when it only asked for help (printed).
std::optional<po::variables_map> parse_convert_arguments(const Invocation& invocation) {
  const po::options_description options = visible_options();
  auto values = parse_with_inputs("convert", invocation, options);
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
    return std::nullopt;
  }
  if (!values.count("input")) {
    throw Error("no input given (see 'swhost convert --help')", "usage", exit_usage);
  }
  check_usage(values);
  return values;
}

// The jobs of a run and where their results go, found and checked before anything converts.
struct RunPlan {
  CollectedInputs collected;
  bool to_folder = false;
  std::vector<fs::path> destinations;  ///< empty unless files are written
};

RunPlan plan_run(const po::variables_map& values, const std::vector<std::string>& inputs,
                 std::ostream& err) {
  const std::string out = values.count("out") ? values["out"].as<std::string>() : std::string();
  const bool writes_files = !out.empty() && !values.count("diff") && !values.count("check");
  std::optional<fs::path> skip;  // a rerun must not convert its earlier results again
  std::error_code error;
  if (writes_files) skip = fs::weakly_canonical(out, error);
  RunPlan plan;
  plan.collected = collect_inputs(inputs, skip);
  for (const auto& problem : plan.collected.problems) err << problem.format() << '\n';
  plan.to_folder = output_is_folder(inputs, plan.collected.jobs, out);
  if (plan.to_folder && out.empty() && !values.count("diff") && !values.count("check")) {
    throw Error("several inputs need --out FOLDER", "usage", exit_usage);
  }
  if (writes_files) plan.destinations = plan_outputs(plan.collected.jobs, out, plan.to_folder);
  return plan;
}

void report_summary(const JobConverter& converter, const std::vector<Job>& jobs,
                    const std::string& source, const std::string& target, std::ostream& err) {
  const auto succeeded = static_cast<size_t>(
      std::count_if(jobs.begin(), jobs.end(), [](const Job& job) { return !job.failed; }));
  if (succeeded == 0) return;
  const Diagnostic summary{Severity::note,
                           {},
                           plural(succeeded, "file") + " converted from '" + source + "' to '" +
                               target + "': " + plural(converter.converted(), "call") +
                               " converted, " + std::to_string(converter.unconverted()) +
                               " left unconverted",
                           kUnit};
  err << summary.format() << '\n';
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

std::string framework_option(const po::variables_map& values, const char* name,
                             const std::string& from_manifest) {
  if (values.count(name)) return values[name].as<std::string>();
  if (!from_manifest.empty()) return from_manifest;
  throw Error(std::string("no ") + name + " framework given: pass --" + name +
                  " or set [convert] " + name + " in the manifest",
              "usage", exit_usage);
}

AssemblyOptions assembly_options(const po::variables_map& values) {
  AssemblyOptions options;
  if (values.count("out")) options.out = values["out"].as<std::string>();
  options.verbose = values.count("verbose") > 0;
  options.strict = values.count("strict") > 0;
  options.diff = values.count("diff") > 0;
  options.check = values.count("check") > 0;
  return options;
}

// The loaded plugins made ready for the conversion between `source_name` and `target_name`:
// the project's knowledge overlay applied, the routed adapters' spokes checked for hooks that do
// not exist, and every adapter's data offered to the hooks.
void prepare_plugins(PluginSet& plugins, JobConverter& converter, const Manifest& manifest,
                     const std::string& source_name, const std::string& target_name) {
  std::vector<const LoadedPlugin*> routed;
  for (const std::string& name : {source_name, target_name}) {
    const LoadedPlugin* adapter = plugins.adapter_for(name);
    if (adapter != nullptr && adapter->adapter_data() != nullptr) routed.push_back(adapter);
  }
  apply_knowledge_overlay(manifest, plugins);
  if (!routed.empty()) refuse_unknown_spoke_hooks(plugins, routed);
  converter.services().provide_knowledge(
      [&plugins](std::string_view framework) -> const AdapterData* {
        const LoadedPlugin* adapter = plugins.adapter_for(framework);
        return adapter != nullptr ? adapter->adapter_data() : nullptr;
      });
}

// Converts every job from one adapter's framework to the other's; `originals` keeps each
// job's text before.
void convert_jobs(JobConverter& converter, const PluginSet& plugins, const LoadedPlugin& from,
                  const LoadedPlugin& to, const po::variables_map& values, std::vector<Job>& jobs,
                  std::vector<std::string>& originals, std::ostream& err) {
  // The adapters' own ids from here on, whatever alias the user typed.
  const std::string source = from.adapter()->framework;
  const std::string target = to.adapter()->framework;
  const auto hooks = plugins.of_kind(SW_PLUGIN_KIND_HOOK);
  if (&from == &to) {
    // Same framework on both sides: the identity conversion, byte for byte, unless enabled
    // hooks rewrite the file (a project's own codemods).
    converter.run_identity(jobs, originals, hooks, {source, target});
    return;
  }
  if (from.adapter_data() == nullptr || to.adapter_data() == nullptr) {
    throw Error("adapter '" + (from.adapter_data() ? to.id() : from.id()) +
                    "' carries no knowledge base to convert with",
                kUnit);
  }
  ConversionRoute conversion;
  conversion.source = {source, from.adapter_data()};
  conversion.target = {target, to.adapter_data()};
  conversion.hooks = hooks;
  conversion.options.keep_layout = values.count("keep-layout") > 0;
  for (const LoadedPlugin* hook : hooks) conversion.options.hooks.insert(hook->id());
  for (Job& job : jobs) refuse_assembly(plugins, job, source, err);
  converter.run_conversion(jobs, originals, conversion);
  report_summary(converter, jobs, source, target, err);
}

}  // namespace

int run_convert(const Invocation& invocation) {
  // A target that is an emitter draws the model instead (docs/diagrams.md).
  auto draw = [&] {
    return run_draw({as_draw_arguments(invocation.arguments), invocation.in, invocation.out,
                     invocation.err});
  };
  if (has_draw_options(invocation.arguments)) return draw();
  const auto parsed = parse_convert_arguments(invocation);
  if (!parsed) return exit_success;
  const po::variables_map& values = *parsed;
  const auto inputs = values["input"].as<std::vector<std::string>>();
  const fs::path search_from =
      inputs.front() == "-" ? fs::current_path() : fs::path(inputs.front());
  const PluginChoice choice = choose_plugins(values, search_from, invocation.err);
  const Manifest& manifest = choice.manifest;

  const bool infer_isa =
      !values.count("source") && manifest.source.empty() && may_be_assembly(inputs);
  // Without a source framework a conversion stops here, unless the project draws models (its
  // manifest sets [draw] input-shape) and the target is an emitter, which the plugins tell.
  const bool may_draw = !manifest.draw.input_shapes.empty();
  std::string source_name;
  if (!infer_isa && (values.count("source") || !manifest.source.empty() || !may_draw)) {
    source_name = framework_option(values, "source", manifest.source);
  }
  const std::string target_name = framework_option(values, "target", manifest.target);

  RunPlan plan = plan_run(values, inputs, invocation.err);
  std::vector<Job>& jobs = plan.collected.jobs;
  const size_t problems = plan.collected.problems.size();
  if (jobs.empty() && problems > 0) return report_failures(invocation.err, problems, problems);

  JobConverter converter(invocation);
  const unsigned workers = values.count("jobs") ? values["jobs"].as<unsigned>() : 0;
  converter.set_workers(workers == 0 ? default_workers() : workers);
  // Only the two adapters the conversion routes through are read: the others' traits and
  // spokes would be a third of the start-up (docs/benchmarks.md).
  PluginSet plugins(manifest, choice.search, converter.services(),
                    std::vector<std::string>{source_name, target_name});
  prepare_plugins(plugins, converter, manifest, source_name, target_name);
  if (report_problems(plugins, invocation.err)) return exit_failure;
  if (names_emitter(plugins, target_name)) return draw();
  if (source_name.empty() && !infer_isa) {
    source_name = framework_option(values, "source", manifest.source);
  }
  if (const LoadedPlugin* frontend = isa_frontend_for(plugins, source_name, inputs)) {
    return convert_assembly(invocation, *frontend, target_name, inputs, assembly_options(values));
  }
  const LoadedPlugin& from = route(plugins, source_name, "source");
  const LoadedPlugin& to = route(plugins, target_name, "target");
  if (values.count("verbose")) {
    explain_route(invocation.err, source_name, from, target_name, to, plugins);
  }
  std::vector<std::string> originals(jobs.size());
  convert_jobs(converter, plugins, from, to, values, jobs, originals, invocation.err);
  const size_t failed =
      problems + static_cast<size_t>(std::count_if(jobs.begin(), jobs.end(),
                                                   [](const Job& job) { return job.failed; }));
  if (failed > 0) return report_failures(invocation.err, failed, problems + jobs.size());
  if (converter.unconverted() > 0 && values.count("strict")) {
    throw Error(
        plural(converter.unconverted(), "call") + " left unconverted (--strict); nothing written",
        kUnit);
  }
  return deliver(invocation, values, jobs, originals, plan.destinations);
}

}  // namespace switcheroo::cli
