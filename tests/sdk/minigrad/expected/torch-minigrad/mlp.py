"""A multi-layer perceptron with dropout between the hidden layers."""
import minigrad as mg
from minigrad import nn


class MLP(nn.Module):
    def setup(self, in_features: int, hidden: int, out_features: int, dropout: float = 0.1):
        self.fc1 = nn.Dense(in_features, hidden)
        self.fc2 = nn.Dense(hidden, hidden)
        self.head = nn.Dense(hidden, out_features, with_bias=False)
        self.dropout = nn.Dropout(rate=dropout)

    def call(self, x: mg.Array) -> mg.Array:
        x = mg.relu(self.fc1(x))
        x = self.dropout(x)
        x = mg.relu(self.fc2(x))
        return self.head(x)
