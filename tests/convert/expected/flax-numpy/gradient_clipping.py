"""A training step whose gradients are clipped to a global norm before Adam."""
import optax
from flax import nnx
import numpy as np


class Classifier(nnx.Module):
    def __init__(self, features: int, classes: int, *, rngs: nnx.Rngs):
        # switcheroo: no mapping for 'flax.nnx.Linear' to 'numpy'
        self.linear = nnx.Linear(features, classes, rngs=rngs)

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return self.linear(x)


def make_optimizer(model: Classifier):
    # switcheroo: no mapping for 'optax.chain' to 'numpy'
    # switcheroo: no mapping for 'optax.clip_by_global_norm' to 'numpy'
    # switcheroo: no mapping for 'optax.adam' to 'numpy'
    tx = optax.chain(optax.clip_by_global_norm(1.0), optax.adam(3e-4))
    # switcheroo: no mapping for 'flax.nnx.Optimizer' to 'numpy'
    return nnx.Optimizer(model, tx, wrt=nnx.Param)


def train_step(model: Classifier, optimizer: nnx.Optimizer, x: np.ndarray, y: np.ndarray):
    def loss_fn(model):
        return ((model(x) - y) ** 2).mean()

    # switcheroo: no mapping for 'flax.nnx.value_and_grad' to 'numpy'
    loss, grads = nnx.value_and_grad(loss_fn)(model)
    # switcheroo: no mapping for 'flax.nnx.Optimizer.update' to 'numpy'
    optimizer.update(model, grads)
    return loss
