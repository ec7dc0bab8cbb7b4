import jax
import optax
from flax import nnx


def make(model: nnx.Module):
    # optax's AdamW decays by 1e-4 unless told: PyTorch's default is 1e-2
    tx = optax.chain(optax.clip_by_global_norm(0.5), optax.adamw(3e-4, b2=0.98))
    return nnx.Optimizer(model, tx, wrt=nnx.Param)


def momentum(model: nnx.Module):
    return nnx.Optimizer(model, optax.sgd(0.1, momentum=0.9, nesterov=True), wrt=nnx.Param)


def scheduled(model: nnx.Module):
    schedule = optax.cosine_decay_schedule(1e-3, 1000)
    return nnx.Optimizer(model, optax.adam(optax.cosine_decay_schedule(1e-3, 1000)), wrt=nnx.Param)


def step_with_logits(model: nnx.Module, optimizer: nnx.Optimizer, x: jax.Array, y: jax.Array):
    def loss_fn(model):
        logits = model(x)
        return ((logits - y) ** 2).mean(), logits

    (loss, logits), grads = nnx.value_and_grad(loss_fn, has_aux=True)(model)
    optimizer.update(model, grads)
    return loss, logits


def step_grad_only(model: nnx.Module, optimizer: nnx.Optimizer, x: jax.Array):
    grads = nnx.grad(lambda m: (m(x) ** 2).sum())(model)
    optimizer.update(model, grads)


def step_logging_grads(model: nnx.Module, optimizer: nnx.Optimizer, x: jax.Array, log):
    loss, grads = nnx.value_and_grad(lambda m: m(x).sum())(model)
    log(grads)
    optimizer.update(model, grads)


def half_migrated(model: nnx.Module, optimizer, x: jax.Array):
    # a step already written the PyTorch way gets the file's clip too
    loss = energy(model, x)
    loss.backward()
    optimizer.step()


def half_migrated_inline(model: nnx.Module, optimizer, x: jax.Array):
    loss = (model(x) ** 2).sum()
    loss.backward()
    optimizer.step()


def parameter_count(model: nnx.Module):
    return sum(p.size for p in jax.tree_util.tree_leaves(nnx.state(model, nnx.Param)))
