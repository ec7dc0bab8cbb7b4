"""Weight-normalized layers (Salimans & Kingma): w = g * v / |v|."""
import jax
from flax import nnx


class WeightNormMLP(nnx.Module):
    def __init__(self, features: int, hidden: int, out_features: int, *, rngs: nnx.Rngs):
        self.fc1 = nnx.WeightNorm(nnx.Linear(features, hidden, rngs=rngs), rngs=rngs)
        self.fc2 = nnx.WeightNorm(nnx.Linear(hidden, out_features, rngs=rngs), feature_axes=-1, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.fc2(jax.nn.relu(self.fc1(x)))
