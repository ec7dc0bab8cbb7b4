"""A multi-layer perceptron with dropout between the hidden layers."""
import torch.nn as nn
import jax


class MLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, dropout: float = 0.1):
        super().__init__()
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.fc1 = nn.Linear(in_features, hidden)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.fc2 = nn.Linear(hidden, hidden)
        # switcheroo: cannot convert 'torch.nn.Linear' to 'paxml': praxis.layers.Linear (no bias) or FeedForward (bias and activation) takes input_dims and output_dims as hyper-parameter fields in a pax_fiddle.Config: Praxis layers are not converted yet
        self.head = nn.Linear(hidden, out_features, bias=False)
        # switcheroo: cannot convert 'torch.nn.Dropout' to 'paxml': praxis.layers.Dropout takes keep_prob (1 - p) as a hyper-parameter field and draws from the layer's PRNG stream: Praxis layers are not converted yet
        self.dropout = nn.Dropout(p=dropout)

    def forward(self, x: jax.Array) -> jax.Array:
        x = jax.nn.relu(self.fc1(x))
        x = self.dropout(x)
        x = jax.nn.relu(self.fc2(x))
        return self.head(x)
