"""A training step whose gradients are clipped to a global norm before Adam."""
import jax
import optax
from flax import nnx


class Classifier(nnx.Module):
    def __init__(self, features: int, classes: int, *, rngs: nnx.Rngs):
        self.linear = nnx.Linear(features, classes, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.linear(x)


def make_optimizer(model: Classifier):
    tx = optax.chain(optax.clip_by_global_norm(1.0), optax.adam(3e-4))
    return nnx.Optimizer(model, tx, wrt=nnx.Param)


def train_step(model: Classifier, optimizer: nnx.Optimizer, x: jax.Array, y: jax.Array):
    def loss_fn(model):
        return ((model(x) - y) ** 2).mean()

    loss, grads = nnx.value_and_grad(loss_fn)(model)
    optimizer.update(model, grads)
    return loss
