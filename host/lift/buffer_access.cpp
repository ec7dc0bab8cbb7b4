#include "buffer_access.h"

#include "buffer_rewriter.h"

#include <algorithm>

namespace switcheroo::lift {
namespace buffers {

Rewriter::Rewriter(std::vector<std::string>& body, const std::set<std::string>& pointers,
                   std::set<BufferView>& views, int& counter, bool kernel_body, size_t preamble)
    : body_(body),
      pointers_(pointers),
      views_(views),
      counter_(counter),
      is_kernel_body_(kernel_body),
      preamble_(preamble),
      removed_(body.size(), false),
      header_(body.size(), kNoLine) {}

void Rewriter::run() {
  find_loop_writes();
  std::vector<Level> levels(1);
  levels[0].indent = body_.empty() ? 0 : indent_of(body_[0]);
  std::vector<size_t> open;  // the header lines of the blocks the current line is in
  std::string previous;
  size_t previous_line = kNoLine;
  for (size_t i = 0; i < body_.size(); ++i) {
    const std::string& line = body_[i];
    const auto first = line.find_first_not_of(' ');
    if (first == std::string::npos) continue;
    while (levels.size() > 1 && levels.back().indent > first) {
      const Level done = std::move(levels.back());
      levels.pop_back();
      open.pop_back();
      for (const auto& name : done.written) forget(levels.back(), name, kNoLine);
      if (done.exec_block) levels.back().after_exec = done.facts;
    }
    if (first > levels.back().indent) {
      Level inner;
      // An `if` body is entered only from its header: what held there holds at its start.
      // A loop body is also entered from its own end, so it starts knowing nothing.
      const Level& outer = levels.back();
      if (starts_with(previous, "while ")) {
        // A loop body is also entered from its own end: what held before the loop and
        // nothing in the loop writes holds at its top.
        const auto& inside = loop_writes_.at(previous_line);
        inner.facts = outer.facts;
        invariant(inner.facts, inside);
        if (outer.after_exec && !inside.count("exec")) {
          inner.after_exec = outer.after_exec;
          invariant(*inner.after_exec, inside);
        }
        start_inductions(previous_line, outer, inner);
      } else if (is_if_header(previous)) {
        inner.facts = outer.facts;
        if (previous == "if exec:") {
          inner.exec_block = true;
          if (outer.after_exec) inner.facts.merge(*outer.after_exec);
        } else {
          inner.after_exec = outer.after_exec;
        }
      }
      inner.indent = first;
      levels.push_back(std::move(inner));
      open.push_back(previous_line);
    }
    header_[i] = open.empty() ? kNoLine : open.back();
    const std::string statement = line.substr(first);
    previous = statement;
    previous_line = i;
    process(levels.back(), i, line.substr(0, first), statement);
  }
  remove_unread_addresses();
  finish();
}

void Rewriter::find_loop_writes() {
  std::vector<std::pair<size_t, size_t>> loops;  // indentation of the header, its line
  for (size_t i = 0; i < body_.size(); ++i) {
    const auto first = body_[i].find_first_not_of(' ');
    if (first == std::string::npos) continue;
    while (!loops.empty() && first <= loops.back().first) {
      const auto done = loops.back();
      loops.pop_back();
      block_end_[done.second] = i;
      if (!loops.empty()) {
        const auto& names = loop_writes_[done.second];
        loop_writes_[loops.back().second].insert(names.begin(), names.end());
      }
    }
    const std::string statement = body_[i].substr(first);
    if (!loops.empty())
      for (auto& name : written_names(statement)) loop_writes_[loops.back().second].insert(name);
    if (starts_with(statement, "while ")) {
      loops.emplace_back(first, i);
      loop_writes_[i];
    }
  }
  for (; !loops.empty(); loops.pop_back()) {
    block_end_[loops.back().second] = body_.size();
    if (loops.size() > 1) {
      const auto& names = loop_writes_[loops.back().second];
      loop_writes_[loops[loops.size() - 2].second].insert(names.begin(), names.end());
    }
  }
}

void Rewriter::invariant(Facts& facts, const std::set<std::string>& written) const {
  if (written.count("*")) {
    facts = Facts();
    return;
  }
  for (const auto& name : written) facts.forget(name);
  for (auto* pairs : {&facts.addresses, &facts.offsets}) {
    for (auto it = pairs->begin(); it != pairs->end();) {
      if (written.count(entries_[entries_[it->second].source].address.index_name))
        it = pairs->erase(it);
      else
        ++it;
    }
  }
  facts.partials.clear();
}

size_t Rewriter::add_entry(Entry entry) {
  entries_.push_back(std::move(entry));
  return entries_.size() - 1;
}

void Rewriter::record_source(Entry& entry, size_t id, const std::vector<std::string>& written) {
  entry.source = id;
  entry.overwritten_here = has(written, entry.address.index_name);
  entry.writes_before = writes_[entry.address.index_name].size();
  entry.calls_before = calls_;
  entry_at_[entry.line] = id;
}

void Rewriter::process(Level& level, size_t i, const std::string& indent,
                       const std::string& statement) {
  Facts& facts = level.facts;
  std::optional<Entry> wide = read_wide_address(facts, i, statement);
  // Facts about the line's operands, read before its writes are forgotten.
  const auto assignment = read_assignment(statement);
  std::optional<Entry> offset, carried;
  std::optional<std::pair<std::string, Partial>> partial;
  if (assignment) read_chain(facts, i, *assignment, offset, partial, carried);
  if (i < preamble_) {
    wide.reset();
    offset.reset();
    carried.reset();
  } else {
    const std::string rewritten = rewrite_accesses(facts, statement);
    if (rewritten != statement) body_[i] = indent + rewritten;
  }
  const auto written = written_names(statement);
  const WordCopy copy =
      assignment && i >= preamble_ ? read_word_copy(facts, *assignment) : WordCopy();
  for (const auto& name : written) {
    forget(level, name, i);
    level.written.insert(name);
  }
  if (copy.word) facts.copied_words[copy.target] = *copy.word;
  for (const auto& [made, fact] : copy.pairs) {
    const auto comma = made.find(", ");
    if (made.substr(0, comma) == made.substr(comma + 2)) continue;
    (fact.first ? facts.offsets : facts.addresses)[made] = fact.second;
  }
  step_inductions(level, i, indent);
  learn_values(facts, i, statement, written, assignment);
  if (wide)
    facts.addresses[wide->address.low + ", " + wide->address.high] = add_source(*wide, written);
  if (offset)
    facts.offsets[offset->address.low + ", " + offset->address.high] = add_source(*offset, written);
  if (partial) facts.partials[partial->first] = partial->second;
  if (carried) {
    const size_t id = add_entry(*carried);
    facts.addresses[carried->address.low + ", " + carried->address.high] = id;
  }
  learn_pointer_copy(facts, i, statement, written);
}

std::optional<std::string> Rewriter::pointer_held(const Facts& facts,
                                                  const std::string& term) const {
  if (pointers_.count(term)) return term;
  // sm_90 copies the parameter into a register pair first: `pair(R2, R3)`; RDNA loads its
  // halves into scalar registers.
  if (const auto words = call_of_two(term, "pair")) {
    const auto copy = facts.pointer_copies.find(words->first + ", " + words->second);
    if (copy != facts.pointer_copies.end()) return entries_[copy->second].address.pointer;
    const auto low = facts.halves.find(words->first);
    const auto high = facts.halves.find(words->second);
    if (low != facts.halves.end() && high != facts.halves.end() && !low->second.high &&
        high->second.high && low->second.pointer == high->second.pointer)
      return low->second.pointer;
  }
  return std::nullopt;
}

std::optional<Entry> Rewriter::read_wide_address(const Facts& facts, size_t i,
                                                 const std::string& statement) const {
  const std::optional<Address> address =
      read_address(statement, [&](const std::string& term) { return pointer_held(facts, term); });
  if (!address) return std::nullopt;
  int factor = 0;
  if (is_integer(address->factor) && address->factor.size() < 6) {
    factor = std::stoi(address->factor);
  } else if (facts.constants.count(address->factor)) {
    factor = facts.constants.at(address->factor);
  }
  if (factor <= 0) return std::nullopt;
  Entry entry;
  entry.kind = EntryKind::kWide;
  entry.line = i;
  entry.address = *address;
  entry.factor = factor;
  return entry;
}

Rewriter::WordCopy Rewriter::read_word_copy(const Facts& facts, const Assignment& line) const {
  WordCopy copy;
  if (line.targets.size() != 1 || !is_name(line.targets[0])) return copy;
  std::string from = line.values[0];
  if (starts_with(from, "u32(") && ends_with(from, ")")) from = from.substr(4, from.size() - 5);
  if (!is_name(from) || from == line.targets[0]) return copy;
  copy.target = line.targets[0];
  std::vector<std::pair<std::string, std::string>> pair_copies;  // {new pair, old pair}
  for (const auto* pairs : {&facts.addresses, &facts.offsets}) {
    for (const auto& [key, id] : *pairs) {
      const auto comma = key.find(", ");
      const bool is_low = key.compare(0, comma, from) == 0;
      const bool is_high = key.compare(comma + 2, std::string::npos, from) == 0;
      if (!is_low && !is_high) continue;
      copy.word = std::make_pair(key, is_high);
      for (const auto& [other, word] : facts.copied_words)
        if (word.first == key && word.second != is_high)
          pair_copies.emplace_back(
              is_high ? other + ", " + copy.target : copy.target + ", " + other, key);
    }
  }
  for (const auto& [made, old] : pair_copies) {
    const bool is_offset = facts.offsets.count(old) > 0;
    copy.pairs.emplace_back(made, std::make_pair(is_offset, is_offset ? facts.offsets.at(old)
                                                                      : facts.addresses.at(old)));
  }
  return copy;
}

void Rewriter::learn_values(Facts& facts, size_t i, const std::string& statement,
                            const std::vector<std::string>& written,
                            const std::optional<Assignment>& assignment) const {
  if (written.size() == 1 && written[0] != "*" && starts_with(statement, written[0] + " = ")) {
    const std::string value = statement.substr(written[0].size() + 3);
    if (is_integer(value) && value.size() < 6) facts.constants[written[0]] = std::stoi(value);
    for (const char* function : {"lo32", "hi32"}) {
      const std::string prefix = std::string(function) + "(";
      if (starts_with(value, prefix) && ends_with(value, ")") &&
          pointers_.count(value.substr(5, value.size() - 6)))
        facts.halves[written[0]] = {value.substr(5, value.size() - 6), function[0] == 'h'};
    }
  }
  // `H = u32(s32(X) >> 31)`, the scalar form also setting scc: the sign word of X.
  if (assignment && is_name(assignment->targets[0]) && has(written, assignment->targets[0])) {
    const std::string& value = assignment->values[0];
    const auto sign = value.find(") >> 31)");
    if (starts_with(value, "u32(s32(") && sign != std::string::npos && sign + 8 == value.size() &&
        is_name(value.substr(8, sign - 8)))
      facts.signs[assignment->targets[0]] = {value.substr(8, sign - 8), i};
  }
}

size_t Rewriter::add_source(const Entry& entry, const std::vector<std::string>& written) {
  const size_t id = add_entry(entry);
  record_source(entries_[id], id, written);
  return id;
}

void Rewriter::learn_pointer_copy(Facts& facts, size_t i, const std::string& statement,
                                  const std::vector<std::string>& written) {
  const auto copy = statement.find(" = split64(");
  if (written.size() != 2 || copy == std::string::npos || !ends_with(statement, ")") ||
      !pointers_.count(statement.substr(copy + 11, statement.size() - copy - 12)) ||
      statement.substr(0, copy) != written[0] + ", " + written[1])
    return;
  Entry entry;
  entry.kind = EntryKind::kCopy;
  entry.line = i;
  entry.address.low = written[0];
  entry.address.high = written[1];
  entry.address.pointer = statement.substr(copy + 11, statement.size() - copy - 12);
  const size_t id = add_entry(entry);
  entries_[id].source = id;
  entry_at_[i] = id;
  facts.pointer_copies[written[0] + ", " + written[1]] = id;
}

void Rewriter::forget(Level& level, const std::string& name, size_t line) {
  level.written.insert(name);  // so that the blocks around learn of it when this one ends
  if (name == "exec") level.after_exec.reset();
  level.facts.forget(name);
  if (level.after_exec) level.after_exec->forget(name);
  if (name == "*") {
    ++calls_;
    return;
  }
  writes_[name].push_back(line);
}

}  // namespace buffers

void index_buffer_accesses(std::vector<std::string>& body, const std::set<std::string>& pointers,
                           std::set<BufferView>& views, int& index_counter, bool kernel_body,
                           size_t preamble) {
  buffers::Rewriter(body, pointers, views, index_counter, kernel_body,
                    std::min(preamble, body.size()))
      .run();
}

}  // namespace switcheroo::lift
