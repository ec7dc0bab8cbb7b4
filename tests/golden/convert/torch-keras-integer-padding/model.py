"""Integer padding towards Keras, which pads only 'valid' or 'same'."""
from torch import nn


class Convolutions(nn.Module):
    def __init__(self, channels: int, pad: int = 1):
        super().__init__()
        # half the window at stride 1: exactly 'same'
        self.three = nn.Conv2d(channels, channels, 3, padding=1)
        self.five = nn.Conv2d(channels, channels, kernel_size=(5, 3), padding=(2, 1))
        self.dilated = nn.Conv2d(channels, channels, 3, padding=2, dilation=2)
        # not 'same': a ZeroPadding2D beside the convolution, called before it
        self.strided = nn.Conv2d(channels, channels, 3, stride=2, padding=1)
        self.wider = nn.Conv2d(channels, channels, 3, padding=2)
        self.even = nn.Conv2d(channels, channels, 4, padding=2)
        self.held = nn.Conv2d(channels, channels, 3, 2, pad)
        # padded by keras.ops.pad at each call: a pair (ZeroPadding2D's differs from the hub's
        # padding layer), and a convolution whose padding layer's name is taken
        self.pair = nn.Conv2d(channels, channels, 3, stride=2, padding=(1, 2))
        self.taken = nn.Conv2d(channels, channels, 3, stride=2, padding=1)
        # a convolution with no attribute of its own (its calls are not known): a
        # keras.Sequential of its ZeroPadding2D and itself; a pair there is reported
        self.chain = nn.Sequential(nn.Conv2d(channels, channels, 3, stride=2, padding=1))
        self.pairs = [nn.Conv2d(channels, channels, 3, stride=2, padding=(1, 2))]
        self.taken_pad = nn.Identity()

    def forward(self, x):
        x = self.even(self.wider(self.strided(self.dilated(self.five(self.three(x))))))
        x = self.held(x) + self.held(x)
        return self.taken_pad(self.taken(self.chain(self.pair(self.pairs[0](x)))))
