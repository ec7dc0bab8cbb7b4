#include "inlined_expf.h"

#include "line_liveness.h"
#include "text_pattern.h"

#include <algorithm>

namespace switcheroo::lift {
namespace {

// 0x3bbb989d is log2(e) / 64 and 0x437c0000 is 252 as float32: the range reduction's scale.
constexpr const char* kScale = "u32(0x3bbb989d)";
constexpr const char* kBias = "u32(0x437c0000)";

class Expansion : public RunSteps {
 public:
  Expansion(const std::vector<std::string>& body, size_t last) : RunSteps(body, last), last_(last) {}

  // The argument when line `last_`, `Y = bits(f32(u32(J * 0x800000)) * f32(E))`, ends an
  // inlined expf.
  std::optional<std::string> argument() {
    const std::string content = body_[last_].substr(indent_of(body_[last_]));
    if (!matches(content, "$Y = bits(f32(u32($J * 0x800000)) * f32($E))", bound_) &&
        !matches(content, "$Y = bits(f32($E) * f32(u32($J * 0x800000)))", bound_))
      return std::nullopt;
    const auto e = step(bound_['E'], last_,
                        "bits(exp2(f32(bits(f32($X) * 1.925963033500011e-08 + f32($R)))))");
    if (!e) return std::nullopt;
    const auto r = step(bound_['R'], *e,
                        "bits(f32($X) * 1.4426950216293335 + -f32(bits(f32($J) + -12583039.0)))");
    if (!r) return std::nullopt;
    const auto j = step(bound_['J'], *r, "bits(fma_rounded(f32(@S), f32(@B), 12582913.0, 'rm'))");
    if (!j || !is_constant('B', kBias, *j)) return std::nullopt;
    size_t first = *j;
    const std::string scaled = "bits(sat(f32($X) * f32(@A) + 0.5))";
    if (is_name(bound_['S'])) {
      const auto s = step(bound_['S'], *j, scaled);
      if (!s) return std::nullopt;
      first = *s;
    } else if (!matches(bound_['S'], scaled, bound_)) {
      return std::nullopt;
    }
    if (!is_constant('A', kScale, first) || writes_between(bound_['X'], first, last_) ||
        writes_between(bound_['J'], *j, last_))
      return std::nullopt;
    return bound_['X'];
  }

  const std::string& result() { return bound_['Y']; }

 private:
  // Whether the text bound to `letter` is `constant`, or a name last written with it before
  // line `before`.
  bool is_constant(char letter, const std::string& constant, size_t before) {
    const std::string text = bound_[letter];
    // `u32(0x...)` or the bare literal, as simplification leaves it
    if (text == constant || "u32(" + text + ")" == constant) return true;
    Bindings saved = bound_;
    const bool found = is_name(text) && step(text, before, constant).has_value();
    bound_ = std::move(saved);
    return found;
  }

  size_t last_;
};

}  // namespace

int fold_inlined_expf(std::vector<std::string>& body) {
  int folded = 0;
  for (size_t i = 0; i < body.size(); ++i) {
    if (body[i].find(" * 0x800000)") == std::string::npos) continue;
    Expansion expansion(body, i);
    const auto argument = expansion.argument();
    if (!argument) continue;
    body[i] = std::string(indent_of(body[i]), ' ') + expansion.result() + " = bits(expf(f32(" +
              *argument + ")))";
    ++folded;
  }
  return folded;
}

}  // namespace switcheroo::lift
