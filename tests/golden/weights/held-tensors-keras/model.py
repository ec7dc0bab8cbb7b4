"""A token model whose classes hold tensors themselves, not in a layer: parameters
(nn.Parameter, as ViT's class token and position embedding; register_parameter) and a buffer
(register_buffer)."""
import torch
import torch.nn as nn


class Encoder(nn.Module):
    def __init__(self, length: int, width: int):
        super().__init__()
        self.pos_embedding = nn.Parameter(torch.zeros(1, length, width))
        self.register_buffer("scale", torch.ones(width))
        self.register_parameter("shift", nn.Parameter(torch.zeros(width)))
        self.norm = nn.LayerNorm(width)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.norm(x + self.pos_embedding) * self.scale + self.shift


class TokenModel(nn.Module):
    def __init__(self, features: int = 6, width: int = 8, length: int = 4, classes: int = 3):
        super().__init__()
        self.project = nn.Linear(features, width)
        self.class_token = nn.Parameter(torch.zeros(1, 1, width))
        self.encoder = Encoder(length + 1, width)
        self.head = nn.Linear(width, classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        tokens = self.project(x)
        token = self.class_token.expand(x.shape[0], -1, -1)
        tokens = self.encoder(torch.cat([token, tokens], dim=1))
        return self.head(tokens[:, 0])
