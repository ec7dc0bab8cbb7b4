"""A multi-layer perceptron with dropout, as MLX users write it."""
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, in_dims: int, hidden: int, out_dims: int, dropout: float = 0.1):
        super().__init__()
        self.fc1 = nn.Linear(in_dims, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.head = nn.Linear(hidden, out_dims, bias=False)
        self.dropout = nn.Dropout(p=dropout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = torch.relu(self.fc1(x))
        x = self.dropout(x)
        x = torch.relu(self.fc2(x))
        return self.head(x)
