#!/usr/bin/python3
"""The stand-in's dense, convolution and normalization layers against the PyTorch layers they
replace, with weights migrated by tests/standin/migrate.py (the Flax layer is built here by hand,
with the arguments that are right for the PyTorch layer, not by the engine).

usage: test_layers.py [unittest options]"""
import itertools
import unittest

import numpy as np
import torch
import torch.nn as tnn

from layer_check import LayerCase, channels_first, channels_last, random_input, rngs
import migrate
from flax import nnx


class Dense(LayerCase, unittest.TestCase):
    def test_linear(self):
        torch.manual_seed(0)
        self.check_layer(tnn.Linear(5, 3), nnx.Linear(5, 3, rngs=rngs()), random_input(4, 5))

    def test_linear_without_bias_over_leading_axes(self):
        torch.manual_seed(0)
        self.check_layer(tnn.Linear(5, 3, bias=False), nnx.Linear(5, 3, use_bias=False, rngs=rngs()),
                         random_input(2, 4, 5))

    def test_embed(self):
        torch.manual_seed(0)
        tokens = torch.from_numpy(np.random.default_rng(1).integers(0, 10, (3, 6)))
        self.check_layer(tnn.Embedding(10, 4), nnx.Embed(10, 4, rngs=rngs()), tokens)

    def test_embed_attend_is_a_linear_with_the_table(self):
        torch.manual_seed(0)
        embedding, flax_embed = tnn.Embedding(10, 4), nnx.Embed(10, 4, rngs=rngs())
        migrate.load(flax_embed, embedding)
        query = random_input(3, 5, 4)
        with torch.no_grad():
            expected = torch.nn.functional.linear(query, embedding.weight)
        self.assert_close(expected, flax_embed.attend(query.numpy()))

    def test_embed_refuses_float_indices(self):
        with self.assertRaises(ValueError):
            nnx.Embed(10, 4, rngs=rngs())(np.zeros((2,), np.float32))


