// Any bytes as a Python file: either a syntax tree that prints back byte for byte, or a
// SyntaxError located inside the file. Never a crash, a hang or another exception.
#include "python/parse.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string source(reinterpret_cast<const char*>(data), size);
  for (auto goal : {switcheroo::python::ParseGoal::file, switcheroo::python::ParseGoal::expression}) {
    try {
      const switcheroo::python::SyntaxTree tree = switcheroo::python::parse(source, goal);
      if (tree.to_source() != source) std::abort();
    } catch (const switcheroo::python::SyntaxError& error) {
      if (error.location().line == 0 || error.location().column == 0) std::abort();
    }
  }
  return 0;
}
