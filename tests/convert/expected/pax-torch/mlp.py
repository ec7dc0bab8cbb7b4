"""A feed-forward classifier as a Praxis layer: hyper-parameters are fields, children templates."""
from praxis import base_layer, layers as pl, pax_fiddle
import torch
import torch.nn.functional as F

JTensor = base_layer.JTensor


class MLP(base_layer.BaseLayer):
    input_dims: int = 6
    hidden_dims: int = 8
    num_classes: int = 3

    def setup(self) -> None:
        # switcheroo: no mapping for 'praxis.pax_fiddle.Config' to 'torch'
        self.create_child("hidden", pax_fiddle.Config(
            pl.FeedForward, input_dims=self.input_dims, output_dims=self.hidden_dims,
            activation_tpl=pax_fiddle.Config(pl.ReLU)))
        # switcheroo: no mapping for 'praxis.pax_fiddle.Config' to 'torch'
        self.create_child("head", pax_fiddle.Config(
            pl.Linear, input_dims=self.hidden_dims, output_dims=self.num_classes))

    def __call__(self, x: JTensor) -> JTensor:
        return self.head(self.hidden(x))


def log_probabilities(logits: JTensor) -> JTensor:
    return F.log_softmax(logits, dim=-1)


def accuracy(logits: JTensor, labels: JTensor) -> JTensor:
    return torch.mean((torch.argmax(logits, dim=-1) == labels).to(torch.float32))
