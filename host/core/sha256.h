// SHA-256 digests, computed by nettle: what `swhost trust` records of a manifest
// and of each plugin file, and compares before a project's plugin is loaded.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace switcheroo {

/// The SHA-256 of `bytes` as 64 lowercase hexadecimal digits.
std::string sha256_hex(std::string_view bytes);

/// The SHA-256 of a file's bytes as 64 lowercase hexadecimal digits. Throws Error naming the
/// file when it cannot be read.
std::string sha256_of_file(const std::filesystem::path& file);

}  // namespace switcheroo
