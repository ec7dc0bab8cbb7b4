"""Module state: a registered buffer and parameter, nn.Parameter attributes, a ParameterList, a
ModuleDict, and state the forward pass updates (a call counter, running means written by
hand or updated in place)."""
import torch
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
        # switcheroo: no mapping for 'torch.nn.Module.register_buffer' to 'paxml'
        # switcheroo: no mapping for 'torch.linspace' to 'paxml'
        self.register_buffer("scale", torch.linspace(0.5, 1.5, self.d))
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'paxml'
        self.shift = nn.Parameter(jnp.zeros((self.d,)))
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'paxml'
        self.gain = nn.Parameter(jnp.ones((self.d,)))
        # switcheroo: no mapping for 'torch.nn.ParameterList' to 'paxml'
        # switcheroo: no mapping for 'torch.nn.Parameter' to 'paxml'
        self.extras = nn.ParameterList([nn.Parameter(jnp.full((self.d,), 0.25)),
                                        nn.Parameter(jnp.full((self.d,), -0.5))])
        # switcheroo: no mapping for 'torch.nn.ModuleDict' to 'paxml'
        self.heads = nn.ModuleDict({"left": pl.FeedForward(input_dims=self.d, output_dims=self.d, activation_tpl=pax_fiddle.Config(pl.Identity)), "right": pl.FeedForward(input_dims=self.d, output_dims=self.d, activation_tpl=pax_fiddle.Config(pl.Identity))})
        # switcheroo: no mapping for 'torch.nn.Module.register_buffer' to 'paxml'
        self.register_buffer("running", jnp.zeros((self.d,)))
        # switcheroo: no mapping for 'torch.nn.Module.register_buffer' to 'paxml'
        self.register_buffer("seen", jnp.ones((self.d,)))
        self.calls = 0

    def __call__(self, x: jax.Array) -> jax.Array:
        # switcheroo: module attribute 'calls' is updated in the forward pass: 'paxml' has no module state for it
        self.calls += 1
        h = self.proj(x) * self.scale + self.shift
        h = h * self.gain + self.extras[0] - self.extras[1]
        # switcheroo: module attribute 'running' is updated in the forward pass: 'paxml' has no module state for it
        self.running = self.running * 0.9 + h.mean(0) * 0.1
        # switcheroo: 'self.seen' is an attribute updated in place: it cannot be rebound here
        # switcheroo: module attribute 'seen' is updated in the forward pass: 'paxml' has no module state for it
        self.seen.mul_(0.5).add_(h.mean(0))
        return (self.heads["left"](h) + self.heads["right"](h)) * self.calls + self.running + self.seen
