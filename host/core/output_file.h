// Safe output: a file is written to a temporary sibling and renamed into place, so a failed or
// interrupted run never leaves a partial file behind, and only regular files are ever replaced.
#pragma once

#include <filesystem>
#include <optional>
#include <ostream>
#include <string>
#include <string_view>

namespace switcheroo {

/// Refuses, with an Error naming the path and what it is, an output path that exists as
/// anything but a regular file: a folder, a symbolic link, a FIFO, a device or a socket. A
/// rename over such a path would replace it (`--out /dev/null` run as root would delete the
/// device). Call it for every output before writing any.
void check_output_target(const std::filesystem::path& file);

/// Writes `content` to `file` atomically, creating missing parent folders. An existing file
/// keeps its permission bits and a new one gets 0666 less the umask, unless `permissions` says
/// otherwise (0600 for a file private to the user). Throws Error.
void write_file_atomically(const std::filesystem::path& file, std::string_view content,
                           std::optional<unsigned> permissions = std::nullopt);

/// Flushes `out` (standard output) and throws Error when anything written to it was lost.
void check_written(std::ostream& out);

/// Reads a whole file as bytes. Throws Error naming the file.
std::string read_file(const std::filesystem::path& file);

/// The system's text for an errno value, starting lowercase ("permission denied").
std::string system_error_text(int error_number);

}  // namespace switcheroo
