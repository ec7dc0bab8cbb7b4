// Nested edits of one file: a converted call's text is built from its arguments' converted
// texts, so an outer edit absorbs the edits inside it. Only the outermost edits reach the
// Rewriter.
#pragma once

#include "rewrite/rewriter.h"

#include <cstdint>
#include <map>
#include <string>

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
    uint32_t end;
    std::string text;
  };
  using Edits = std::multimap<uint32_t, Edit>;  // by begin; disjoint
  /// The first edit that can touch a range starting at `begin`.
  Edits::const_iterator first_near(uint32_t begin) const;

  const std::string& source_;
  // Ordered by position, so that every query looks only at the edits near its range: a file's
  // edits grow with its size, and a scan of all of them per call made conversion quadratic.
  Edits edits_;
};

}  // namespace switcheroo::convert
