#include "path_safety.h"

#include <sys/stat.h>
#include <unistd.h>

namespace switcheroo {

std::optional<std::string> foreign_write_access(const std::filesystem::path& path,
                                                SafeOwner owner) {
  struct stat status {};
  if (::stat(path.c_str(), &status) != 0) return "cannot be examined";
  const bool by_root = owner == SafeOwner::you_or_root && status.st_uid == 0;
  if (status.st_uid != ::geteuid() && !by_root) {
    return "is owned by another user (uid " + std::to_string(status.st_uid) + ")";
  }
  // A sticky world-writable folder such as /tmp is still shared: anyone may add files to it.
  if ((status.st_mode & S_IWOTH) != 0) return "is writable by every user";
  return std::nullopt;
}

}  // namespace switcheroo
