"""PyTorch activation modules in a container built by a function become tf.keras layers, as
tf.keras.Sequential takes only layers: LeakyReLU's slope is `alpha` there, and the activations
the TensorFlow snapshot has only under tf.keras.activations (silu, relu6, log_softmax) are named
to tf.keras.layers.Activation. A log-softmax over another axis and a hard sigmoid are reported."""
from torch import nn


def make_head(width: int, classes: int) -> nn.Sequential:
    return nn.Sequential(
        nn.Linear(width, width), nn.SiLU(), nn.Linear(width, width), nn.LeakyReLU(negative_slope=0.2),
        nn.ReLU6(), nn.ELU(), nn.Hardswish(), nn.Mish(), nn.Linear(width, classes),
        nn.LogSoftmax(dim=-1),
    )


def make_scores(width: int) -> nn.Sequential:
    return nn.Sequential(nn.Linear(width, width), nn.LogSoftmax(dim=0))


def make_gate(width: int) -> nn.Sequential:
    # tf.keras's hard_sigmoid is Keras 2's 0.2 * x + 0.5 or Keras 3's relu6(x + 3) / 6: reported
    return nn.Sequential(nn.Linear(width, width), nn.Hardsigmoid())
