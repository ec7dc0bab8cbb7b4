#include "buffer_access.h"

#include "unread_writes.h"

#include <algorithm>
#include <cctype>
#include <functional>
#include <map>
#include <optional>
#include <unordered_map>

namespace switcheroo::lift {
namespace {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool is_name(const std::string& text) {
  return !text.empty() && !std::isdigit(static_cast<unsigned char>(text[0])) &&
         std::all_of(text.begin(), text.end(), is_word_char);
}

bool is_integer(const std::string& text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return std::isdigit(static_cast<unsigned char>(c));
  });
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
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

// Names a statement assigns; `*` for a call of a subroutine, which may write any register.
std::vector<std::string> written_names(const std::string& statement) {
  static const char* const not_assignments[] = {"if ",    "elif ", "else:",    "while ",
                                                "return", "break", "continue", "nonlocal ",
                                                "def ",   "pass",  "global "};
  for (const char* keyword : not_assignments)
    if (starts_with(statement, keyword)) return {};
  if (ends_with(statement, "()") && is_name(statement.substr(0, statement.size() - 2)))
    return {"*"};
  const auto equals = statement.find(" = ");
  if (equals == std::string::npos) return {};
  std::vector<std::string> names;
  std::string word;
  for (char c : statement.substr(0, equals) + " ") {
    if (is_word_char(c)) {
      word += c;
    } else {
      if (is_name(word)) names.push_back(word);
      word.clear();
    }
  }
  return names;
}

struct Entry {
  size_t line = 0;
  Address address;
  int factor = 0;
  bool overwritten_here = false;  // the address computation writes the index's register
  size_t writes_before = 0;       // how many writes of the index's register came before
  size_t calls_before = 0;        // how many subroutine calls came before
  bool used = false;              // an access was rewritten
  bool removed = false;           // the address computation is removed (nothing reads it)
  bool pointer_copy = false;      // `A, B = split64(p0)`: the pair holds a parameter
};

bool has(const std::vector<std::string>& names, const std::string& name) {
  return std::find(names.begin(), names.end(), name) != names.end();
}

// Stands for an entry's index in a rewritten access until it is known whether it must be
// bound; `writes` is how many possible writes of the index's register precede the access.
std::string index_mark(size_t entry, size_t writes, size_t calls) {
  return "\x01" + std::to_string(entry) + ":" + std::to_string(writes) + ":" +
         std::to_string(calls) + "\x02";
}

constexpr size_t kNoLine = static_cast<size_t>(-1);
constexpr size_t kScanLimit = 256;

struct Level {
  size_t indent = 0;
  std::map<std::string, int> constants;
  std::map<std::string, size_t> addresses;       // "A, B" -> entry
  std::map<std::string, size_t> pointer_copies;  // "A, B" -> entry
  std::set<std::string> written;                 // names written in this block (`*`: any)
};

class Rewriter {
 public:
  Rewriter(std::vector<std::string>& body, const std::set<std::string>& pointers,
           std::set<BufferView>& views, int& counter, bool kernel_body)
      : body_(body),
        pointers_(pointers),
        views_(views),
        counter_(counter),
        is_kernel_body_(kernel_body) {}

