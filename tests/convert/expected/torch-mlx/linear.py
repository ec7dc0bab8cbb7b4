"""A single affine layer: logistic regression over a feature vector."""
import mlx.core as mx
from mlx import nn


class LogisticRegression(nn.Module):
    def __init__(self, in_features: int, num_classes: int):
        super().__init__()
        self.linear = nn.Linear(in_features, num_classes)

    def __call__(self, x: mx.array) -> mx.array:
        return mx.sigmoid(self.linear(x))
