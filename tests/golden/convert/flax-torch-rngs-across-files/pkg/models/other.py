from functools import partial
from typing import Callable


from pkg.layers.blocks import SqueezeBlock as SE
from pkg.models.net import Net
from flax import nnx


class Wrapper(nnx.Module):
    """Takes rngs through Net, which takes them through another file's class."""

    def __init__(self, channels: int,
                 se_layer: Callable[..., nnx.Module] = partial(SE, squeezed=2), *, rngs: nnx.Rngs) -> None:
        self.net = Net(channels, rngs=rngs)
        self.se = se_layer(channels, rngs=rngs)

    def __call__(self, x):
        return self.se(self.net(x))


model = Wrapper(4, rngs=nnx.Rngs(0))
