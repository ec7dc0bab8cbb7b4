"""Integer padding towards Keras, which pads only 'valid' or 'same'."""
from torch import nn


class Convolutions(nn.Module):
    def __init__(self, channels: int):
        super().__init__()
        # half the window at stride 1: exactly 'same'
        self.three = nn.Conv2d(channels, channels, 3, padding=1)
        self.five = nn.Conv2d(channels, channels, kernel_size=(5, 3), padding=(2, 1))
        self.dilated = nn.Conv2d(channels, channels, 3, padding=2, dilation=2)
        # not 'same': reported
        self.strided = nn.Conv2d(channels, channels, 3, stride=2, padding=1)
        self.wider = nn.Conv2d(channels, channels, 3, padding=2)
        self.even = nn.Conv2d(channels, channels, 4, padding=2)

    def forward(self, x):
        return self.even(self.wider(self.strided(self.dilated(self.five(self.three(x))))))
