#include "faint_writes.h"

#include "line_liveness.h"
#include "unread_writes.h"

#include <cstdint>
#include <string_view>
#include <unordered_map>

namespace switcheroo::lift {
namespace {

// A set of names as bits, one per name of the body.
using NameBits = std::vector<uint64_t>;

struct Statement {
  size_t indent = 0;
  std::string content;             // without the indentation and any comment
  std::vector<size_t> successors;  // line numbers; the body's size is the kernel's exit
  std::vector<size_t> reads, writes;
  bool reads_everything = false;  // a subroutine call
  bool removable = false;         // a plain assignment without effect
};

struct Loop {
  size_t head = kNoLine;
  size_t exit = kNoLine;
};

class FaintWrites {
 public:
  explicit FaintWrites(const std::vector<std::string>& body) : exit_(body.size()) {
    for (const auto& line : body) read_statement(line);
  }

  // Which lines to remove; empty when a line could not be read.
  std::vector<bool> removable_lines() {
    if (exit_ == 0 || !link_block(0, exit_, lines_[0].indent, exit_, Loop{})) return {};
    solve();
    std::vector<bool> remove(exit_, false);
    for (size_t i = 0; i < exit_; ++i) {
      const Statement& line = lines_[i];
      remove[i] = line.removable && !any_written_live(line, live_out(line));
    }
    return remove;
  }

 private:
  void read_statement(const std::string& text) {
    Statement line;
    const auto first = text.find_first_not_of(' ');
    line.indent = first == std::string::npos ? text.size() : first;
    line.content = text.substr(line.indent);
    line.content = line.content.substr(0, line.content.find('#'));
    while (!line.content.empty() && line.content.back() == ' ') line.content.pop_back();
    std::string_view targets, value;
    const bool header = !line.content.empty() && line.content.back() == ':';
    if (!header && split_assignment(line.content, targets, value)) {
      for (const auto& name : names_in(targets)) line.writes.push_back(name_index(name));
      for (const auto& name : names_in(value)) line.reads.push_back(name_index(name));
      line.removable = !value_has_effect(value);
    } else {
      // A `for` header reads its range; its counter is not read, and not killed either.
      std::string_view read = line.content;
      if (starts_with(line.content, "for ") && line.content.find(" in ") != std::string::npos)
        read.remove_prefix(line.content.find(" in ") + 4);
      for (const auto& name : names_in(read)) line.reads.push_back(name_index(name));
      line.reads_everything = !header && ends_with(line.content, "()");
    }
    lines_.push_back(std::move(line));
  }

  size_t name_index(const std::string& name) {
    return names_.emplace(name, names_.size()).first->second;
  }

  // The line after the block that `first` heads or starts (the next line no deeper than
  // `indent`), at most `end`.
  size_t block_end(size_t first, size_t end, size_t indent) const {
    size_t next = first + 1;
    while (next < end && lines_[next].indent > indent) ++next;
    return next;
  }

  // Links the statements of the block [first, end) at `indent`; control that falls off its
  // end goes to `after`. False when a statement cannot be read.
  bool link_block(size_t first, size_t end, size_t indent, size_t after, Loop loop) {
    for (size_t i = first; i < end;) {
      Statement& line = lines_[i];
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

  NameBits live_out(const Statement& line) const {
    NameBits out(words(), 0);
    for (size_t successor : line.successors)
      if (successor != exit_)
        for (size_t w = 0; w < out.size(); ++w) out[w] |= live_in_[successor][w];
    return out;
  }

  bool any_written_live(const Statement& line, const NameBits& live) const {
    for (size_t name : line.writes)
      if (live[name / 64] >> (name % 64) & 1) return true;
    return false;
  }

  // Live-in sets to a fixed point, from empty (so that a dead cycle stays dead), sweeping
  // backwards over the lines until nothing changes.
  void solve() {
    live_in_.assign(exit_, NameBits(words(), 0));
    bool changed = true;
    while (changed) {
      changed = false;
      for (size_t i = exit_; i-- > 0;) {
        const Statement& line = lines_[i];
        NameBits live = live_out(line);
        if (line.reads_everything) {
          live.assign(words(), ~uint64_t{0});
        } else if (!line.removable || any_written_live(line, live)) {
          for (size_t name : line.writes) live[name / 64] &= ~(uint64_t{1} << (name % 64));
          for (size_t name : line.reads) live[name / 64] |= uint64_t{1} << (name % 64);
        }
        if (live != live_in_[i]) {
          live_in_[i] = std::move(live);
          changed = true;
        }
      }
    }
  }

  size_t words() const { return names_.size() / 64 + 1; }

  std::vector<Statement> lines_;
  std::unordered_map<std::string, size_t> names_;
  std::vector<NameBits> live_in_;
  size_t exit_;
};

}  // namespace

size_t remove_faint_writes(std::vector<std::string>& body) {
  const std::vector<bool> remove = FaintWrites(body).removable_lines();
  if (remove.empty()) return 0;
  std::vector<std::string> kept;
  kept.reserve(body.size());
  for (size_t i = 0; i < body.size(); ++i)
    if (!remove[i]) kept.push_back(std::move(body[i]));
  const size_t removed = body.size() - kept.size();
  if (removed > 0) close_empty_blocks(kept);
  body.swap(kept);
  return removed;
}

}  // namespace switcheroo::lift
