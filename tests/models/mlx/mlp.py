"""A multi-layer perceptron with dropout, as MLX users write it."""
import mlx.core as mx
import mlx.nn as nn


class MLP(nn.Module):
    def __init__(self, in_dims: int, hidden: int, out_dims: int, dropout: float = 0.1):
        super().__init__()
        self.fc1 = nn.Linear(in_dims, hidden)
        self.fc2 = nn.Linear(hidden, hidden)
        self.head = nn.Linear(hidden, out_dims, bias=False)
        self.dropout = nn.Dropout(p=dropout)

    def __call__(self, x: mx.array) -> mx.array:
        x = nn.relu(self.fc1(x))
        x = self.dropout(x)
        x = nn.relu(self.fc2(x))
        return self.head(x)
