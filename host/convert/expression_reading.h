// Reading back what an `expression` template wrote. A template that calls a callee it writes
// out in full with the op's leading arguments, in order, is a form the source can be read in:
//
//   "adaptive_avg_pool2d/sized" = { hook = "expression",
//       expression = "(lambda x, size: ...{@jax.numpy.stack}...)({input}, {output_size})" }
//
//   (lambda x, size: ...jnp.stack...)(input, (6, 6))   reads as   adaptive_avg_pool2d(input,
//                                                                   output_size=(6, 6))
//
// Templates whose callee depends on an argument (`{input} @ {weight}.T`) are no such form: the
// code they write is ordinary code, which converts call by call.
//
// The same comparison reads a value a spoke writes into a form (`transform` without `read`).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::convert {

/// The callee a template calls, with `{@api}` spellings left in; nullopt when the template is
/// not `CALLEE({a}, {b}, ...)` with `a, b, ...` the first of `arguments` in order, or when
/// CALLEE reads an argument or is a single API.
std::optional<std::string> expression_callee(const std::string& expression,
                                             const std::vector<std::string>& arguments);

/// The API a dotted name of the file stands for (`jnp.stack` -> jax.numpy.stack), if any.
using QualifyName = std::function<std::optional<std::string>(std::string_view dotted)>;

/// Does a callee of the file spell `callee` (from expression_callee): the same text but for
/// whitespace, each `{@api}` written as a dotted name that `qualify` resolves to that API?
bool spells_callee(std::string_view callee, std::string_view text, const QualifyName& qualify);

/// The value a framework argument holds where it spells `form` (a spoke's `transform.write`
/// with no `read`), `{}` standing for the value: `lambda key, shape, dtype:
/// {@flax.nnx.initializers.normal}(1.0)(key, shape, dtype).at[{}].set(0)` read in
/// `lambda key, shape, dtype: nnx.initializers.normal(1.0)(key, shape, dtype).at[pad].set(0)`
/// is `pad`. Compared as spells_callee compares; nullopt when the text is not the form.
std::optional<std::string> form_value(std::string_view form, std::string_view text,
                                      const QualifyName& qualify);

}  // namespace switcheroo::convert
