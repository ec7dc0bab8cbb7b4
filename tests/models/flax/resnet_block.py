"""A ResNet basic block with a projection shortcut (channels last)."""
import jax
from flax import nnx


class BasicBlock(nnx.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1, *, rngs: nnx.Rngs):
        self.conv1 = nnx.Conv(in_channels, out_channels, kernel_size=(3, 3), strides=stride,
                              padding=1, use_bias=False, rngs=rngs)
        self.bn1 = nnx.BatchNorm(out_channels, rngs=rngs)
        self.conv2 = nnx.Conv(out_channels, out_channels, kernel_size=(3, 3), padding=1,
                              use_bias=False, rngs=rngs)
        self.bn2 = nnx.BatchNorm(out_channels, rngs=rngs)
        self.proj = nnx.Conv(in_channels, out_channels, kernel_size=(1, 1), strides=stride,
                             use_bias=False, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        out = nnx.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return nnx.relu(out + self.proj(x))

