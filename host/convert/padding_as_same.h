// A convolution's integer padding as 'same', for a target that pads only 'valid' or 'same', and
// 'same' as the integer for a target that pads with numbers only:
//
//   nn.Conv2d(c, c, 3, padding=1)    -> keras.layers.Conv2D(c, 3, padding='same')
//   nn.Conv2d(c, c, 5, padding=2, dilation=1)  -> the same
//
// Exact where it is rewritten: with stride 1 and an odd window, 'same' pads
// dilation * (kernel - 1) / 2 on both sides of each axis, which is what the integer says.
// Caveats: a strided convolution keeps its integer (a strided 'same' pads by the input size,
// often asymmetrically), and so does any value that is not an integer literal; transposed
// convolutions are left alone (their padding crops the output).
//
//   nn.Conv2d(c, c, 3, padding='same')   -> mlx.nn.Conv2d(c, c, 3, padding=1)
//
// 'same' with an even window pads one more after than before, which no integer says: such a
// call keeps 'same' and is reported.
//
// A transposed convolution's padding towards and from a target that pads the stride-dilated
// input with explicit (low, high) pairs (`hook = "conv_transpose_padding"`, jax's
// lax.conv_transpose): PyTorch's padding p crops the output, so each axis pads
// (d * (k - 1) - p, d * (k - 1) - p + output_padding):
//
//   nn.ConvTranspose2d(8, 4, 2, stride=2)  -> nnx.ConvTranspose(8, 4, (2, 2), strides=(2, 2),
//                                                padding=((1, 1), (1, 1)))
#pragma once

#include "convert/call_mapping.h"

#include <string>
#include <string_view>

namespace switcheroo::convert {

/// Replaces `call`'s padding by 'same' when `target` takes 'same' but not the integer given
/// (its value table neither maps nor passes it), the op is a convolution (`conv1d`, `conv2d`, ...),
/// its strides are 1 and the integer pads an odd window by half its dilated size. Returns
/// whether it replaced the padding.
bool integer_padding_as_same(std::string_view operation, HubCall& call, const OpMapping& target);

/// Replaces `call`'s padding 'same' by the integer it pads, dilation * (kernel - 1) / 2 (a tuple
/// where the axes differ), when `target`'s value table for padding neither maps nor passes
/// 'same', the op is a convolution, its strides are 1 and each window is odd. Returns whether it
/// replaced the padding.
bool same_padding_as_integer(std::string_view operation, HubCall& call, const OpMapping& target);

/// Writes a transposed convolution's padding, output_padding and dilation (integer literals) as
/// the (low, high) pair of each of its `axes` spatial axes, in `padding`; output_padding is
/// consumed. False, with `why`, when a value is not a literal or pads less than nothing.
bool conv_transpose_pairs_written(HubCall& call, size_t axes, std::string& why);

/// The reverse: pairs, 'SAME' or 'VALID' (also the default, 'SAME') read back as PyTorch's
/// padding and output_padding. False, with `why`, where no such pair of values says the same.
bool conv_transpose_pairs_read(HubCall& call, size_t axes, std::string& why);

}  // namespace switcheroo::convert
