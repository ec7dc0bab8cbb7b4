// The pass behind index_buffer_accesses (buffer_access.h), internal to the lifter. One object
// reads one body top to bottom, block by block, keeping per block what is known (Facts), and
// records the address computations it can prove (Entries); the accesses they feed become
// indexing of a view. Then the computations nothing reads any more go, and the marks left in
// the indexing become the index or a name bound to it.
//
// Its parts, one file each: the walk over the lines (buffer_access.cpp), loop inductions
// (buffer_inductions.cpp), RDNA's address chains (buffer_chain.cpp), the rewrite of accesses
// (buffer_indexing.cpp) and the finishing pass (buffer_finish.cpp).
#pragma once

#include "buffer_access.h"
#include "buffer_facts.h"
#include "buffer_text.h"
#include "line_liveness.h"

#include <cstddef>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

namespace switcheroo::lift::buffers {

class Rewriter {
 public:
  Rewriter(std::vector<std::string>& body, const std::set<std::string>& pointers,
           std::set<BufferView>& views, int& counter, bool kernel_body, size_t preamble);

  /// Rewrites the body in place.
  void run();

 private:
  /// A step of a pointer (or offset) pair inside a loop: after `line`, the pair has moved by
  /// `step` elements (a literal, or the index of the loop-invariant offset `stride`).
  struct Advance {
    size_t line = 0;
    std::string step;
    size_t stride = kNoLine;
  };
  /// The pair "A, B" (`low`, `high`) find_advances looks for steps of, the access size, what
  /// is known before the loop and the names the loop writes.
  struct StepSearch {
    std::string pair, low, high;
    int factor = 0;
    const Facts& facts;
    const std::set<std::string>& inside;
  };
  /// A copy of one word of a pair holding an address or offset (`X = Y`): the pair and
  /// whether Y is its high word, and the pairs it completes with an earlier copy of the other
  /// word, each with whether it is an offset and its entry.
  struct WordCopy {
    std::string target;  // X
    std::optional<std::pair<std::string, bool>> word;
    std::vector<std::pair<std::string, std::pair<bool, size_t>>> pairs;
  };
  struct Step {
    size_t induction = 0;
    Advance advance;
    bool from_exec = false;
  };

  // The walk over the lines (buffer_access.cpp).

  /// The names each loop's body writes (`*`: a subroutine call), nested loops included.
  void find_loop_writes();
  /// Keeps of `facts` what no write of `written` can change, at any point of a loop's body:
  /// values in the names, and indices read from them (the order of the writes is unknown).
  void invariant(Facts& facts, const std::set<std::string>& written) const;
  size_t add_entry(Entry entry);
  /// Records the line as reading the index `index_name` for entry `id`: where it can be bound.
  void record_source(Entry& entry, size_t id, const std::vector<std::string>& written);
  /// Reads line `i` (`indent` then `statement`): rewrites its accesses, forgets what its writes
  /// change and learns what they hold.
  void process(Level& level, size_t i, const std::string& indent, const std::string& statement);
  /// The pointer parameter `term` holds: the parameter, a pair copied from it, or a pair of
  /// its halves.
  std::optional<std::string> pointer_held(const Facts& facts, const std::string& term) const;
  /// SASS's one-line address computation (a kWide entry), with its factor known and positive.
  std::optional<Entry> read_wide_address(const Facts& facts, size_t i,
                                         const std::string& statement) const;
  /// `X = Y` or `X = u32(Y)` copying a word of a pair that holds an address or an offset.
  WordCopy read_word_copy(const Facts& facts, const Assignment& line) const;
  /// What the line's writes hold: a small constant, a half of a pointer parameter
  /// (`s8 = lo32(p0)`), or the sign word of a register.
  void learn_values(Facts& facts, size_t i, const std::string& statement,
                    const std::vector<std::string>& written,
                    const std::optional<Assignment>& assignment) const;
  /// Adds an entry whose line reads its index: its id.
  size_t add_source(const Entry& entry, const std::vector<std::string>& written);
  /// `A, B = split64(P)`: the pair holds the parameter P (a kCopy entry).
  void learn_pointer_copy(Facts& facts, size_t i, const std::string& statement,
                          const std::vector<std::string>& written);
  /// A write to `name` (`*`: to anything) on `line` (kNoLine: somewhere in a nested block):
  /// what was known of it, or of values made from it, is gone.
  void forget(Level& level, const std::string& name, size_t line);

  // Loop inductions (buffer_inductions.cpp).

