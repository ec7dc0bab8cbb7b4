#include "convert_jobs.h"

#include "parallel_jobs.h"
#include "progress.h"

#include "../core/line_endings.h"
#include "../core/output_file.h"

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <iterator>
#include <ostream>
#include <sstream>
#include <system_error>
#include <utility>

namespace switcheroo::cli {
namespace {

std::string read_input(const Job& job, std::istream& in) {
  if (!job.input.empty()) return read_file(job.input);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string name_of(const Job& job) {
  return job.input.empty() ? std::string("<stdin>") : job.input.string();
}

// How much source the first pass keeps the trees of: convert::kKeptFirstPassText, or the
// bytes SWITCHEROO_FIRST_PASS_KEPT_BYTES gives (the tests set 0 to drop every tree).
std::size_t kept_first_pass_text() {
  const char* given = std::getenv("SWITCHEROO_FIRST_PASS_KEPT_BYTES");
  if (given == nullptr || *given == '\0') return convert::kKeptFirstPassText;
  char* end = nullptr;
  const unsigned long long bytes = std::strtoull(given, &end, 10);
  return *end == '\0' ? static_cast<std::size_t>(bytes) : convert::kKeptFirstPassText;
}

std::size_t pending(const std::vector<Job>& jobs) {
  return static_cast<std::size_t>(
      std::count_if(jobs.begin(), jobs.end(), [](const Job& job) { return !job.failed; }));
}

// A run over several files shows how far it is on a terminal.
bool shows_progress(const std::vector<Job>& jobs, const std::ostream& err) {
  return pending(jobs) > 1 && is_terminal(err);
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

}  // namespace

JobConverter::JobConverter(const Invocation& invocation)
    : invocation_(invocation), services_([this](const Diagnostic& diagnostic) {
        if (origins_ != nullptr && diagnostic.severity == Severity::warning) ++hook_warnings_;
        report(diagnostic);
      }) {}

Diagnostic JobConverter::located(Diagnostic diagnostic) const {
  if (origins_ != nullptr && diagnostic.location.file == rewritten_file_) {
    const auto where = origins_->origin(diagnostic.location.line, diagnostic.location.column);
    diagnostic.location.line = where.line;
    diagnostic.location.column = where.column;
  }
  return diagnostic;
}

void JobConverter::report(const Diagnostic& diagnostic) const {
  err() << located(diagnostic).format() << '\n';
}

void JobConverter::for_each_job(std::vector<Job>& jobs, std::vector<std::string>& originals,
                                const std::function<void(std::size_t)>& convert) {
  const bool reads_stdin =
      std::any_of(jobs.begin(), jobs.end(), [](const Job& job) { return job.input.empty(); });
  if (workers_ > 1 && jobs.size() > 1 && !reads_stdin) {
    run_in_workers(jobs, originals, convert);
    return;
  }
  ProgressBar progress(invocation_.err, pending(jobs), shows_progress(jobs, invocation_.err));
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (jobs[i].failed) continue;
    progress.clear();  // what the file reports goes on lines of its own
    run_job(jobs[i], err(), [&] { convert(i); });
    origins_ = nullptr;
    progress.advance(name_of(jobs[i]));
  }
}

void JobConverter::run_in_workers(std::vector<Job>& jobs, std::vector<std::string>& originals,
                                  const std::function<void(std::size_t)>& convert) {
  std::vector<std::uint64_t> sizes;
  for (const Job& job : jobs) {
    std::error_code failed;
    const auto size = std::filesystem::file_size(job.input, failed);
    sizes.push_back(failed ? 0 : size);
  }
  ProgressBar progress(invocation_.err, pending(jobs), shows_progress(jobs, invocation_.err));
  const auto finished = [&](std::size_t i) {
    if (!jobs[i].failed) progress.advance(name_of(jobs[i]));
  };
  auto outcomes = cli::run_in_workers(jobs.size(), workers_, sizes, [&](std::size_t i) {
    JobOutcome outcome;
    if (jobs[i].failed) {
      outcome.failed = true;
      return outcome;
    }
    std::ostringstream reported;
    err_ = &reported;
    const std::size_t converted = converted_, unconverted = unconverted_;
    run_job(jobs[i], reported, [&] { convert(i); });
    origins_ = nullptr;
    err_ = nullptr;
    outcome.result = std::move(jobs[i].result);
    outcome.original = std::move(originals[i]);
    outcome.diagnostics = reported.str();
    outcome.failed = jobs[i].failed;
    outcome.converted = converted_ - converted;
    outcome.unconverted = unconverted_ - unconverted;
    return outcome;
  }, finished);
  progress.clear();
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    JobOutcome& outcome = outcomes[i];
    if (!outcome.finished) {
      const Diagnostic stopped{Severity::error,
                               {name_of(jobs[i]), 0, 0},
                               "not converted: " + outcome.stopped_why,
                               "convert"};
      invocation_.err << stopped.format() << '\n';
      jobs[i].failed = true;
      continue;
    }
    invocation_.err << outcome.diagnostics;
    jobs[i].result = std::move(outcome.result);
    originals[i] = std::move(outcome.original);
    jobs[i].failed = outcome.failed;
    converted_ += outcome.converted;
    unconverted_ += outcome.unconverted;
  }
}

void JobConverter::run_identity(std::vector<Job>& jobs, std::vector<std::string>& originals,
                                const std::vector<const LoadedPlugin*>& hooks,
                                const HookTarget& target) {
  auto report = [this](const Diagnostic& diagnostic) { this->report(diagnostic); };
  for_each_job(jobs, originals, [&](std::size_t i) {
    Job& job = jobs[i];
    originals[i] = read_input(job, invocation_.in);
    const InputText input = read_as_lf(originals[i]);
    rewrite::OriginMap map(input.text);
    origins_ = &map;
    rewritten_file_ = name_of(job);
    job.result = input.restore(apply_hooks(name_of(job), input.text, hooks, target, report, &map));
  });
}

// The first pass of a run over several files, before any worker starts (so that -j N gives
// what -j 1 does): which callables of the files take the target's keys, for the calls of them
// in the other files. A file that cannot be read is left to its conversion to report. The
// files it parsed are not read or parsed again: `trees[i]` gets job i's tree and
// `originals[i]` the text it was read with.
std::set<std::string> JobConverter::keyed_callables(
    const std::vector<Job>& jobs, const ConversionRoute& route, std::vector<std::string>& originals,
    std::vector<std::optional<python::SyntaxTree>>& trees,
    std::map<std::string, convert::PermuteLayer>& permute_layers,
    std::set<std::string>& module_classes) const {
  std::vector<convert::RunFile> files;
  std::vector<std::string> read;
  std::vector<std::size_t> job_of;  // by file
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    if (jobs[i].failed || jobs[i].input.empty()) continue;
    const ModulePlace place = module_place(jobs[i].input);
    try {
      read.push_back(read_file(jobs[i].input));
    } catch (const Error&) {
      continue;
    }
    files.push_back({name_of(jobs[i]), read_as_lf(read.back()).text, place.module,
                     place.package, std::nullopt});
    job_of.push_back(i);
  }
  if (files.size() < 2) return {};
  std::set<std::string> keyed = convert::keyed_callables(files, route.source, route.target,
                                                         route.options, kept_first_pass_text(),
                                                         &permute_layers, &module_classes);
  for (std::size_t k = 0; k < files.size(); ++k) {
    if (!files[k].tree) continue;
    originals[job_of[k]] = std::move(read[k]);
    trees[job_of[k]] = std::move(files[k].tree);
  }
  return keyed;
}

