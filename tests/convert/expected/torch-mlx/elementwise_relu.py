"""Elementwise functions of tensors: rectifiers and friends."""
import mlx.core as mx
from mlx import nn


def rectify(x):
    return nn.relu(x) + nn.relu(-x) * 0.5


def leaky(x):
    return nn.leaky_relu(x, negative_slope=0.2)


def squash(x):
    return mx.clip(mx.tanh(x), a_min=-0.5, a_max=0.5)


def smooth(x):
    return mx.exp(-mx.abs(x)) + mx.sqrt(mx.square(x) + 1.0)
