#include "rewriter.h"

#include "python/reparse.h"
#include "python/syntax_error.h"

#include <algorithm>

namespace switcheroo::rewrite {

void Rewriter::replace_range(uint32_t begin, uint32_t end, std::string text) {
  const std::string& source = tree_.source().bytes();
  if (begin > end || end > source.size()) {
    throw RewriteError("edit range " + std::to_string(begin) + "-" + std::to_string(end) +
                       " is outside the file");
  }
  // Only edits that start before `end` can conflict, and walking back from there, none before
  // the nearest replacement that starts before `begin` can: replacements are disjoint and no
  // insertion sits inside one. Scanning every edit made conversion quadratic in file size.
  const auto stop =
      std::lower_bound(edits_.begin(), edits_.end(), end,
                       [](const Edit& edit, uint32_t key) { return edit.begin < key; });
  for (auto it = stop; it != edits_.begin();) {
    const Edit& edit = *--it;
    const bool both_insertions = edit.begin == edit.end && begin == end;
    const bool overlap = begin < edit.end && edit.begin < end;
    const bool inside = (begin == end && edit.begin < begin && begin < edit.end) ||
                        (edit.begin == edit.end && begin < edit.begin && edit.begin < end);
    if (!both_insertions && (overlap || inside)) {
      const auto where = tree_.source().line_column(begin);
      throw RewriteError("edit at " + std::to_string(where.line) + ":" +
                         std::to_string(where.column) + " overlaps an earlier edit");
    }
    if (edit.begin < begin && edit.begin != edit.end) break;
  }
  // Keep edits sorted by position, insertions before a replacement that starts at the same
  // point, and insertions at one point in the order they were made.
  const bool insertion = begin == end;
  auto position = std::upper_bound(edits_.begin(), edits_.end(), std::pair{begin, insertion},
                                   [](auto key, const Edit& edit) {
                                     if (key.first != edit.begin) return key.first < edit.begin;
                                     return key.second && edit.begin != edit.end;
                                   });
  edits_.insert(position, Edit{begin, end, std::move(text)});
}

void Rewriter::replace(NodeId node, std::string text) {
  const auto& n = tree_.node(node);
  replace_range(n.begin, n.end, std::move(text));
}

void Rewriter::insert_before(NodeId node, std::string text) {
  const auto& n = tree_.node(node);
  replace_range(n.begin, n.begin, std::move(text));
}

void Rewriter::insert_after(NodeId node, std::string text) {
  const auto& n = tree_.node(node);
  replace_range(n.end, n.end, std::move(text));
}

void Rewriter::remove(NodeId node) {
  replace(node, {});
}

bool Rewriter::removes(uint32_t begin, uint32_t end) const {
  // Replacements are disjoint: only the last one starting at or before `begin` can hold it.
  auto it = std::upper_bound(edits_.begin(), edits_.end(), begin,
                             [](uint32_t key, const Edit& edit) { return key < edit.begin; });
  while (it != edits_.begin()) {
    const Edit& edit = *--it;
    if (edit.begin == edit.end) continue;
    return edit.text.empty() && end <= edit.end;
  }
  return false;
}

bool Rewriter::inserts_at(uint32_t offset) const {
  auto it = std::lower_bound(edits_.begin(), edits_.end(), offset,
                             [](const Edit& edit, uint32_t key) { return edit.begin < key; });
  for (; it != edits_.end() && it->begin == offset; ++it) {
    if (it->end == offset && !it->text.empty()) return true;
  }
  return false;
}

std::vector<Rewriter::Span> Rewriter::spans() const {
  std::vector<Span> spans;
  spans.reserve(edits_.size());
  for (const Edit& edit : edits_) {
    spans.push_back({edit.begin, edit.end, static_cast<uint32_t>(edit.text.size())});
  }
  return spans;
}

std::string Rewriter::print() const {
  const std::string& source = tree_.source().bytes();
  std::string result;
  result.reserve(source.size());
  uint32_t at = 0;
  for (const Edit& edit : edits_) {
    result.append(source, at, edit.begin - at);
    result += edit.text;
    at = edit.end;
  }
  result.append(source, at, std::string::npos);
  return result;
}

python::SyntaxTree Rewriter::print_checked() const {
  std::string text = print();
  std::vector<python::TextChange> changes;
  changes.reserve(edits_.size());
  for (const Edit& edit : edits_) {
    changes.push_back({edit.begin, edit.end, static_cast<uint32_t>(edit.text.size())});
  }
  try {
    return python::reparse(tree_, std::move(text), changes);
  } catch (const python::SyntaxError& error) {
    throw RewriteError(
        "the rewritten file is not valid Python: " + std::to_string(error.location().line) + ":" +
        std::to_string(error.location().column) + ": " + error.message());
  }
}

}  // namespace switcheroo::rewrite
