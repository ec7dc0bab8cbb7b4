// Symbolic execution of straight-line lifted Python, to prove that two pieces of code compute
// the same values (loop_reroll.h). Each integer value is a polynomial with integer
// coefficients over atoms (names, loads, and every operation that is not a ring operation, as
// a canonical term); floats are atoms whose operations are kept as written, so no float sum is
// reassociated. Two values are equal when their canonical texts are.
//
// The 32-bit and 64-bit words of the lifted code are read as follows:
// - `u32(x)` is the low word of x, `LO(x)`, exact: inside it, other low words and multiples of
//   2^32 reduce away; `hi32`, `lea_hi` and `split64`'s second item are high words `HI(x)`;
//   `carry3` is a carry term; `pair(lo, hi)` is rebuilt into the 64-bit value when the carries
//   in `hi` are those of the additions that formed `lo`, and `LO(x) + 2^32 * HI(x)` is x;
// - integer `a < b` is `a + 1 <= b`;
// - `s32(x) >> 31` and `s64(pair(0, x)) >> 31 >> 32` are x's sign (-1 or 0), `u32` of it x's sign
// word, and a word with its sign
//   word is x; the high word of a carry chain's sum `u32(h + carry3(a, b, 0) ...)` is that of
//   the 64-bit sum;
// - `s32(LO(x))` is x with each 32-bit word in it read signed (`S32(HI(p))` for `HI(p)`), and
//   `s32` of a sum is the sum: signed 32-bit arithmetic does not overflow (C's rule for `int`, which nvcc relies on when it derives pointer steps from an
//   index), and `u64`/`s64` are the identity (addresses do not wrap around 2^64).
// Memory: a load after a store in the same piece reads the stored value when the addresses are
// equal, skips stores whose addresses differ by at least the access size, and otherwise reads
// the memory those stores leave (an atom naming them all, so two loads are equal only after the
// same stores); loads of the kept state and of later runs read different epochs of memory
// (keep_as_base). `expf` is run as the prelude's body, the form nvcc's inlined expansion has.
#pragma once

#include <map>
#include <set>
#include <string>
#include <vector>

namespace switcheroo::lift {

struct Expression;

/// A polynomial over atoms: each monomial (sorted atom keys, empty for the constant) with its
/// coefficient.
using Monomial = std::vector<std::string>;
using Polynomial = std::map<Monomial, long long>;

struct SymbolicValue {
  Polynomial poly;
  bool is_float = false;
  std::vector<SymbolicValue> items;  ///< a tuple's items (split64, `a, b` values)
  bool is_tuple = false;
};

struct SymbolicStore {
  Polynomial address;
  SymbolicValue value;
  long long size = 0;
};

class SymbolicMachine {
 public:
  /// `views`: buffer views (`p0_u32`) with their base pointer's name and element size. A
  /// name nothing assigns is an atom of its own, its low word `LO(name)` another (a raw
  /// 32-bit parameter and its `s32` reading stay apart).
  explicit SymbolicMachine(std::map<std::string, std::pair<std::string, long long>> views)
      : views_(std::move(views)) {}

  /// Runs one statement (an assignment, a store through a view or `grid.store_global`);
  /// false, and the machine is spent, for anything else or anything it cannot read.
  bool execute(const std::string& statement);
  /// The value of an expression's text in the current state.
  bool evaluate(const std::string& text, SymbolicValue& value);

