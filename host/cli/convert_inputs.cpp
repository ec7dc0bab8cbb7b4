#include "convert_inputs.h"

#include "../core/output_file.h"

#include <algorithm>
#include <map>

namespace switcheroo::cli {
namespace {

namespace fs = std::filesystem;
constexpr const char* kUnit = "io";

Diagnostic cannot_read(const fs::path& path, const std::error_code& error) {
  return Diagnostic{Severity::error,
                    {},
                    "cannot read '" + path.string() + "': " + system_error_text(error.value()),
                    kUnit};
}

std::error_code not_found() {
  return std::make_error_code(std::errc::no_such_file_or_directory);
}

bool is_skipped(const fs::path& entry, const std::optional<fs::path>& skip) {
  if (!skip) return false;
  std::error_code error;
  return fs::weakly_canonical(entry, error) == *skip && !error;
}

// The .py files below `folder`. A subfolder that cannot be opened is reported and left out
// before the walk would try to enter it (a failed step ends a recursive walk).
void walk_folder(const fs::path& folder, const std::optional<fs::path>& skip,
                 CollectedInputs& collected) {
  std::vector<fs::path> files;
  std::vector<std::pair<fs::path, std::error_code>> unreadable;
  std::error_code error;
  fs::recursive_directory_iterator it(folder, error);
  for (; !error && it != fs::recursive_directory_iterator(); it.increment(error)) {
    const fs::path entry = it->path();
    std::error_code entry_error;
    const fs::file_status status = it->status(entry_error);
    if (fs::is_directory(status)) {
      fs::directory_iterator probe(entry, entry_error);
      if (entry_error) unreadable.emplace_back(entry, entry_error);
      if (entry_error || is_skipped(entry, skip)) it.disable_recursion_pending();
    } else if (entry.extension() == ".py") {
      if (entry_error || !fs::exists(status)) {
        unreadable.emplace_back(entry, entry_error ? entry_error : not_found());
      } else if (fs::is_regular_file(status)) {
        files.push_back(entry);
      }
    }
  }
  if (error) unreadable.emplace_back(folder, error);  // opening it, or a step of the walk
  std::sort(unreadable.begin(), unreadable.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  for (const auto& [path, reason] : unreadable)
    collected.problems.push_back(cannot_read(path, reason));
  std::sort(files.begin(), files.end());
  for (const auto& file : files)
    collected.jobs.push_back({file, file.lexically_relative(folder), {}});
}

}  // namespace

CollectedInputs collect_inputs(const std::vector<std::string>& inputs,
                               const std::optional<fs::path>& skip) {
  CollectedInputs collected;
  if (std::count(inputs.begin(), inputs.end(), "-") > 1) {
    throw Error("standard input ('-') can be read only once", "usage", exit_usage);
  }
  for (const auto& input : inputs) {
    if (input == "-") {
      collected.jobs.push_back({{}, "stdin.py", {}});
      continue;
    }
    const fs::path path(input);
    std::error_code error;
    const fs::file_status status = fs::status(path, error);
    if (fs::is_directory(status)) {
      walk_folder(path, skip, collected);
    } else if (fs::exists(status)) {
      collected.jobs.push_back({path, path.filename(), {}});
    } else {
      collected.problems.push_back(cannot_read(path, error ? error : not_found()));
    }
  }
  return collected;
}

ModulePlace module_place(const fs::path& file) {
  std::error_code error;
  const fs::path absolute = fs::absolute(file, error).lexically_normal();
  std::string package;
  for (fs::path folder = absolute.parent_path();
       !folder.empty() && folder != folder.root_path() && fs::exists(folder / "__init__.py", error);
       folder = folder.parent_path()) {
    package = folder.filename().string() + (package.empty() ? "" : "." + package);
  }
  if (absolute.filename() == "__init__.py") return {package, package};
  const std::string stem = absolute.stem().string();
  return {package.empty() ? stem : package + "." + stem, package};
}

bool output_is_folder(const std::vector<std::string>& inputs, const std::vector<Job>& jobs,
                      const std::string& out) {
  std::error_code error;
  if (jobs.size() > 1 || inputs.size() > 1) return true;
  if (inputs.size() == 1 && inputs[0] != "-" && fs::is_directory(inputs[0], error)) return true;
  return !out.empty() && out.back() == '/';
}

std::vector<fs::path> plan_outputs(const std::vector<Job>& jobs, const fs::path& out,
                                   bool to_folder) {
  std::vector<fs::path> destinations;
  std::map<fs::path, const Job*> writer_of;
  for (const auto& job : jobs) {
    const fs::path destination = (to_folder ? out / job.relative_out : out).lexically_normal();
    const auto [previous, fresh] = writer_of.emplace(destination, &job);
    if (!fresh) {
      auto name = [](const Job& j) {
        return j.input.empty() ? std::string("-") : j.input.string();
      };
      throw Error("inputs '" + name(*previous->second) + "' and '" + name(job) +
                      "' would both be written to '" + destination.string() + "'",
                  "usage", exit_usage);
    }
    std::error_code error;
    if (!job.input.empty() && fs::equivalent(job.input, destination, error)) {
      throw Error(
          "output '" + destination.string() + "' is the input; inputs are never overwritten",
          kUnit);
    }
    check_output_target(destination);
    destinations.push_back(destination);
  }
  return destinations;
}

}  // namespace switcheroo::cli