  void run() {
    std::vector<Level> levels(1);
    levels[0].indent = body_.empty() ? 0 : indent_of(body_[0]);
    std::string previous;
    for (size_t i = 0; i < body_.size(); ++i) {
      const std::string& line = body_[i];
      const auto first = line.find_first_not_of(' ');
      if (first == std::string::npos) continue;
      while (levels.size() > 1 && levels.back().indent > first) {
        const Level done = levels.back();
        levels.pop_back();
        for (const auto& name : done.written) forget(levels.back(), name, kNoLine);
      }
      if (first > levels.back().indent) {
        Level inner;
        // An `if` body is entered only from its header: what held there holds at its start.
        // A loop body is also entered from its own end, so it starts knowing nothing.
        if (starts_with(previous, "if ") || starts_with(previous, "elif ") || previous == "else:") {
          inner.constants = levels.back().constants;
          inner.addresses = levels.back().addresses;
        }
        inner.indent = first;
        levels.push_back(inner);
      }
      const std::string statement = line.substr(first);
      previous = statement;
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

  void process(Level& level, size_t i, const std::string& indent, const std::string& statement) {
    const auto base = [&](const std::string& term) -> std::optional<std::string> {
      if (pointers_.count(term)) return term;
      // sm_90 copies the parameter into a register pair first: `pair(R2, R3)`.
      if (starts_with(term, "pair(") && ends_with(term, ")")) {
        const auto copy = level.pointer_copies.find(term.substr(5, term.size() - 6));
        if (copy != level.pointer_copies.end()) return entries_[copy->second].address.pointer;
      }
      return std::nullopt;
    };
    std::optional<Address> address = read_address(statement, base);
    int factor = 0;
    if (address) {
      if (is_integer(address->factor) && address->factor.size() < 6) {
        factor = std::stoi(address->factor);
      } else if (level.constants.count(address->factor)) {
        factor = level.constants.at(address->factor);
      } else {
        address.reset();
      }
    }
    const std::string rewritten = rewrite_accesses(level, statement);
    if (rewritten != statement) body_[i] = indent + rewritten;
    const auto written = written_names(statement);
    for (const auto& name : written) {
      forget(level, name, i);
      level.written.insert(name);
    }
    if (written.size() == 1 && written[0] != "*" && starts_with(statement, written[0] + " = ")) {
      const std::string value = statement.substr(written[0].size() + 3);
      if (is_integer(value) && value.size() < 6) level.constants[written[0]] = std::stoi(value);
    }
    if (address && factor > 0) {
      Entry entry;
      entry.line = i;
      entry.address = *address;
      entry.factor = factor;
      entry.overwritten_here = has(written, address->index_name);
      entry.writes_before = writes_[address->index_name].size();
      entry.calls_before = calls_;
      entry_at_[i] = entries_.size();
      entries_.push_back(entry);
      level.addresses[address->low + ", " + address->high] = entries_.size() - 1;
    }
    const auto copy = statement.find(" = split64(");
    if (written.size() == 2 && copy != std::string::npos && ends_with(statement, ")") &&
        pointers_.count(statement.substr(copy + 11, statement.size() - copy - 12)) &&
        statement.substr(0, copy) == written[0] + ", " + written[1]) {
      Entry entry;
      entry.line = i;
      entry.pointer_copy = true;
      entry.address.low = written[0];
      entry.address.high = written[1];
      entry.address.pointer = statement.substr(copy + 11, statement.size() - copy - 12);
      entry_at_[i] = entries_.size();
      entries_.push_back(entry);
      level.pointer_copies[written[0] + ", " + written[1]] = entries_.size() - 1;
    }
  }

  // A write to `name` (`*`: to anything) on `line` (kNoLine: somewhere in a nested block):
  // addresses held in it, or indexed by it, are gone.
  void forget(Level& level, const std::string& name, size_t line) {
    if (name == "*") {
      level.constants.clear();
      level.addresses.clear();
      level.pointer_copies.clear();
      ++calls_;
      level.written.insert(name);
      return;
    }
    level.written.insert(name);  // so that the blocks around learn of it when this one ends
    level.constants.erase(name);
    for (auto* pairs : {&level.addresses, &level.pointer_copies}) {
      for (auto it = pairs->begin(); it != pairs->end();) {
        const Address& address = entries_[it->second].address;
        if (address.low == name || address.high == name)
          it = pairs->erase(it);
        else
          ++it;
      }
    }
    writes_[name].push_back(line);
  }

  std::string rewrite_accesses(Level& level, std::string statement) {
    for (const auto& [pair_text, id] : level.addresses) {
      Entry& entry = entries_[id];
      const BufferView view{entry.address.pointer, entry.factor};
      const std::string size = std::to_string(entry.factor);
      const std::string load = "grid.load_global(pair(" + pair_text + "), " + size + ")";
      for (auto at = statement.find(load); at != std::string::npos; at = statement.find(load)) {
        statement.replace(at, load.size(),
                          view.name() + "[" +
                              index_mark(id, writes_[entry.address.index_name].size(), calls_) +
                              "]");
        entry.used = true;
        views_.insert(view);
      }
      const std::string store = "grid.store_global(pair(" + pair_text + "), ";
      const std::string store_end = ", " + size + ")";
      if (starts_with(statement, store) && ends_with(statement, store_end) &&
          statement.size() > store.size() + store_end.size()) {
        const std::string value =
            statement.substr(store.size(), statement.size() - store.size() - store_end.size());
        statement = view.name() + "[" +
                    index_mark(id, writes_[entry.address.index_name].size(), calls_) +
                    "] = " + value;
        entry.used = true;
        views_.insert(view);
      }
    }
    return statement;
  }

  // Whether the pair an address computation writes may be read after it: every path from it
  // (in the kernel's own body, whose end is the kernel's end) must overwrite both registers or
  // return before any read. Blocks nested in between are read through; a subroutine call, or
  // a `break` or `continue` out of a loop the scan did not enter, keeps it.
  bool pair_may_be_read(const Entry& entry) const {
    if (!is_kernel_body_) return true;
    const size_t indent = indent_of(body_[entry.line]);
    std::set<std::string> live = {entry.address.low, entry.address.high};
    std::vector<size_t> loops;  // indentation of the loops entered while scanning
                                // Past kScanLimit lines it is taken to be read: the pass stays
                                // linear in the kernel's size.
    const size_t stop = std::min(body_.size(), entry.line + 1 + kScanLimit);
    for (size_t i = entry.line + 1; i < body_.size(); ++i) {
      if (i == stop) return true;
      const std::string& line = body_[i];
      const auto first = line.find_first_not_of(' ');
      if (first == std::string::npos) continue;
      if (first < indent) return true;
      if (removed(i)) {
        // A removed address computation still reads its index: through the binding left in
        // its place, or at the accesses, which then read the register as it was here. (Marks
        // of earlier computations need no such care: removing this line keeps their value.)
        if (live.count(entries_[entry_at_.at(i)].address.index_name)) return true;
        continue;
      }
      const std::string statement = line.substr(first);
      while (!loops.empty() && first <= loops.back()) loops.pop_back();
      if ((statement == "break" || statement == "continue") && loops.empty()) return true;
      if (starts_with(statement, "while ")) loops.push_back(first);
      if (first == indent && starts_with(statement, "return")) return false;
      const auto written = written_names(statement);
      if (has(written, "*")) return true;
      const auto equals = statement.find(" = ");
      const bool plain_targets =
          !written.empty() && statement.substr(0, equals).find('[') == std::string::npos;
      const auto reads = names_in(plain_targets ? statement.substr(equals + 3) : statement);
      for (const auto& name : live)
        if (has(reads, name)) return true;
      if (first == indent && plain_targets)
        for (const auto& name : written) live.erase(name);
      if (live.empty()) return false;
    }
    // The end of the kernel, unless the end reached is that of a loop's body, which goes back
    // to its top (any deeper block is taken to be one).
    return indent > indent_of(body_.front());
  }

  // Address computations first, then the parameter copies only they read.
  void remove_unread_addresses() {
    for (auto& entry : entries_)
      if (entry.used && !pair_may_be_read(entry)) entry.removed = true;
    for (auto& entry : entries_)
      if (entry.pointer_copy && !pair_may_be_read(entry)) entry.removed = true;
  }

  bool removed(size_t line) const {
    const auto at = entry_at_.find(line);
    return at != entry_at_.end() && entries_[at->second].removed;
  }

  // Whether the index register may not hold, at an access after `writes` possible writes of it,
  // the value it had at the address computation.
  bool index_changed(const Entry& entry, size_t writes, size_t calls) const {
    if (calls != entry.calls_before) return true;
    if (entry.overwritten_here && !entry.removed) return true;
    const auto& log = writes_.at(entry.address.index_name);
    return std::any_of(log.begin() + static_cast<std::ptrdiff_t>(entry.writes_before),
                       log.begin() + static_cast<std::ptrdiff_t>(writes),
                       [&](size_t line) { return line == kNoLine || !removed(line); });
  }

  // Index marks become the index itself where its register still holds the value it had at
  // the address computation, and a name bound there otherwise; removed computations go.
  void finish() {
    struct Mark {
      size_t line, at, length, id, writes, calls;
    };
    std::vector<Mark> marks;
    for (size_t i = 0; i < body_.size(); ++i) {
      for (auto at = body_[i].find('\x01'); at != std::string::npos;
           at = body_[i].find('\x01', at + 1)) {
        const auto colon = body_[i].find(':', at);
        const auto second = body_[i].find(':', colon + 1);
        const auto end = body_[i].find('\x02', at);
        marks.push_back({i, at, end - at + 1, std::stoul(body_[i].substr(at + 1, colon - at - 1)),
                         std::stoul(body_[i].substr(colon + 1, second - colon - 1)),
                         std::stoul(body_[i].substr(second + 1, end - second - 1))});
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
      body_[mark->line].replace(
          mark->at, mark->length,
          index_changed(entry, mark->writes, mark->calls) ? bound[mark->id] : entry.address.index);
    }
    // One pass, so that the pass stays linear in the number of lines.
    std::vector<std::string> lines;
    lines.reserve(body_.size() + entries_.size());
    for (size_t i = 0; i < body_.size(); ++i) {
      const auto at = entry_at_.find(i);
      if (at == entry_at_.end()) {
        lines.push_back(std::move(body_[i]));
        continue;
      }
      const Entry& entry = entries_[at->second];
      if (!bound[at->second].empty())
        lines.push_back(body_[i].substr(0, indent_of(body_[i])) + bound[at->second] + " = " +
                        entry.address.index);
      if (!entry.removed) lines.push_back(std::move(body_[i]));
    }
    body_.swap(lines);
  }

  std::vector<std::string>& body_;
  const std::set<std::string>& pointers_;
  std::set<BufferView>& views_;
  int& counter_;
  bool is_kernel_body_;
  std::vector<Entry> entries_;
  std::unordered_map<size_t, size_t> entry_at_;  // line -> the entry it computes
  // The lines writing each register (kNoLine: a nested block), in order, and the number of
  // subroutine calls so far: an access compares them with its address computation's.
  std::unordered_map<std::string, std::vector<size_t>> writes_;
  size_t calls_ = 0;
};

}  // namespace

void index_buffer_accesses(std::vector<std::string>& body, const std::set<std::string>& pointers,
                           std::set<BufferView>& views, int& index_counter, bool kernel_body) {
  Rewriter(body, pointers, views, index_counter, kernel_body).run();
}

}  // namespace switcheroo::lift
