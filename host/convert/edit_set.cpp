#include "edit_set.h"

#include <iterator>

namespace switcheroo::convert {

EditSet::Edits::const_iterator EditSet::first_near(uint32_t begin) const {
  // Edits are disjoint, so of those starting before `begin` only the ones at the last such
  // position can reach past it (a replacement there, with an insertion at its start).
  const auto at_or_after = edits_.lower_bound(begin);
  if (at_or_after == edits_.begin()) return at_or_after;
  const auto group = edits_.lower_bound(std::prev(at_or_after)->first);
  for (auto it = group; it != at_or_after; ++it) {
    if (it->second.end > begin) return group;
  }
  return at_or_after;
}

bool EditSet::replace(uint32_t begin, uint32_t end, std::string text) {
  const auto stop = edits_.upper_bound(end);
  for (auto it = first_near(begin); it != stop; ++it) {
    const uint32_t edit_begin = it->first;
    const uint32_t edit_end = it->second.end;
    const bool inside = begin <= edit_begin && edit_end <= end;
    const bool overlap = begin < edit_end && edit_begin < end;
    if (overlap && !inside) return false;
  }
  for (auto it = first_near(begin); it != edits_.end() && it->first <= end;) {
    const uint32_t edit_begin = it->first;
    const uint32_t edit_end = it->second.end;
    const bool absorbed =
        begin <= edit_begin && edit_end <= end &&
        !(edit_begin == edit_end && (edit_begin == begin || edit_begin == end) && begin != end);
    it = absorbed ? edits_.erase(it) : std::next(it);
  }
  edits_.emplace_hint(edits_.upper_bound(begin), begin, Edit{end, std::move(text)});
  return true;
}

std::string EditSet::text(uint32_t begin, uint32_t end) const {
  std::string result;
  uint32_t at = begin;
  for (auto it = edits_.lower_bound(begin); it != edits_.end() && it->first <= end; ++it) {
    const uint32_t edit_begin = it->first;
    const Edit& edit = it->second;
    if (edit.end > end) continue;
    if (edit_begin == edit.end && (edit_begin == begin || edit_begin == end)) continue;
    result.append(source_, at, edit_begin - at);
    result += edit.text;
    at = edit.end;
  }
  result.append(source_, at, end - at);
  return result;
}

bool EditSet::covered(uint32_t begin, uint32_t end) const {
  // Only the last edit with width that starts at or before `begin` can hold the range.
  for (auto it = edits_.upper_bound(begin); it != edits_.begin();) {
    --it;
    if (it->first < it->second.end) return end <= it->second.end;
  }
  return false;
}

void EditSet::apply(rewrite::Rewriter& rewriter) const {
  for (const auto& [begin, edit] : edits_) rewriter.replace_range(begin, edit.end, edit.text);
}

}  // namespace switcheroo::convert
