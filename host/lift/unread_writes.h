// Removes assignments to registers that nothing reads: the stack pointer set-up, the global
// memory descriptor load, flag results no branch tests, ... The test is flow-insensitive (a
// name read anywhere in the kernel, its subroutines included, keeps every write to it), so it
// never changes what the kernel computes.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace switcheroo::lift {

/// The names read in a line of Python (identifiers not starting with a digit, not after a
/// `.`), in order, repeats included.
std::vector<std::string> names_in(std::string_view text);

/// The top-level pieces of `value` separated by `, ` (`a, f(b, c)` -> `a`, `f(b, c)`):
/// commas inside parentheses or brackets do not separate.
std::vector<std::string_view> top_level_items(std::string_view value);

/// Whether an assignment's value may have an effect: it calls a method or a module function
/// (`grid.load_global(`, `sass.FOO(`; `math.` functions have none) or indexes a buffer view
/// (`p0_u32[i]`, a load).
bool value_has_effect(std::string_view value);

/// Splits `content` into assignment targets and value when it is `a, b = value` or
/// `(a, b), c = value` (plain names only); false otherwise.
bool split_assignment(std::string_view content, std::string_view& targets, std::string_view& value);

/// Removes `if` headers (and `elif`/`else`) whose block is empty, or gives the block `pass`.
void close_empty_blocks(std::vector<std::string>& lines);

/// Removes from `bodies` (lines of Python, indented with four spaces per level; the kernel's
/// body and its subroutines' bodies) every plain assignment whose targets are all names no
/// line reads and whose value has no effect (no `grid.` service, no call of an unlifted
/// opcode). Blocks left empty are removed when they are an `if` without `else`, and get `pass`
/// otherwise. Names listed in `keep` count as read.
void remove_unread_writes(const std::vector<std::vector<std::string>*>& bodies,
                          const std::vector<std::string>& keep);

}  // namespace switcheroo::lift
