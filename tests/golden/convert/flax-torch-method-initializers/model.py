import jax
import jax.numpy as jnp
from flax import nnx


class Table(nnx.Module):
    # swin's attention: methods the constructor calls draw the initial values (rngs is passed to
    # them), and a subclass overrides one of them.
    def __init__(self, d: int, *, rngs: nnx.Rngs):
        self.fc = nnx.Linear(d, d, rngs=rngs)
        self.define_table(d, rngs=rngs)
        self.index = nnx.BatchStat(self.define_index(d))
        self._init_weights(rngs=rngs)

    def define_table(self, d: int, *, rngs: nnx.Rngs):
        self.table = nnx.Param(jnp.zeros((d, d)))
        self.table.value = 0.02 * jax.random.truncated_normal(rngs.params(), -100.0, 100.0, self.table.value.shape)

    def define_index(self, d: int):
        return jnp.flip(jnp.arange(d), (0,))

    def _init_weights(self, *, rngs: nnx.Rngs):
        for _, m in self.iter_modules():
            if isinstance(m, nnx.Linear):
                m.kernel.value = 0.02 * jax.random.normal(rngs.params(), m.kernel.value.shape)
                m.bias.value = jnp.zeros_like(m.bias.value)

    def __call__(self, x):
        return self.fc(x) @ self.table[self.index]


class ScaledTable(Table):
    def define_table(self, d: int, *, rngs: nnx.Rngs):
        self.table = nnx.Param(jnp.ones((d, d)))
        self.table.value = jax.random.uniform(rngs.params(), self.table.value.shape, minval=-0.1, maxval=0.1)
