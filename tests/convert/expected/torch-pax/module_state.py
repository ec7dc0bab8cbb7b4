"""Module state: a registered buffer and parameter, nn.Parameter attributes, a ParameterList, a
ModuleDict, and state the forward pass updates (a call counter, running means written by
hand or updated in place)."""
import torch.nn as nn
import jax
import jax.numpy as jnp
import praxis.layers as pl
from praxis import base_layer
from praxis import pax_fiddle


class StatefulHead(base_layer.BaseLayer):
    d: int = 0
    def setup(self):
        self.create_child('proj', pax_fiddle.Config(pl.FeedForward, input_dims=self.d, output_dims=self.d, activation_tpl=pax_fiddle.Config(pl.Identity)))
        # switcheroo: cannot convert 'self.scale': 'paxml' declares a variable filled with one value (praxis.base_layer.WeightInit.Constant), which 'torch.linspace' is not
        self.register_buffer("scale", jnp.linspace(0.5, 1.5, self.d))
        self.create_variable('shift', base_layer.WeightHParams(shape=(self.d,), init=base_layer.WeightInit.Constant(0.0)))
        self.create_variable('gain', base_layer.WeightHParams(shape=(self.d,), init=base_layer.WeightInit.Constant(1.0)))
        # switcheroo: no mapping for 'torch.nn.ParameterList' to 'paxml'
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'paxml'
        self.extras = nn.ParameterList([nn.Parameter(jnp.full((self.d,), 0.25)),
                                        nn.Parameter(jnp.full((self.d,), -0.5))])
        # switcheroo: no mapping for 'torch.nn.ModuleDict' to 'paxml'
        self.heads = nn.ModuleDict({"left": pl.FeedForward(input_dims=self.d, output_dims=self.d, activation_tpl=pax_fiddle.Config(pl.Identity)), "right": pl.FeedForward(input_dims=self.d, output_dims=self.d, activation_tpl=pax_fiddle.Config(pl.Identity))})
        self.create_variable('running', base_layer.WeightHParams(shape=(self.d,), init=base_layer.WeightInit.Constant(0.0)), trainable=False)
        self.create_variable('seen', base_layer.WeightHParams(shape=(self.d,), init=base_layer.WeightInit.Constant(1.0)), trainable=False)
        self.create_variable('calls', base_layer.WeightHParams(shape=(), init=base_layer.WeightInit.Constant(0), dtype=jnp.int32), trainable=False)

    def __call__(self, x: jax.Array) -> jax.Array:
        self.update_var('calls', self.get_var('calls') + 1)
        h = self.proj(x) * self.scale + self.theta.shift
        h = h * self.theta.gain + self.extras[0] - self.extras[1]
        self.update_var('running', self.get_var('running') * 0.9 + h.mean(0) * 0.1)
        self.update_var('seen', jnp.add(jnp.multiply(self.get_var('seen'), 0.5), h.mean(0)))
        return (self.heads["left"](h) + self.heads["right"](h)) * self.get_var('calls') + self.get_var('running') + self.get_var('seen')
