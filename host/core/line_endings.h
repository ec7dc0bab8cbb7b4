// Windows line endings: a file whose every line ends in CRLF is converted as if it ended in
// LF, and what is written for it ends every line in CRLF again, new lines included.
#pragma once

#include <string>
#include <string_view>

namespace switcheroo {

/// Does every line break of `text` read CRLF (and there is at least one, and no lone CR)?
bool uses_crlf(std::string_view text);

/// `text` with each CRLF as LF.
std::string crlf_to_lf(std::string_view text);

/// `text` with each LF as CRLF (for text with LF line breaks only).
std::string lf_to_crlf(std::string_view text);

}  // namespace switcheroo
