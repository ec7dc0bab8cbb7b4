"""Layers over sequences and volumes: their kernels move back from Flax NNX's layouts."""
import torch
import torch.nn as nn


class Tagger(nn.Module):
    def __init__(self, vocabulary: int, width: int):
        super().__init__()
        self.embed = nn.Embedding(vocabulary, width)
        self.mix = nn.Conv1d(width, width, 5, padding=2, groups=width)
        self.norm = nn.LayerNorm(width)
        self.volume = nn.Conv3d(1, 2, (3, 2, 1))
        self.layers = nn.ModuleList([nn.Linear(width, width) for _ in range(2)])
        self.stats = nn.BatchNorm1d(width, affine=False)

    def forward(self, tokens: torch.Tensor) -> torch.Tensor:
        x = self.mix(self.embed(tokens).transpose(1, 2)).transpose(1, 2)
        for layer in self.layers:
            x = layer(self.norm(x))
        return x
