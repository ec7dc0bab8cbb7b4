// Where a position in a rewritten file came from in the file as it was read. A conversion
// rewrites a file several times (the engine, then each hook on the previous result); a hook
// locates what it reports in the text it was given, and the user must read the position in
// their own file.
#pragma once

#include "rewriter.h"

#include "python/source_text.h"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo::rewrite {

class OriginMap {
 public:
  /// `original`: the bytes of the file as read.
  explicit OriginMap(std::string original);

  /// The newest text was rewritten into `result`: `spans` are the rewriter's (Rewriter::spans).
  void add_step(std::vector<Rewriter::Span> spans, std::string result);

  /// A 1-based line and column (in code points) of the newest text, as a line and column of
  /// the original. A position inside text an edit wrote maps to where that edit began.
  python::LineColumn origin(uint32_t line, uint32_t column) const;

  bool rewritten() const { return !steps_.empty(); }

 private:
  std::string original_;
  std::string newest_;
  std::vector<std::vector<Rewriter::Span>> steps_;
  mutable std::optional<python::SourceText> original_text_;
};

}  // namespace switcheroo::rewrite
