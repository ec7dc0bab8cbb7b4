"""A single affine layer: logistic regression over a feature vector."""
import jax
from flax import nnx


class LogisticRegression(nnx.Module):
    def __init__(self, in_features: int, num_classes: int, *, rngs: nnx.Rngs):
        self.linear = nnx.Linear(in_features, num_classes, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return jax.nn.sigmoid(self.linear(x))
