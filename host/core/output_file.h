// Safe output: a file is written to a temporary sibling and renamed into place, so a failed or
// interrupted run never leaves a partial file behind.
#pragma once

#include <filesystem>
#include <string_view>

namespace switcheroo {

/// Writes `content` to `file` atomically, creating missing parent folders, and gives it
/// `permissions` (e.g. 0600 for a file private to the user). Throws Error.
void write_file_atomically(const std::filesystem::path& file, std::string_view content,
                           unsigned permissions = 0644);

/// Reads a whole file as bytes. Throws Error naming the file.
std::string read_file(const std::filesystem::path& file);

}  // namespace switcheroo
