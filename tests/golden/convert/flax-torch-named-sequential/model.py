from collections import OrderedDict

from flax import nnx
import jax


def stem(channels: int, *, rngs: nnx.Rngs) -> nnx.Sequential:
    return nnx.Sequential(*OrderedDict([("conv", nnx.Conv(3, channels, (3, 3), padding=0, rngs=rngs)), ("relu", jax.nn.relu)]).values())


def table(layers: dict) -> nnx.Sequential:
    # a plain dict's values: PyTorch's Sequential takes only an OrderedDict, so they stay spread
    return nnx.Sequential(*layers.values())


class Encoder(nnx.Module):
    def __init__(self, n: int, *, rngs: nnx.Rngs):
        layers: OrderedDict[str, nnx.Module] = OrderedDict()
        for i in range(n):
            layers[f"layer_{i}"] = nnx.Linear(4, 4, rngs=rngs)
        # the values of a name bound to an ordered mapping: the mapping itself in PyTorch
        self.layers = nnx.Sequential(*layers.values())
