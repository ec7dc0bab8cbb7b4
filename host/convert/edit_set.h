// Nested edits of one file: a converted call's text is built from its arguments' converted
// texts, so an outer edit absorbs the edits inside it. Only the outermost edits reach the
// Rewriter.
#pragma once

#include "rewrite/rewriter.h"

#include <cstdint>
#include <string>
#include <vector>

namespace switcheroo::convert {

class EditSet {
 public:
  explicit EditSet(const std::string& source) : source_(source) {}

  /// Replaces [begin, end); edits inside it are absorbed (their text must already be part of
  /// `text`). Returns false when it would cut through another edit.
  bool replace(uint32_t begin, uint32_t end, std::string text);
  /// The source bytes of [begin, end) with the edits inside applied.
  std::string text(uint32_t begin, uint32_t end) const;
  /// Is [begin, end) inside (or equal to) an edit?
  bool covered(uint32_t begin, uint32_t end) const;
  void apply(rewrite::Rewriter& rewriter) const;

 private:
  struct Edit {
    uint32_t begin;
    uint32_t end;
    std::string text;
  };
  const std::string& source_;
  std::vector<Edit> edits_;  // disjoint, sorted by begin
};

}  // namespace switcheroo::convert
