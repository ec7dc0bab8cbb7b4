// An interrupted run (Ctrl-C, kill, a closed terminal) must leave no temporary file behind:
// while an output is being written, SIGINT, SIGTERM and SIGHUP remove its temporary file
// before the process dies of the signal as it otherwise would.
#pragma once

#include <string>

namespace switcheroo {

/// The temporary file of one write in progress (one at a time). The signal handlers are
/// installed the first time one is made; a signal its parent ignores (nohup) stays ignored.
class PendingTempFile {
 public:
  /// `path_template` ends in "XXXXXX", as mkstemp(3) wants it.
  explicit PendingTempFile(std::string path_template);
  /// Forgets the file (it has been renamed into place or removed by then).
  ~PendingTempFile();
  PendingTempFile(const PendingTempFile&) = delete;
  PendingTempFile& operator=(const PendingTempFile&) = delete;

  /// Creates the file with mkstemp; returns its descriptor, or -1 with errno set.
  int create();
  /// The file's path once created.
  const char* path() const { return path_.c_str(); }

 private:
  std::string path_;
};

}  // namespace switcheroo
