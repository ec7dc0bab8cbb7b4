# PyTorch calls whose NumPy spellings are expression templates, with the arguments `swhost ci`
# leaves at their defaults (strides, paddings, dilations, groups, output sizes, other reduce
# modes, probability targets), and named results of a call whose NumPy spelling returns a tuple
# (`torch.topk(x, 2).values`). tests/kb/expression_variants.py converts this file to NumPy and
# runs both.
import torch
import torch.nn.functional as F


def conv2d_strided(x, w, b):
    return F.conv2d(x, w, b, stride=2, padding=1, dilation=2, groups=2)


def conv2d_same(x, w):
    return F.conv2d(x, w, padding="same", dilation=2)


def conv1d_valid(x, w):
    return F.conv1d(x, w, stride=3, padding="valid")


def conv3d_padded(x, w, b):
    return F.conv3d(x, w, b, stride=(1, 2, 1), padding=(1, 0, 1))


def conv_transpose2d_strided(x, w, b):
    return F.conv_transpose2d(x, w, b, stride=2, padding=1, output_padding=1, groups=2)


def conv_transpose1d_dilated(x, w):
    return F.conv_transpose1d(x, w, stride=3, padding=2, dilation=2)


def unpool2d(values, indices):
    return F.max_unpool2d(values, indices, 2, stride=2, output_size=(5, 6))


def adaptive_max_values(x):
    return F.adaptive_max_pool2d(x, (2, 3))


def adaptive_max_indices(x):
    return F.adaptive_max_pool3d(x, 2, return_indices=True)[1]


def scatter_mean(x, index, src):
    return torch.scatter_reduce(x, 1, index, src, "mean", include_self=False)


def scatter_mean_with_input(x, index, src):
    return torch.scatter_reduce(x, 0, index, src, "mean")


def probability_targets(x, p):
    return F.cross_entropy(x, p, label_smoothing=0.1)


def grid(theta):
    return F.affine_grid(theta, (2, 3, 4, 5), align_corners=True)


def multilabel(x, t):
    return F.multilabel_margin_loss(x, t, reduction="none")


def top_values(x):
    return torch.topk(x, 2).values


def top_indices(x):
    return x.topk(3).indices


def interpolate_bilinear_scaled(x):
    return F.interpolate(x, scale_factor=1.7, mode="bilinear", align_corners=False)


def interpolate_bilinear_corners(x):
    return F.interpolate(x, size=(7, 3), mode="bilinear", align_corners=True)


def interpolate_bicubic(x):
    return F.interpolate(x, scale_factor=(1.5, 0.6), mode="bicubic")


def interpolate_trilinear(x):
    return F.interpolate(x, size=(5, 2, 6), mode="trilinear", align_corners=False)


def interpolate_linear_recomputed(x):
    return F.interpolate(x, scale_factor=1.3, mode="linear", recompute_scale_factor=True)


def interpolate_area(x):
    return F.interpolate(x, size=(3, 4), mode="area")


def interpolate_nearest_scaled(x):
    return F.interpolate(x, scale_factor=1.7)


def interpolate_nearest_one_channel(x):
    return F.interpolate(x, scale_factor=(1.1, 2.1), mode="nearest")


def interpolate_nearest_exact(x):
    return F.interpolate(x, scale_factor=2.1, mode="nearest-exact")


def grid_bilinear_border(x, grid):
    return F.grid_sample(x, grid, padding_mode="border", align_corners=False)


def grid_nearest_reflection(x, grid):
    return F.grid_sample(x, grid, mode="nearest", padding_mode="reflection", align_corners=True)


def grid_bicubic_zeros(x, grid):
    return F.grid_sample(x, grid, mode="bicubic", align_corners=False)


def grid_bicubic_reflection(x, grid):
    return F.grid_sample(x, grid, mode="bicubic", padding_mode="reflection", align_corners=False)


def grid_trilinear_reflection(x, grid):
    return F.grid_sample(x, grid, padding_mode="reflection", align_corners=True)


def grid_nearest_3d(x, grid):
    return F.grid_sample(x, grid, mode="nearest", align_corners=False)


def fold_strided(columns):
    return F.fold(columns, (7, 6), (2, 3), dilation=(2, 1), padding=1, stride=(2, 1))


def ctc_concatenated_sum(log_probs, targets, input_lengths, target_lengths):
    return F.ctc_loss(log_probs, targets, input_lengths, target_lengths, blank=2, reduction="sum")


def ctc_impossible_zeroed(log_probs, targets, input_lengths, target_lengths):
    return F.ctc_loss(log_probs, targets, input_lengths, target_lengths, reduction="none",
                      zero_infinity=True)


def ctc_unbatched(log_probs, targets, input_lengths, target_lengths):
    return F.ctc_loss(log_probs, targets, input_lengths, target_lengths)
