"""A single affine layer: logistic regression over a feature vector."""
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class LogisticRegression(base_layer.BaseLayer):
    in_features: int = 0
    num_classes: int = 0
    def setup(self):
        self.create_child('linear', pax_fiddle.Config(pl.FeedForward, input_dims=self.in_features, output_dims=self.num_classes, activation_tpl=pax_fiddle.Config(pl.Identity)))

    def __call__(self, x: jax.Array) -> jax.Array:
        return jax.nn.sigmoid(self.linear(x))
