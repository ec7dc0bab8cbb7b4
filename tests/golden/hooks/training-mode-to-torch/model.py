import jax
import jax.numpy as jnp
from flax import nnx


class Head(nnx.Module):
    def __init__(self, features: int, aux: bool = True, *, rngs: nnx.Rngs):
        """A classifier with an auxiliary output while training."""
        self.deterministic = False
        self.fc = nnx.Linear(features, 10, rngs=rngs)
        self.aux = nnx.Linear(features, 10, rngs=rngs) if aux else None

    def __call__(self, x: jax.Array):
        out = self.fc(x)
        if not self.deterministic and self.aux is not None:
            return out, self.aux(x)
        scale = 1.0 if not self.deterministic else 0.5
        return out * scale, (not self.deterministic) == False


class DeepHead(Head):
    def __call__(self, x: jax.Array):
        return jnp.where(jax.random.bernoulli(self.rngs.dropout(), 1 - 0.1, x.shape), x / (1 - 0.1), 0) if not self.deterministic else x


class Frozen(nnx.Module):
    def __init__(self):
        self.deterministic = False
        self.training = False  # an assignment: reported

    def __call__(self, x: jax.Array):
        return x if not self.deterministic else x * 0
