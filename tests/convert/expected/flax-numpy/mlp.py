"""A multi-layer perceptron with dropout between the hidden layers."""
from flax import nnx
import numpy as np


class MLP(nnx.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, dropout: float = 0.1, *,
                 rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.fc1 = nnx.Linear(in_features, hidden, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.fc2 = nnx.Linear(hidden, hidden, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.head = nnx.Linear(hidden, out_features, use_bias=False, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Dropout' to 'numpy'
        self.dropout = nnx.Dropout(rate=dropout, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        x = np.maximum(self.fc1(x), 0.0)
        x = self.dropout(x)
        x = np.maximum(self.fc2(x), 0.0)
        return self.head(x)


# switcheroo: no mapping for 'flax.nnx.Rngs' to 'numpy'
model = MLP(16, 32, 4, rngs=nnx.Rngs(0))
