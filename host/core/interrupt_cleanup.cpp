#include "interrupt_cleanup.h"

#include <atomic>
#include <csignal>
#include <cstdlib>

#include <unistd.h>

namespace switcheroo {
namespace {

// Read by the signal handler, so a lock-free atomic pointer and nothing else.
std::atomic<const char*> pending_path{nullptr};
static_assert(std::atomic<const char*>::is_always_lock_free);

constexpr int kHandledSignals[] = {SIGINT, SIGTERM, SIGHUP};

extern "C" void remove_pending_and_die(int signal_number) {
  if (const char* path = pending_path.load()) ::unlink(path);
  std::signal(signal_number, SIG_DFL);
  std::raise(signal_number);
}

void install_handlers_once() {
  static const bool installed = [] {
    for (int signal_number : kHandledSignals) {
      struct sigaction previous {};
      if (::sigaction(signal_number, nullptr, &previous) != 0) continue;
      if (previous.sa_handler == SIG_IGN) continue;
      struct sigaction action {};
      action.sa_handler = remove_pending_and_die;
      sigemptyset(&action.sa_mask);
      ::sigaction(signal_number, &action, nullptr);
    }
    return true;
  }();
  (void)installed;
}

}  // namespace

PendingTempFile::PendingTempFile(std::string path_template) : path_(std::move(path_template)) {
  install_handlers_once();
}

PendingTempFile::~PendingTempFile() {
  pending_path.store(nullptr);
}

int PendingTempFile::create() {
  // Registered before the file exists: a signal while mkstemp runs then removes at worst a
  // name that does not exist yet.
  pending_path.store(path_.c_str());
  const int descriptor = ::mkstemp(path_.data());
  if (descriptor < 0) pending_path.store(nullptr);
  return descriptor;
}

}  // namespace switcheroo
