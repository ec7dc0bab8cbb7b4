// The one error the Python front end reports: a syntax error at a place in the source.
#pragma once

#include "source_text.h"

#include <cstddef>
#include <stdexcept>
#include <string>

namespace switcheroo::python {

/// A syntax error found while decoding, lexing or parsing. `char_index` counts code points of
/// the decoded text (the unit the lexer works in); SourceText maps it to a line and column.
class SyntaxError : public std::runtime_error {
 public:
  SyntaxError(std::string message, std::size_t char_index)
      : std::runtime_error(message), message_(std::move(message)), char_index_(char_index) {}

  const std::string& message() const { return message_; }
  std::size_t char_index() const { return char_index_; }

  /// Where the error is, once the front end has resolved char_index() against the source.
  const LineColumn& location() const { return location_; }
  /// The source line the error is on, without its line break.
  const std::string& line_text() const { return line_text_; }
  void locate(const SourceText& source);
  /// Locates an error found on the syntax tree, at a byte offset rather than a code point.
  void locate_byte(const SourceText& source, uint32_t byte_offset);
  bool located() const { return located_; }

 private:
  std::string message_;
  std::size_t char_index_;
  LineColumn location_;
  std::string line_text_;
  bool located_ = false;
};

}  // namespace switcheroo::python
