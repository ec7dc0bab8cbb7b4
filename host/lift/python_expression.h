// A parse of the Python expressions the lifter writes (names, integer, float and string
// literals, calls, subscripts, attribute reads, unary and binary operators, comparisons,
// `and`/`or`/`not`, `a if c else b`, tuples), as a tree, so that passes can compare what two
// statements compute rather than how they are spelled.
#pragma once

#include <optional>
#include <string>
#include <vector>

namespace switcheroo::lift {

struct Expression {
  enum class Kind {
    name,
    integer,
    floating,
    string,
    call,
    subscript,
    unary,
    binary,
    choice,
    tuple
  };
  Kind kind = Kind::name;
  /// The name (dotted for attribute reads: `grid.block_idx_x`), the literal's text, the
  /// called function's name, or the operator (`+`, `<<`, `<=`, `and`, `not`, `-`).
  std::string text;
  long long value = 0;  ///< an integer literal's value
  /// Operands: a call's arguments; a subscript's base and index; a choice's value, condition
  /// and alternative; a tuple's items.
  std::vector<Expression> operands;
};

/// The expression `text` as a tree; std::nullopt when it is not one this parser reads.
std::optional<Expression> parse_expression(const std::string& text);

}  // namespace switcheroo::lift
