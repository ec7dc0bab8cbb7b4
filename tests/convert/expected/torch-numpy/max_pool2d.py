"""Convolution followed by 2x2 max pooling, as a layer and as a function, then a 3x3 pool with
stride 2 that keeps the partial window at the edge (ceil_mode, as in GoogLeNet and SqueezeNet)."""
import torch.nn as nn
import numpy as np


class ConvPool(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.Conv2d' to 'numpy'
        self.conv = nn.Conv2d(channels, channels, 3, padding=1)
        # switcheroo: cannot convert 'torch.nn.MaxPool2d' to 'numpy': no value for 'input'
        self.pool = nn.MaxPool2d(kernel_size=2)
        # switcheroo: cannot convert 'torch.nn.MaxPool2d' to 'numpy': no value for 'input'
        self.edge_pool = nn.MaxPool2d(3, stride=2, ceil_mode=True)

    def forward(self, x: np.ndarray) -> np.ndarray:
        x = self.pool(np.maximum(self.conv(x), 0.0))
        x = (lambda x, kernel, stride, padding, dilation, ceil, indices: (lambda each: (lambda k, s, p, d: (lambda L: (lambda out: (lambda w: (lambda values: (values, np.ravel_multi_index(tuple(np.arange(o).reshape((-1,) + (1,) * (2 - 1 - i)) * s_ - p_ + offset * d_ for i, (o, s_, p_, d_, offset) in enumerate(zip(out, s, p, d, np.unravel_index(w.reshape(w.shape[:-2] + (-1,)).argmax(-1), k)))), L)) if indices else values)(w.max(axis=tuple(range(-2, 0)))))(np.lib.stride_tricks.sliding_window_view(np.pad(x, [(0, 0)] * (x.ndim - 2) + [(p_, p_ + max((o - 1) * s_ + d_ * (k_ - 1) + 1 - l - 2 * p_, 0)) for o, s_, p_, d_, k_, l in zip(out, s, p, d, k, L)], constant_values=-np.inf), tuple(d_ * (k_ - 1) + 1 for d_, k_ in zip(d, k)), axis=tuple(range(-2, 0)))[(...,) + tuple(slice(None, (o - 1) * s_ + 1, s_) for o, s_ in zip(out, s)) + tuple(slice(None, None, d_) for d_ in d)]))([o - 1 if ceil and (o - 1) * s_ >= l + p_ else o for o, s_, p_, l in zip([(l + 2 * p_ - d_ * (k_ - 1) - 1 + (s_ - 1 if ceil else 0)) // s_ + 1 for l, p_, d_, k_, s_ in zip(L, p, d, k, s)], s, p, L)]))(x.shape[-2:]))(each(kernel), each(kernel if stride is None else stride), each(padding), each(dilation)))(lambda v: tuple(v) if isinstance(v, (tuple, list)) else (v,) * 2))(x, 2, 1, 0, 1, False, False)
        return self.edge_pool(x)
