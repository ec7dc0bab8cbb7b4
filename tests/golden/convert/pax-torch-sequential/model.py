"""pl.Sequential with its layers as templates read back as nn.Sequential of PyTorch's layers."""
import jax
from praxis import base_layer, layers as pl, pax_fiddle


class Classifier(base_layer.BaseLayer):
    features: int = 0
    hidden: int = 0
    classes: int = 0

    def setup(self):
        self.create_child('body', pax_fiddle.Config(pl.Sequential, layers=[
            pax_fiddle.Config(pl.FeedForward, input_dims=self.features, output_dims=self.hidden,
                              activation_tpl=pax_fiddle.Config(pl.Identity)),
            jax.nn.relu,
            pax_fiddle.Config(pl.Sequential, layers=[
                pax_fiddle.Config(pl.Dropout, keep_prob=0.9),
                pax_fiddle.Config(pl.Linear, input_dims=self.hidden, output_dims=self.classes)])]))

    def __call__(self, x: jax.Array) -> jax.Array:
        return self.body(x)
