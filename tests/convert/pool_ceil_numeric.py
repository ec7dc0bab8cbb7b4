#!/usr/bin/python3
"""The rule the converter writes PyTorch's ceil_mode=True max pooling with (Flax has no
ceil_mode): without padding, and with windows at least as long as their strides, max pooling
with ceil_mode equals max pooling of the input padded at the end of each axis by stride - 1
with -inf (Flax's max_pool pads with -inf). Checked under Debian's PyTorch for every window,
stride and input size up to 7 / 7 / 16.

usage: pool_ceil_numeric.py
"""
import sys

import torch
import torch.nn.functional as F


def main():
    checked = 0
    generator = torch.Generator().manual_seed(0)
    for kernel in range(1, 8):
        for stride in range(1, kernel + 1):
            for size in range(kernel, 17):
                x = torch.randn(2, 3, size, size + 1, generator=generator)
                want = F.max_pool2d(x, kernel, stride, ceil_mode=True)
                padded = F.pad(x, (0, stride - 1, 0, stride - 1), value=float("-inf"))
                got = F.max_pool2d(padded, kernel, stride)
                if got.shape != want.shape or not torch.equal(got, want):
                    sys.exit("kernel %d, stride %d, size %d: %s != %s" % (
                        kernel, stride, size, tuple(got.shape), tuple(want.shape)))
                checked += 1
    print("ceil_mode: %d window, stride and size cases agree" % checked)


if __name__ == "__main__":
    main()
