"""Adam on a small regressor: one training step."""
import optax
from flax import nnx
import numpy as np


class Regressor(nnx.Module):
    def __init__(self, features: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.linear = nnx.Linear(features, 1, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.linear(x)


def make_optimizer(model: Regressor, lr: float = 1e-3):
    # switcheroo: no mapping for 'flax.nnx.Optimizer' to 'numpy'
    # switcheroo: no mapping for 'optax.adam' to 'numpy'
    return nnx.Optimizer(model, optax.adam(lr), wrt=nnx.Param)


def train_step(model: Regressor, optimizer: nnx.Optimizer, x: np.ndarray, y: np.ndarray):
    def loss_fn(model):
        return ((model(x) - y) ** 2).mean()

    # switcheroo: no mapping for 'flax.nnx.value_and_grad' to 'numpy'
    loss, grads = nnx.value_and_grad(loss_fn)(model)
    # switcheroo: no mapping for 'flax.nnx.Optimizer.update' to 'numpy'
    optimizer.update(model, grads)
    return loss
