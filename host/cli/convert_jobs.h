// The conversion of each job of a `swhost convert` run, in this process or spread over worker
// processes (`-j`, parallel_jobs.h) with the same output: a job that fails is reported and
// marked failed, and the rest still run. What the engine and the hooks report
// about a file is located in the file as it was read, through every rewriting step.
#pragma once

#include "cli.h"
#include "convert_inputs.h"

#include "../convert/engine.h"
#include "../core/hook_runner.h"
#include "../core/host_services.h"
#include "../rewrite/origin_map.h"

#include <functional>
#include <optional>
#include <ostream>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::cli {

/// How the jobs of a run are converted: the frameworks on both sides and the hooks after them.
struct ConversionRoute {
  convert::Framework source;
  convert::Framework target;
  convert::Options options;
  std::vector<const LoadedPlugin*> hooks;
};

class JobConverter {
 public:
  explicit JobConverter(const Invocation& invocation);
  JobConverter(const JobConverter&) = delete;
  JobConverter& operator=(const JobConverter&) = delete;

  /// The services plugins report through; a hook's warning counts as a call left unconverted.
  HostServices& services() { return services_; }

  /// Same framework on both sides: each input byte for byte, unless the hooks rewrite it.
  /// `originals[i]` gets the text job i was read with.
  void run_identity(std::vector<Job>& jobs, std::vector<std::string>& originals,
                    const std::vector<const LoadedPlugin*>& hooks, const HookTarget& target);
  /// One framework to another: the engine, then the hooks on its result, then the imports for
  /// what they all wrote. Jobs already marked failed are left out.
  void run_conversion(std::vector<Job>& jobs, std::vector<std::string>& originals,
                      const ConversionRoute& route);

  /// How many worker processes convert the files (`-j`); 1 converts them in this process.
  void set_workers(unsigned workers) { workers_ = workers; }

  std::size_t converted() const { return converted_; }
  std::size_t unconverted() const { return unconverted_; }

 private:
  /// Runs `convert(i)` for every job not failed yet, over the workers; what each reported
  /// comes out in input order, as on one core.
  void for_each_job(std::vector<Job>& jobs, std::vector<std::string>& originals,
                    const std::function<void(std::size_t)>& convert);
  void run_in_workers(std::vector<Job>& jobs, std::vector<std::string>& originals,
                      const std::function<void(std::size_t)>& convert);
  std::ostream& err() const { return err_ != nullptr ? *err_ : invocation_.err; }
  Diagnostic located(Diagnostic diagnostic) const;
  void report(const Diagnostic& diagnostic) const;
  std::string convert_one(const Job& job, const std::string& original,
                          const ConversionRoute& route, std::optional<python::SyntaxTree> tree);
  std::set<std::string> keyed_callables(const std::vector<Job>& jobs,
                                        const ConversionRoute& route,
                                        std::vector<std::string>& originals,
                                        std::vector<std::optional<python::SyntaxTree>>& trees,
                                        std::map<std::string, convert::PermuteLayer>& permute_layers,
                                        std::set<std::string>& module_classes) const;

  const Invocation& invocation_;
  const rewrite::OriginMap* origins_ = nullptr;  // of the file being rewritten, if any
  std::string rewritten_file_;
  std::size_t hook_warnings_ = 0;
  std::size_t converted_ = 0;
  std::size_t unconverted_ = 0;
  HostServices services_;
  unsigned workers_ = 1;
  std::ostream* err_ = nullptr;  // where a worker collects what one file reports
};

}  // namespace switcheroo::cli
