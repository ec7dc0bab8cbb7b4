// The source line shown under a diagnostic, made safe and short enough for a terminal.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace switcheroo {

/// A source line as a diagnostic shows it, and the caret line that points into it.
struct SourceExcerpt {
  std::string line;   ///< the shown text, without indentation or line break
  std::string caret;  ///< spaces (tabs where the line has them) and a '^' under the column
};

/// The excerpt of `line` for a diagnostic at `column` (1-based, in code points). Control
/// characters, terminal escapes, bidirectional overrides and bytes that are not UTF-8 are shown
/// escaped (`\x1b`, `\u202e`), so an input cannot drive the terminal; a line longer than
/// `kExcerptWidth` code points is cut to a window around the column, with `...` where it is cut.
SourceExcerpt make_excerpt(std::string_view line, uint32_t column);

/// `text` with what acts on a terminal escaped as in an excerpt (for messages that quote input).
std::string escape_for_terminal(std::string_view text);

/// How many code points of a long line an excerpt shows.
constexpr std::size_t kExcerptWidth = 100;

}  // namespace switcheroo
