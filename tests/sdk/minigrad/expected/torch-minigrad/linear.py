"""A single affine layer: logistic regression over a feature vector."""
import minigrad as mg
from minigrad import nn


class LogisticRegression(nn.Module):
    def setup(self, in_features: int, num_classes: int):
        self.linear = nn.Dense(in_features, num_classes)

    def call(self, x: mg.Array) -> mg.Array:
        return mg.sigmoid(self.linear(x))
