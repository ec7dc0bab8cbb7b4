"""Praxis variables read back: a declaration filled by WeightInit.Constant is nn.Parameter (or,
with trainable=False, a registered buffer) of torch.full, an int32 counter of shape () the plain
attribute it stands for, self.theta.<name> and get_var the attribute, update_var an assignment;
a variable drawn at random (WeightInit.Gaussian) is reported."""
import jax
import jax.numpy as jnp
from praxis import base_layer


class Scaled(base_layer.BaseLayer):
    dims: int = 4

    def setup(self):
        self.create_variable('scale', base_layer.WeightHParams(shape=(self.dims,), init=base_layer.WeightInit.Constant(1)))
        self.create_variable('total', base_layer.WeightHParams(shape=(2, self.dims), init=base_layer.WeightInit.Constant(0.0), dtype=jnp.float32), trainable=False)
        self.create_variable('count', base_layer.WeightHParams(shape=(), init=base_layer.WeightInit.Constant(0), dtype=jnp.int32), trainable=False)
        self.create_variable('noise', base_layer.WeightHParams(shape=(self.dims,), init=base_layer.WeightInit.Gaussian(0.02)))

    def __call__(self, x: jax.Array) -> jax.Array:
        self.update_var('count', self.get_var('count') + 1)
        self.update_var('total', self.get_var('total') + x.sum(0))
        return x * self.theta.scale + self.get_var('total')[0] / self.get_var('count')
