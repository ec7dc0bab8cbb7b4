#include "buffer_rewriter.h"

#include <algorithm>

namespace switcheroo::lift::buffers {

bool Rewriter::remove_if_unread(size_t line) {
  if (line == kNoLine || line < preamble_ || removed_[line])
    return line != kNoLine && removed_[line];
  const auto& written = liveness_->written(line);
  if (written.empty() || has(written, "*")) return false;
  if (!liveness_->may_be_read(line, {written.begin(), written.end()})) removed_[line] = true;
  return removed_[line];
}

void Rewriter::remove_unread_addresses() {
  index_reads_.resize(entries_.size());
  for (size_t id = 0; id < entries_.size(); ++id)
    if (!entries_[id].address.index_name.empty())
      index_reads_[id] = {entries_[id].address.index_name};
  // A removed address computation still reads its index: through the binding left in its
  // place, or at the accesses, which then read the register as it was here. (Marks of
  // earlier computations need no such care: removing this line keeps their value.)
  liveness_.emplace(body_, header_, block_end_, removed_, is_kernel_body_,
                    [this](size_t line) -> const std::vector<std::string>& {
                      static const std::vector<std::string> none;
                      const auto at = entry_at_.find(line);
                      return at == entry_at_.end() ? none : index_reads_.at(at->second);
                    });
  std::set<size_t> offsets;
  for (const auto& entry : entries_) {
    if (!entry.used) continue;
    if (entry.kind == EntryKind::kWide) {
      if (!liveness_->may_be_read(entry.line, {entry.address.low, entry.address.high}))
        removed_[entry.line] = true;
    } else if (entry.kind == EntryKind::kCarried) {
      if (remove_if_unread(entry.line)) remove_if_unread(entry.low_line);
      if (entries_[entry.source].kind == EntryKind::kOffset) offsets.insert(entry.source);
    }
  }
  for (const auto& entry : entries_)
    if (entry.kind == EntryKind::kCopy && entry.line >= preamble_ &&
        !liveness_->may_be_read(entry.line, {entry.address.low, entry.address.high}))
      removed_[entry.line] = true;
  for (size_t id : offsets)
    if (remove_if_unread(entries_[id].line)) remove_if_unread(entries_[id].high_from);
}

bool Rewriter::index_changed(const Entry& entry, size_t writes, size_t calls) const {
  if (calls != entry.calls_before) return true;
  if (entry.overwritten_here && !removed_[entry.line]) return true;
  const auto& log = writes_.at(entry.address.index_name);
  return std::any_of(log.begin() + static_cast<std::ptrdiff_t>(entry.writes_before),
                     log.begin() + static_cast<std::ptrdiff_t>(writes),
                     [&](size_t line) { return line == kNoLine || !removed_[line]; });
}

void Rewriter::finish() {
  // The texts holding marks: the lines, and the lines added before or after them.
  std::vector<std::string*> texts;
  for (size_t i = 0; i < body_.size(); ++i) {
    for (auto* added : {&insert_before_, &insert_after_}) {
      const auto found = added->find(i);
      if (found != added->end())
        for (auto& text : found->second) texts.push_back(&text);
    }
    texts.push_back(&body_[i]);
  }
  struct Mark {
    std::string* text;
    size_t at, length, id, writes, calls;
  };
  std::vector<Mark> marks;
  for (std::string* text : texts) {
    for (auto at = text->find('\x01'); at != std::string::npos; at = text->find('\x01', at + 1)) {
      const auto colon = text->find(':', at);
      const auto second = text->find(':', colon + 1);
      const auto end = text->find('\x02', at);
      marks.push_back({text, at, end - at + 1, std::stoul(text->substr(at + 1, colon - at - 1)),
                       std::stoul(text->substr(colon + 1, second - colon - 1)),
                       std::stoul(text->substr(second + 1, end - second - 1))});
    }
  }
  std::vector<bool> needs_name(entries_.size(), false);
  for (const auto& mark : marks)
    if (index_changed(entries_[mark.id], mark.writes, mark.calls)) needs_name[mark.id] = true;
  std::vector<std::string> bound(entries_.size());
  for (size_t id = 0; id < entries_.size(); ++id)
    if (needs_name[id]) bound[id] = "i" + std::to_string(counter_++);
  for (auto mark = marks.rbegin(); mark != marks.rend(); ++mark) {
    const Entry& entry = entries_[mark->id];
    mark->text->replace(
        mark->at, mark->length,
        index_changed(entry, mark->writes, mark->calls) ? bound[mark->id] : entry.address.index);
  }
  // One pass, so that the pass stays linear in the number of lines.
  std::vector<std::string> lines;
  lines.reserve(body_.size() + entries_.size());
  for (size_t i = 0; i < body_.size(); ++i) {
    const auto before = insert_before_.find(i);
    if (before != insert_before_.end())
      for (auto& text : before->second) lines.push_back(std::move(text));
    const auto at = entry_at_.find(i);
    if (at != entry_at_.end() && !bound[at->second].empty())
      lines.push_back(body_[i].substr(0, indent_of(body_[i])) + bound[at->second] + " = " +
                      entries_[at->second].address.index);
    if (!removed_[i]) lines.push_back(std::move(body_[i]));
    const auto after = insert_after_.find(i);
    if (after != insert_after_.end())
      for (auto& text : after->second) lines.push_back(std::move(text));
  }
  body_.swap(lines);
}

}  // namespace switcheroo::lift::buffers
