"""GELU activations: exact (PyTorch's default) and the tanh approximation."""
import torch.nn as nn
import functools
import jax


class GeluBlock(nn.Module):
    def __init__(self, dim: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.fc = nn.Linear(dim, dim)
        self.act = functools.partial(jax.nn.gelu, approximate=False)

    def forward(self, x: jax.Array) -> jax.Array:
        return self.act(self.fc(x)) + jax.nn.gelu(x, approximate=True)
