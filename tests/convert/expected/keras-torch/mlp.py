"""A multi-layer perceptron with dropout between the hidden layers."""
import torch
from torch import nn


class MLP(nn.Module):
    def __init__(self, in_features: int, hidden: int, out_features: int, dropout: float = 0.1):
        super().__init__()
        # input_dim states the size PyTorch needs; Keras would infer it on the first call.
        self.fc1 = nn.Linear(in_features=in_features, out_features=hidden)
        self.fc2 = nn.Linear(in_features=hidden, out_features=hidden)
        self.head = nn.Linear(in_features=hidden, out_features=out_features, bias=False)
        self.dropout = nn.Dropout(p=dropout)

    def forward(self, x, training=None):
        x = torch.relu(self.fc1(x))
        x = self.dropout(x)
        x = torch.relu(self.fc2(x))
        return self.head(x)