  bool ok() const { return ok_; }
  /// The current value of `name` (an atom named so when nothing assigned it).
  SymbolicValue value_of(const std::string& name);
  void set(const std::string& name, SymbolicValue value) { state_[name] = std::move(value); }
  const std::vector<SymbolicStore>& stores() const { return stores_; }
  /// Runs `statement` if it can; else what it writes becomes unknown (a fresh atom each).
  void execute_or_forget(const std::string& statement);
  /// The names of `statement`'s targets become unknown.
  void forget(const std::string& statement);
  /// Takes the condition `text` (in the current state) as true from now on: a choice
  /// `a if c else b` on it is a.
  void assume(const std::string& text);
  /// Forgets the state, the kept state and the stores; atoms and assumptions stay.
  void restart() {
    state_.clear();
    base_.clear();
    stores_.clear();
  }
  /// Keeps the current state as the one reset() returns to.
  /// From then on loads read the memory of a new epoch: a load made before (in the state
  /// kept) and one made after are different values even at one address.
  void keep_as_base() {
    base_ = state_;
    ++epoch_;
  }
  /// Returns to the kept state and forgets the stores, keeping the atoms (so values of earlier
  /// runs compare).
  void reset() {
    state_ = base_;
    stores_.clear();
  }
  /// What `value` is the low word of when it is `LO(x)`; else `value`.
  SymbolicValue unwrap_low(const SymbolicValue& value) const;

  /// Bounds that keep every operation's cost bounded (values that outgrow them fail: the
  /// proof is refused, a statement before the loops leaves its targets unknown): the terms of
  /// a product, the text of an atom.
  static constexpr size_t kMostTerms = 256, kLongestAtom = 1 << 20;
  /// 2^32, and whether a polynomial is a constant (and which).
  static constexpr long long kWord = 1LL << 32;
  static bool is_constant(const Polynomial& poly) {
    return poly.empty() || (poly.size() == 1 && poly.begin()->first.empty());
  }
  static long long constant_of(const Polynomial& poly) {
    return poly.empty() ? 0 : poly.begin()->second;
  }
  /// Values and polynomials by their canonical text.
  static std::string text_of(const SymbolicValue& value);
  static std::string text_of(const Polynomial& poly);

  // Building blocks, public for the proofs of loop_reroll.cpp.
  SymbolicValue atom(const std::string& kind, const std::vector<SymbolicValue>& args,
                     bool is_float = false);
  static SymbolicValue constant(long long value);
  SymbolicValue add(const SymbolicValue& a, const SymbolicValue& b, long long sign = 1);
  SymbolicValue multiply(const SymbolicValue& a, const SymbolicValue& b);
  SymbolicValue low_word(const SymbolicValue& value);
  SymbolicValue high_word(const SymbolicValue& value);
  /// The 64-bit value of a (low word, high word) pair.
  SymbolicValue pair(const SymbolicValue& low, const SymbolicValue& high);

 private:
  struct Atom {
    std::string kind;
    std::vector<SymbolicValue> args;
    bool is_float = false;
  };
  struct Carry;

  SymbolicValue evaluate(const Expression& e);
  SymbolicValue call(const std::string& function, const std::vector<SymbolicValue>& args);
  SymbolicValue inline_helper(const std::string& function, const SymbolicValue& arg);
  SymbolicValue binary(const std::string& op, const SymbolicValue& a, const SymbolicValue& b);
  SymbolicValue unary(const std::string& op, const SymbolicValue& a);
  SymbolicValue signed_word(const SymbolicValue& value);
  SymbolicValue load(const Polynomial& address, long long size);
  bool store(const SymbolicValue& address, const SymbolicValue& value, long long size);
  bool assign(const std::string& targets, const std::string& value);
  const Atom* single_atom(const SymbolicValue& value) const;
  Polynomial join_words(Polynomial poly);
  std::vector<Carry> carry_chain(const Polynomial& high, const SymbolicValue* low);
  const SymbolicValue* sign_of(const SymbolicValue& word) const;
  SymbolicValue fail();

  std::map<std::string, std::pair<std::string, long long>> views_;
  std::map<std::string, Atom> atoms_;
  std::map<std::string, SymbolicValue> state_, base_;
  std::set<std::string> assumed_;
  int unknowns_ = 0, epoch_ = 0;
  std::vector<SymbolicStore> stores_;
  bool ok_ = true;
};

}  // namespace switcheroo::lift
