// Runs the jobs of one `swhost convert` over several worker processes (`-j N`).
//
// The plugins are loaded once, then the process forks: each worker converts its share of the
// files (balanced by size) and sends back, per file, the result, the text it was read with,
// what it reported and what it counted. The caller takes the outcomes in input order, so the
// output and the diagnostics are byte-identical to a run on one core. A worker that dies marks
// its unfinished files as failed, with the reason; nothing is written then.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

namespace switcheroo::cli {

/// What converting one file gave.
struct JobOutcome {
  std::string result;       ///< the converted text
  std::string original;     ///< the text the file was read with
  std::string diagnostics;  ///< everything reported while converting it, formatted
  bool failed = false;
  std::uint64_t converted = 0;    ///< calls converted
  std::uint64_t unconverted = 0;  ///< calls left unconverted
  bool finished = false;          ///< false: the worker converting it stopped first
  std::string stopped_why;        ///< then: how the worker stopped
};

/// The number of workers `-j 0` (the default) means: the cores this process may use.
unsigned default_workers();

/// Calls `run_one(i)` for every i below `count`, in up to `workers` processes, and returns the
/// outcomes by index. `weights[i]` (the file's size) balances the shares. With one worker, or
/// one job, everything runs in this process. `run_one` must not read standard input.
/// `finished(i)`, where given, is called in this process as each job's outcome arrives.
std::vector<JobOutcome> run_in_workers(std::size_t count, unsigned workers,
                                       const std::vector<std::uint64_t>& weights,
                                       const std::function<JobOutcome(std::size_t)>& run_one,
                                       const std::function<void(std::size_t)>& finished = {});

}  // namespace switcheroo::cli
