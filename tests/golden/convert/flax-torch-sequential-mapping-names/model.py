import math
from collections import OrderedDict
from typing import Optional

import jax
import jax.numpy as jnp
from flax import nnx


class Head(nnx.Module):
    # Layers read from the mapping a Sequential is built from (torch-flax-sequential-mapping-
    # names): the initialisers of layers so read are read back.
    def __init__(self, c: int, classes: int, representation_size: Optional[int] = None, *, rngs: nnx.Rngs):
        layers: OrderedDict[str, nnx.Module] = OrderedDict()
        if representation_size is None:
            layers["head"] = nnx.Linear(c, classes, rngs=rngs)
        else:
            layers["pre_logits"] = nnx.Linear(c, representation_size, rngs=rngs)
            layers["act"] = jnp.tanh
            layers["head"] = nnx.Linear(representation_size, classes, rngs=rngs)
        self.heads = nnx.Sequential(*layers.values())
        if "pre_logits" in layers and isinstance(layers["pre_logits"], nnx.Linear):
            fan_in = layers["pre_logits"].in_features
            layers["pre_logits"].kernel.value = math.sqrt(1 / fan_in) * jax.random.truncated_normal(rngs.params(), (-2.0) / math.sqrt(1 / fan_in), 2.0 / math.sqrt(1 / fan_in), layers["pre_logits"].kernel.value.shape)
            layers["pre_logits"].bias.value = jnp.zeros_like(layers["pre_logits"].bias.value)
        if isinstance(layers["head"], nnx.Linear):
            layers["head"].bias.value = jnp.full_like(layers["head"].bias.value, 0.5)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.heads(x)
