#include "line_liveness.h"

#include "buffer_text.h"
#include "unread_writes.h"

#include <algorithm>
#include <cctype>

namespace switcheroo::lift {

bool is_word_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) || c == '_';
}

bool is_name(const std::string& text) {
  return !text.empty() && !std::isdigit(static_cast<unsigned char>(text[0])) &&
         std::all_of(text.begin(), text.end(), is_word_char);
}

bool starts_with(const std::string& text, const std::string& prefix) {
  return text.compare(0, prefix.size(), prefix) == 0;
}

bool ends_with(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() &&
         text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

size_t indent_of(const std::string& line) {
  size_t count = 0;
  while (count < line.size() && line[count] == ' ') ++count;
  return count;
}

namespace {

using buffers::has;

constexpr size_t kScanLimit = 256;

template <typename Blocks>
bool killed_under_exec(const std::string& name, const std::set<std::string>& level,
                       const Blocks& nested) {
  if (level.count(name)) return true;
  return std::any_of(nested.begin(), nested.end(),
                     [&](const auto& frame) { return frame.exec_killed.count(name) > 0; });
}

// Whether every read of `name` in `statement` is `u32(name) & exec`.
bool masked_reads_only(const std::string& statement, const std::string& name,
                       const std::vector<std::string>& reads) {
  const std::string masked = "u32(" + name + ") & exec";
  size_t count = 0;
  for (auto at = statement.find(masked); at != std::string::npos;
       at = statement.find(masked, at + masked.size())) {
    if (at > 0 && is_word_char(statement[at - 1])) continue;
    ++count;
  }
  return count > 0 && count == static_cast<size_t>(std::count(reads.begin(), reads.end(), name));
}

}  // namespace

bool is_if_header(const std::string& statement) {
  return starts_with(statement, "if ") || starts_with(statement, "elif ") || statement == "else:";
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
  // A store through a subscript (`p2_u32[s32(i)] = x`) assigns no name.
  if (equals == std::string::npos || statement.substr(0, equals).find('[') != std::string::npos)
    return {};
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

struct LineLiveness::LineInfo {
  size_t first = std::string::npos;  // its indentation; npos: blank
  std::vector<std::string> written;
  std::vector<std::string> reads;
  bool plain_targets = false;  // it writes its targets whole
  bool is_while = false, is_while_true = false, is_if = false, is_else = false;
  bool is_break = false, is_continue = false, is_return = false;
  bool exec_guard = false;  // `if exec:` or `if not (exec == 0):`
};

LineLiveness::LineLiveness(const std::vector<std::string>& body, const std::vector<size_t>& header,
                           const std::unordered_map<size_t, size_t>& block_end,
                           const std::vector<bool>& removed, bool kernel_body,
                           RemovedReads removed_reads)
    : body_(body),
      header_(header),
      block_end_(block_end),
      removed_(removed),
      kernel_body_(kernel_body),
      removed_reads_(std::move(removed_reads)) {
  info_.assign(body_.size(), LineInfo());
  for (size_t i = 0; i < body_.size(); ++i) {
    LineInfo& info = info_[i];
    info.first = body_[i].find_first_not_of(' ');
    if (info.first == std::string::npos) continue;
    const std::string statement = body_[i].substr(info.first);
    info.written = written_names(statement);
    const auto equals = statement.find(" = ");
    info.plain_targets =
        !info.written.empty() && statement.substr(0, equals).find('[') == std::string::npos;
    info.reads = names_in(info.plain_targets ? statement.substr(equals + 3) : statement);
    info.is_while = starts_with(statement, "while ");
    info.is_while_true = statement == "while True:";
    info.is_if = is_if_header(statement);
    info.is_else = starts_with(statement, "elif ") || statement == "else:";
    info.is_break = statement == "break";
    info.is_continue = statement == "continue";
    info.is_return = starts_with(statement, "return");
    info.exec_guard = statement == "if exec:" || statement == "if not (exec == 0):";
  }
}

// The names `line` reads now that some lines are removed.
const std::vector<std::string>& LineLiveness::reads_of(size_t line) const {
  return removed_[line] ? removed_reads_(line) : info_[line].reads;
}

LineLiveness::~LineLiveness() = default;

const std::vector<std::string>& LineLiveness::written(size_t line) const {
  return info_[line].written;
}

// The state of one may_be_read scan.
struct LineLiveness::Scan {
  // A block nested below the scan's level that it is in (a write inside hides a name only
  // until the block ends).
  struct Nested {
    size_t indent = 0;
    std::set<std::string> live;         // what was live at its start
    bool guard = false;                 // runs only when exec is not 0: `if exec:`, ...
    size_t epoch = 0;                   // how many writes of exec came before it
    std::set<std::string> exec_killed;  // see below
  };
  std::set<std::string> live;
  size_t indent = 0;
  size_t block = kNoLine;  // the header of the block the scan is in
  std::vector<Nested> nested;
  // Names written whole by an `if exec:` block that ended, while exec is unchanged: when
  // exec is not 0 the block ran and overwrote them, and when it is 0 a read inside another
  // such block does not run and `u32(name) & exec` is 0 whatever the name holds. So those
  // reads do not read the value scanned for.
  std::set<std::string> exec_killed;
  size_t epoch = 0;
  std::vector<size_t> loops;      // indentation of the loops entered while scanning
  std::set<std::string> leaving;  // live at a `break` or `continue` of the loop around
  std::set<size_t> wrapped;       // loops whose top the scan went back to
};

// Whether a value a line writes to one of `live` may be read later: every path from it (in
// the kernel's own body, whose end is the kernel's end) must overwrite the name or return
// before any read. Blocks nested in between are read through, a write there hiding the name
// for the rest of that block only; leaving an `if` body goes on after its `else`; the end of
// a loop's body goes back to its top once (a second time around sees nothing new), then on
// to where the loop is left, with the names live at a `break` out of it. A subroutine call,
// a `continue`, or a `break` out of a loop further out, keeps it.
bool LineLiveness::may_be_read(size_t from, std::set<std::string> live) const {
  if (!kernel_body_) return true;
  Scan scan;
  scan.live = std::move(live);
  scan.indent = indent_of(body_[from]);
  scan.block = header_[from];
  // Past kScanLimit lines it is taken to be read: the pass stays linear in the kernel's size.
  size_t budget = 2 * kScanLimit;
  for (size_t i = from + 1;; ++i) {
    if (budget-- == 0) return true;
    const bool end = i >= body_.size();
    const auto first = end ? 0 : info_[i].first;
    if (first == std::string::npos) continue;
    close_nested(scan, first);
    const std::optional<bool> answer =
        end || first < scan.indent ? leave_block(scan, i) : read_line(scan, i, first);
    if (answer) return *answer;
  }
}

// The nested blocks that end before a line at indentation `first`: what was live at their
// start is live again, and an `if exec:` block's writes are killed under exec around it.
void LineLiveness::close_nested(Scan& scan, size_t first) const {
  for (; !scan.nested.empty() && first < scan.nested.back().indent; scan.nested.pop_back()) {
    Scan::Nested& done = scan.nested.back();
    if (done.guard && done.epoch == scan.epoch) {
      auto& around = scan.nested.size() > 1 ? scan.nested[scan.nested.size() - 2].exec_killed
                                            : scan.exec_killed;
      around.insert(done.exec_killed.begin(), done.exec_killed.end());
      for (const auto& name : done.live)
        if (!scan.live.count(name)) around.insert(name);
    }
    scan.live = std::move(done.live);
  }
}

// The end of the block the scan is in (or of the body): the kernel's end, back to the top of
// a loop or out of it, or past the rest of an `if` chain. Sets `i` to the line before the
// next one to read.
std::optional<bool> LineLiveness::leave_block(Scan& scan, size_t& i) const {
  if (scan.block == kNoLine) return false;  // the kernel's end
  scan.exec_killed.clear();
  ++scan.epoch;
  const LineInfo& header = info_[scan.block];
  if (header.is_while) {
    if (scan.wrapped.insert(scan.block).second) {
      // Back to the top of the loop's body, at its level, through its condition (which
      // may also leave it).
      for (const auto& name : scan.live)
        if (has(header.reads, name)) return true;
      if (!header.is_while_true) scan.leaving.insert(scan.live.begin(), scan.live.end());
      i = scan.block;
      return std::nullopt;
    }
    // Around twice: what is left goes out of the loop with what left it earlier.
    scan.live.insert(scan.leaving.begin(), scan.leaving.end());
    scan.leaving.clear();
    i = block_end_.at(scan.block);
  } else if (!header.is_if) {
    return true;
  }
  // Out of an `if` body (or `else`): past the rest of its chain.
  scan.indent = header.first;
  scan.block = header_[scan.block];
  while (i < body_.size()) {
    const LineInfo& next = info_[i];
    if (next.first != std::string::npos && next.first <= scan.indent &&
        !(next.first == scan.indent && next.is_else))
      break;
    ++i;
  }
  --i;  // the loop's increment comes back to line i, at the new level
  return std::nullopt;
}

// A line inside the scan's block: control leaving it, reads of live names, writes that end
// their lives.
std::optional<bool> LineLiveness::read_line(Scan& scan, size_t i, size_t first) const {
  if (first > (scan.nested.empty() ? scan.indent : scan.nested.back().indent))
    scan.nested.push_back({first, scan.live, info_[header_[i]].exec_guard, scan.epoch, {}});
  const LineInfo& line = info_[i];
  const bool kept = !removed_[i];
  while (!scan.loops.empty() && first <= scan.loops.back()) scan.loops.pop_back();
  if (kept && line.is_continue && scan.loops.empty()) return true;
  if (kept && line.is_break && scan.loops.empty()) return break_out(scan);
  if (line.is_while) scan.loops.push_back(first);
  if (kept && line.is_return) {
    scan.live.clear();
    if (scan.nested.empty() && scan.leaving.empty()) return false;
    return std::nullopt;
  }
  static const std::vector<std::string> nothing;
  const auto& written = kept ? line.written : nothing;
  if (has(written, "*") || reads_live(scan, i)) return true;
  if (kept && line.plain_targets)
    for (const auto& name : written) scan.live.erase(name);
  if (has(written, "exec")) {
    ++scan.epoch;
    scan.exec_killed.clear();
    for (auto& frame : scan.nested) frame.exec_killed.clear();
  }
  if (scan.nested.empty() && scan.live.empty() && scan.leaving.empty()) return false;
  return std::nullopt;
}

// A `break` out of the innermost loop around the scan, which is that of the nearest `while`
// above its block: what is live leaves the loop with it.
std::optional<bool> LineLiveness::break_out(Scan& scan) const {
  bool in_loop = false;
  for (size_t up = scan.block; up != kNoLine && !in_loop; up = header_[up])
    in_loop = info_[up].is_while;
  if (!in_loop) return true;
  scan.leaving.insert(scan.live.begin(), scan.live.end());
  scan.live.clear();
  return std::nullopt;
}

// Whether line `i` reads a live name, other than where exec hides the read.
bool LineLiveness::reads_live(const Scan& scan, size_t i) const {
  const auto& reads = reads_of(i);
  for (const auto& name : scan.live) {
    if (!has(reads, name)) continue;
    if (!killed_under_exec(name, scan.exec_killed, scan.nested)) return true;
    const bool guarded = std::any_of(
        scan.nested.begin(), scan.nested.end(),
        [&](const Scan::Nested& frame) { return frame.guard && frame.epoch == scan.epoch; });
    if (!guarded && !masked_reads_only(body_[i], name, reads)) return true;
  }
  return false;
}

}  // namespace switcheroo::lift
