#include "convert_jobs.h"

#include "../core/line_endings.h"
#include "../core/output_file.h"

#include <iterator>
#include <ostream>

namespace switcheroo::cli {
namespace {

std::string read_input(const Job& job, std::istream& in) {
  if (!job.input.empty()) return read_file(job.input);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string name_of(const Job& job) {
  return job.input.empty() ? std::string("<stdin>") : job.input.string();
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
  invocation_.err << located(diagnostic).format() << '\n';
}

void JobConverter::run_identity(std::vector<Job>& jobs, std::vector<std::string>& originals,
                                const std::vector<const LoadedPlugin*>& hooks,
                                const HookTarget& target) {
  auto report = [this](const Diagnostic& diagnostic) { this->report(diagnostic); };
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    Job& job = jobs[i];
    run_job(job, invocation_.err, [&] {
      originals[i] = read_input(job, invocation_.in);
      const InputText input = read_as_lf(originals[i]);
      rewrite::OriginMap map(input.text);
      origins_ = &map;
      rewritten_file_ = name_of(job);
      job.result =
          input.restore(apply_hooks(name_of(job), input.text, hooks, target, report, &map));
    });
    origins_ = nullptr;
  }
}

void JobConverter::run_conversion(std::vector<Job>& jobs, std::vector<std::string>& originals,
                                  const ConversionRoute& route) {
  for (std::size_t i = 0; i < jobs.size(); ++i) {
    Job& job = jobs[i];
    if (job.failed) continue;
    run_job(job, invocation_.err, [&] {
      originals[i] = read_input(job, invocation_.in);
      job.result = convert_one(job, originals[i], route);
    });
    origins_ = nullptr;
  }
}

std::string JobConverter::convert_one(const Job& job, const std::string& original,
                                      const ConversionRoute& route) {
  const std::string name = name_of(job);
  const InputText input = read_as_lf(original);
  auto result = convert::convert_calls(name, input.text, route.source, route.target, route.options);
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