  /// The lines of the loop at `loop` that step the pair "A, B" by a multiple of `factor`
  /// bytes, when every write of A or B in the loop is such a step: RDNA's add and add with
  /// carry (`v1, vcc = u32(v1 + 4), int(...)`, `v2 = u32(v2 + vcc)`; a register stride that
  /// holds a loop-invariant offset), SASS's `R10, P1 = u32(R10 + 4), carry3(R10, 4, 0)` with
  /// `R11 = u32(R11 + P1)`, or `R2, R3 = split64(u64(s32(R13) * s32(X) + pair(R2, R3)))`.
  std::optional<std::vector<Advance>> find_advances(size_t loop, const std::string& pair,
                                                    int factor, const Facts& facts,
                                                    const std::set<std::string>& inside) const;
  /// At the top of the loop at `loop`: each pair holding an address or an offset before the
  /// loop that the loop only steps gets an index name, set before the loop (under `if exec:`
  /// when what is known came from an exec block) and stepped after each step of the pair.
  void start_inductions(size_t loop, const Level& outer, Level& inner);
  /// The steps find_advances reads: SASS's wide add of a stride (`is_wide_step`), or RDNA's and
  /// SASS's add with carry, whose high word's add must follow in the same block with nothing
  /// in between writing the pair, the carry or exec (`find_high_add`). The step is a literal
  /// multiple of the factor or a loop-invariant offset (`read_step_amount`).
  static bool is_wide_step(const StepSearch& search, const Assignment& line);
  std::optional<Advance> wide_step(const StepSearch& search, const Assignment& line,
                                   size_t l) const;
  std::optional<Advance> carried_step(const StepSearch& search, const Assignment& line, size_t l,
                                      size_t first, size_t end) const;
  bool read_step_amount(const StepSearch& search, const Assignment& line, const std::string& amount,
                        Advance& advance, std::string& high_term) const;
  size_t find_high_add(const StepSearch& search, const std::string& carry, size_t l, size_t first,
                       size_t end) const;
  /// After a line that steps an induction pair: the pair holds its address again, and the
  /// index name steps with it.
  void step_inductions(Level& level, size_t line, const std::string& indent);

  // RDNA's address chains (buffer_chain.cpp).

  /// RDNA builds an address in up to four lines (scalar or vector, the carry in vcc or scc):
  ///     v1 = u32(s32(v0) >> 31)                              the index's sign
  ///     v0, v1 = split64(u64(pair(v0, v1) << 2))             the offset, a kOffset entry
  ///     v2, vcc = u32(s8 + v0), int(u32(s8) + u32(v0) > 0xFFFFFFFF)      s8 = lo32(p0)
  ///     v3 = u32(s9 + v1 + vcc)                              s9 = hi32(p0): pair(v2, v3)
  /// (a high word of 0 instead of the sign makes the index `u32(v0)`).
  void read_chain(const Facts& facts, size_t i, const Assignment& line,
                  std::optional<Entry>& offset,
                  std::optional<std::pair<std::string, Partial>>& partial,
                  std::optional<Entry>& carried);
  /// The offset: `A, B = split64(u64(pair(X, H) << K))`, with or without the scc result.
  std::optional<Entry> read_offset(const Facts& facts, size_t i, const Assignment& line) const;
  /// The low words: `X, C = u32(S + A), int(u32(S) + u32(A) > 0xFFFFFFFF)`: the carry C and
  /// the add in flight.
  std::optional<std::pair<std::string, Partial>> read_low_add(const Facts& facts, size_t i,
                                                              const Assignment& line) const;
  /// The high words with the carry: `Y = u32(T + B + C)`, or `Y, D = u32(T + B + C), int(...)`.
  std::optional<Entry> read_high_add(const Facts& facts, size_t i, const Assignment& line) const;

  // The rewrite of accesses (buffer_indexing.cpp).

  /// The view and index an address operand of `grid.load_global` or `grid.store_global`
  /// names: `pair(A, B)` holding an address, or `V + pair(A, B)` with V a constant multiple of
  /// the access size (RDNA's scalar base plus vector offset).
  std::optional<std::string> indexing(const Facts& facts, const std::string& operand,
                                      const std::string& size_text);
  std::string rewrite_accesses(const Facts& facts, std::string statement);

  // The finishing pass (buffer_finish.cpp).

  /// Removes `line` when nothing may read what it writes.
  bool remove_if_unread(size_t line);
  /// Address computations first, then what only they read: the parameter copies, RDNA's
  /// offsets and the sign words those read.
  void remove_unread_addresses();
  /// Whether the index register may not hold, at an access after `writes` possible writes of
  /// it, the value it had at the address computation.
  bool index_changed(const Entry& entry, size_t writes, size_t calls) const;
  /// Index marks become the index itself where its register still holds the value it had at
  /// the address computation, and a name bound there otherwise; removed lines go.
  void finish();

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
  std::unordered_map<size_t, size_t> block_end_;         // `while` line -> the line after its body
  std::unordered_map<size_t, std::vector<Step>> steps_;  // line -> the inductions it steps
  std::unordered_map<size_t, std::vector<std::string>> insert_before_, insert_after_;
  int inductions_ = 0;
  // The lines writing each register (kNoLine: a nested block), in order, and the number of
  // subroutine calls so far: an access compares them with its address computation's.
  std::unordered_map<std::string, std::vector<size_t>> writes_;
  size_t calls_ = 0;
};

}  // namespace switcheroo::lift::buffers
