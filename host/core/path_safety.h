// Whether a file or folder is the user's own: swhost reads no project manifest, and trusts no
// trust store, that another user could have put there or changed.
#pragma once

#include <filesystem>
#include <optional>
#include <string>

namespace switcheroo {

/// Who may own a path that is safe to use.
enum class SafeOwner {
  you,          ///< only the user running swhost
  you_or_root,  ///< that user or root (who could change anything that user runs anyway)
};

/// Why another user could have written `path`, as the end of a sentence ("is writable by every
/// user", "is owned by another user (uid 1001)"), or nullopt when it belongs to a safe owner
/// and no one else may write it. A path that cannot be examined counts as unsafe.
std::optional<std::string> foreign_write_access(const std::filesystem::path& path,
                                                SafeOwner owner = SafeOwner::you);

}  // namespace switcheroo
