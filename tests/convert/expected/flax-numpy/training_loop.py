"""A whole training loop: epochs of Adam steps, then an evaluation without gradients."""
import optax
from flax import nnx
import numpy as np


class Net(nnx.Module):
    def __init__(self, features: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.hidden = nnx.Linear(features, 16, rngs=rngs)
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.out = nnx.Linear(16, 1, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.out(np.maximum(self.hidden(x), 0.0))


def loss_fn(model: Net, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    return ((model(x) - y) ** 2).mean()


def train(model: Net, batches, epochs: int = 3):
    # switcheroo: no mapping for 'flax.nnx.Optimizer' to 'numpy'
    # switcheroo: no mapping for 'optax.adam' to 'numpy'
    optimizer = nnx.Optimizer(model, optax.adam(1e-2), wrt=nnx.Param)
    for _ in range(epochs):
        for x, y in batches:
            # switcheroo: no mapping for 'flax.nnx.value_and_grad' to 'numpy'
            loss, grads = nnx.value_and_grad(loss_fn)(model, x, y)
            # switcheroo: no mapping for 'flax.nnx.Optimizer.update' to 'numpy'
            optimizer.update(model, grads)
    return model


def evaluate(model: Net, x: np.ndarray, y: np.ndarray):
    return loss_fn(model, x, y)
