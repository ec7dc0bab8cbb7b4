// The stages of nvcc's integer division expansion (integer_division.h) that a lifted value
// may hold, and how one expression's text is read as one of them.
#pragma once

#include <map>
#include <optional>
#include <string>

namespace switcheroo::lift {

struct DivisionStage {
  enum class Kind {
    Var,          // an opaque value: the name `n`
    Magnitude,    // u32(abs(s32(n)))
    Reciprocal,   // the divisor's float reciprocal, rounded up, as an integer
    Magic,        // the reciprocal after the Newton step
    Quotient,     // the quotient after `step` corrections
    Remainder,    // the remainder after `step` corrections
    RemainderAtLeast,  // condition: the remainder >= the divisor
    SameSign,     // condition: n and e have the same sign
    NonNegative,  // condition: n >= 0
    NonZero,      // condition: e != 0
    NotDivisor,   // ~e, what a zero divisor gives
  };
  Kind kind = Kind::Var;
  std::string n, e;          // the names of the numerator and divisor as the source has them
  bool magnitudes = false;   // the unsigned core works on |n| and |e| (a signed division)
  int step = 0;              // corrections applied
  bool sign_set = false;     // a signed result's sign applied
  bool zero_selected = false;  // the zero divisor's result selected
  bool negated = false;      // a condition under `not`

  bool mentions(const std::string& name) const { return n == name || e == name; }
  bool is_condition() const {
    return kind == Kind::RemainderAtLeast || kind == Kind::SameSign ||
           kind == Kind::NonNegative || kind == Kind::NonZero;
  }
  bool is_result() const { return kind == Kind::Quotient || kind == Kind::Remainder; }
  // The quotient or remainder for every divisor but 0.
  bool exact_but_zero() const {
    return is_result() && step >= 2 && (!magnitudes || sign_set) && !zero_selected;
  }
  // Whether `other` is a stage of the same division (numerator, divisor, kind of core).
  bool same_division(const DivisionStage& other) const {
    return n == other.n && e == other.e && magnitudes == other.magnitudes;
  }
};

using DivisionStages = std::map<std::string, DivisionStage>;

/// What `text` (an expression) holds, given what the names hold (`known`; a name not in it
/// is an opaque value of its own); std::nullopt when it is none of the stages.
std::optional<DivisionStage> read_division_stage(const std::string& text,
                                                 const DivisionStages& known);

/// The call that computes a finished division: `sdiv(n, e)`, `srem(n, e)`, `udiv(n, e)` or
/// `urem(n, e)`.
std::string division_call(const DivisionStage& stage);

}  // namespace switcheroo::lift
