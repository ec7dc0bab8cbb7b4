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

}  // namespace switcheroo::convert::layout_detail
