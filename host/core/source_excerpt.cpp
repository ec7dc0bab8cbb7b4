#include "source_excerpt.h"

#include <cstdio>
#include <vector>

namespace switcheroo {
namespace {

// One code point of the line (or one byte that is not UTF-8) and how it is shown.
struct Shown {
  std::string text;
  std::size_t width = 1;  ///< columns the text takes on a terminal
  bool tab = false;
};

std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// The code point of a well-formed sequence, or -1.
long decode(std::string_view bytes) {
  const auto lead = static_cast<unsigned char>(bytes[0]);
  if (bytes.size() == 1) return lead;
  long point = lead & (0x7F >> bytes.size());
  for (std::size_t i = 1; i < bytes.size(); ++i) {
    const auto next = static_cast<unsigned char>(bytes[i]);
    if ((next & 0xC0) != 0x80) return -1;
    point = (point << 6) | (next & 0x3F);
  }
  static constexpr long kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
  if (point < kSmallest[bytes.size()] || (point >= 0xD800 && point <= 0xDFFF)) return -1;
  return point;
}

// Code points a terminal acts on instead of showing: C0 and C1 controls, DEL, and the
// bidirectional overrides and isolates that reorder what is shown around them.
bool acts_on_terminal(long point) {
  return (point < 0x20 && point != '\t') || (point >= 0x7F && point <= 0x9F) ||
         (point >= 0x202A && point <= 0x202E) || (point >= 0x2066 && point <= 0x2069);
}

std::string escaped(long point, const char* format) {
  char text[16];
  std::snprintf(text, sizeof text, format, static_cast<unsigned>(point));
  return text;
}

std::vector<Shown> shown_code_points(std::string_view line) {
  std::vector<Shown> shown;
  for (std::size_t i = 0; i < line.size();) {
    const std::size_t length = sequence_length(static_cast<unsigned char>(line[i]));
    const long point =
        length == 0 || i + length > line.size() ? -1 : decode(line.substr(i, length));
    if (point < 0) {
      shown.push_back({escaped(static_cast<unsigned char>(line[i]), "\\x%02x"), 4});
      ++i;
      continue;
    }
    if (acts_on_terminal(point)) {
      std::string text = escaped(point, point <= 0xFF ? "\\x%02x" : "\\u%04x");
      const std::size_t width = text.size();
      shown.push_back({std::move(text), width});
    } else {
      shown.push_back({std::string(line.substr(i, length)), 1, point == '\t'});
    }
    i += length;
  }
  return shown;
}

}  // namespace

std::string escape_for_terminal(std::string_view text) {
  std::string escaped_text;
  for (const Shown& shown : shown_code_points(text)) escaped_text += shown.text;
  return escaped_text;
}

SourceExcerpt make_excerpt(std::string_view line, uint32_t column) {
  const std::vector<Shown> shown = shown_code_points(line);
  const std::size_t at = column > 0 ? column - 1 : 0;
  std::size_t first = 0;
  std::size_t last = shown.size();
  if (shown.size() > kExcerptWidth) {
    first = at > kExcerptWidth / 2 ? at - kExcerptWidth / 2 : 0;
    if (first + kExcerptWidth > shown.size()) first = shown.size() - kExcerptWidth;
    last = first + kExcerptWidth;
  }
  SourceExcerpt excerpt;
  if (first > 0) {
    excerpt.line = "...";
    excerpt.caret = "   ";
  }
  for (std::size_t i = first; i < last; ++i) {
    excerpt.line += shown[i].text;
    if (i >= at) continue;
    // Columns count code points; tabs are kept so the caret lines up however they expand.
    excerpt.caret += shown[i].tab ? std::string("\t") : std::string(shown[i].width, ' ');
  }
  if (last < shown.size()) excerpt.line += "...";
  for (std::size_t i = last; i < at; ++i) excerpt.caret += ' ';
  excerpt.caret += '^';
  return excerpt;
}

}  // namespace switcheroo
