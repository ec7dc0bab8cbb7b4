from typing import Callable, Optional

import torch
import torch.nn as nn


class ConvNormAct(nn.Sequential):
    # The layers come as classes (torchvision's ops.misc.ConvNormActivation): a call of a
    # parameter whose default is a framework class is that class's constructor.
    def __init__(self, cin: int, cout: int, kernel_size: int = 3, stride: int = 1,
                 norm_layer: Optional[Callable[..., nn.Module]] = nn.BatchNorm2d,
                 activation_layer: Optional[Callable[..., nn.Module]] = nn.ReLU,
                 conv_layer: Callable[..., nn.Module] = nn.Conv2d, dilation: int = 1):
        padding = (kernel_size - 1) // 2 * dilation
        layers = [conv_layer(cin, cout, kernel_size, stride, padding, dilation=dilation, groups=1,
                             bias=norm_layer is None)]
        if norm_layer is not None:
            layers.append(norm_layer(cout))
        if activation_layer is not None:
            layers.append(activation_layer(inplace=True))
        super().__init__(*layers)


class Conv2dNormAct(ConvNormAct):
    def __init__(self, cin: int, cout: int, kernel_size: int = 3, stride: int = 1,
                 activation_layer: Optional[Callable[..., nn.Module]] = nn.ReLU):
        # Classes given positionally to the parent's constructor are values too.
        super().__init__(cin, cout, kernel_size, stride, nn.BatchNorm2d, activation_layer, nn.Conv2d)


class Gated(nn.Module):
    def __init__(self, channels: int, gate: Callable[..., nn.Module] = nn.Sigmoid):
        super().__init__()
        self.scale = nn.Conv2d(channels, channels, 1)
        self.gate = gate()

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.gate(self.scale(x))


class Net(nn.Module):
    def __init__(self, cin: int):
        super().__init__()
        self.stem = Conv2dNormAct(cin, 8, stride=2, activation_layer=nn.ReLU6)
        self.body = ConvNormAct(8, 8, kernel_size=1, activation_layer=nn.Hardswish)
        self.gated = Gated(8)
        self.tail = Conv2dNormAct(8, 4, activation_layer=None)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.tail(self.gated(self.body(self.stem(x))))


def make_gelu(act=nn.GELU):
    # nn.GELU's `approximate` matters: the function standing for the class passes it on.
    return act(approximate="tanh")
