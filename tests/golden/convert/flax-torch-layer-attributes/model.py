import math

import jax
from flax import nnx


class Net(nnx.Module):
    """Attributes read from layers whose class is known take PyTorch's names: a layer the
    constructor builds once (`self.stem`), and a loop's module narrowed by isinstance."""

    def __init__(self, channels: int, *, rngs: nnx.Rngs):
        self.stem = nnx.Conv(channels, 2 * channels, kernel_size=(3, 3), padding=1, rngs=rngs)
        self.head = nnx.Linear(self.stem.out_features, 5, rngs=rngs)
        self.scale = 1.0 / math.sqrt(self.head.in_features * self.stem.kernel_size[0])
        for _, m in self.iter_modules():
            if isinstance(m, nnx.Conv):
                fan_out = m.kernel_size[0] * m.kernel_size[1] * m.out_features
                m.kernel.value = math.sqrt(2.0 / fan_out) * jax.random.normal(rngs.params(), m.kernel.value.shape)
            elif m is not None and isinstance(m, nnx.Linear):
                bound = 1 / math.sqrt(m.in_features)
                m.bias.value = jax.random.uniform(rngs.params(), m.bias.value.shape, minval=-bound, maxval=bound)

    def __call__(self, x: jax.Array) -> jax.Array:
        h = jax.nn.relu(self.stem(x)).mean((1, 2))
        return self.head(h) * self.scale


class Probe(nnx.Module):
    """Attributes PyTorch's layers keep otherwise are reported and left as written."""

    def __init__(self, *, rngs: nnx.Rngs):
        self.conv = nnx.Conv(3, 4, kernel_size=(3, 3), feature_group_count=1, rngs=rngs)

    def describe(self) -> str:
        # feature_group_count is PyTorch's groups; use_bias would be the parameter `bias`;
        # `extra` has no mapping at all.
        return f"{self.conv.feature_group_count} {self.conv.use_bias} {self.conv.extra}"
