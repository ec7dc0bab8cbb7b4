"""PyTorch activation modules in a container built by a function become tf.keras layers, as
tf.keras.Sequential takes only layers: LeakyReLU's slope is `alpha` there, and the activations
the TensorFlow snapshot has only under tf.keras.activations (silu, relu6, log_softmax) are named
to tf.keras.layers.Activation. A log-softmax over another axis is reported."""
from torch import nn


def make_head(width: int, classes: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Linear(width, width), nn.SiLU(), nn.Linear(width, width), nn.LeakyReLU(negative_slope=0.2),
        nn.ReLU6(), nn.ELU(), nn.Linear(width, classes), nn.LogSoftmax(dim=-1),
    )


def make_scores(width: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(width, width), nn.LogSoftmax(dim=0))
