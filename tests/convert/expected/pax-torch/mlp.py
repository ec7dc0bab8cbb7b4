"""A feed-forward classifier as a Praxis layer: hyper-parameters are fields, children templates."""
from praxis import base_layer, layers as pl, pax_fiddle
import torch
import torch.nn.functional as F
from torch import nn

JTensor = base_layer.JTensor


class MLP(nn.Module):

    def __init__(self, input_dims: int = 6, hidden_dims: int = 8, num_classes: int = 3) -> None:
        super().__init__()
        # switcheroo: cannot convert 'praxis.layers.FeedForward' to 'torch': 'activation_tpl=pax_fiddle.Config(pl.ReLU)' is not what 'linear' passes
        self.create_child("hidden", pax_fiddle.Config(
            pl.FeedForward, input_dims=input_dims, output_dims=hidden_dims,
            activation_tpl=pax_fiddle.Config(pl.ReLU)))
        self.head = nn.Linear(in_features=hidden_dims, out_features=num_classes, bias=False)

    def forward(self, x: JTensor) -> JTensor:
        return self.head(self.hidden(x))


class DropoutMLP(nn.Module):
    """A child named as a hyper-parameter would be (`dropout`): the field is dropout_hparam."""

    def __init__(self, input_dims: int = 6, num_classes: int = 3, dropout: float = 0.1) -> None:
        super().__init__()
        self.hidden = nn.Linear(in_features=input_dims, out_features=input_dims)
        self.dropout = nn.Dropout(p=dropout)
        self.head = nn.Linear(in_features=input_dims, out_features=num_classes, bias=False)

    def forward(self, x: JTensor) -> JTensor:
        return self.head(self.dropout(torch.relu(self.hidden(x))))


def log_probabilities(logits: JTensor) -> JTensor:
    return F.log_softmax(logits, dim=-1)


def accuracy(logits: JTensor, labels: JTensor) -> JTensor:
    return torch.mean((torch.argmax(logits, dim=-1) == labels).to(torch.float32))
