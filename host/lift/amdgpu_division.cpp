// The stages of LLVM's AMDGPU expansion of 32-bit integer division and remainder
// (integer_division.h), as the RDNA listings' lifted lines spell them:
//
//     t = u32(s32(p3) >> 31)                       the divisor's sign mask (signed only)
//     t2 = u32(p3 + t)
//     t3 = u32(t2) ^ u32(t)                        |d| (the numerator's likewise)
//     t4 = cvt_u32(f32(bits(4294966784.0 * f32(bits(rcp(f32(bits(float(u32(t3))))))))))
//     t5 = u32(t4 + u32((u32(t4) * u32(u32(u32(0 - t3) * t4))) >> 32))
//     q = u32((u32(ax) * u32(t5)) >> 32)           the estimate, at most 2 low
//     r = u32(ax - u32(q * t3))
//     c = int(u32(t3) <= u32(r))
//     q1 = u32(1 + q) if c else q                  r1 = u32(r - t3) if c else r
//     q2 = u32(1 + q1) if u32(t3) <= u32(r1) else q1   (r2 likewise)
//     u32((u32(q2) ^ u32(s)) - s)                  s = the two sign masks' ^; the
//     u32((u32(r2) ^ u32(m)) - m)                  remainder's sign is the numerator's (m)
//
// 4294966784.0 is 0x4f7ffffe, 2^32 less 512. There is no test of the divisor: for 0 the
// steps give what the prelude's udiv_amdgpu and kin compute.
#include "division_reader.h"

