#include "identifier_chars.h"

#include <algorithm>
#include <iterator>

namespace switcheroo::python {
namespace {

struct CodeRange {
  char32_t low;
  char32_t high;
};

#include "unicode/identifier_tables.inc"

template <std::size_t N>
bool in_ranges(const CodeRange (&ranges)[N], char32_t c) {
  const auto* after = std::upper_bound(std::begin(ranges), std::end(ranges), c,
                                       [](char32_t value, const CodeRange& range) {
                                         return value < range.low;
                                       });
  return after != std::begin(ranges) && c <= std::prev(after)->high;
}

bool is_ascii_letter(char32_t c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

}  // namespace

bool is_identifier_start(char32_t c) {
  if (c < 0x80) return is_ascii_letter(c) || c == '_';
  return in_ranges(kIdentifierStart, c);
}

bool is_identifier_continue(char32_t c) {
  if (c < 0x80) return is_ascii_letter(c) || c == '_' || (c >= '0' && c <= '9');
  return in_ranges(kIdentifierContinue, c);
}

}  // namespace switcheroo::python
