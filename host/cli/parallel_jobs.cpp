#include "parallel_jobs.h"

#include <sched.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <exception>
#include <iostream>
#include <numeric>
#include <thread>

namespace switcheroo::cli {
namespace {

// A worker's report is a sequence of frames, one per file: its index, then each field as a
// length and bytes, so any text (not only UTF-8) passes unchanged.
void put_number(std::string& out, std::uint64_t value) {
  out.append(reinterpret_cast<const char*>(&value), sizeof value);
}

void put_text(std::string& out, const std::string& text) {
  put_number(out, text.size());
  out += text;
}

std::string encode(std::size_t index, const JobOutcome& outcome) {
  std::string frame;
  put_number(frame, index);
  put_text(frame, outcome.result);
  put_text(frame, outcome.original);
  put_text(frame, outcome.diagnostics);
  put_number(frame, outcome.failed ? 1 : 0);
  put_number(frame, outcome.converted);
  put_number(frame, outcome.unconverted);
  put_number(frame, outcome.finished ? 1 : 0);
  put_text(frame, outcome.stopped_why);
  return frame;
}

// Reads frames; a frame cut short (a worker that died while writing) is not read.
class FrameReader {
 public:
  explicit FrameReader(const std::string& data) : data_(data) {}

  /// Where the frames read so far end.
  std::size_t position() const { return at_; }

  bool next(std::size_t& index, JobOutcome& outcome) {
    const std::size_t start = at_;
    std::uint64_t failed = 0, finished = 0, number = 0;
    if (number_at(number) && text_at(outcome.result) && text_at(outcome.original) &&
        text_at(outcome.diagnostics) && number_at(failed) && number_at(outcome.converted) &&
        number_at(outcome.unconverted) && number_at(finished) && text_at(outcome.stopped_why)) {
      index = static_cast<std::size_t>(number);
      outcome.failed = failed != 0;
      outcome.finished = finished != 0;
      return true;
    }
    at_ = start;
    return false;
  }

 private:
  bool number_at(std::uint64_t& value) {
    if (data_.size() - at_ < sizeof value) return false;
    std::memcpy(&value, data_.data() + at_, sizeof value);
    at_ += sizeof value;
    return true;
  }

  bool text_at(std::string& text) {
    std::uint64_t size = 0;
    if (!number_at(size) || data_.size() - at_ < size) return false;
    text.assign(data_, at_, static_cast<std::size_t>(size));
    at_ += static_cast<std::size_t>(size);
    return true;
  }

  const std::string& data_;
  std::size_t at_ = 0;
};

// Longest job first, each to the least loaded worker.
std::vector<std::vector<std::size_t>> shares(std::size_t count, unsigned workers,
                                             const std::vector<std::uint64_t>& weights) {
  std::vector<std::size_t> order(count);
  std::iota(order.begin(), order.end(), 0);
  const auto weight = [&](std::size_t i) { return i < weights.size() ? weights[i] : 0; };
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return weight(a) > weight(b); });
  std::vector<std::vector<std::size_t>> parts(workers);
  std::vector<std::uint64_t> load(workers, 0);
  for (std::size_t i : order) {
    const auto least = static_cast<std::size_t>(
        std::min_element(load.begin(), load.end()) - load.begin());
    parts[least].push_back(i);
    load[least] += weight(i) + 1;
  }
  for (auto& part : parts) std::sort(part.begin(), part.end());
  return parts;
}

bool write_all(int fd, const std::string& data) {
  std::size_t done = 0;
  while (done < data.size()) {
    const ssize_t wrote = ::write(fd, data.data() + done, data.size() - done);
    if (wrote < 0 && errno == EINTR) continue;
    if (wrote <= 0) return false;
    done += static_cast<std::size_t>(wrote);
  }
  return true;
}

[[noreturn]] void run_worker(int fd, const std::vector<std::size_t>& share,
                             const std::function<JobOutcome(std::size_t)>& run_one) {
  for (std::size_t i : share) {
    JobOutcome outcome;
    try {
      outcome = run_one(i);
      outcome.finished = true;
    } catch (const std::exception& failure) {
      outcome = JobOutcome();
      outcome.stopped_why = std::string("internal error: ") + failure.what();
    }
    if (!write_all(fd, encode(i, outcome))) ::_exit(3);
  }
  ::close(fd);
  ::_exit(0);  // no atexit handlers, no flushing of the parent's buffers a second time
}

