// What `swhost convert` reads and where it writes: the inputs expanded into one job per file
// (folders walked recursively), and the output path of each job, checked before anything is
// written.
#pragma once

#include "../core/diagnostics.h"

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo::cli {

/// One file to convert.
struct Job {
  std::filesystem::path input;  ///< empty for standard input
  std::filesystem::path
      relative_out;  ///< where the result goes below --out (a folder input is mirrored)
  std::string result;
  bool failed = false;  ///< the file could not be read or converted (already reported)
};

/// The jobs for the inputs, and what could not be read while finding them.
struct CollectedInputs {
  std::vector<Job> jobs;
  std::vector<Diagnostic> problems;  ///< one per input or folder entry that cannot be read
};

/// Expands the inputs: `-` is standard input (once at most: a usage Error otherwise), a folder
/// gives its `.py` files, recursively and sorted. An entry that cannot be read is a problem and
/// the walk goes on past it. `skip` (the --out folder) is not walked, so that its earlier
/// results are not converted again.
CollectedInputs collect_inputs(const std::vector<std::string>& inputs,
                               const std::optional<std::filesystem::path>& skip);

/// A file's place in its package, for imports between the files of a run: the folders above it
/// that hold an `__init__.py` are the packages (`pkg/models/net.py` -> module `pkg.models.net`,
/// package `pkg.models`; `pkg/models/__init__.py` -> both `pkg.models`). A file in no package
/// is the module of its name, in no package.
struct ModulePlace {
  std::string module;
  std::string package;
};
ModulePlace module_place(const std::filesystem::path& file);

/// Does --out name a folder? With several jobs or a folder input it must; a single file goes
/// into a folder when `out` ends in '/' (an existing folder named without it is refused, as any
/// output that is not a regular file is).
bool output_is_folder(const std::vector<std::string>& inputs, const std::vector<Job>& jobs,
                      const std::string& out);

/// The file each job writes. Throws Error before anything is written when two jobs would write
/// the same file (usage), when a job would overwrite its input, or when a destination exists as
/// anything but a regular file.
std::vector<std::filesystem::path> plan_outputs(const std::vector<Job>& jobs,
                                                const std::filesystem::path& out, bool to_folder);

}  // namespace switcheroo::cli
