#include "edit_set.h"

#include <algorithm>

namespace switcheroo::convert {

bool EditSet::replace(uint32_t begin, uint32_t end, std::string text) {
  for (const Edit& edit : edits_) {
    const bool inside = begin <= edit.begin && edit.end <= end;
    const bool overlap = begin < edit.end && edit.begin < end;
    if (overlap && !inside) return false;
  }
  edits_.erase(std::remove_if(edits_.begin(), edits_.end(),
                              [&](const Edit& edit) {
                                return begin <= edit.begin && edit.end <= end &&
                                       !(edit.begin == edit.end &&
                                         (edit.begin == begin || edit.begin == end) &&
                                         begin != end);
                              }),
               edits_.end());
  auto position = std::upper_bound(edits_.begin(), edits_.end(), begin,
                                   [](uint32_t key, const Edit& edit) { return key < edit.begin; });
  edits_.insert(position, Edit{begin, end, std::move(text)});
  return true;
}

std::string EditSet::text(uint32_t begin, uint32_t end) const {
  std::string result;
  uint32_t at = begin;
  for (const Edit& edit : edits_) {
    if (edit.begin < begin || edit.end > end) continue;
    if (edit.begin == edit.end && (edit.begin == begin || edit.begin == end)) continue;
    result.append(source_, at, edit.begin - at);
    result += edit.text;
    at = edit.end;
  }
  result.append(source_, at, end - at);
  return result;
}

bool EditSet::covered(uint32_t begin, uint32_t end) const {
  return std::any_of(edits_.begin(), edits_.end(), [&](const Edit& edit) {
    return edit.begin < edit.end && edit.begin <= begin && end <= edit.end;
  });
}

void EditSet::apply(rewrite::Rewriter& rewriter) const {
  for (const Edit& edit : edits_) rewriter.replace_range(edit.begin, edit.end, edit.text);
}

}  // namespace switcheroo::convert
