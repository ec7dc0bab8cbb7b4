"""A classifier built from nnx.Sequential."""
from flax import nnx
import numpy as np


def make_classifier(in_features: int, hidden: int, num_classes: int, *, rngs: nnx.Rngs):
    # switcheroo: no mapping for 'flax.nnx.Sequential' to 'numpy'
    # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
    return nnx.Sequential(
        nnx.Linear(in_features, hidden, rngs=rngs),
        nnx.relu,
        nnx.Linear(hidden, hidden, rngs=rngs),
        np.tanh,
        nnx.Linear(hidden, num_classes, rngs=rngs),
    )


# switcheroo: no mapping for 'flax.nnx.Rngs' to 'numpy'
model = make_classifier(784, 256, 10, rngs=nnx.Rngs(0))
