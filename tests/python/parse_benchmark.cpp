// Measures the Python front end over a list of files: the first parse in the process (cold),
// then whole passes over the corpus with warm prediction caches, parse only and parse+print.
// Prints one line per figure; tests/python/benchmark.py runs it beside CPython's ast.parse.
// Times are CPU time of this process, so that other load on a shared machine matters less.
#include "python/parse.h"

#include <ctime>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace python = switcheroo::python;

double cpu_seconds() {
  timespec now{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) * 1e-9;
}

double seconds_since(double start) { return cpu_seconds() - start; }

// Parses every file once (optionally printing it back); returns the bytes that parsed.
std::size_t pass(const std::vector<std::string>& sources, bool print) {
  std::size_t bytes = 0;
  for (const std::string& source : sources) {
    try {
      python::SyntaxTree tree = python::parse(source);
      if (print && tree.to_source().size() != source.size()) std::abort();
      bytes += source.size();
    } catch (const python::SyntaxError&) {
    }
  }
  return bytes;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 3) {
    std::cerr << "usage: parse_benchmark PASSES FILE...\n";
    return 2;
  }
  const int passes = std::stoi(argv[1]);
  std::vector<std::string> sources;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::ostringstream contents;
    contents << in.rdbuf();
    sources.push_back(std::move(contents).str());
  }

  double start = cpu_seconds();
  python::parse(sources.front());
  std::cout << "first file (cold): " << sources.front().size() << " bytes in "
            << seconds_since(start) * 1000 << " ms\n";

  start = cpu_seconds();
  std::size_t bytes = pass(sources, false);
  double elapsed = seconds_since(start);
  std::cout << "first pass (cold caches): " << bytes / elapsed / 1e6 << " MB/s\n";

  for (bool print : {false, true}) {
    start = cpu_seconds();
    bytes = 0;
    for (int i = 0; i < passes; ++i) bytes += pass(sources, print);
    elapsed = seconds_since(start);
    std::cout << (print ? "warm parse+print: " : "warm parse: ") << bytes / elapsed / 1e6
              << " MB/s\n";
  }
  const auto& statistics = python::parse_statistics();
  std::cout << "parses: " << statistics.parses << ", LL fallbacks: " << statistics.ll_fallbacks
            << '\n';
  return 0;
}
