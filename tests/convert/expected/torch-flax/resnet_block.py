"""A ResNet basic block with an optional projection shortcut."""
import jax
from flax import nnx


def conv3x3(in_channels: int, out_channels: int, stride: int = 1, *, rngs: nnx.Rngs) -> nnx.Conv:
    return nnx.Conv(in_channels, out_channels, kernel_size=(3, 3), strides=stride, padding=1, use_bias=False, rngs=rngs)


class BasicBlock(nnx.Module):
    def __init__(self, in_channels: int, out_channels: int, stride: int = 1, *, rngs: nnx.Rngs):
        self.conv1 = conv3x3(in_channels, out_channels, stride, rngs=rngs)
        self.bn1 = nnx.BatchNorm(out_channels, momentum=0.9, rngs=rngs)
        self.conv2 = conv3x3(out_channels, out_channels, rngs=rngs)
        self.bn2 = nnx.BatchNorm(out_channels, momentum=0.9, rngs=rngs)
        self.shortcut = lambda x: x
        if stride != 1 or in_channels != out_channels:
            self.shortcut = nnx.Sequential(
                nnx.Conv(in_channels, out_channels, kernel_size=(1, 1), strides=stride, padding=0, use_bias=False, rngs=rngs),
                nnx.BatchNorm(out_channels, momentum=0.9, rngs=rngs),
            )

    def __call__(self, x: jax.Array) -> jax.Array:
        out = jax.nn.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return jax.nn.relu(out + self.shortcut(x))

