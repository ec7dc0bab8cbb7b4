"""nn.Sequential towards Praxis: pl.Sequential takes its layers as one list of templates,
layers=[pax_fiddle.Config(...), ...], nested Sequentials too; a layer object whose Praxis form
is a function (nn.ReLU) is that function in the list."""
import torch
import torch.nn as nn


class Classifier(nn.Module):
    def __init__(self, features: int, hidden: int, classes: int):
        super().__init__()
        self.body = nn.Sequential(nn.Linear(features, hidden), nn.ReLU(), nn.LayerNorm(hidden),
                                  nn.Sequential(nn.Dropout(0.1), nn.Linear(hidden, classes)))

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.body(x)
