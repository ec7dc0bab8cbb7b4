// The Python worker of `swhost ci` and `swhost suggest`, run as a child process, its
// standard output read line by line (one JSON object a line), its standard error left to the
// user's terminal.
#pragma once

#include <sys/types.h>
#include <vector>
#include <cstdio>
#include <string>

namespace switcheroo::ci {

class WorkerProcess {
 public:
  /// Starts `python -u script arguments...`. Throws Error [ci] when the interpreter cannot be
  /// started.
  WorkerProcess(const std::string& python, const std::string& script,
                const std::vector<std::string>& arguments);
  ~WorkerProcess();
  WorkerProcess(const WorkerProcess&) = delete;
  WorkerProcess& operator=(const WorkerProcess&) = delete;

  /// The next line of the worker's output, without its newline; false at the end.
  bool next_line(std::string& line);
  /// Waits for the worker to end; its exit status, or 128 + the signal that ended it.
  int wait();

 private:
  pid_t pid_ = -1;
  std::FILE* output_ = nullptr;
  bool waited_ = false;
  int status_ = 0;
};

}  // namespace switcheroo::ci
