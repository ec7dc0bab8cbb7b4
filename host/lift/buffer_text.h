// Reading the lifted Python lines that buffer indexing works on (buffer_access.h): address
// computations, assignments and the small expression shapes their parts take. Each reader
// returns std::nullopt for a line of any other shape.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace switcheroo::lift::buffers {

/// Whether `text` is a non-empty run of decimal digits.
bool is_integer(const std::string& text);

/// An address computation: `A, B = split64(u64(W(X) * W(C) + P))`, W being s32 or u32 (SASS
/// IMAD.WIDE and IMAD.WIDE.U32), C a constant (a literal or a register known to hold one).
struct Address {
  std::string low, high;   ///< the pair written
  std::string pointer;     ///< the parameter
  std::string index;       ///< `s32(X)`
  std::string index_name;  ///< `X`
  std::string factor;      ///< C as written
};

/// `W(X)` with W s32 or u32 and X a name: X.
std::optional<std::string> wrapped_name(const std::string& text);

/// The address computation `statement` is; `base` resolves the added term to the pointer
/// parameter it holds, when it holds one.
std::optional<Address> read_address(
    const std::string& statement,
    const std::function<std::optional<std::string>(const std::string&)>& base);

/// Splits `text` at the `, ` separators outside parentheses and brackets.
std::vector<std::string> split_top_level(const std::string& text);

/// `name = value`, `a, b = v, w` or `(a, b), c = v, w`: the targets, the pair a tuple target
/// holds (`a, b`), and the values, each split at the top level.
struct Assignment {
  std::vector<std::string> targets;  ///< a tuple target stays one entry, `(a, b)`
  std::vector<std::string> values;
};

std::optional<Assignment> read_assignment(const std::string& statement);

/// `f(a, b)` for the given `f` and two names: {a, b}.
std::optional<std::pair<std::string, std::string>> call_of_two(const std::string& text,
                                                               const std::string& function);

/// `a + b` (or `a + b + c` with `third`) of names, in either order of a and b: {a, b}.
std::optional<std::pair<std::string, std::string>> sum_of_names(const std::string& text,
                                                                const std::string& third = "");

/// Whether `names` holds `name`.
bool has(const std::vector<std::string>& names, const std::string& name);

/// Whether the pair "A, B" names `name` as one of its words.
bool pair_has(const std::string& pair, const std::string& name);

}  // namespace switcheroo::lift::buffers
