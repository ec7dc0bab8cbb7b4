#include "worker_process.h"

#include "core/diagnostics.h"

#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cerrno>
#include <cstring>

extern char** environ;

namespace switcheroo::ci {

WorkerProcess::WorkerProcess(const std::string& python, const std::string& script,
                             const std::vector<std::string>& arguments) {
  int pipe_ends[2];
  if (pipe(pipe_ends) != 0) {
    throw Error(std::string("cannot start the worker: ") + std::strerror(errno), "ci");
  }
  posix_spawn_file_actions_t actions;
  posix_spawn_file_actions_init(&actions);
  posix_spawn_file_actions_adddup2(&actions, pipe_ends[1], STDOUT_FILENO);
  posix_spawn_file_actions_addclose(&actions, pipe_ends[0]);
  posix_spawn_file_actions_addclose(&actions, pipe_ends[1]);
  std::vector<std::string> words{python, "-u", script};
  words.insert(words.end(), arguments.begin(), arguments.end());
  std::vector<char*> argv;
  for (auto& word : words) argv.push_back(word.data());
  argv.push_back(nullptr);
  const int failed = posix_spawnp(&pid_, python.c_str(), &actions, nullptr, argv.data(), environ);
  posix_spawn_file_actions_destroy(&actions);
  close(pipe_ends[1]);
  if (failed != 0) {
    close(pipe_ends[0]);
    throw Error("cannot run the Python interpreter '" + python + "': " + std::strerror(failed) +
                    " (set it with --python or [knowledge] python in the manifest)",
                "ci");
  }
  output_ = fdopen(pipe_ends[0], "r");
}

WorkerProcess::~WorkerProcess() {
  if (output_ != nullptr) std::fclose(output_);
  wait();
}

bool WorkerProcess::next_line(std::string& line) {
  line.clear();
  if (output_ == nullptr) return false;
  int c;
  while ((c = std::fgetc(output_)) != EOF) {
    if (c == '\n') return true;
    line += static_cast<char>(c);
  }
  return !line.empty();
}

int WorkerProcess::wait() {
  if (waited_ || pid_ <= 0) return status_;
  int raw = 0;
  while (waitpid(pid_, &raw, 0) < 0 && errno == EINTR) {
  }
  waited_ = true;
  status_ = WIFEXITED(raw) ? WEXITSTATUS(raw) : 128 + WTERMSIG(raw);
  return status_;
}

}  // namespace switcheroo::ci
