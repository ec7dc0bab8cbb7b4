"""Group normalization: a residual block of a diffusion U-Net, and the same by hand."""
import torch.nn as nn
import keras


class GroupNormBlock(keras.Model):
    def __init__(self, channels: int, groups: int = 8):
        super().__init__()
        # switcheroo: no mapping for 'torch.nn.GroupNorm' to 'keras'
        self.norm1 = nn.GroupNorm(groups, channels)
        self.conv1 = keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')
        # switcheroo: no mapping for 'torch.nn.GroupNorm' to 'keras'
        self.norm2 = nn.GroupNorm(groups, channels, eps=1e-6, affine=False)
        self.conv2 = keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        h = self.conv1(keras.ops.silu(self.norm1(x)))
        h = self.conv2(keras.ops.transpose(keras.ops.silu(self.norm2(keras.ops.transpose(h, (0, 3, 1, 2)))), (0, 2, 3, 1)))
        return x + h


def group_norm(x: keras.KerasTensor, groups: int, eps: float = 1e-5) -> keras.KerasTensor:
    n, c, h, w = x.shape
    grouped = keras.ops.reshape(x, (n, groups, -1))
    mean = keras.ops.mean(grouped, axis=-1, keepdims=True)
    var = keras.ops.var(grouped, axis=-1, keepdims=True)
    return keras.ops.reshape(((grouped - mean) / keras.ops.sqrt(var + eps)), (n, c, h, w))
