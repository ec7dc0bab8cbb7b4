// Which values of a lifted kernel's Python body a later line may still read: a forward scan
// over the structured lines (if/else, loops with break, blocks under `exec`), used to remove
// address arithmetic that buffer indexing left unread. The lines are summarised once; the
// scan looks at most 512 lines ahead, so that its callers stay linear in the body's size.
#pragma once

#include <cstddef>
#include <functional>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <vector>

namespace switcheroo::lift {

/// A line number that no line has.
inline constexpr size_t kNoLine = static_cast<size_t>(-1);

/// Text tests on lifted lines: a letter, digit or `_`; an identifier; prefix; suffix.
bool is_word_char(char c);
bool is_name(const std::string& text);
bool starts_with(const std::string& text, const std::string& prefix);
bool ends_with(const std::string& text, const std::string& suffix);
/// The number of spaces a line starts with.
size_t indent_of(const std::string& line);

/// Names a statement assigns (none for a store through a subscript); `*` for a call of a
/// subroutine, which may write any register.
std::vector<std::string> written_names(const std::string& statement);

/// Whether a statement heads an `if`, `elif` or `else` block.
bool is_if_header(const std::string& statement);

class LineLiveness {
 public:
  /// What a removed line still reads (the index a binding left in its place reads).
  using RemovedReads = std::function<const std::vector<std::string>&(size_t)>;

  /// `body` (four spaces per level), the header line of each line's block (kNoLine at the
  /// top), the line after each `while` body, and which lines are removed: all read when
  /// asked, so removals made between questions count. In a subroutine (`kernel_body` false),
  /// whose registers the caller reads, everything may be read.
  LineLiveness(const std::vector<std::string>& body, const std::vector<size_t>& header,
               const std::unordered_map<size_t, size_t>& block_end,
               const std::vector<bool>& removed, bool kernel_body, RemovedReads removed_reads);
  ~LineLiveness();

  /// Whether a value line `from` writes to one of `live` may be read later.
  bool may_be_read(size_t from, std::set<std::string> live) const;

  /// The names line `line` writes.
  const std::vector<std::string>& written(size_t line) const;

 private:
  struct LineInfo;
  struct Scan;
  const std::vector<std::string>& reads_of(size_t line) const;
  // The steps of may_be_read: each returns its answer, or std::nullopt to read on.
  void close_nested(Scan& scan, size_t first) const;
  std::optional<bool> leave_block(Scan& scan, size_t& i) const;
  std::optional<bool> read_line(Scan& scan, size_t i, size_t first) const;
  std::optional<bool> break_out(Scan& scan) const;
  bool reads_live(const Scan& scan, size_t i) const;

  const std::vector<std::string>& body_;
  const std::vector<size_t>& header_;
  const std::unordered_map<size_t, size_t>& block_end_;
  const std::vector<bool>& removed_;
  bool kernel_body_;
  RemovedReads removed_reads_;
  std::vector<LineInfo> info_;
};

}  // namespace switcheroo::lift
