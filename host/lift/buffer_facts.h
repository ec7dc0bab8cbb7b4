// What buffer indexing (buffer_access.h) knows at a point of a lifted body: the address
// computations it found (entries), and per block the registers known to hold constants,
// addresses, offsets and parameter halves, which a write to a register forgets.
#pragma once

#include "buffer_text.h"
#include "line_liveness.h"

#include <cstddef>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <utility>

namespace switcheroo::lift::buffers {

/// What an entry stands for.
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

/// Stands for an entry's index in a rewritten access until it is known whether it must be
/// bound; `writes` is how many possible writes of the index's register precede the access.
std::string index_mark(size_t entry, size_t writes, size_t calls);

/// A register holding the low or high half of a pointer parameter (RDNA).
struct Half {
  std::string pointer;
  bool high = false;
};

/// RDNA's 64-bit low-word add in flight: `X, C = u32(S + A), int(...)`, S the low half of
/// `pointer` and A the low word of `offset`; the add of the high words with carry C completes it.
struct Partial {
  std::string low;
  std::string high_word;  // the offset's high word, which the high add reads
  std::string pointer;
  size_t offset = 0;
  size_t line = 0;
};

/// What is known to hold at a point of the body.
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

  /// Later facts win: `other` holds at the same point, and knows what was written since.
  void merge(const Facts& other);

  /// A write to `name` (`*`: to anything): what was known of it, or of values made from it,
  /// is gone.
  void forget(const std::string& name);
};

/// A block of the body being read: its indentation and what is known in it.
struct Level {
  size_t indent = 0;
  Facts facts;
  // RDNA: what held at the end of the last `if exec:` block here, which still holds at the
  // start of the next one while `exec` is unchanged (it runs only if the last one did).
  std::optional<Facts> after_exec;
  bool exec_block = false;        // this block is the body of `if exec:`
  std::set<std::string> written;  // names written in this block (`*`: any)
};

}  // namespace switcheroo::lift::buffers
