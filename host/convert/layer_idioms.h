// The small rewrites around a mapped call that the spoke data names but cannot spell out:
//
//   pool_window   F.max_pool2d(x, 2)
//                 -> nnx.max_pool(x, window_shape=(2, 2), strides=(2, 2))
//   layer values  nn.LeakyReLU(0.2)
//                 -> functools.partial(jax.nn.leaky_relu, negative_slope=0.2)
//
// Also the tree shapes the engine reads arguments through (tuple and list displays, dotted
// references). flatten_range is a hook plugin (hooks/flatten_range).
#pragma once

#include "call_mapping.h"
#include "spelling.h"

#include "python/syntax_tree.h"
#include "rewrite/tree_query.h"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace switcheroo::convert {

/// The element texts of a tuple or list display (`(2, 3)`, `[a, b]`); nullopt for anything
/// else (a parenthesized expression, a comprehension).
std::optional<std::vector<std::string>> display_elements(
    const python::SyntaxTree& tree, python::NodeId value,
    const std::function<std::string(python::NodeId)>& text);

/// `call`'s receiver and arguments as the file writes them, as a spoke reads a framework call.
FrameworkCall written_call(const python::SyntaxTree& tree, const rewrite::Call& call);

/// A dotted name used as a value or annotation (`torch.Tensor`, `torch.float32`), not called.
struct Reference {
  python::NodeId node;
  std::string text;
};
std::vector<Reference> dotted_references(const python::SyntaxTree& tree);

/// The cut indices a split at `sizes` needs in a framework whose split takes them (NumPy, JAX):
/// `[2, 3, 4]` -> `[2, 5]`, a number n (parts of n along `axis` of `input`) -> the multiples
/// of n, a name of a list -> its running sums without the last.
std::string split_cut_indices(const HubValue& sizes, const std::string& input,
                              const std::string& axis, const Spelling& spelling);

/// The sizes of the parts of a split at `sizes` in a framework whose split takes a list of
/// sizes and reads one number as a count of parts (TensorFlow): a number n (parts of n along
/// `axis` of `input`, the last one shorter) -> `[min(n, d - offset) for offset in range(0, d, n)]`,
/// d the length of that axis; a list display as it is, any other value `list(sizes)`, which
/// refuses a number at run time instead of reading it as a count. nullopt when `input` names
/// `offset`.
std::optional<std::string> split_size_list(const HubValue& sizes, const std::string& input,
                                           const std::string& axis);

/// The top-level items of a comma-separated text (`a, (b, c), d` -> three items).
std::vector<std::string> split_arguments(const std::string& text);

/// PyTorch's F.pad widths (flat pairs from the last axis backwards: `(left, right, top,
/// bottom)`) and the hub's (a (before, after) pair per axis, NumPy's) into each other
/// (pad_pairs.cpp). `read_pad_pairs`: `F.pad(x, (0, 1))` -> pad_width
/// `((0, 0),) * (x.ndim - 1) + ((0, 1),)`; `write_pad_pairs` the reverse, for pairs written
/// out or in that form. False, with `why`, where the widths are not written out.
bool read_pad_pairs(HubCall& call, std::string& why);
bool write_pad_pairs(HubCall& call, std::string& why);
/// The items of a tuple or list display `(a, b)` / `[a, b]`, trimmed; empty when `text` is
/// not one (pad_pairs.cpp).
std::vector<std::string> display_items(const std::string& text);

/// Adjusts a hub call for a hook either side names that the engine implements in data terms
/// (pool_window, split_sizes_to_indices). Returns false, with `why`, for a hook it does not
/// implement.
bool adapt_for_hook(const HubOp& op, const OpMapping& source, const OpMapping& target,
                    HubCall& call, std::string& why);

/// PyTorch's ceil_mode=True of a max pool read as `op` (`call` without padding, its windows at
/// least as long as their strides) as the widths to pad the end of each of its `axes` spatial
/// axes by with -inf before a pool without ceil_mode: stride - 1 each (pool_ceil_numeric.py
/// checks the rule). Empty for any other call.
std::vector<int> ceil_mode_widths(const HubOp& op, const HubCall& call, size_t axes);

/// A layer object whose target is a function: the function itself, or functools.partial with
/// the constructor's arguments. `written` is the function call without its tensor arguments.
std::string function_value(const std::string& written, const Spelling& spelling);

/// The axis order of `argument` in `mapping`'s spelling ("NHWC"), the hub's when the spoke does
/// not say; empty when the argument has none.
std::string layout_of(const HubOp& op, const OpMapping& mapping, const std::string& argument);
/// A written call `callee(a, b)` laid out like the call it replaces when that one put its
/// arguments on their own lines; `written` itself otherwise.
std::string follow_layout(const std::string& written, const std::string& original);

/// Numbers and sizes passed where the target takes arrays only (a mapping's `array-arguments`)
/// are wrapped by the target's `asarray` API: `np.maximum(x, 0.0)` ->
/// `torch.maximum(x, torch.tensor(0.0))`, `np.sqrt(q.shape[-1])` ->
/// `torch.sqrt(torch.tensor(q.shape[-1]))`.
void wrap_scalar_operands(const std::vector<std::string>& arguments, const std::string& asarray,
                          HubCall& call, TargetSpelling& spelling);

/// A list of axes written as a display becomes a tuple: `x.mean([2, 3])` ->
/// `x.mean((2, 3))`. NumPy's reductions take an int or a tuple, JAX hashes its static axis
/// argument, and every framework that takes a list of axes takes a tuple too.
void axis_lists_as_tuples(const HubOp& op, HubCall& call);

}  // namespace switcheroo::convert
