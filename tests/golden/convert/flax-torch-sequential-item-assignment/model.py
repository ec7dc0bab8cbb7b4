from collections import OrderedDict

import jax
from flax import nnx


class Net(nnx.Module):
    # A Sequential of a mapping's values, filled by item assignments: the layout flow lists its
    # layers, so the mean after it takes the target's image axes.
    def __init__(self, c: int, *, rngs: nnx.Rngs):
        layers = OrderedDict()
        layers["conv"] = nnx.Conv(c, 4, kernel_size=(3, 3), padding=1, rngs=rngs)
        layers["act"] = jax.nn.relu
        self.body = nnx.Sequential(*layers.values())

    def __call__(self, x):
        return self.body(x).mean(axis=(1, 2))
