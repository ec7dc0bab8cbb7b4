"""Lists of layers: a residual stack built by a comprehension and run in a loop, and a list
written out, whose layers are called by index."""
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class ResidualStack(base_layer.BaseLayer):
    features: int = 0
    depth: int = 0
    classes: int = 0
    def setup(self):
        self.create_children('blocks', [pax_fiddle.Config(pl.FeedForward, input_dims=self.features, output_dims=self.features, activation_tpl=pax_fiddle.Config(pl.Identity)) for _ in range(self.depth)])
        self.create_children('norms', [pax_fiddle.Config(pl.LayerNorm, dim=self.features, epsilon=1e-05, direct_scale=True), pax_fiddle.Config(pl.LayerNorm, dim=self.features, epsilon=1e-05, direct_scale=True)])
        self.create_child('head', pax_fiddle.Config(pl.FeedForward, input_dims=self.features, output_dims=self.classes, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x: jax.Array) -> jax.Array:
        for block in self.blocks:
            x = x + jax.nn.gelu(block(x), approximate=False)
        x = self.norms[0](x)
        return self.head(self.norms[1](x))
