// A bounds check of an ELF file's headers before Boost.DLL's library_info reads it: that
// reader trusts the sizes and offsets in the file, so a corrupt or hostile file could make it
// allocate or read without limit. Found by fuzz/plugin_file_fuzzer.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace switcheroo {

/// Why `file` is not a well-formed 64-bit little-endian ELF shared object, or nullopt when its
/// ELF header, section headers and section extents are all consistent with its size.
std::optional<std::string> elf_problem(const std::filesystem::path& file);

}  // namespace switcheroo
