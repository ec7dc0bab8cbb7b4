#include "origin_map.h"

#include <utility>

namespace switcheroo::rewrite {
namespace {

// The byte offset of a 1-based line and code point column of `text` (clamped to the line).
uint32_t offset_of(const std::string& text, uint32_t line, uint32_t column) {
  size_t at = 0;
  for (uint32_t current = 1; current < line; ++current) {
    const size_t newline = text.find('\n', at);
    if (newline == std::string::npos) return static_cast<uint32_t>(text.size());
    at = newline + 1;
  }
  for (uint32_t current = 1; current < column && at < text.size() && text[at] != '\n'; ++current) {
    ++at;  // the lead byte, then its continuation bytes
    while (at < text.size() && (static_cast<unsigned char>(text[at]) & 0xC0) == 0x80) ++at;
  }
  return static_cast<uint32_t>(at);
}

// A printed offset as an offset of the text the spans were made on.
uint32_t before_spans(const std::vector<Rewriter::Span>& spans, uint32_t printed) {
  int64_t shift = 0;  // printed offset minus source offset, after the spans passed so far
  for (const Rewriter::Span& span : spans) {
    const int64_t begin = span.begin + shift;
    if (printed < begin) break;
    if (printed < begin + span.length) return span.begin;
    shift += static_cast<int64_t>(span.length) - (span.end - span.begin);
  }
  return static_cast<uint32_t>(printed - shift);
}

}  // namespace

OriginMap::OriginMap(std::string original) : original_(std::move(original)) {}

void OriginMap::add_step(std::vector<Rewriter::Span> spans, std::string result) {
  steps_.push_back(std::move(spans));
  newest_ = std::move(result);
}

python::LineColumn OriginMap::origin(uint32_t line, uint32_t column) const {
  if (steps_.empty() || line == 0) return {line, column};
  uint32_t offset = offset_of(newest_, line, column);
  for (auto step = steps_.rbegin(); step != steps_.rend(); ++step) {
    offset = before_spans(*step, offset);
  }
  if (!original_text_) {
    original_text_.emplace(original_);
    try {
      original_text_->decode();
    } catch (...) {
      // Undecodable text never gets this far (it did not parse); columns count bytes then.
    }
  }
  return original_text_->line_column(offset);
}

}  // namespace switcheroo::rewrite
