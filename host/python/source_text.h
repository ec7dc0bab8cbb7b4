// A Python source file as bytes and as the code points the lexer reads, with the maps between
// byte offsets, code point indexes, and 1-based lines and columns.
//
// Decoding follows Python: a UTF-8 byte order mark is skipped, a coding cookie in the first two
// lines is honoured, and everything else must be valid UTF-8. Cookies naming a single-byte
// encoding (latin-1, cp1252, ...) decode each byte to one code point: token boundaries of such
// files only depend on ASCII characters, and the tree keeps the original bytes anyway.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::python {

/// A 1-based line and a 1-based column counted in code points.
struct LineColumn {
  uint32_t line = 1;
  uint32_t column = 1;
};

class SourceText {
 public:
  /// Keeps `bytes` and indexes its lines; call decode() before reading characters().
  explicit SourceText(std::string bytes);

  /// Decodes the bytes; throws SyntaxError when they are not text Python would accept.
  void decode();

  const std::string& bytes() const { return bytes_; }
  const std::u32string& characters() const { return characters_; }

  /// The byte offset where code point `char_index` starts (bytes().size() past the end).
  uint32_t byte_offset(std::size_t char_index) const;
  LineColumn line_column(uint32_t byte_offset) const;
  /// The text of line `line` (1-based) without its line break.
  std::string_view line_text(uint32_t line) const;

 private:
  void decode_utf8(std::size_t begin);
  void decode_single_byte(std::size_t begin);

  std::string bytes_;
  std::u32string characters_;
  // Byte offset of each code point plus one past the end; empty when every character is one
  // byte (ASCII or a single-byte encoding) and the offset is the index plus `bom_size_`.
  std::vector<uint32_t> byte_offsets_;
  uint32_t bom_size_ = 0;
  std::vector<uint32_t> line_starts_;  // byte offsets of the first byte of each line
};

}  // namespace switcheroo::python
