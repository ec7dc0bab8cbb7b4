import torch
import torch.nn as nn
import torch.nn.functional as F


class NoisyLinear(nn.Module):
    def __init__(self, features: int, sigma: float = 0.1):
        super().__init__()
        self.linear = nn.Linear(features, features)
        self.bias_noise = nn.Parameter(torch.randn(features) * sigma)
        self.sigma = sigma

    def forward(self, x):
        x = F.dropout(x, 0.2, self.training)
        return self.linear(x) + self.sigma * torch.randn_like(x) + self.bias_noise
