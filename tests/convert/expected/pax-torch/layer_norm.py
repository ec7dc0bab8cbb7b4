"""A pre-norm residual feed-forward block with Praxis layer normalization and dropout."""
from praxis import base_layer, layers as pl, pax_fiddle
import torch
from torch import nn

JTensor = base_layer.JTensor


class PreNormFeedForward(nn.Module):

    def __init__(self, model_dims: int = 6, hidden_dims: int = 10, dropout_prob: float = 0.1) -> None:
        super().__init__()
        self.norm = nn.LayerNorm(normalized_shape=model_dims, eps=1e-06)
        # switcheroo: cannot convert 'praxis.layers.FeedForward' to 'torch': 'activation_tpl=pax_fiddle.Config(pl.GELU)' is not what 'linear' passes
        self.create_child("up", pax_fiddle.Config(
            pl.FeedForward, input_dims=model_dims, output_dims=hidden_dims,
            activation_tpl=pax_fiddle.Config(pl.GELU)))
        self.down = nn.Linear(in_features=hidden_dims, out_features=model_dims)
        self.dropout = nn.Dropout(p=dropout_prob)

    def forward(self, x: JTensor) -> JTensor:
        return x + self.dropout(self.down(self.up(self.norm(x))))


def rms_normalize(x: JTensor, eps: float = 1e-6) -> JTensor:
    return x * torch.rsqrt(torch.mean(torch.square(x), dim=-1, keepdim=True) + eps)
