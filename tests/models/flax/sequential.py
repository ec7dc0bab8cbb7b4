"""A classifier built from nnx.Sequential."""
import jax.numpy as jnp
from flax import nnx


def make_classifier(in_features: int, hidden: int, num_classes: int, *, rngs: nnx.Rngs):
    return nnx.Sequential(
        nnx.Linear(in_features, hidden, rngs=rngs),
        nnx.relu,
        nnx.Linear(hidden, hidden, rngs=rngs),
        jnp.tanh,
        nnx.Linear(hidden, num_classes, rngs=rngs),
    )


model = make_classifier(784, 256, 10, rngs=nnx.Rngs(0))
