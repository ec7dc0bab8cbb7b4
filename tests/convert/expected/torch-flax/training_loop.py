"""A whole training loop: epochs of Adam steps, then an evaluation without gradients."""
import optax
from flax import nnx
import jax


class Net(nnx.Module):
    def __init__(self, features: int, *, rngs: nnx.Rngs):
        self.hidden = nnx.Linear(features, 16, rngs=rngs)
        self.out = nnx.Linear(16, 1, rngs=rngs)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.out(jax.nn.relu(self.hidden(x)))


def train(model: Net, batches, epochs: int = 3):
    optimizer = nnx.Optimizer(model, optax.adam(1e-2), wrt=nnx.Param)
    for _ in range(epochs):
        for x, y in batches:
            def loss_fn(model):
                loss = ((model(x) - y) ** 2).mean()
                return loss
            loss, grads = nnx.value_and_grad(loss_fn)(model)
            optimizer.update(model, grads)
    return model


def evaluate(model: Net, x: jax.Array, y: jax.Array):
    error = ((model(x) - y) ** 2).mean()
    return error
