"""Praxis's pl.Pooling read back as PyTorch's pooling layers: its call's [0] is the output;
'SAME' padding has no fixed width and stays as written."""
import jax
from praxis import base_layer, layers as pl, pax_fiddle


class Pools(base_layer.BaseLayer):
    def setup(self):
        self.create_child('pool', pax_fiddle.Config(pl.Pooling, window_shape=(2, 2), window_stride=(2, 2), pooling_type='MAX', padding='VALID'))
        self.create_child('mean_pool', pax_fiddle.Config(pl.Pooling, window_shape=(3, 3), window_stride=(1, 1), pooling_type='AVG', padding='VALID'))
        self.create_child('same_pool', pax_fiddle.Config(pl.Pooling, window_shape=(3, 3), window_stride=(1, 1), pooling_type='MAX', padding='SAME'))

    def __call__(self, image: jax.Array) -> jax.Array:
        image = self.mean_pool(self.pool(image)[0])[0]
        out, _ = self.same_pool(image)
        return out
