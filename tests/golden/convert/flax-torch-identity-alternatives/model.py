import jax.numpy as jnp
from flax import nnx

from .layers import StochasticDepth


class SwapAxes(nnx.Module):
    def __init__(self, a: int, b: int):
        self.a = a
        self.b = b

    def __call__(self, x):
        return jnp.swapaxes(x, self.a, self.b)


class Block(nnx.Module):
    # MaxViT's MBConv read back towards PyTorch: its stochastic depth is another file's class in
    # one branch and the identity in the other, so it is taken as the identity, and the block
    # gives its convolution's image (before, its layout was unknown).
    def __init__(self, c: int, p: float, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(c, c, kernel_size=(3, 3), padding=1, rngs=rngs)
        if p:
            self.stochastic_depth = StochasticDepth(p, mode="row")
        else:
            self.stochastic_depth = lambda x: x

    def __call__(self, x):
        return self.stochastic_depth(self.conv(x))


class Swapped(nnx.Module):
    # MaxViT's PartitionAttentionLayer as converted to Flax: the NHWC image it is given goes
    # channels first for its own code and comes back NHWC. Given PyTorch's NCHW image, both
    # transposes go: the first as it undoes the layout given, the last as it is the one the
    # return of an image computed channels first would get (after `x + self.drop(x)`, where
    # the flow no longer knows the order it came from); the conditional's parenthesized
    # identity is read as one.
    def __init__(self, grid: bool, p: float):
        self.swap = SwapAxes(-1, -2) if grid else (lambda x: x)
        self.drop = StochasticDepth(p, mode="row")

    def __call__(self, x):
        x = self.swap(x.transpose(0, 3, 1, 2))
        x = x + self.drop(x)
        return x.transpose(0, 2, 3, 1)


class Net(nnx.Module):
    def __init__(self, c: int, p: float, grid: bool, *, rngs: nnx.Rngs):
        self.body = nnx.Sequential(Block(c, p, rngs=rngs), Swapped(grid, p))
        self.head = nnx.Conv(c, 2, kernel_size=(1, 1), rngs=rngs)

    def __call__(self, x):
        return self.head(self.body(x))
