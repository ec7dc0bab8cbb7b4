"""A single affine layer: logistic regression over a feature vector."""
import torch.nn as nn
import jax


class LogisticRegression(nn.Module):
    def __init__(self, in_features: int, num_classes: int):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.linear = nn.Linear(in_features, num_classes)

    def forward(self, x: jax.Array) -> jax.Array:
        return jax.nn.sigmoid(self.linear(x))
