#include "division_reader.h"

#include "line_liveness.h"

namespace switcheroo::lift {
namespace {

using Kind = DivisionStage::Kind;
using Stage = std::optional<DivisionStage>;

// Long values are none of the stages; reading them would only cost time.
constexpr size_t kLongest = 400;

}  // namespace

StageReader::Stage StageReader::read(const std::string& text) const {
  if (text.size() > kLongest) return std::nullopt;
  if (is_name(text)) {
    const auto found = known_.find(text);
    if (found != known_.end() && found->second.guard.empty()) return found->second;
    DivisionStage var;
    var.n = text;
    return var;
  }
  for (auto reader : {&StageReader::choice, &StageReader::core, &StageReader::product,
                      &StageReader::remainder, &StageReader::condition,
                      &StageReader::amdgpu_core, &StageReader::amdgpu_magic,
                      &StageReader::amdgpu_remainder, &StageReader::amdgpu_condition,
                      &StageReader::amdgpu_correction, &StageReader::amdgpu_signs,
                      &StageReader::amdgpu_sign_set, &StageReader::wrapped})
    if (Stage stage = (this->*reader)(text)) return stage;
  return std::nullopt;
}

StageReader::Stage StageReader::operand(Bindings& b, char letter) const {
  Stage stage = bound(b, letter);
  if (!stage || (stage->kind != Kind::Var && stage->kind != Kind::Magnitude)) return std::nullopt;
  return stage;
}

bool StageReader::is_operand(const Stage& operand, const std::string& name, bool magnitudes) {
  return operand && operand->n == name && (operand->kind == Kind::Magnitude) == magnitudes;
}

// `u32(x)` of a 32-bit stage is the stage; `(x)` is x; `u32(abs(s32(n)))` is |n|.
Stage StageReader::wrapped(const std::string& text) const {
  Bindings b;
  if (matches(text, "u32(abs(s32($N)))", b)) {
    Stage n = bound(b, 'N');
    if (!n || n->kind != Kind::Var) return std::nullopt;
    n->kind = Kind::Magnitude;
    return n;
  }
  if (matches(text, "u32(@X)", b) || matches(text, "(@X)", b)) {
    Stage inner = bound(b, 'X');
    if (inner && inner->kind != Kind::Var) return inner;
    return std::nullopt;
  }
  if (matches(text, "not @C", b)) {
    Stage inner = bound(b, 'C');
    if (!inner || !inner->is_condition()) return std::nullopt;
    inner->negated = !inner->negated;
    return inner;
  }
  return std::nullopt;
}

// The reciprocal and the Newton step on it.
Stage StageReader::core(const std::string& text) const {
  Bindings b;
  if (matches(text, "cvt_u32(f32(u32(bits(rcp(f32(bits(round_f32(@X, 'rp'))))) + 0xffffffe)))",
              b)) {
    Bindings x;
    const bool as_signed = matches(b.at('X'), "s32(@D)", x);
    if (!as_signed && !matches(b.at('X'), "u32(@D)", x)) return std::nullopt;
    Stage d = operand(x, 'D');
    // Read as signed, only a magnitude rounds as the unsigned core needs.
    if (!d || (as_signed && d->kind != Kind::Magnitude)) return std::nullopt;
    DivisionStage stage;
    stage.kind = Kind::Reciprocal;
    stage.e = d->n;
    stage.magnitudes = d->kind == Kind::Magnitude;
    return stage;
  }
  if (matches(text, "u32((u32(@R) * u32(u32(u32(-@R) * @D)) + pair(0, @R)) >> 32)", b)) {
    Stage r = bound(b, 'R');
    if (!r || r->kind != Kind::Reciprocal || !is_operand(operand(b, 'D'), r->e, r->magnitudes))
      return std::nullopt;
    r->kind = Kind::Magic;
    return r;
  }
  return std::nullopt;
}

// The quotient's estimate: the high word of the magic number times the numerator.
Stage StageReader::product(const std::string& text) const {
  Bindings b;
  if (!matches(text, "u32((u32(@X) * u32(@Y)) >> 32)", b)) return std::nullopt;
  for (const auto& [m, a] : {std::pair{'X', 'Y'}, std::pair{'Y', 'X'}}) {
    Stage magic = bound(b, m);
    if (!magic || magic->kind != Kind::Magic) continue;
    Stage n = operand(b, a);
    if (!n || (n->kind == Kind::Magnitude) != magic->magnitudes) continue;
    magic->kind = Kind::Quotient;
    magic->n = n->n;
    magic->step = 0;
    return magic;
  }
  return std::nullopt;
}

// The remainder of the estimate: the numerator less the quotient times the divisor.
Stage StageReader::remainder(const std::string& text) const {
  Bindings b;
  if (!matches(text, "u32(@D * u32(-@Q) + @A)", b) &&
      !(b.clear(), matches(text, "u32(u32(-@Q) * @D + @A)", b)))
    return std::nullopt;
  Stage q = bound(b, 'Q');
  if (!q || q->kind != Kind::Quotient || q->step != 0 ||
      !is_operand(operand(b, 'D'), q->e, q->magnitudes) ||
      !is_operand(operand(b, 'A'), q->n, q->magnitudes))
    return std::nullopt;
  q->kind = Kind::Remainder;
  return q;
}

namespace {

Stage condition_on(Kind kind, const Stage& var, bool is_divisor) {
  if (!var || var->kind != Kind::Var) return std::nullopt;
  DivisionStage stage;
  stage.kind = kind;
  (is_divisor ? stage.e : stage.n) = var->n;
  return stage;
}

}  // namespace

Stage StageReader::condition(const std::string& text) const {
  Bindings b;
  if (matches(text, "(u32(@T) >= u32(@D))", b) ||
      (b.clear(), matches(text, "not (u32(@D) > u32(@T))", b))) {
    Stage r = bound(b, 'T');
    if (!r || r->kind != Kind::Remainder || !is_operand(operand(b, 'D'), r->e, r->magnitudes))
      return std::nullopt;
    r->kind = Kind::RemainderAtLeast;
    return r;
  }
  if (b.clear(), matches(text, "(s32(lop3(@N, @E, 0, 60)) >= 0)", b)) {
    // lop3's table 60 is a ^ b: the sign bit of the exclusive or is clear when signs agree.
    Stage n = bound(b, 'N'), e = bound(b, 'E');
    if (!n || !e || n->kind != Kind::Var || e->kind != Kind::Var) return std::nullopt;
    DivisionStage stage;
    stage.kind = Kind::SameSign;
    stage.n = n->n;
    stage.e = e->n;
    return stage;
  }
  if (b.clear(), matches(text, "(s32(@N) >= 0)", b))
    return condition_on(Kind::NonNegative, bound(b, 'N'), false);
  for (const char* spelling : {"(0 != s32(@E))", "(0 != u32(@E))", "(s32(@E) != 0)", "(u32(@E) != 0)"})
    if (b.clear(), matches(text, spelling, b))
      return condition_on(Kind::NonZero, bound(b, 'E'), true);
  if (b.clear(), matches(text, "lop3(0, @E, 0, 51)", b))  // table 51 is ~b
    return condition_on(Kind::NotDivisor, bound(b, 'E'), true);
  return std::nullopt;
}

// `(x if not cond else y)`: ~e when e is 0, the division's value otherwise.
Stage StageReader::choice(const std::string& text) const {
  Bindings b;
  if (text.find(" if ") == std::string::npos || !matches(text, "(@X if @C else @Y)", b))
    return std::nullopt;
  Stage test = bound(b, 'C');
  if (!test || test->kind != Kind::NonZero) return std::nullopt;
  Stage zero = bound(b, test->negated ? 'X' : 'Y');
  Stage other = bound(b, test->negated ? 'Y' : 'X');
  if (!zero || zero->kind != Kind::NotDivisor || !other || !other->exact_but_zero() ||
      other->e != test->e || zero->e != test->e)
    return std::nullopt;
  other->zero_selected = true;
  return other;
}

std::optional<DivisionStage> read_division_stage(const std::string& text,
                                                 const DivisionStages& known) {
  return StageReader(known).read(text);
}

std::string division_call(const DivisionStage& stage) {
  const bool quotient = stage.kind == DivisionStage::Kind::Quotient;
  const std::string name = std::string(stage.magnitudes ? "s" : "u") + (quotient ? "div" : "rem");
  return name + (stage.amdgpu && !stage.zero_selected ? "_amdgpu(" : "(") + stage.n + ", " +
         stage.e + ")";
}

}  // namespace switcheroo::lift
