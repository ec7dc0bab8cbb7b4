"""Integer padding of convolutions with no attribute of their own, towards TensorFlow."""
from torch import nn


def conv3x3(in_channels: int, out_channels: int, stride: int = 1) -> nn.Conv2d:
    # its stride is a parameter: padding=1 is not proven 'same'
    return nn.Conv2d(in_channels, out_channels, kernel_size=3, stride=stride, padding=1, bias=False)


class Stem(nn.Module):
    def __init__(self, channels: int, pad: int = 2):
        super().__init__()
        self.conv = conv3x3(3, channels, 2)
        self.body = nn.Sequential(
            nn.Conv2d(channels, channels, 5, padding=pad),
            nn.ReLU(),
            # 'same' at stride 1: written so
            nn.Conv2d(channels, channels, 3, padding=1),
        )
        self.heads = nn.ModuleList([nn.Conv2d(channels, channels, 3, stride=2, padding=1)])

    def forward(self, x):
        return self.heads[0](self.body(self.conv(x)))