class Convolution(LayerCase, unittest.TestCase):
    def conv2d(self, torch_args, flax_args, shape=(2, 4, 9, 9)):
        torch.manual_seed(0)
        self.check_image_layer(tnn.Conv2d(*torch_args[:3], **torch_args[3]),
                               nnx.Conv(*flax_args[:3], **flax_args[3], rngs=rngs()), random_input(*shape))

    def test_padding_one(self):
        self.conv2d((4, 6, 3, {"padding": 1}), (4, 6, (3, 3), {"padding": 1}))

    def test_stride_two_without_padding(self):
        self.conv2d((4, 6, 3, {"stride": 2}), (4, 6, (3, 3), {"strides": 2, "padding": "VALID"}))

    def test_dilation(self):
        self.conv2d((4, 6, 3, {"dilation": 2, "padding": 2}),
                    (4, 6, (3, 3), {"kernel_dilation": 2, "padding": 2}))

    def test_groups(self):
        self.conv2d((4, 6, 3, {"groups": 2, "padding": 1}),
                    (4, 6, (3, 3), {"feature_group_count": 2, "padding": 1}))

    def test_depthwise(self):
        self.conv2d((4, 8, 3, {"groups": 4, "stride": 2, "padding": 1, "bias": False}),
                    (4, 8, (3, 3), {"feature_group_count": 4, "strides": 2, "padding": 1,
                                    "use_bias": False}))

    def test_rectangular_kernel_per_axis_padding_and_strides(self):
        self.conv2d((4, 6, (3, 5), {"padding": (1, 2), "stride": (2, 1)}),
                    (4, 6, (3, 5), {"padding": ((1, 1), (2, 2)), "strides": (2, 1)}))

    def test_same_padding(self):
        self.conv2d((4, 6, 3, {"padding": "same"}), (4, 6, (3, 3), {"padding": "SAME"}))

    def test_conv1d_and_conv3d(self):
        torch.manual_seed(0)
        self.check_image_layer(tnn.Conv1d(3, 5, 3, stride=2, padding=1),
                               nnx.Conv(3, 5, (3,), strides=2, padding=1, rngs=rngs()), random_input(2, 3, 11))
        self.check_image_layer(tnn.Conv3d(3, 4, 3, padding=1),
                               nnx.Conv(3, 4, (3, 3, 3), padding=1, rngs=rngs()), random_input(2, 3, 5, 6, 4))

    def test_integer_kernel_size_is_one_dimensional(self):
        # Flax reads kernel_size=3 as (3,): on an image it is not a 3x3 kernel
        layer = nnx.Conv(4, 6, 3, rngs=rngs())
        self.assertEqual(layer.kernel.value.shape, (3, 4, 6))

    def conv_transpose(self, stride, padding, output_padding, transpose_kernel):
        torch.manual_seed(0)
        k = 4 if output_padding == 0 else 3
        torch_layer = tnn.ConvTranspose2d(4, 3, k, stride=stride, padding=padding,
                                          output_padding=output_padding)
        pads = ((k - 1 - padding, k - 1 - padding + output_padding),) * 2
        flax_layer = nnx.ConvTranspose(4, 3, (k, k), strides=stride, padding=pads,
                                       transpose_kernel=transpose_kernel, rngs=rngs())
        self.check_image_layer(torch_layer, flax_layer, random_input(2, 4, 5, 5))

    def test_conv_transpose_with_transposed_kernel(self):
        self.conv_transpose(2, 1, 0, True)

    def test_conv_transpose_with_flipped_kernel(self):
        self.conv_transpose(2, 1, 0, False)

    def test_conv_transpose_output_padding(self):
        self.conv_transpose(2, 1, 1, True)

    def test_conv_transpose_pairs_for_every_rank_and_dilation(self):
        # The pairs the conv_transpose_padding idiom writes: (d * (k - 1) - p,
        # d * (k - 1) - p + output_padding) on each axis of a 1-, 2- or 3-D layer.
        layers = {1: tnn.ConvTranspose1d, 2: tnn.ConvTranspose2d, 3: tnn.ConvTranspose3d}
        for rank, k, s, p, extra, d in itertools.product((1, 2, 3), (2, 3), (1, 2, 3), (0, 1),
                                                         (0, 1), (1, 2)):
            if extra >= max(s, d):
                continue
            with self.subTest(rank=rank, k=k, s=s, p=p, output_padding=extra, dilation=d):
                torch.manual_seed(0)
                torch_layer = layers[rank](3, 2, k, stride=s, padding=p, output_padding=extra,
                                           dilation=d)
                low = d * (k - 1) - p
                flax_layer = nnx.ConvTranspose(3, 2, (k,) * rank, strides=s,
                                               padding=((low, low + extra),) * rank,
                                               kernel_dilation=d, rngs=rngs())
                self.check_image_layer(torch_layer, flax_layer, random_input(2, 3, *(4,) * rank))

    def test_conv_transpose_same_padding_doubles_the_size(self):
        layer = nnx.ConvTranspose(4, 3, (4, 4), strides=2, rngs=rngs())
        self.assertEqual(layer(np.zeros((1, 5, 5, 4), np.float32)).shape, (1, 10, 10, 3))