void JobConverter::run_conversion(std::vector<Job>& jobs, std::vector<std::string>& originals,
                                  const ConversionRoute& route) {
  ConversionRoute shared = route;
  if (jobs.size() > 1) convert::index_source(shared.options, shared.source);
  std::vector<std::optional<python::SyntaxTree>> trees(jobs.size());
  shared.options.keyed_callables =
      keyed_callables(jobs, shared, originals, trees, shared.options.permute_layers,
                      shared.options.module_classes);
  for_each_job(jobs, originals, [&](std::size_t i) {
    if (!trees[i]) originals[i] = read_input(jobs[i], invocation_.in);
    jobs[i].result = convert_one(jobs[i], originals[i], shared, std::exchange(trees[i], {}));
  });
}

// `tree`, when the first pass parsed the file, is `original` parsed (with LF line breaks).
std::string JobConverter::convert_one(const Job& job, const std::string& original,
                                      const ConversionRoute& route,
                                      std::optional<python::SyntaxTree> tree) {
  const std::string name = name_of(job);
  const InputText input = read_as_lf(original);
  convert::Options options = route.options;
  if (!job.input.empty() &&
      (!options.keyed_callables.empty() || !options.module_classes.empty())) {
    const ModulePlace place = module_place(job.input);
    options.module = place.module;
    options.package = place.package;
  }
  auto result = tree ? convert::convert_calls(name, std::move(*tree), route.source, route.target,
                                              options)
                     : convert::convert_calls(name, input.text, route.source, route.target,
                                              options);
  for (const auto& diagnostic : result.result.diagnostics) report(diagnostic);
  rewrite::OriginMap map(input.text);
  map.add_step(std::move(result.spans), result.tree.source().bytes());
  origins_ = &map;
  rewritten_file_ = name;
  hook_warnings_ = 0;
  auto report = [this](const Diagnostic& diagnostic) { this->report(diagnostic); };
  const python::SyntaxTree after_hooks =
      apply_hooks(name, std::move(result.tree), route.hooks, {route.source.name, route.target.name},
                  report, &map);
  origins_ = nullptr;
  // Counted only once the whole file has converted.
  converted_ += result.result.converted;
  unconverted_ += result.result.unconverted + hook_warnings_;
  if (after_hooks.source().bytes() == input.text) return original;
  return input.restore(convert::fix_target_imports(after_hooks, result.imports));
}

}  // namespace switcheroo::cli
