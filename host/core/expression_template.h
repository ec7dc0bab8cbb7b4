// The expression a spoke writes for an op its framework has no single API for
// (`expression = "{input} @ {weight}.T{bias? + {bias}}"`):
//
//   {name}          the value of hub argument `name` (its hub default when the call omits it),
//                   parenthesized unless it is a name, a call, a subscript or a number
//   {name?text}     `text` (itself a template) only when `name` is given and not None
//   {name!text}     `text` only when `name` is not given or None (the other branch)
//   {@qualified}    the framework's spelling of an API (`{@jax.numpy.maximum}` -> jnp.maximum),
//                   which also brings its import
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo {

/// The hub arguments a template reads, in order of appearance; throws std::invalid_argument
/// with the reason for a template that does not scan (unbalanced braces, an empty name).
std::vector<std::string> expression_arguments(const std::string& expression);

/// Whether the call gives argument `name` a value other than None (for `?` and `!`).
using ArgumentGiven = std::function<bool(const std::string& name)>;

/// Renders a template. `value` gives an argument's text (nullopt when the call omits it and it
/// has no default); `api` spells a qualified API; `given` decides `{name?...}` and
/// `{name!...}` (by default: `value` has a text other than None). Nullopt, with `why`, when an
/// argument the expression needs has no value.
std::optional<std::string> render_expression(
    const std::string& expression,
    const std::function<std::optional<std::string>(const std::string&)>& value,
    const std::function<std::string(const std::string&)>& api, std::string& why,
    const ArgumentGiven& given = {});

}  // namespace switcheroo
