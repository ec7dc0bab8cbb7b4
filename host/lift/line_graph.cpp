#include "line_graph.h"

#include "line_liveness.h"
#include "unread_writes.h"

#include <string_view>

namespace switcheroo::lift {
namespace {

LineNode read_line(const std::string& text) {
  LineNode line;
  line.indent = indent_of(text);
  line.content = text.substr(line.indent);
  line.content = line.content.substr(0, line.content.find('#'));
  while (!line.content.empty() && line.content.back() == ' ') line.content.pop_back();
  std::string_view targets, value;
  const bool header = !line.content.empty() && line.content.back() == ':';
  if (!header && split_assignment(line.content, targets, value)) {
    line.writes = names_in(targets);
    line.reads = names_in(value);
    line.kills = true;
    line.removable = !value_has_effect(value);
    return line;
  }
  // A `for` header reads its range and assigns its counter, which an empty range leaves as
  // it was.
  std::string_view read = line.content;
  const auto in = line.content.find(" in ");
  if (starts_with(line.content, "for ") && in != std::string::npos) {
    line.writes = names_in(std::string_view(line.content).substr(4, in - 4));
    read.remove_prefix(in + 4);
  }
  line.reads = names_in(read);
  line.reads_everything = !header && ends_with(line.content, "()") &&
                          is_name(line.content.substr(0, line.content.size() - 2));
  return line;
}

struct Loop {
  size_t head = kNoLine;
  size_t exit = kNoLine;
};

class Linker {
 public:
  explicit Linker(std::vector<LineNode>& lines) : lines_(lines), exit_(lines.size()) {}

  // Links the statements of the block [first, end) at `indent`; control that falls off its
  // end goes to `after`. False when a statement cannot be read.
  bool link_block(size_t first, size_t end, size_t indent, size_t after, Loop loop) {
    for (size_t i = first; i < end;) {
      LineNode& line = lines_[i];
      if (line.indent != indent) return false;
      const size_t next = block_end(i, end, indent);
      const size_t fall = next < end ? next : after;
      const std::string& content = line.content;
      if (starts_with(content, "if ")) {
        if (!link_if_chain(i, end, indent, after, loop, i)) return false;
        continue;
      }
      if (starts_with(content, "while ") || starts_with(content, "for ")) {
        if (next == i + 1 || !ends_with(content, ":")) return false;
        line.successors = {i + 1};
        if (content != "while True:") line.successors.push_back(fall);
        if (!link_block(i + 1, next, indent + 4, i, Loop{i, fall})) return false;
      } else if (ends_with(content, ":")) {
        return false;  // `else` without `if`, or a header this pass does not read
      } else if (content == "break" || content == "continue") {
        if (loop.head == kNoLine) return false;
        line.successors = {content == "break" ? loop.exit : loop.head};
      } else if (content == "return" || starts_with(content, "return ")) {
        line.successors = {exit_};
      } else {
        line.successors = {fall};
      }
      i = next;
    }
    return true;
  }

 private:
  // The line after the block that `first` heads or starts (the next line no deeper than
  // `indent`), at most `end`.
  size_t block_end(size_t first, size_t end, size_t indent) const {
    size_t next = first + 1;
    while (next < end && lines_[next].indent > indent) ++next;
    return next;
  }

  // Links an `if` and the `elif`/`else` clauses after it; `i` ends past the chain.
  bool link_if_chain(size_t first, size_t end, size_t indent, size_t after, Loop loop, size_t& i) {
    std::vector<size_t> clauses;
    for (size_t at = first; at < end && lines_[at].indent == indent;
         at = block_end(at, end, indent)) {
      const std::string& content = lines_[at].content;
      const bool clause = at == first || starts_with(content, "elif ") || content == "else:";
      if (!clause || (at != first && lines_[clauses.back()].content == "else:")) break;
      clauses.push_back(at);
    }
    i = block_end(clauses.back(), end, indent);
    const size_t chain_after = i < end ? i : after;
    for (size_t k = 0; k < clauses.size(); ++k) {
      const size_t header = clauses[k];
      const size_t body_end = block_end(header, end, indent);
      if (body_end == header + 1 || !ends_with(lines_[header].content, ":")) return false;
      lines_[header].successors = {header + 1};
      if (lines_[header].content != "else:")
        lines_[header].successors.push_back(k + 1 < clauses.size() ? clauses[k + 1] : chain_after);
      if (!link_block(header + 1, body_end, indent + 4, chain_after, loop)) return false;
    }
    return true;
  }

  std::vector<LineNode>& lines_;
  size_t exit_;
};

}  // namespace

std::optional<std::vector<LineNode>> build_line_graph(const std::vector<std::string>& body) {
  std::vector<LineNode> lines;
  lines.reserve(body.size());
  for (const auto& text : body) lines.push_back(read_line(text));
  if (lines.empty()) return lines;
  if (!Linker(lines).link_block(0, lines.size(), lines[0].indent, lines.size(), {}))
    return std::nullopt;
  return lines;
}

size_t count_names(const std::vector<LineNode>& lines) {
  std::set<std::string> names;
  for (const auto& line : lines) {
    names.insert(line.reads.begin(), line.reads.end());
    names.insert(line.writes.begin(), line.writes.end());
  }
  return names.size();
}

LiveNames::LiveNames(const std::vector<LineNode>& lines, bool faint) : lines_(lines) {
  const auto indices = [&](const std::vector<std::string>& names) {
    std::vector<size_t> result;
    for (const auto& name : names)
      result.push_back(names_.emplace(name, names_.size()).first->second);
    return result;
  };
  for (const auto& line : lines) {
    reads_.push_back(indices(line.reads));
    writes_.push_back(indices(line.writes));
  }
  words_ = names_.size() / 64 + 1;
  solve(faint);
}

bool LiveNames::live_after(size_t line, const std::string& name) const {
  const auto found = names_.find(name);
  if (found == names_.end()) return false;
  return live_out(line)[found->second / 64] >> (found->second % 64) & 1;
}

bool LiveNames::writes_live_after(size_t line) const {
  return any_written(line, live_out(line));
}

LiveNames::Bits LiveNames::live_out(size_t line) const {
  Bits out(words_, 0);
  for (size_t successor : lines_[line].successors)
    if (successor < lines_.size())
      for (size_t w = 0; w < words_; ++w) out[w] |= live_in_[successor][w];
  return out;
}

bool LiveNames::any_written(size_t line, const Bits& live) const {
  for (size_t name : writes_[line])
    if (live[name / 64] >> (name % 64) & 1) return true;
  return false;
}

void LiveNames::solve(bool faint) {
  live_in_.assign(lines_.size(), Bits(words_, 0));
  bool changed = true;
  while (changed) {
    changed = false;
    for (size_t i = lines_.size(); i-- > 0;) {
      const LineNode& line = lines_[i];
      Bits live = live_out(i);
      if (line.reads_everything) {
        live.assign(words_, ~uint64_t{0});
      } else if (!faint || !line.removable || any_written(i, live)) {
        if (line.kills)
          for (size_t name : writes_[i]) live[name / 64] &= ~(uint64_t{1} << (name % 64));
        for (size_t name : reads_[i]) live[name / 64] |= uint64_t{1} << (name % 64);
      }
      if (live != live_in_[i]) {
        live_in_[i] = std::move(live);
        changed = true;
      }
    }
  }
}

}  // namespace switcheroo::lift
