import math

import torch.nn as nn
from flax import nnx
import jax.numpy as jnp
import jax


class Net(nnx.Module):
    def __init__(self, classes: int = 10, *, rngs: nnx.Rngs):
        self.features = nnx.Sequential(nnx.Conv(3, 16, (3, 3), padding=0, rngs=rngs), nnx.BatchNorm(16, momentum=0.9, rngs=rngs), jax.nn.relu)
        self.embed = nnx.Embed(100, 16, rngs=rngs)
        self.fc = nnx.Linear(16, classes, rngs=rngs)
        self.table = nnx.Param(jnp.zeros((5, 3)))
        for _, m in self.iter_modules():
            if isinstance(m, nnx.Conv):
                m.kernel.value = nnx.initializers.variance_scaling(2.0, "fan_out", "normal")(rngs.params(), m.kernel.value.shape)
                if m.bias is not None:
                    m.bias.value = jnp.zeros_like(m.bias.value)
            elif isinstance(m, (nnx.BatchNorm, nnx.GroupNorm)):
                m.scale.value = jnp.full_like(m.scale.value, 1)
                m.bias.value = jnp.full_like(m.bias.value, 0)
            elif isinstance(m, nnx.Linear):
                m.kernel.value = nnx.initializers.variance_scaling(2 / (1 + math.sqrt(5) ** 2), "fan_in", "uniform")(rngs.params(), m.kernel.value.shape)
        for _, layer in self.features.iter_children():
            if isinstance(layer, nnx.Conv):
                layer.bias.value = jax.random.uniform(rngs.params(), layer.bias.value.shape, minval=-0.1, maxval=0.1)
        self.fc.kernel.value = nnx.initializers.variance_scaling(4.0, "fan_avg", "uniform")(rngs.params(), self.fc.kernel.value.shape)  # wider
        self.embed.embedding.value = 0.02 * jax.random.normal(rngs.params(), self.embed.embedding.value.shape)
        self.table.value = 0.02 * jax.random.truncated_normal(rngs.params(), -100.0, 100.0, self.table.value.shape)
        self.fc.bias.value = 0.5 + 0.1 * jax.random.truncated_normal(rngs.params(), -5.0, 5.0, self.fc.bias.value.shape)
        nn.init.orthogonal_(self.features[0].weight)

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.fc(self.features(x).mean(axis=(1, 2)))


def reset(m: nnx.Module):
    # no rngs here: the deterministic initializer converts, the random one is reported
    if isinstance(m, nnx.Linear):
        m.bias.value = jnp.zeros_like(m.bias.value)
        nn.init.xavier_normal_(m.weight)


class Odd(nnx.Module):
    def __init__(self, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(4, 4, rngs=rngs)
        # a draw no initializer makes: left as it is, with a warning
        self.fc.kernel.value = jax.random.normal(rngs.params(), (4, 4)) ** 2
        # not a parameter PyTorch's layers have
        self.fc.extra.value = jnp.zeros_like(self.fc.extra.value)
