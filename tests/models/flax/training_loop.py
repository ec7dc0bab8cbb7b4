"""A whole training loop: epochs of Adam steps, then an evaluation without gradients."""
import jax
import optax
from flax import nnx


class Net(nnx.Module):
    def __init__(self, features: int, *, rngs: nnx.Rngs):
        self.hidden = nnx.Linear(features, 16, rngs=rngs)
        self.out = nnx.Linear(16, 1, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.out(jax.nn.relu(self.hidden(x)))


def loss_fn(model: Net, x: jax.Array, y: jax.Array) -> jax.Array:
    return ((model(x) - y) ** 2).mean()


def train(model: Net, batches, epochs: int = 3):
    optimizer = nnx.Optimizer(model, optax.adam(1e-2), wrt=nnx.Param)
    for _ in range(epochs):
        for x, y in batches:
            loss, grads = nnx.value_and_grad(loss_fn)(model, x, y)
            optimizer.update(model, grads)
    return model


def evaluate(model: Net, x: jax.Array, y: jax.Array):
    return jax.lax.stop_gradient(loss_fn(model, x, y))
