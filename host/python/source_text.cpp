#include "source_text.h"

#include "syntax_error.h"

#include <algorithm>
#include <cctype>
#include <cstdio>

namespace switcheroo::python {
namespace {

// The encoding named by a PEP 263 cookie ("# -*- coding: latin-1 -*-") on `line`, or "".
std::string cookie_encoding(std::string_view line) {
  std::size_t position = line.find_first_not_of(" \t\f");
  if (position == std::string_view::npos || line[position] != '#') return {};
  for (std::size_t found = line.find("coding", position); found != std::string_view::npos;
       found = line.find("coding", found + 1)) {
    std::size_t after = found + 6;
    if (after >= line.size() || (line[after] != ':' && line[after] != '=')) continue;
    after = line.find_first_not_of(" \t", after + 1);
    if (after == std::string_view::npos) return {};
    std::string name;
    while (after < line.size() && (std::isalnum(static_cast<unsigned char>(line[after])) ||
                                   line[after] == '-' || line[after] == '_' || line[after] == '.')) {
      name += static_cast<char>(std::tolower(static_cast<unsigned char>(line[after++])));
    }
    return name;
  }
  return {};
}

bool is_blank_or_comment(std::string_view line) {
  std::size_t position = line.find_first_not_of(" \t\f");
  return position == std::string_view::npos || line[position] == '#';
}

std::string_view first_line(std::string_view text) {
  return text.substr(0, std::min(text.find_first_of("\r\n"), text.size()));
}

std::string_view skip_line(std::string_view text) {
  std::size_t end = text.find_first_of("\r\n");
  if (end == std::string_view::npos) return {};
  if (text[end] == '\r' && end + 1 < text.size() && text[end + 1] == '\n') ++end;
  return text.substr(end + 1);
}

// CPython's get_normal_name(): '_' becomes '-', and the utf-8 and latin-1 families get one name.
std::string normal_name(std::string name) {
  std::replace(name.begin(), name.end(), '_', '-');
  if (name == "utf-8" || name.rfind("utf-8-", 0) == 0) return "utf-8";
  for (const char* latin : {"latin-1", "iso-8859-1", "iso-latin-1"}) {
    const std::string prefix = latin;
    if (name == prefix || name.rfind(prefix + "-", 0) == 0) return "iso-8859-1";
  }
  return name;
}

// Whether Python knows the codec: the utf-8 family, or one of the ASCII-compatible encodings
// (decoded here byte by byte) that real source files use.
bool is_known_encoding(const std::string& name) {
  static const char* const known[] = {
      "utf-8", "utf8", "iso-8859-1", "latin1", "latin", "l1", "ascii", "us-ascii", "646",
      "cp1250", "cp1251", "cp1252", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258",
      "windows-1250", "windows-1251", "windows-1252", "windows-1253", "windows-1254",
      "windows-1255", "windows-1256", "windows-1257", "windows-1258", "koi8-r", "koi8-u",
      "mac-roman", "macroman", "cp437", "cp850", "cp866", "euc-jp", "shift-jis", "sjis",
      "cp932", "euc-kr", "gbk", "gb2312", "gb18030", "big5", "iso-2022-jp", "tis-620",
      "utf-16", "utf-32", "iso8859-15", "latin-9", "latin9"};
  if (name.rfind("iso-8859-", 0) == 0 || name.rfind("iso8859-", 0) == 0) return true;
  return std::find_if(std::begin(known), std::end(known),
                      [&](const char* entry) { return name == entry; }) != std::end(known);
}

}  // namespace

SourceText::SourceText(std::string bytes) : bytes_(std::move(bytes)) {
  std::string_view view = bytes_;
  if (view.substr(0, 3) == "\xEF\xBB\xBF") bom_size_ = 3;

  line_starts_.push_back(0);
  for (std::size_t i = 0; i < view.size(); ++i) {
    if (view[i] == '\n' || (view[i] == '\r' && (i + 1 == view.size() || view[i + 1] != '\n'))) {
      line_starts_.push_back(static_cast<uint32_t>(i + 1));
    }
  }
}

void SourceText::decode() {
  std::string_view view = bytes_;
  std::string_view text = view.substr(bom_size_);
  if (std::size_t nul = view.find('\0'); nul != std::string_view::npos) {
    decode_single_byte(bom_size_);
    throw SyntaxError("source code cannot contain null bytes", nul - bom_size_);
  }

  std::string encoding = cookie_encoding(first_line(text));
  std::size_t cookie_line_index = 0;
  if (encoding.empty() && is_blank_or_comment(first_line(text))) {
    encoding = cookie_encoding(first_line(skip_line(text)));
    cookie_line_index = first_line(text).size();
  }
  encoding = normal_name(encoding);
  if (!encoding.empty() && !is_known_encoding(encoding)) {
    decode_single_byte(bom_size_);
    throw SyntaxError("unknown encoding: " + encoding, cookie_line_index);
  }
  if (bom_size_ != 0 && !encoding.empty() && encoding != "utf-8") {
    decode_single_byte(bom_size_);
    throw SyntaxError("encoding problem: " + encoding + " with BOM", 0);
  }
  if (encoding.empty() || encoding == "utf-8" || encoding == "utf8") {
    decode_utf8(bom_size_);
  } else {
    decode_single_byte(bom_size_);
  }
}

void SourceText::decode_single_byte(std::size_t begin) {
  characters_.clear();
  characters_.reserve(bytes_.size() - begin);
  for (std::size_t i = begin; i < bytes_.size(); ++i) {
    characters_.push_back(static_cast<unsigned char>(bytes_[i]));
  }
  byte_offsets_.clear();
}

void SourceText::decode_utf8(std::size_t begin) {
  const auto* data = reinterpret_cast<const unsigned char*>(bytes_.data());
  const std::size_t size = bytes_.size();
  characters_.reserve(size - begin);
  bool ascii = true;
  for (std::size_t i = begin; i < size;) {
    unsigned char lead = data[i];
    if (lead < 0x80) {
      if (!ascii) byte_offsets_.push_back(static_cast<uint32_t>(i));
      characters_.push_back(lead);
      ++i;
      continue;
    }
    if (ascii) {
      ascii = false;
      byte_offsets_.reserve(size - begin + 1);
      for (std::size_t j = begin; j < i; ++j) byte_offsets_.push_back(static_cast<uint32_t>(j));
    }
    int length = lead >= 0xF0 && lead <= 0xF4 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC2 ? 2 : 0;
    if (lead >= 0xF8) length = 0;
    char32_t code = length == 2 ? lead & 0x1F : length == 3 ? lead & 0x0F : lead & 0x07;
    bool valid = length != 0 && i + length <= size;
    for (int k = 1; valid && k < length; ++k) {
      valid = (data[i + k] & 0xC0) == 0x80;
      code = (code << 6) | (data[i + k] & 0x3F);
    }
    if (valid) {
      valid = !(length == 3 && (code < 0x800 || (code >= 0xD800 && code <= 0xDFFF))) &&
              !(length == 4 && (code < 0x10000 || code > 0x10FFFF));
    }
    if (!valid) {
      char message[120];
      std::snprintf(message, sizeof message,
                    "'utf-8' codec can't decode byte 0x%02x in position %zu (declare the "
                    "file's encoding with a coding comment)",
                    lead, i - begin);
      const std::size_t at = i - begin;
      decode_single_byte(begin);
      throw SyntaxError(message, at);
    }
    byte_offsets_.push_back(static_cast<uint32_t>(i));
    characters_.push_back(code);
    i += static_cast<std::size_t>(length);
  }
  if (!ascii) byte_offsets_.push_back(static_cast<uint32_t>(size));
}

uint32_t SourceText::byte_offset(std::size_t char_index) const {
  if (byte_offsets_.empty()) {
    return static_cast<uint32_t>(std::min(char_index + bom_size_, bytes_.size()));
  }
  return byte_offsets_[std::min(char_index, byte_offsets_.size() - 1)];
}

LineColumn SourceText::line_column(uint32_t byte_offset) const {
  auto after = std::upper_bound(line_starts_.begin(), line_starts_.end(), byte_offset);
  auto line = static_cast<uint32_t>(after - line_starts_.begin());
  uint32_t start = line_starts_[line - 1];
  if (line == 1) start = std::min<uint32_t>(bom_size_, byte_offset);
  uint32_t column = 1;
  const bool multibyte = !byte_offsets_.empty();
  for (uint32_t i = start; i < byte_offset && i < bytes_.size(); ++i) {
    if (!multibyte || (static_cast<unsigned char>(bytes_[i]) & 0xC0) != 0x80) ++column;
  }
  return {line, column};
}

std::string_view SourceText::line_text(uint32_t line) const {
  if (line == 0 || line > line_starts_.size()) return {};
  std::string_view view = bytes_;
  uint32_t start = line_starts_[line - 1];
  if (line == 1) start = bom_size_;
  std::string_view rest = view.substr(std::min<std::size_t>(start, view.size()));
  return rest.substr(0, std::min(rest.find_first_of("\r\n"), rest.size()));
}

void SyntaxError::locate(const SourceText& source) {
  locate_byte(source, source.byte_offset(char_index_));
}

void SyntaxError::locate_byte(const SourceText& source, uint32_t byte_offset) {
  location_ = source.line_column(byte_offset);
  line_text_ = std::string(source.line_text(location_.line));
  located_ = true;
}

}  // namespace switcheroo::python
