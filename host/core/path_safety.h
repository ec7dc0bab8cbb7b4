// Whether a file or folder is the user's own: swhost reads no project manifest, and trusts no
// trust store, that another user could have put there or changed.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace switcheroo {

/// Why another user could have written `path`, as the end of a sentence ("is writable by every
/// user", "is owned by another user (uid 1001)"), or nullopt when only its owner -- the user
/// running swhost -- can. A path that cannot be examined counts as unsafe.
std::optional<std::string> foreign_write_access(const std::filesystem::path& path);

}  // namespace switcheroo
