"""A multi-layer perceptron with dropout between the hidden layers."""
import jax
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class MLP(base_layer.BaseLayer):
    in_features: int = 0
    hidden: int = 0
    out_features: int = 0
    dropout_hparam: float = 0.1
    def setup(self):
        self.create_child('fc1', pax_fiddle.Config(pl.FeedForward, input_dims=self.in_features, output_dims=self.hidden, activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child('fc2', pax_fiddle.Config(pl.FeedForward, input_dims=self.hidden, output_dims=self.hidden, activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child('head', pax_fiddle.Config(pl.FeedForward, input_dims=self.hidden, output_dims=self.out_features, has_bias=False, activation_tpl=pax_fiddle.Config(pl.Identity)))
        self.create_child('dropout', pax_fiddle.Config(pl.Dropout, keep_prob=1 - self.dropout_hparam))

    def __call__(self, x: jax.Array) -> jax.Array:
        x = jax.nn.relu(self.fc1(x))
        x = self.dropout(x)
        x = jax.nn.relu(self.fc2(x))
        return self.head(x)
