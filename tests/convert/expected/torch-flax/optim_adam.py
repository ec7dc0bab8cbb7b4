"""Adam on a small regressor: one training step."""
import optax
from flax import nnx
import jax


class Regressor(nnx.Module):
    def __init__(self, features: int, *, rngs: nnx.Rngs):
        self.linear = nnx.Linear(features, 1, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.linear(x)


def make_optimizer(model: Regressor, lr: float = 1e-3):
    return nnx.Optimizer(model, optax.adam(lr), wrt=nnx.Param)


def train_step(model: Regressor, optimizer, x: jax.Array, y: jax.Array):
    def loss_fn(model):
        loss = ((model(x) - y) ** 2).mean()
        return loss
    loss, grads = nnx.value_and_grad(loss_fn)(model)
    optimizer.update(model, grads)
    return loss
