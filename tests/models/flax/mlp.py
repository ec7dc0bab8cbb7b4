"""A multi-layer perceptron with dropout between the hidden layers."""
import jax
from flax import nnx


class MLP(nnx.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, dropout: float = 0.1, *,
                 rngs: nnx.Rngs):
        self.fc1 = nnx.Linear(in_features, hidden, rngs=rngs)
        self.fc2 = nnx.Linear(hidden, hidden, rngs=rngs)
        self.head = nnx.Linear(hidden, out_features, use_bias=False, rngs=rngs)
        self.dropout = nnx.Dropout(rate=dropout, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        x = nnx.relu(self.fc1(x))
        x = self.dropout(x)
        x = nnx.relu(self.fc2(x))
        return self.head(x)


model = MLP(16, 32, 4, rngs=nnx.Rngs(0))
