// Small readability rewrites of the Python expressions the lifter renders from semantics
// templates, each keeping the value unchanged: `x + 0` -> `x`, `0 * y + z` -> `z`,
// `(not True)` -> `False`, `(5 & 31)` -> `5`, `u32(12)` -> `12`, ...
#pragma once

#include <string>

namespace switcheroo::lift {

/// `text` with the rewrites applied, each in one left-to-right pass, in a fixed order.
std::string simplify_expression(std::string text);

}  // namespace switcheroo::lift
