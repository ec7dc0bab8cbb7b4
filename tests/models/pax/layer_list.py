"""Lists of children in Praxis: a residual stack made by create_children from a comprehension of
templates, and a list of two templates whose layers are called by index."""
import jax
from praxis import base_layer, layers as pl, pax_fiddle

JTensor = base_layer.JTensor


class ResidualStack(base_layer.BaseLayer):
    features: int = 6
    depth: int = 3
    classes: int = 4

    def setup(self) -> None:
        self.create_children("blocks", [
            pax_fiddle.Config(pl.FeedForward, input_dims=self.features,
                              output_dims=self.features, activation_tpl=pax_fiddle.Config(pl.Identity))
            for _ in range(self.depth)])
        self.create_children("norms", [pax_fiddle.Config(pl.LayerNorm, dim=self.features),
                                       pax_fiddle.Config(pl.LayerNorm, dim=self.features)])
        self.create_child("head", pax_fiddle.Config(
            pl.FeedForward, input_dims=self.features, output_dims=self.classes,
            activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x: JTensor) -> JTensor:
        for block in self.blocks:
            x = x + jax.nn.gelu(block(x), approximate=False)
        x = self.norms[0](x)
        return self.head(self.norms[1](x))
