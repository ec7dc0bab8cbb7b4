// Matching a line's text against a spelling with holes, for the passes that recognise a
// compiler's expansion in lifted lines (float_division.h, integer_division.h). In `pattern`,
// `$X` (X a capital letter) stands for a name and `@X` for any expression whose brackets are
// balanced (a name, a call, a parenthesised sum); the same letter must stand for the same
// text wherever it appears.
#pragma once

#include <cstddef>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo::lift {

using Bindings = std::map<char, std::string>;

/// Whether `text` is `pattern` with its holes filled; fills `bound` on success (letters
/// bound before the call must keep their text).
bool matches(const std::string& text, const std::string& pattern, Bindings& bound);

/// Either of two spellings (the two orders of a product).
bool matches_either(const std::string& text, const std::string& first, const std::string& second,
                    Bindings& bound);

/// The steps of an expansion in one straight run of `body`'s lines (four spaces per level):
/// same indentation, no header, jump or subroutine call between.
class RunSteps {
 public:
  /// The run that ends before line `end`.
  RunSteps(const std::vector<std::string>& body, size_t end);

  /// The last line of the run before `before` that writes `name`, when it is `name = ` and
  /// `pattern` (or `swapped`, the product's other order) with the letters bound so far.
  std::optional<size_t> step(const std::string& name, size_t before, const std::string& pattern,
                             const std::string& swapped = "");
  /// The run's first line.
  size_t start() const { return start_; }
  /// Whether a line after `from` and before `to` writes `name`.
  bool writes_between(const std::string& name, size_t from, size_t to) const;

 protected:
  const std::vector<std::string>& body_;
  size_t start_ = 0;
  Bindings bound_;
};

}  // namespace switcheroo::lift
