#include "buffer_access.h"

#include "line_liveness.h"
#include "unread_writes.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>

namespace switcheroo::lift {
namespace {

bool is_integer(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

// An address computation: `A, B = split64(u64(W(X) * W(C) + P))`, W being s32 or u32 (SASS
// IMAD.WIDE and IMAD.WIDE.U32), C a constant (a literal or a register known to hold one).
struct Address {
  std::string low, high;   // the pair written
  std::string pointer;     // the parameter
  std::string index;       // `s32(X)`
  std::string index_name;  // `X`
  std::string factor;      // C as written
};

// `W(X)` with W s32 or u32 and X a name: X.
std::optional<std::string> wrapped_name(const std::string& text) {
  if (!(starts_with(text, "s32(") || starts_with(text, "u32(")) || !ends_with(text, ")"))
    return std::nullopt;
  std::string inner = text.substr(4, text.size() - 5);
  if (!is_name(inner)) return std::nullopt;
  return inner;
}

// `base` resolves the added term to the pointer parameter it holds, when it holds one.
std::optional<Address> read_address(
    const std::string& statement,
    const std::function<std::optional<std::string>(const std::string&)>& base) {
  const auto equals = statement.find(" = split64(u64(");
  if (equals == std::string::npos || !ends_with(statement, "))")) return std::nullopt;
  const std::string targets = statement.substr(0, equals);
  const auto comma = targets.find(", ");
  if (comma == std::string::npos) return std::nullopt;
  Address address;
  address.low = targets.substr(0, comma);
  address.high = targets.substr(comma + 2);
  if (!is_name(address.low) || !is_name(address.high)) return std::nullopt;
  const std::string value = statement.substr(equals + 15, statement.size() - equals - 17);
  const auto times = value.find(" * ");
  const auto plus = value.rfind(" + ");
  if (times == std::string::npos || plus == std::string::npos || plus < times) return std::nullopt;
  const auto pointer = base(value.substr(plus + 3));
  if (!pointer) return std::nullopt;
  address.pointer = *pointer;
  const std::string left = value.substr(0, times);
  const std::string right = value.substr(times + 3, plus - times - 3);
  const auto left_name = wrapped_name(left);
  if (!left_name) return std::nullopt;
  const auto right_name = wrapped_name(right);
  address.index = left;
  address.index_name = *left_name;
  address.factor = right_name ? *right_name : right;
  return address;
}

// Splits `text` at the `, ` separators outside parentheses and brackets.
std::vector<std::string> split_top_level(const std::string& text) {
  const auto items = top_level_items(text);
  return {items.begin(), items.end()};
}

// `name = value`, `a, b = v, w` or `(a, b), c = v, w`: the targets, the pair a tuple target
// holds (`a, b`), and the values, each split at the top level.
struct Assignment {
  std::vector<std::string> targets;  // a tuple target stays one entry, `(a, b)`
  std::vector<std::string> values;
};

std::optional<Assignment> read_assignment(const std::string& statement) {
  const auto equals = statement.find(" = ");
  if (equals == std::string::npos) return std::nullopt;
  Assignment assignment;
  assignment.targets = split_top_level(statement.substr(0, equals));
  assignment.values = split_top_level(statement.substr(equals + 3));
  if (assignment.targets.size() != assignment.values.size()) {
    // `a, b = split64(...)`: two names for one 64-bit value.
    if (assignment.targets.size() != 2 || assignment.values.size() != 1) return std::nullopt;
    assignment.targets = {assignment.targets[0] + ", " + assignment.targets[1]};
  }
  for (auto& target : assignment.targets)
    if (starts_with(target, "(") && ends_with(target, ")"))
      target = target.substr(1, target.size() - 2);
  return assignment;
}

// `f(a, b)` for the given `f` and two names: {a, b}.
std::optional<std::pair<std::string, std::string>> call_of_two(const std::string& text,
                                                               const std::string& function) {
  if (!starts_with(text, function + "(") || !ends_with(text, ")")) return std::nullopt;
  const auto arguments =
      split_top_level(text.substr(function.size() + 1, text.size() - function.size() - 2));
  if (arguments.size() != 2 || !is_name(arguments[0]) || !is_name(arguments[1]))
    return std::nullopt;
  return std::make_pair(arguments[0], arguments[1]);
}

// `a + b` (or `a + b + c` with `third`) of names, in either order of a and b: {a, b}.
std::optional<std::pair<std::string, std::string>> sum_of_names(const std::string& text,
                                                                const std::string& third = "") {
  std::vector<std::string> terms;
  size_t start = 0;
  for (auto plus = text.find(" + "); plus != std::string::npos; plus = text.find(" + ", start)) {
    terms.push_back(text.substr(start, plus - start));
    start = plus + 3;
  }
  terms.push_back(text.substr(start));
  if (terms.size() != (third.empty() ? 2u : 3u)) return std::nullopt;
  if (!third.empty() && terms[2] != third) return std::nullopt;
  if (!is_name(terms[0]) || !is_name(terms[1])) return std::nullopt;
  return std::make_pair(terms[0], terms[1]);
}

// What an entry stands for.
enum class EntryKind {
  kWide,       // SASS: `A, B = split64(u64(W(X) * C + P))`, an address made in one line
  kCopy,       // `A, B = split64(P)`: the pair holds a parameter
  kOffset,     // RDNA: `A, B = split64(u64(pair(X, H) << K))`, a scaled 64-bit index
  kCarried,    // RDNA: an address made by adding an offset to a parameter's halves, with carry
  kInduction,  // an address or offset a loop advances by a fixed step: its index is a name
               // the pass introduces (`k0`), set before the loop and stepped with the pointer
};

struct Entry {
  EntryKind kind = EntryKind::kWide;
  size_t line = 0;  // the line writing the pair (kCarried: the high word's add)
  Address address;
  int factor = 0;
  size_t source = 0;              // the entry whose line reads the index (kCarried: the offset)
  size_t low_line = kNoLine;      // kCarried: the low word's add
  size_t high_from = kNoLine;     // kOffset: the line making the high word of the index
  bool overwritten_here = false;  // the line writes the index's register
  size_t writes_before = 0;       // how many writes of the index's register came before
  size_t calls_before = 0;        // how many subroutine calls came before
  bool used = false;              // an access was rewritten
};

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Whether the pair "A, B" names `name` as one of its words.
bool pair_has(const std::string& pair, const std::string& name) {
  const auto comma = pair.find(", ");
  return pair.compare(0, comma, name) == 0 || pair.compare(comma + 2, std::string::npos, name) == 0;
}

// Stands for an entry's index in a rewritten access until it is known whether it must be
// bound; `writes` is how many possible writes of the index's register precede the access.
std::string index_mark(size_t entry, size_t writes, size_t calls) {
  return "\x01" + std::to_string(entry) + ":" + std::to_string(writes) + ":" +
         std::to_string(calls) + "\x02";
}

struct Half {
  std::string pointer;
  bool high = false;
};

// RDNA's 64-bit low-word add in flight: `X, C = u32(S + A), int(...)`, S the low half of
// `pointer` and A the low word of `offset`; the add of the high words with carry C completes it.
struct Partial {
  std::string low;
  std::string high_word;  // the offset's high word, which the high add reads
  std::string pointer;
  size_t offset = 0;
  size_t line = 0;
};

// What is known to hold at a point of the body.
struct Facts {
  std::map<std::string, int> constants;
  std::map<std::string, size_t> addresses;                      // "A, B" -> entry (kWide, kCarried)
  std::map<std::string, size_t> pointer_copies;                 // "A, B" -> entry (kCopy)
  std::map<std::string, size_t> offsets;                        // "A, B" -> entry (kOffset)
  std::map<std::string, Half> halves;                           // register -> half of a parameter
  std::map<std::string, std::pair<std::string, size_t>> signs;  // H -> {X, line}: H = X >> 31
  std::map<std::string, Partial> partials;  // carry register -> the add in flight
  // `X = Y` (or `u32(Y)`) with Y a word of a pair held in `addresses` or `offsets`: X -> that
  // pair, and whether Y is its high word; the copy of the other word completes a copy of it.
  std::map<std::string, std::pair<std::string, bool>> copied_words;

  // Later facts win: `other` holds at the same point, and knows what was written since.
  void merge(const Facts& other) {
    for (const auto& [key, value] : other.constants) constants[key] = value;
    for (const auto& [key, value] : other.addresses) addresses[key] = value;
    for (const auto& [key, value] : other.pointer_copies) pointer_copies[key] = value;
    for (const auto& [key, value] : other.offsets) offsets[key] = value;
    for (const auto& [key, value] : other.halves) halves[key] = value;
    for (const auto& [key, value] : other.signs) signs[key] = value;
    for (const auto& [key, value] : other.partials) partials[key] = value;
    for (const auto& [key, value] : other.copied_words) copied_words[key] = value;
  }
};

struct Level {
  size_t indent = 0;
  Facts facts;
  // RDNA: what held at the end of the last `if exec:` block here, which still holds at the
  // start of the next one while `exec` is unchanged (it runs only if the last one did).
  std::optional<Facts> after_exec;
  bool exec_block = false;        // this block is the body of `if exec:`
  std::set<std::string> written;  // names written in this block (`*`: any)
};

class Rewriter {
 public:
  Rewriter(std::vector<std::string>& body, const std::set<std::string>& pointers,
           std::set<BufferView>& views, int& counter, bool kernel_body, size_t preamble)
      : body_(body),
        pointers_(pointers),
        views_(views),
        counter_(counter),
        is_kernel_body_(kernel_body),
        preamble_(preamble),
        removed_(body.size(), false),
        header_(body.size(), kNoLine) {}

  void run() {
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

 private:
  static size_t indent_of(const std::string& line) {
    const auto first = line.find_first_not_of(' ');
    return first == std::string::npos ? 0 : first;
  }

  // The names each loop's body writes (`*`: a subroutine call), nested loops included.
  void find_loop_writes() {
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

  // Keeps of `facts` what no write of `written` can change, at any point of a loop's body:
  // values in the names, and indices read from them (the order of the writes is unknown).
  void invariant(Facts& facts, const std::set<std::string>& written) const {
    if (written.count("*")) {
      facts = Facts();
      return;
    }
    for (const auto& name : written) forget(facts, name);
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

  size_t add_entry(Entry entry) {
    entries_.push_back(std::move(entry));
    return entries_.size() - 1;
  }

  // Records the line as reading the index `index_name` for entry `id`: where it can be bound.
  void record_source(Entry& entry, size_t id, const std::vector<std::string>& written) {
    entry.source = id;
    entry.overwritten_here = has(written, entry.address.index_name);
    entry.writes_before = writes_[entry.address.index_name].size();
    entry.calls_before = calls_;
    entry_at_[entry.line] = id;
  }

  void process(Level& level, size_t i, const std::string& indent, const std::string& statement) {
    Facts& facts = level.facts;
    const auto base = [&](const std::string& term) -> std::optional<std::string> {
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
    };
    std::optional<Address> address = read_address(statement, base);
    int factor = 0;
    if (address) {
      if (is_integer(address->factor) && address->factor.size() < 6) {
        factor = std::stoi(address->factor);
      } else if (facts.constants.count(address->factor)) {
        factor = facts.constants.at(address->factor);
      } else {
        address.reset();
      }
    }
    // Facts about the line's operands, read before its writes are forgotten.
    const auto assignment = read_assignment(statement);
    std::optional<Entry> offset, carried;
    std::optional<std::pair<std::string, Partial>> partial;
    if (assignment) read_chain(facts, i, *assignment, offset, partial, carried);
    if (i < preamble_) {
      address.reset();
      offset.reset();
      carried.reset();
    } else {
      const std::string rewritten = rewrite_accesses(facts, statement);
      if (rewritten != statement) body_[i] = indent + rewritten;
    }
    const auto written = written_names(statement);
    // `X = Y` or `X = u32(Y)` copying a word of a pair that holds an address or an offset.
    std::optional<std::pair<std::string, std::string>> copied;  // {X, Y}
    if (assignment && assignment->targets.size() == 1 && is_name(assignment->targets[0])) {
      std::string from = assignment->values[0];
      if (starts_with(from, "u32(") && ends_with(from, ")")) from = from.substr(4, from.size() - 5);
      if (is_name(from) && from != assignment->targets[0])
        copied = std::make_pair(assignment->targets[0], from);
    }
    std::vector<std::pair<std::string, std::string>> pair_copies;  // {new pair, old pair}
    std::optional<std::pair<std::string, bool>> word_copy;
    if (copied && i >= preamble_) {
      for (const auto* pairs : {&facts.addresses, &facts.offsets}) {
        for (const auto& [key, id] : *pairs) {
          const auto comma = key.find(", ");
          const bool is_low = key.compare(0, comma, copied->second) == 0;
          const bool is_high = key.compare(comma + 2, std::string::npos, copied->second) == 0;
          if (!is_low && !is_high) continue;
          word_copy = std::make_pair(key, is_high);
          for (const auto& [other, word] : facts.copied_words)
            if (word.first == key && word.second != is_high)
              pair_copies.emplace_back(
                  is_high ? other + ", " + copied->first : copied->first + ", " + other, key);
        }
      }
    }
    std::vector<std::pair<std::string, std::pair<bool, size_t>>> copy_facts;
    for (const auto& [made, old] : pair_copies) {
      const bool is_offset = facts.offsets.count(old) > 0;
      copy_facts.emplace_back(made, std::make_pair(is_offset, is_offset ? facts.offsets.at(old)
                                                                        : facts.addresses.at(old)));
    }
    for (const auto& name : written) {
      forget(level, name, i);
      level.written.insert(name);
    }
    if (word_copy) facts.copied_words[copied->first] = *word_copy;
    for (const auto& [made, fact] : copy_facts) {
      const auto comma = made.find(", ");
      if (made.substr(0, comma) == made.substr(comma + 2)) continue;
      (fact.first ? facts.offsets : facts.addresses)[made] = fact.second;
    }
    step_inductions(level, i, indent);
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
    if (address && factor > 0) {
      Entry entry;
      entry.kind = EntryKind::kWide;
      entry.line = i;
      entry.address = *address;
      entry.factor = factor;
      const size_t id = add_entry(entry);
      record_source(entries_[id], id, written);
      facts.addresses[address->low + ", " + address->high] = id;
    }
    if (offset) {
      const size_t id = add_entry(*offset);
      record_source(entries_[id], id, written);
      facts.offsets[offset->address.low + ", " + offset->address.high] = id;
    }
    if (partial) facts.partials[partial->first] = partial->second;
    if (carried) {
      const size_t id = add_entry(*carried);
      facts.addresses[carried->address.low + ", " + carried->address.high] = id;
    }
    const auto copy = statement.find(" = split64(");
    if (written.size() == 2 && copy != std::string::npos && ends_with(statement, ")") &&
        pointers_.count(statement.substr(copy + 11, statement.size() - copy - 12)) &&
        statement.substr(0, copy) == written[0] + ", " + written[1]) {
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
  }

  // A step of a pointer (or offset) pair inside a loop: after `line`, the pair has moved by
  // `step` elements (a literal, or the index of the loop-invariant offset `stride`).
  struct Advance {
    size_t line = 0;
    std::string step;
    size_t stride = kNoLine;
  };

  // The lines of the loop at `loop` that step the pair "A, B" by a multiple of `factor` bytes,
  // when every write of A or B in the loop is such a step: RDNA's add and add with carry
  // (`v1, vcc = u32(v1 + 4), int(...)`, `v2 = u32(v2 + vcc)`; a register stride that holds a
  // loop-invariant offset), SASS's `R10, P1 = u32(R10 + 4), carry3(R10, 4, 0)` with
  // `R11 = u32(R11 + P1)`, or `R2, R3 = split64(u64(s32(R13) * s32(X) + pair(R2, R3)))`.
  std::optional<std::vector<Advance>> find_advances(size_t loop, const std::string& pair,
                                                    int factor, const Facts& facts,
                                                    const std::set<std::string>& inside) const {
    const auto comma = pair.find(", ");
    const std::string low = pair.substr(0, comma), high = pair.substr(comma + 2);
    const auto invariant_constant = [&](const std::string& text) -> std::optional<int> {
      if (is_integer(text) && text.size() < 6) return std::stoi(text);
      const auto name = wrapped_name(text);
      if (name && !inside.count(*name) && facts.constants.count(*name))
        return facts.constants.at(*name);
      return std::nullopt;
    };
    std::vector<Advance> advances;
    std::set<size_t> consumed;
    std::vector<size_t> inner_loops;  // indentation of the loops nested in this one
    const size_t end = block_end_.at(loop);
    for (size_t l = loop + 1; l < end; ++l) {
      const auto first = body_[l].find_first_not_of(' ');
      if (first == std::string::npos) continue;
      while (!inner_loops.empty() && first <= inner_loops.back()) inner_loops.pop_back();
      const std::string statement = body_[l].substr(first);
      if (starts_with(statement, "while ")) inner_loops.push_back(first);
      const auto written = written_names(statement);
      if (!has(written, low) && !has(written, high)) continue;
      if (consumed.count(l)) continue;
      if (!inner_loops.empty()) return std::nullopt;
      const auto line = read_assignment(statement);
      if (!line) return std::nullopt;
      // SASS's wide add of a stride.
      if (line->targets.size() == 1 && line->targets[0] == pair &&
          starts_with(line->values[0], "split64(u64(") &&
          ends_with(line->values[0], " + pair(" + pair + ")))")) {
        const std::string& value = line->values[0];
        const std::string product = value.substr(12, value.size() - 12 - pair.size() - 11);
        const auto times = product.find(" * ");
        if (times == std::string::npos) return std::nullopt;
        const std::string left = product.substr(0, times), right = product.substr(times + 3);
        const auto size = invariant_constant(left);
        const auto step = wrapped_name(right);
        if (!size || *size != factor || !step || inside.count(*step)) return std::nullopt;
        advances.push_back({l, right, kNoLine});
        continue;
      }
      // The low word's add, then its high word's add with the carry, in the same block.
      if (line->targets.size() != 2 || line->targets[0] != low || !is_name(line->targets[1]))
        return std::nullopt;
      const std::string carry = line->targets[1];
      const std::string& value = line->values[0];
      const std::string prefix = "u32(" + low + " + ";
      if (!starts_with(value, prefix) || !ends_with(value, ")")) return std::nullopt;
      const std::string amount = value.substr(prefix.size(), value.size() - prefix.size() - 1);
      Advance advance;
      std::string high_term;  // what the high add adds besides the carry
      if (is_integer(amount) && amount.size() < 9) {
        if (line->values[1] != "int(u32(" + low + ") + " + amount + " > 0xFFFFFFFF)" &&
            line->values[1] != "carry3(" + low + ", " + amount + ", 0)")
          return std::nullopt;
        const long long bytes = std::stoll(amount);
        if (bytes <= 0 || bytes % factor != 0) return std::nullopt;
        advance.step = std::to_string(bytes / factor);
      } else {
        if (!is_name(amount) ||
            line->values[1] != "int(u32(" + low + ") + u32(" + amount + ") > 0xFFFFFFFF)")
          return std::nullopt;
        for (const auto& [key, id] : facts.offsets) {
          const auto at = key.find(", ");
          if (key.substr(0, at) != amount) continue;
          const Entry& stride = entries_[id];
          if (stride.factor != factor || inside.count(key.substr(at + 2)) || inside.count(amount) ||
              inside.count(entries_[stride.source].address.index_name))
            return std::nullopt;
          advance.stride = id;
          high_term = key.substr(at + 2);
        }
        if (advance.stride == kNoLine) return std::nullopt;
      }
      size_t h = l + 1;
      for (; h < end; ++h) {
        const auto at = body_[h].find_first_not_of(' ');
        if (at == std::string::npos) continue;
        if (at < first) return std::nullopt;
        const std::string next = body_[h].substr(at);
        const auto next_written = written_names(next);
        if (at == first && has(next_written, high)) break;
        if (has(next_written, low) || has(next_written, high) || has(next_written, carry) ||
            has(next_written, "exec") || has(next_written, "*"))
          return std::nullopt;
      }
      if (h == end) return std::nullopt;
      const auto completion = read_assignment(body_[h].substr(first));
      const std::string expected = high_term.empty()
                                       ? "u32(" + high + " + " + carry + ")"
                                       : "u32(" + high_term + " + " + high + " + " + carry + ")";
      if (!completion || completion->targets[0] != high || completion->values[0] != expected)
        return std::nullopt;
      consumed.insert(h);
      advance.line = h;
      advances.push_back(advance);
    }
    if (advances.empty()) return std::nullopt;
    return advances;
  }

  // At the top of the loop at `loop`: each pair holding an address or an offset before the
  // loop that the loop only steps gets an index name, set before the loop (under `if exec:`
  // when what is known came from an exec block) and stepped after each step of the pair.
  void start_inductions(size_t loop, const Level& outer, Level& inner) {
    const auto& inside = loop_writes_.at(loop);
    if (inside.count("*") || !is_kernel_body_) return;
    const std::string indent = body_[loop].substr(0, indent_of(body_[loop]));
    std::set<std::string> done;
    for (const bool from_exec : {false, true}) {
      if (from_exec && (!outer.after_exec || inside.count("exec") || !inner.after_exec)) continue;
      const Facts& known = from_exec ? *outer.after_exec : outer.facts;
      for (const bool is_offset : {false, true}) {
        for (const auto& [pair, id] : is_offset ? known.offsets : known.addresses) {
          const auto comma = pair.find(", ");
          if (done.count(pair) ||
              (!inside.count(pair.substr(0, comma)) && !inside.count(pair.substr(comma + 2))))
            continue;
          const Entry entry = entries_[id];  // a copy: add_entry below may move the entries
          const auto advances = find_advances(loop, pair, entry.factor, known, inside);
          if (!advances) continue;
          done.insert(pair);
          Entry induction;
          induction.kind = EntryKind::kInduction;
          induction.line = loop;
          induction.address = entry.address;
          induction.address.low = pair.substr(0, comma);
          induction.address.high = pair.substr(comma + 2);
          induction.address.index = "k" + std::to_string(inductions_++);
          induction.address.index_name = induction.address.index;
          induction.factor = entry.factor;
          induction.calls_before = calls_;
          const size_t made = add_entry(induction);
          entries_[made].source = made;
          const std::string& name = induction.address.index;
          writes_[name];  // nothing writes it but the steps added here
          const Entry source = entries_[entry.source];
          const std::string start =
              name + " = " +
              index_mark(entry.source, writes_[source.address.index_name].size(), calls_);
          auto& before = insert_before_[loop];
          if (from_exec) {
            before.push_back(indent + "if exec:");
            before.push_back(indent + "    " + start);
          } else {
            before.push_back(indent + start);
          }
          Facts& facts = from_exec ? *inner.after_exec : inner.facts;
          (is_offset ? facts.offsets : facts.addresses)[pair] = made;
          for (const auto& advance : *advances)
            steps_[advance.line].push_back({made, advance, from_exec});
        }
      }
    }
  }

  // After a line that steps an induction pair: the pair holds its address again, and the
  // index name steps with it.
  void step_inductions(Level& level, size_t line, const std::string& indent) {
    const auto found = steps_.find(line);
    if (found == steps_.end()) return;
    for (const auto& step : found->second) {
      const Entry& induction = entries_[step.induction];
      const std::string pair = induction.address.low + ", " + induction.address.high;
      std::string amount = step.advance.step;
      if (step.advance.stride != kNoLine) {
        const Entry& stride = entries_[entries_[step.advance.stride].source];
        amount = index_mark(stride.source, writes_[stride.address.index_name].size(), calls_);
      }
      const std::string& name = induction.address.index;
      insert_after_[line].push_back(indent + name + " = " + name + " + " + amount);
      const bool is_offset = induction.address.pointer.empty();
      Facts* facts = &level.facts;
      if (step.from_exec && !level.exec_block) {
        if (!level.after_exec) continue;
        facts = &*level.after_exec;
      }
      (is_offset ? facts->offsets : facts->addresses)[pair] = step.induction;
    }
  }

  // RDNA builds an address in up to four lines (scalar or vector, the carry in vcc or scc):
  //     v1 = u32(s32(v0) >> 31)                              the index's sign
  //     v0, v1 = split64(u64(pair(v0, v1) << 2))             the offset, a kOffset entry
  //     v2, vcc = u32(s8 + v0), int(u32(s8) + u32(v0) > 0xFFFFFFFF)      s8 = lo32(p0)
  //     v3 = u32(s9 + v1 + vcc)                              s9 = hi32(p0): pair(v2, v3)
  // (a high word of 0 instead of the sign makes the index `u32(v0)`).
  void read_chain(const Facts& facts, size_t i, const Assignment& line,
                  std::optional<Entry>& offset,
                  std::optional<std::pair<std::string, Partial>>& partial,
                  std::optional<Entry>& carried) {
    const std::string& value = line.values[0];
    const auto pair_targets = [](const std::string& target) { return split_top_level(target); };
    // The offset: `A, B = split64(u64(pair(X, H) << K))`, with or without the scc result.
    if (starts_with(value, "split64(u64(pair(") && ends_with(value, "))")) {
      const auto shift = value.rfind(") << ");
      const auto targets = pair_targets(line.targets[0]);
      if (shift != std::string::npos && targets.size() == 2 && is_name(targets[0]) &&
          is_name(targets[1])) {
        const auto words = call_of_two(value.substr(12, shift + 1 - 12), "pair");
        const std::string amount = value.substr(shift + 5, value.size() - shift - 7);
        if (words && (amount == "1" || amount == "2" || amount == "3" || amount == "4")) {
          const auto sign = facts.signs.find(words->second);
          const auto constant = facts.constants.find(words->second);
          const bool is_signed = sign != facts.signs.end() && sign->second.first == words->first;
          if (is_signed || (constant != facts.constants.end() && constant->second == 0)) {
            Entry entry;
            entry.kind = EntryKind::kOffset;
            entry.line = i;
            entry.address.low = targets[0];
            entry.address.high = targets[1];
            entry.address.index_name = words->first;
            entry.address.index = (is_signed ? "s32(" : "u32(") + words->first + ")";
            entry.factor = 1 << std::stoi(amount);
            if (is_signed) entry.high_from = sign->second.second;
            offset = entry;
          }
        }
      }
      return;
    }
    // The low words: `X, C = u32(S + A), int(u32(S) + u32(A) > 0xFFFFFFFF)`.
    if (line.targets.size() == 2 && line.values.size() == 2 && starts_with(value, "u32(") &&
        ends_with(value, ")") && is_name(line.targets[0]) && is_name(line.targets[1])) {
      const std::string inner = value.substr(4, value.size() - 5);
      const auto terms = sum_of_names(inner);
      if (terms && line.values[1] ==
                       "int(u32(" + terms->first + ") + u32(" + terms->second + ") > 0xFFFFFFFF)") {
        for (const auto& [half, word] : {*terms, std::make_pair(terms->second, terms->first)}) {
          const auto low = facts.halves.find(half);
          if (low == facts.halves.end() || low->second.high) continue;
          for (const auto& [pair_text, id] : facts.offsets) {
            if (entries_[id].address.low != word) continue;
            partial = std::make_pair(
                line.targets[1],
                Partial{line.targets[0], entries_[id].address.high, low->second.pointer, id, i});
            return;
          }
        }
      }
    }
    // The high words with the carry: `Y = u32(T + B + C)`, or `Y, D = u32(T + B + C), int(...)`.
    if ((line.targets.size() == 1 || line.targets.size() == 2) && is_name(line.targets[0]) &&
        starts_with(value, "u32(") && ends_with(value, ")")) {
      const std::string inner = value.substr(4, value.size() - 5);
      const auto plus = inner.rfind(" + ");
      if (plus == std::string::npos) return;
      const auto in_flight = facts.partials.find(inner.substr(plus + 3));
      if (in_flight == facts.partials.end()) return;
      const auto terms = sum_of_names(inner, in_flight->first);
      if (!terms) return;
      const Partial& low = in_flight->second;
      const Entry& source = entries_[low.offset];
      for (const auto& [half, word] : {*terms, std::make_pair(terms->second, terms->first)}) {
        const auto high = facts.halves.find(half);
        if (high == facts.halves.end() || !high->second.high ||
            high->second.pointer != low.pointer || word != low.high_word)
          continue;
        Entry entry;
        entry.kind = EntryKind::kCarried;
        entry.line = i;
        entry.low_line = low.line;
        entry.address = source.address;
        entry.address.low = low.low;
        entry.address.high = line.targets[0];
        entry.address.pointer = low.pointer;
        entry.factor = source.factor;
        entry.source = low.offset;
        carried = entry;
        return;
      }
    }
  }

  // A write to `name` (`*`: to anything) on `line` (kNoLine: somewhere in a nested block):
  // what was known of it, or of values made from it, is gone.
  void forget(Level& level, const std::string& name, size_t line) {
    level.written.insert(name);  // so that the blocks around learn of it when this one ends
    if (name == "exec") level.after_exec.reset();
    forget(level.facts, name);
    if (level.after_exec) forget(*level.after_exec, name);
    if (name == "*") {
      ++calls_;
      return;
    }
    writes_[name].push_back(line);
  }

  void forget(Facts& facts, const std::string& name) const {
    if (name == "*") {
      facts = Facts();
      return;
    }
    facts.constants.erase(name);
    facts.halves.erase(name);
    for (auto* pairs : {&facts.addresses, &facts.pointer_copies, &facts.offsets}) {
      for (auto it = pairs->begin(); it != pairs->end();)
        it = pair_has(it->first, name) ? pairs->erase(it) : std::next(it);
    }
    for (auto it = facts.copied_words.begin(); it != facts.copied_words.end();)
      it = it->first == name || pair_has(it->second.first, name) ? facts.copied_words.erase(it)
                                                                 : std::next(it);
    for (auto it = facts.signs.begin(); it != facts.signs.end();)
      it = it->first == name || it->second.first == name ? facts.signs.erase(it) : std::next(it);
    for (auto it = facts.partials.begin(); it != facts.partials.end();)
      it = it->first == name || it->second.low == name || it->second.high_word == name
               ? facts.partials.erase(it)
               : std::next(it);
  }

  // The view and index an address operand of `grid.load_global` or `grid.store_global` names:
  // `pair(A, B)` holding an address, or `V + pair(A, B)` with V a constant multiple of the
  // access size (RDNA's scalar base plus vector offset).
  std::optional<std::string> indexing(const Facts& facts, const std::string& operand,
                                      const std::string& size_text) {
    if (!is_integer(size_text) || size_text.size() > 2) return std::nullopt;
    const int size = std::stoi(size_text);
    std::string pair = operand;
    long long extra = 0;
    const auto plus = operand.find(" + pair(");
    if (plus != std::string::npos) {
      const auto constant = facts.constants.find(operand.substr(0, plus));
      if (constant == facts.constants.end() || constant->second % size != 0) return std::nullopt;
      extra = constant->second / size;
      pair = operand.substr(plus + 3);
    }
    const auto words = call_of_two(pair, "pair");
    if (!words) return std::nullopt;
    const auto found = facts.addresses.find(words->first + ", " + words->second);
    if (found == facts.addresses.end()) return std::nullopt;
    Entry& entry = entries_[found->second];
    if (entry.factor != size) return std::nullopt;
    const Entry& source = entries_[entry.source];
    entry.used = true;
    const BufferView view{entry.address.pointer, size};
    views_.insert(view);
    std::string index = index_mark(entry.source, writes_[source.address.index_name].size(), calls_);
    if (extra != 0) index += (extra > 0 ? " + " : " - ") + std::to_string(std::llabs(extra));
    return view.name() + "[" + index + "]";
  }

  std::string rewrite_accesses(const Facts& facts, std::string statement) {
    if (facts.addresses.empty()) return statement;
    // Stores are whole statements: `grid.store_global(ADDRESS, VALUE, SIZE)`.
    const std::string store = "grid.store_global(";
    if (starts_with(statement, store) && ends_with(statement, ")")) {
      const auto operands =
          split_top_level(statement.substr(store.size(), statement.size() - store.size() - 1));
      if (operands.size() == 3) {
        if (const auto target = indexing(facts, operands[0], operands[2]))
          return *target + " = " + operands[1];
      }
      return statement;
    }
    const std::string load = "grid.load_global(";
    for (auto at = statement.find(load); at != std::string::npos;
         at = statement.find(load, at + 1)) {
      size_t end = at + load.size();
      for (int depth = 1; end < statement.size() && depth > 0; ++end) {
        if (statement[end] == '(') ++depth;
        if (statement[end] == ')') --depth;
      }
      const size_t start = at + load.size();
      const auto operands = split_top_level(statement.substr(start, end - 1 - start));
      if (operands.size() != 2) continue;
      if (const auto view = indexing(facts, operands[0], operands[1]))
        statement.replace(at, end - at, *view);
    }
    return statement;
  }

  // Removes `line` when nothing may read what it writes.
  bool remove_if_unread(size_t line) {
    if (line == kNoLine || line < preamble_ || removed_[line])
      return line != kNoLine && removed_[line];
    const auto& written = liveness_->written(line);
    if (written.empty() || has(written, "*")) return false;
    if (!liveness_->may_be_read(line, {written.begin(), written.end()})) removed_[line] = true;
    return removed_[line];
  }

  // Address computations first, then what only they read: the parameter copies, RDNA's
  // offsets and the sign words those read.
  void remove_unread_addresses() {
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

  // Whether the index register may not hold, at an access after `writes` possible writes of it,
  // the value it had at the address computation.
  bool index_changed(const Entry& entry, size_t writes, size_t calls) const {
    if (calls != entry.calls_before) return true;
    if (entry.overwritten_here && !removed_[entry.line]) return true;
    const auto& log = writes_.at(entry.address.index_name);
    return std::any_of(log.begin() + static_cast<std::ptrdiff_t>(entry.writes_before),
                       log.begin() + static_cast<std::ptrdiff_t>(writes),
                       [&](size_t line) { return line == kNoLine || !removed_[line]; });
  }

  // Index marks become the index itself where its register still holds the value it had at
  // the address computation, and a name bound there otherwise; removed lines go.
  void finish() {
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

  std::vector<std::string>& body_;
  const std::set<std::string>& pointers_;
  std::set<BufferView>& views_;
  int& counter_;
  bool is_kernel_body_;
  size_t preamble_;  // the first lines, read for what they establish and left as they are
  std::vector<Entry> entries_;
  std::unordered_map<size_t, size_t> entry_at_;        // line -> the entry whose index it reads
  std::vector<bool> removed_;                          // per line: removed
  std::optional<LineLiveness> liveness_;               // once the lines are final
  std::vector<std::vector<std::string>> index_reads_;  // per entry: {its index's register}
  std::vector<size_t> header_;                         // per line: the header of its block
  std::unordered_map<size_t, std::set<std::string>> loop_writes_;  // `while` line -> names
  std::unordered_map<size_t, size_t> block_end_;  // `while` line -> the line after its body
  struct Step {
    size_t induction = 0;
    Advance advance;
    bool from_exec = false;
  };
  std::unordered_map<size_t, std::vector<Step>> steps_;  // line -> the inductions it steps
  std::unordered_map<size_t, std::vector<std::string>> insert_before_, insert_after_;
  int inductions_ = 0;
  // The lines writing each register (kNoLine: a nested block), in order, and the number of
  // subroutine calls so far: an access compares them with its address computation's.
  std::unordered_map<std::string, std::vector<size_t>> writes_;
  size_t calls_ = 0;
};

}  // namespace

void index_buffer_accesses(std::vector<std::string>& body, const std::set<std::string>& pointers,
                           std::set<BufferView>& views, int& index_counter, bool kernel_body,
                           size_t preamble) {
  Rewriter(body, pointers, views, index_counter, kernel_body, std::min(preamble, body.size()))
      .run();
}

}  // namespace switcheroo::lift
