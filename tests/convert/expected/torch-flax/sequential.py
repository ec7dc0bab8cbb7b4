"""A classifier built entirely from nn.Sequential."""
import jax
import jax.numpy as jnp
from flax import nnx


def make_classifier(in_features: int, hidden: int, num_classes: int, *, rngs: nnx.Rngs) -> nnx.Sequential:
    return nnx.Sequential(
        lambda x: x.reshape(x.shape[0], -1),
        nnx.Linear(in_features, hidden, rngs=rngs),
        jax.nn.relu,
        nnx.Linear(hidden, hidden, rngs=rngs),
        jnp.tanh,
        nnx.Linear(hidden, num_classes, rngs=rngs),
    )


model = make_classifier(784, 256, 10, rngs=nnx.Rngs(0))
