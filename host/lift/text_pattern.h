// Matching a line's text against a spelling with holes, for the passes that recognise a
// compiler's expansion in lifted lines (float_division.h, integer_division.h). In `pattern`,
// `$X` (X a capital letter) stands for a name and `@X` for any expression whose brackets are
// balanced (a name, a call, a parenthesised sum); the same letter must stand for the same
// text wherever it appears.
#pragma once

#include <map>
#include <string>

namespace switcheroo::lift {

using Bindings = std::map<char, std::string>;

/// Whether `text` is `pattern` with its holes filled; fills `bound` on success (letters
/// bound before the call must keep their text).
bool matches(const std::string& text, const std::string& pattern, Bindings& bound);

/// Either of two spellings (the two orders of a product).
bool matches_either(const std::string& text, const std::string& first, const std::string& second,
                    Bindings& bound);

}  // namespace switcheroo::lift
