// Any bytes as a Python file: either a syntax tree that prints back byte for byte, or a
// SyntaxError located inside the file. Never a crash, a hang or another exception.
//
// Random mutation alone rarely builds thousands of nested levels, so an input that starts with
// byte 0xFF (which no valid source does) is a recipe instead: two bytes of repeat count N,
// then OPEN, a 0x00 byte, MIDDLE, a 0x00 byte and CLOSE, giving OPEN * N + MIDDLE + CLOSE * N
// (`-` * 40000 + `1`, `(` * 300 + `x` + `)` * 300, `f` + `()` * 20000, ...), N cut so that
// the repeats stay under 256 KiB.
#include "python/parse.h"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

std::string source_of(const uint8_t* data, size_t size) {
  const std::string_view bytes(reinterpret_cast<const char*>(data), size);
  if (size < 3 || data[0] != 0xFF) return std::string(bytes);
  size_t count = static_cast<size_t>(data[1]) << 8 | data[2];
  std::string_view rest = bytes.substr(3);
  const size_t first = rest.find('\0');
  const std::string_view open = rest.substr(0, first);
  rest = first == std::string_view::npos ? std::string_view() : rest.substr(first + 1);
  const size_t second = rest.find('\0');
  const std::string_view middle = rest.substr(0, second);
  const std::string_view close =
      second == std::string_view::npos ? std::string_view() : rest.substr(second + 1);
  // Deep enough for every limit, small enough to keep the fuzzer fast.
  constexpr size_t kMaxRecipeSize = 256 * 1024;
  const size_t unit = open.size() + close.size();
  if (unit > 0 && unit * count > kMaxRecipeSize) count = kMaxRecipeSize / unit;
  std::string source;
  source.reserve((open.size() + close.size()) * count + middle.size());
  for (size_t i = 0; i < count; ++i) source += open;
  source += middle;
  for (size_t i = 0; i < count; ++i) source += close;
  return source;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  const std::string source = source_of(data, size);
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
