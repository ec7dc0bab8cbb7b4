"""PyTorch activation modules inside a container become Keras layers: keras.Sequential takes
only keras.Layer instances. A dedicated class where Keras has one, else keras.layers.Activation
with the activation's name; what that name cannot say (a log-softmax over another axis, the tanh
approximation of GELU) is reported."""
from torch import nn


class Head(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        self.body = nn.Sequential(
            nn.Linear(width, width), nn.Tanh(), nn.Sigmoid(), nn.LeakyReLU(0.1), nn.ELU(alpha=0.5),
            nn.GELU(), nn.SiLU(), nn.SELU(), nn.Softplus(), nn.ReLU6(), nn.ReLU(),
            nn.Softmax(dim=-1), nn.LogSoftmax(dim=-1), nn.Hardsigmoid(), nn.Hardswish(), nn.Mish(),
        )
        self.act = nn.Tanh()
        self.rest = nn.Sequential(nn.LogSoftmax(dim=0), nn.GELU(approximate="tanh"))

    def forward(self, x):
        return self.rest(self.act(self.body(x)))