class Normalization(LayerCase, unittest.TestCase):
    def batch_norm(self):
        torch.manual_seed(0)
        torch_layer = tnn.BatchNorm2d(4, eps=1e-3, momentum=0.1)
        torch_layer.running_mean.uniform_(-1, 1)
        torch_layer.running_var.uniform_(0.5, 2)
        torch_layer.weight.data.uniform_(0.5, 2)
        torch_layer.bias.data.uniform_(-1, 1)
        flax_layer = nnx.BatchNorm(4, epsilon=1e-3, momentum=0.9, rngs=rngs())
        migrate.load(flax_layer, torch_layer)
        return torch_layer, flax_layer

    def test_batch_norm_eval(self):
        torch_layer, flax_layer = self.batch_norm()
        flax_layer.eval()
        x = random_input(3, 4, 5, 5)
        with torch.no_grad():
            expected = torch_layer.eval()(x)
        self.assert_close(expected, channels_first(flax_layer(channels_last(x))))

    def test_batch_norm_train(self):
        torch_layer, flax_layer = self.batch_norm()
        old_var = torch_layer.running_var.clone()
        x = random_input(3, 4, 5, 5)
        with torch.no_grad():
            expected = torch_layer.train()(x)
        self.assert_close(expected, channels_first(flax_layer(channels_last(x))))
        self.assert_close(torch_layer.running_mean, flax_layer.mean.value)
        # Flax averages the biased batch variance into var; PyTorch the unbiased one
        biased = x.var(dim=(0, 2, 3), unbiased=False)
        self.assert_close(0.9 * old_var + 0.1 * biased, flax_layer.var.value)

    def test_layer_norm(self):
        torch.manual_seed(0)
        torch_layer = tnn.LayerNorm(6, eps=1e-5)
        torch_layer.weight.data.uniform_(0.5, 2)
        torch_layer.bias.data.uniform_(-1, 1)
        self.check_layer(torch_layer, nnx.LayerNorm(6, epsilon=1e-5, rngs=rngs()), random_input(2, 3, 6))

    def test_layer_norm_default_epsilon_differs(self):
        self.assertEqual(nnx.LayerNorm(6, rngs=rngs()).epsilon, 1e-6)

    def test_group_norm(self):
        torch.manual_seed(0)
        torch_layer = tnn.GroupNorm(3, 6, eps=1e-5)
        torch_layer.weight.data.uniform_(0.5, 2)
        torch_layer.bias.data.uniform_(-1, 1)
        self.check_image_layer(torch_layer, nnx.GroupNorm(6, num_groups=3, epsilon=1e-5, rngs=rngs()),
                               random_input(2, 6, 4, 5))

    def test_instance_norm(self):
        torch.manual_seed(0)
        torch_layer = tnn.InstanceNorm2d(4, eps=1e-5, affine=True)
        torch_layer.weight.data.uniform_(0.5, 2)
        self.check_image_layer(torch_layer, nnx.InstanceNorm(4, epsilon=1e-5, rngs=rngs()),
                               random_input(2, 4, 5, 5))

    def weight_norm(self, torch_layer, dim, flax_layer, x, image=False):
        """torch.nn.utils.weight_norm's layer against nnx.WeightNorm around its counterpart, g
        drawn apart from ||v|| so that the scale matters, over two calls (Flax overwrites the
        kernel with the normalized one at each)."""
        torch_layer = tnn.utils.weight_norm(torch_layer, dim=dim)
        with torch.no_grad():
            torch_layer.weight_g.uniform_(0.5, 2)
            expected = torch_layer.eval()(x)
        migrate.load(flax_layer, torch_layer)
        for _ in range(2):
            if image:
                self.assert_close(expected, channels_first(flax_layer(channels_last(x))))
            else:
                self.assert_close(expected, flax_layer(x.numpy()))

    def test_weight_norm_linear(self):
        torch.manual_seed(0)
        self.weight_norm(tnn.Linear(5, 3), 0, nnx.WeightNorm(nnx.Linear(5, 3, rngs=rngs()), rngs=rngs()),
                         random_input(4, 5))

    def test_weight_norm_over_the_whole_kernel(self):
        torch.manual_seed(0)
        flax_layer = nnx.WeightNorm(nnx.Linear(5, 3, rngs=rngs()), feature_axes=None, rngs=rngs())
        self.assertEqual(flax_layer.scales[("kernel",)].shape, ())
        self.weight_norm(tnn.Linear(5, 3), None, flax_layer, random_input(4, 5))

    def test_weight_norm_conv(self):
        torch.manual_seed(0)
        flax_layer = nnx.WeightNorm(nnx.Conv(4, 6, (3, 3), padding=1, rngs=rngs()), rngs=rngs())
        self.assertEqual(sorted(flax_layer.scales), [("kernel",)])
        self.weight_norm(tnn.Conv2d(4, 6, 3, padding=1), 0, flax_layer, random_input(2, 4, 5, 5), image=True)

    def test_rms_norm(self):
        # torch 1.13 has no nn.RMSNorm: its definition, written with torch operations
        x = random_input(2, 3, 6)
        weight = random_input(6, seed=1)
        expected = x * torch.rsqrt(x.pow(2).mean(-1, keepdim=True) + 1e-6) * weight
        flax_layer = nnx.RMSNorm(6, rngs=rngs())
        flax_layer.scale.value = weight.numpy()
        self.assert_close(expected, flax_layer(x.numpy()))


if __name__ == "__main__":
    unittest.main()
