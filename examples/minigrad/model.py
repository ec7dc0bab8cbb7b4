"""A small MiniGrad image classifier (MiniGrad is the framework in examples/minigrad/minigrad,
which the SDK's template adapter describes to swhost). Images are (N, H, W, C)."""
import minigrad as mg
from minigrad import nn


class Classifier(nn.Module):
    def setup(self, channels: int, width: int, classes: int):
        self.conv = nn.Conv2d(channels, width, 3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.norm = nn.LayerNorm(width)
        self.hidden = nn.Dense(fan_in=width, fan_out=width)
        self.out = nn.Dense(fan_in=width, fan_out=classes, with_bias=False)

    def call(self, x: mg.Array) -> mg.Array:
        y = self.pool(mg.relu(self.conv(x)))
        y = mg.mean(y, axis=(1, 2))
        y = mg.relu(self.hidden(self.norm(y)))
        return mg.log_softmax(self.out(y), axis=-1)


def build(seed: int = 0) -> Classifier:
    mg.random.seed(seed)
    return Classifier(3, 8, 10)
