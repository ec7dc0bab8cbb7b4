"""Group normalization: a residual block of a diffusion U-Net, and the same by hand."""
import keras


class GroupNormBlock(keras.Model):
    def __init__(self, channels: int, groups: int = 8):
        super().__init__()
        self.norm1 = keras.layers.GroupNormalization(groups=groups, input_shape=(None, None, channels), epsilon=1e-05)
        self.conv1 = keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')
        self.norm2 = keras.layers.GroupNormalization(groups=groups, input_shape=(None, None, channels), epsilon=1e-6, center=False, scale=False)
        self.conv2 = keras.layers.Conv2D(channels, 3, input_shape=(None, None, channels), padding='same')

    def call(self, x: keras.KerasTensor) -> keras.KerasTensor:
        h = self.conv1(keras.ops.silu(self.norm1(x)))
        h = self.conv2(keras.ops.silu(self.norm2(h)))
        return x + h


def group_norm(x: keras.KerasTensor, groups: int, eps: float = 1e-5) -> keras.KerasTensor:
    n, c, h, w = x.shape
    grouped = keras.ops.reshape(x, (n, groups, -1))
    mean = keras.ops.mean(grouped, axis=-1, keepdims=True)
    var = keras.ops.var(grouped, axis=-1, keepdims=True)
    return keras.ops.reshape(((grouped - mean) / keras.ops.sqrt(var + eps)), (n, c, h, w))