std::string how_stopped(int status) {
  if (WIFSIGNALED(status)) {
    const int signal = WTERMSIG(status);
    const char* name = ::strsignal(signal);
    return "its worker process was killed by signal " + std::to_string(signal) +
           (name != nullptr ? std::string(" (") + name + ")" : std::string());
  }
  if (WIFEXITED(status) && WEXITSTATUS(status) != 0)
    return "its worker process exited with status " + std::to_string(WEXITSTATUS(status));
  return "its worker process stopped before converting it";
}

struct Worker {
  pid_t pid = -1;
  int fd = -1;
  std::string received;  // what came after the last whole frame
  std::vector<std::size_t> share;
};

// Takes the whole frames the worker's data now holds into `outcomes` as they arrive, telling
// `finished` of each; what is left is the start of the next frame.
void take_frames(Worker& worker, std::vector<JobOutcome>& outcomes,
                 const std::function<void(std::size_t)>& finished) {
  FrameReader reader(worker.received);
  std::size_t index = 0;
  JobOutcome outcome;
  while (reader.next(index, outcome)) {
    if (index >= outcomes.size()) continue;
    outcomes[index] = std::move(outcome);
    if (finished) finished(index);
  }
  worker.received.erase(0, reader.position());
}

// Reads every worker's pipe until each is closed.
void collect(std::vector<Worker>& workers, std::vector<JobOutcome>& outcomes,
             const std::function<void(std::size_t)>& finished) {
  std::vector<pollfd> polled;
  for (const auto& worker : workers) polled.push_back({worker.fd, POLLIN, 0});
  std::size_t open = polled.size();
  char buffer[65536];
  while (open > 0) {
    if (::poll(polled.data(), polled.size(), -1) < 0) {
      if (errno == EINTR) continue;
      break;
    }
    for (std::size_t w = 0; w < polled.size(); ++w) {
      if (polled[w].fd < 0 || polled[w].revents == 0) continue;
      const ssize_t got = ::read(polled[w].fd, buffer, sizeof buffer);
      if (got < 0 && errno == EINTR) continue;
      if (got > 0) {
        workers[w].received.append(buffer, static_cast<std::size_t>(got));
        take_frames(workers[w], outcomes, finished);
        continue;
      }
      ::close(polled[w].fd);
      polled[w].fd = -1;
      --open;
    }
  }
}

}  // namespace

unsigned default_workers() {
  cpu_set_t set;
  CPU_ZERO(&set);
  if (::sched_getaffinity(0, sizeof set, &set) == 0) {
    const int cores = CPU_COUNT(&set);
    if (cores > 0) return static_cast<unsigned>(cores);
  }
  return std::max(1u, std::thread::hardware_concurrency());
}

std::vector<JobOutcome> run_in_workers(std::size_t count, unsigned workers,
                                       const std::vector<std::uint64_t>& weights,
                                       const std::function<JobOutcome(std::size_t)>& run_one,
                                       const std::function<void(std::size_t)>& finished) {
  std::vector<JobOutcome> outcomes(count);
  const auto run_here = [&](std::size_t i) {
    outcomes[i] = run_one(i);
    outcomes[i].finished = true;
    if (finished) finished(i);
  };
  if (workers <= 1 || count < 2) {
    for (std::size_t i = 0; i < count; ++i) run_here(i);
    return outcomes;
  }
  std::cout.flush();
  std::cerr.flush();
  std::fflush(nullptr);
  std::vector<Worker> started;
  std::vector<std::size_t> here;  // jobs no worker could be started for
  for (auto& share : shares(count, std::min<std::size_t>(workers, count), weights)) {
    int ends[2];
    pid_t pid = -1;
    if (::pipe(ends) == 0) {
      pid = ::fork();
      if (pid == 0) {
        ::close(ends[0]);
        for (const auto& other : started) ::close(other.fd);
        run_worker(ends[1], share, run_one);
      }
      ::close(ends[1]);
      if (pid < 0) ::close(ends[0]);
    }
    if (pid < 0) {
      here.insert(here.end(), share.begin(), share.end());
      continue;
    }
    started.push_back({pid, ends[0], {}, std::move(share)});
  }
  collect(started, outcomes, finished);
  for (auto& worker : started) {
    int status = 0;
    while (::waitpid(worker.pid, &status, 0) < 0 && errno == EINTR) {
    }
    for (std::size_t i : worker.share)
      if (!outcomes[i].finished && outcomes[i].stopped_why.empty())
        outcomes[i].stopped_why = how_stopped(status);
  }
  for (std::size_t i : here) run_here(i);
  return outcomes;
}

}  // namespace switcheroo::cli
