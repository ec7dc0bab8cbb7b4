// Axis algebra for image layouts: permutations of a value's axes, literal axis arguments of a
// hub call, and which hub ops a layout passes through. The flow analysis (layout_flow.cpp)
// walks a file with these; the engine renumbers a call's axes with remap_axes (layout_flow.h).
#pragma once

#include "layout_flow.h"

#include <optional>
#include <string>
#include <vector>

namespace switcheroo::convert::layout_detail {

bool is_identity(const Perm& perm);
/// `perm`, or an empty permutation when it is the identity.
Perm normalized(Perm perm);
Perm inverse(const Perm& perm);
/// An integer literal ("2", "-1"), nullopt for anything else.
std::optional<int> integer(std::string text);
/// An axis of a value of `rank` axes as a number in [0, rank), nullopt when out of range.
std::optional<int> axis_in(int axis, size_t rank);
/// The integers of an axis value: one literal, or a tuple or list of literals. An empty
/// result means "not literal".
std::vector<int> literal_axes(const HubValue& value);
bool is_axis_kind(const HubArgument& argument);
/// Ops whose axis arguments name axes of a result of the same rank as the input: renumbering
/// the axes is all a different layout needs.
bool same_rank_axis_op(const std::string& name);
/// Elementwise ops (and the like): no argument that names axes or a shape, so the input's
/// layout carries through unchanged.
bool layout_transparent(const HubOp& op);
/// Do the literal axes `dims` undo `perm` (a permutation of the same axes)?
bool inverse_of(const std::vector<int>& dims, const Perm& perm);
bool has_argument(const HubOp& op, const std::string& name);
/// Where a reduction over `axes` (source numbering) leaves a value of layout `perm`.
Perm reduced(const Perm& perm, const std::vector<int>& axes);

/// What a hub op does to an image whose axes are in order `perm` (target position i holds
/// source axis perm[i]), when its axis arguments show it.
struct AxisOutcome {
  enum class Kind {
    image,      ///< an image of layout `perm` (empty: the source's), `parts` a sequence of them
    plain,      ///< a value with no image layout: features for a head, a size, a full reduction
    reordered,  ///< the source's own transpose put the image in the target's order: drop it
  };
  Kind kind = Kind::image;
  /// What the call needs: nothing, its axis arguments renumbered, or to go (it only reorders).
  std::optional<LayoutAction::Kind> action;
  Perm perm;
  bool parts = false;
};
/// nullopt when the call's axes are not literal or the op is not one a layout passes through:
/// the image must then be put back in the source's layout first. `keep_layout`: features are
/// not taken in the target's order.
std::optional<AxisOutcome> through_op(const HubOp& op,
                                      const std::map<std::string, HubValue>& values,
                                      const Perm& perm, bool keep_layout);

}  // namespace switcheroo::convert::layout_detail
