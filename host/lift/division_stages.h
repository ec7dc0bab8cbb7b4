// The stages of nvcc's and LLVM's AMDGPU integer division expansions (integer_division.h)
// that a lifted value may hold, and how one expression's text is read as one of them.
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
    // LLVM's AMDGPU expansion (amdgpu_division.cpp) on top of Reciprocal, Magic, Quotient,
    // Remainder and RemainderAtLeast:
    FloatDivisor,     // the divisor converted to float (v_cvt_f32_u32)
    FloatReciprocal,  // its float reciprocal (v_rcp_iflag_f32)
    NegatedDivisor,   // u32(0 - e)
    SignMask,         // n's sign spread over the word: 0 or 0xFFFFFFFF
    SignAdded,        // n plus its sign mask, the first step of |n|
    SignsDiffer,      // the sign masks of n and e combined by ^: the quotient's sign
  };
  Kind kind = Kind::Var;
  std::string n, e;          // the names of the numerator and divisor as the source has them
  bool magnitudes = false;   // the unsigned core works on |n| and |e| (a signed division)
  int step = 0;              // corrections applied
  bool sign_set = false;     // a signed result's sign applied
  bool zero_selected = false;  // the zero divisor's result selected
  bool negated = false;      // a condition under `not`
  bool amdgpu = false;       // LLVM's AMDGPU expansion: its zero divisor gives what
                             // udiv_amdgpu and kin compute
  std::string guard;         // when not empty, the stage holds only where `guard` is true
                             // (written under `if guard:`); read elsewhere as opaque

  bool mentions(const std::string& name) const { return n == name || e == name || guard == name; }
  bool is_condition() const {
    return kind == Kind::RemainderAtLeast || kind == Kind::SameSign ||
           kind == Kind::NonNegative || kind == Kind::NonZero;
  }
  bool is_result() const { return kind == Kind::Quotient || kind == Kind::Remainder; }
  // The quotient or remainder for every divisor but 0.
  bool exact_but_zero() const {
    return is_result() && step >= 2 && (!magnitudes || sign_set) && !zero_selected;
  }
  // The quotient or remainder of LLVM's expansion for every divisor, 0 included.
  bool amdgpu_final() const {
    return amdgpu && is_result() && step >= 2 && (!magnitudes || sign_set) && !zero_selected;
  }
  // Whether `other` is a stage of the same division (numerator, divisor, kind of core).
  bool same_division(const DivisionStage& other) const {
    return n == other.n && e == other.e && magnitudes == other.magnitudes &&
           amdgpu == other.amdgpu;
  }
};

using DivisionStages = std::map<std::string, DivisionStage>;

/// What `text` (an expression) holds, given what the names hold (`known`; a name not in it
/// is an opaque value of its own); std::nullopt when it is none of the stages.
std::optional<DivisionStage> read_division_stage(const std::string& text,
                                                 const DivisionStages& known);

/// The call that computes a finished division: `sdiv(n, e)`, `srem(n, e)`, `udiv(n, e)` or
/// `urem(n, e)`, with `_amdgpu` after the name for LLVM's expansion (no zero selected).
std::string division_call(const DivisionStage& stage);

}  // namespace switcheroo::lift
