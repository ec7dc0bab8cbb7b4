#include "core/interrupt_cleanup.h"

#include <catch2/catch.hpp>

#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <string>

#include <sys/wait.h>
#include <unistd.h>

using namespace switcheroo;
namespace fs = std::filesystem;

namespace {

// Runs `body` in a child process and returns its wait status.
template <class Body>
int in_child(Body body) {
  const pid_t child = ::fork();
  if (child == 0) {
    body();
    std::_Exit(0);
  }
  int status = 0;
  ::waitpid(child, &status, 0);
  return status;
}

}  // namespace

TEST_CASE("an interrupt while a temporary file exists removes it, then ends the process") {
  const fs::path folder = fs::temp_directory_path() / ("swtmp-test-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  for (const int signal_number : {SIGINT, SIGTERM, SIGHUP}) {
    const int status = in_child([&] {
      PendingTempFile pending((folder / ".out.py.swtmp-XXXXXX").string());
      if (pending.create() < 0) std::_Exit(3);
      std::raise(signal_number);
      std::_Exit(4);  // not reached: the signal ends the process
    });
    CHECK(WIFSIGNALED(status));
    CHECK(WTERMSIG(status) == signal_number);
    CHECK(fs::is_empty(folder));
  }
  fs::remove_all(folder);
}

TEST_CASE("a finished write is forgotten: a later interrupt removes nothing") {
  const fs::path folder = fs::temp_directory_path() / ("swtmp-done-" + std::to_string(::getpid()));
  fs::create_directories(folder);
  const fs::path kept = folder / "out.py";
  const int status = in_child([&] {
    {
      PendingTempFile pending((folder / ".out.py.swtmp-XXXXXX").string());
      if (pending.create() < 0) std::_Exit(3);
      std::rename(pending.path(), kept.c_str());
    }
    std::raise(SIGINT);
  });
  CHECK(WIFSIGNALED(status));
  CHECK(fs::exists(kept));
  fs::remove_all(folder);
}