namespace switcheroo::lift {
namespace {

using Kind = DivisionStage::Kind;
using Stage = StageReader::Stage;

DivisionStage amdgpu_stage(Kind kind, const std::string& n, const std::string& e) {
  DivisionStage stage;
  stage.kind = kind;
  stage.n = n;
  stage.e = e;
  stage.amdgpu = true;
  return stage;
}

}  // namespace

// The divisor as a float, its reciprocal, the reciprocal scaled to an integer; -d.
Stage StageReader::amdgpu_core(const std::string& text) const {
  Bindings b;
  for (const auto& [spelling, kind] : {std::pair{"bits(float(u32(@D)))", Kind::FloatDivisor},
                                       std::pair{"u32(0 - @D)", Kind::NegatedDivisor}}) {
    if (b.clear(), !matches(text, spelling, b)) continue;
    const Stage d = operand(b, 'D');
    if (!d) return std::nullopt;
    DivisionStage stage = amdgpu_stage(kind, "", d->n);
    stage.magnitudes = d->kind == Kind::Magnitude;
    return stage;
  }
  const std::pair<const char*, std::pair<Kind, Kind>> steps[] = {
      {"bits(rcp(f32(@X)))", {Kind::FloatDivisor, Kind::FloatReciprocal}},
      {"cvt_u32(f32(bits(4294966784.0 * f32(@X))))", {Kind::FloatReciprocal, Kind::Reciprocal}},
  };
  for (const auto& [spelling, kinds] : steps) {
    if (b.clear(), !matches(text, spelling, b)) continue;
    Stage x = bound(b, 'X');
    if (!x || !x->amdgpu || x->kind != kinds.first) return std::nullopt;
    x->kind = kinds.second;
    return x;
  }
  return std::nullopt;
}

// The Newton step: m = r + hi(r * (-d * r)).
Stage StageReader::amdgpu_magic(const std::string& text) const {
  Bindings b;
  if (!matches_either(text, "u32($R + u32((u32($R) * u32(u32(@N * $R))) >> 32))",
                      "u32($R + u32((u32($R) * u32(u32($R * @N))) >> 32))", b))
    return std::nullopt;
  Stage r = bound(b, 'R');
  const Stage negated = bound(b, 'N');
  if (!r || !r->amdgpu || r->kind != Kind::Reciprocal || !negated ||
      negated->kind != Kind::NegatedDivisor || !negated->amdgpu || negated->e != r->e ||
      negated->magnitudes != r->magnitudes)
    return std::nullopt;
  r->kind = Kind::Magic;
  return r;
}

// The remainder of the estimate: n - q * d.
Stage StageReader::amdgpu_remainder(const std::string& text) const {
  Bindings b;
  if (!matches_either(text, "u32(@A - u32(@Q * @D))", "u32(@A - u32(@D * @Q))", b))
    return std::nullopt;
  Stage q = bound(b, 'Q');
  if (!q || !q->amdgpu || q->kind != Kind::Quotient || q->step != 0 ||
      !is_operand(operand(b, 'D'), q->e, q->magnitudes) ||
      !is_operand(operand(b, 'A'), q->n, q->magnitudes))
    return std::nullopt;
  q->kind = Kind::Remainder;
  return q;
}

// The test of a correction: the remainder is at least the divisor.
Stage StageReader::amdgpu_condition(const std::string& text) const {
  for (const char* spelling : {"int(u32(@D) <= u32(@R))", "u32(@D) <= u32(@R)",
                               "int(u32(@R) >= u32(@D))", "u32(@R) >= u32(@D)"}) {
    Bindings b;
    if (!matches(text, spelling, b)) continue;
    Stage r = bound(b, 'R');
    if (!r || !r->amdgpu || r->kind != Kind::Remainder ||
        !is_operand(operand(b, 'D'), r->e, r->magnitudes))
      return std::nullopt;
    r->kind = Kind::RemainderAtLeast;
    return r;
  }
  return std::nullopt;
}

// A correction as a choice: `u32(1 + q) if c else q`, `u32(r - d) if c else r`, on the
// remainder of the same step.
Stage StageReader::amdgpu_correction(const std::string& text) const {
  if (text.find(" if ") == std::string::npos) return std::nullopt;
  Bindings b;
  const bool quotient =
      matches_either(text, "u32(1 + @Q) if @C else @Q", "u32(@Q + 1) if @C else @Q", b);
  if (!quotient && !matches(text, "u32(@Q - @D) if @C else @Q", b)) return std::nullopt;
  const Stage test = bound(b, 'C');
  Stage value = bound(b, 'Q');
  if (!test || test->kind != Kind::RemainderAtLeast || test->negated || !test->amdgpu || !value ||
      value->kind != (quotient ? Kind::Quotient : Kind::Remainder) ||
      !value->same_division(*test) || value->step != test->step || value->sign_set)
    return std::nullopt;
  if (!quotient && !is_operand(operand(b, 'D'), value->e, value->magnitudes)) return std::nullopt;
  ++value->step;
  return value;
}

// A sign mask, the numerator plus it, |n| from the two, and two signs' exclusive or.
Stage StageReader::amdgpu_signs(const std::string& text) const {
  Bindings b;
  if (matches(text, "u32(s32($N) >> 31)", b)) {
    const Stage n = bound(b, 'N');
    if (!n || n->kind != Kind::Var) return std::nullopt;
    return amdgpu_stage(Kind::SignMask, n->n, "");
  }
  if (b.clear(), matches_either(text, "u32($N + @S)", "u32(@S + $N)", b)) {
    const Stage n = bound(b, 'N'), mask = bound(b, 'S');
    if (!n || n->kind != Kind::Var || !mask || mask->kind != Kind::SignMask || mask->n != n->n)
      return std::nullopt;
    return amdgpu_stage(Kind::SignAdded, n->n, "");
  }
  if (b.clear(), !matches(text, "u32(@A) ^ u32(@B)", b)) return std::nullopt;
  const Stage a = bound(b, 'A'), mask = bound(b, 'B');
  if (!a || !mask || mask->kind != Kind::SignMask) return std::nullopt;
  if (a->kind == Kind::SignAdded && a->n == mask->n) {
    DivisionStage magnitude;
    magnitude.kind = Kind::Magnitude;
    magnitude.n = a->n;
    return magnitude;
  }
  if (a->kind == Kind::SignMask && a->n != mask->n)
    return amdgpu_stage(Kind::SignsDiffer, a->n, mask->n);
  return std::nullopt;
}

// A signed result's sign: (x ^ s) - s negates x where s is all ones.
Stage StageReader::amdgpu_sign_set(const std::string& text) const {
  Bindings b;
  if (!matches(text, "u32((u32(@R) ^ u32(@S)) - @S)", b)) return std::nullopt;
  Stage r = bound(b, 'R');
  const Stage s = bound(b, 'S');
  if (!r || !r->amdgpu || !r->is_result() || r->step < 2 || !r->magnitudes || r->sign_set || !s)
    return std::nullopt;
  const bool signs = r->kind == Kind::Quotient
                         ? s->kind == Kind::SignsDiffer &&
                               ((s->n == r->n && s->e == r->e) || (s->n == r->e && s->e == r->n))
                         : s->kind == Kind::SignMask && s->n == r->n;
  if (!signs) return std::nullopt;
  r->sign_set = true;
  return r;
}

}  // namespace switcheroo::lift
