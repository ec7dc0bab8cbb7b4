"""Integer padding towards Praxis, whose Conv2D pads only 'SAME' or 'VALID'."""
from torch import nn


class Convolutions(nn.Module):
    def __init__(self, channels: int, pad: int = 1):
        super().__init__()
        # half the window at stride 1: exactly 'SAME'
        self.three = nn.Conv2d(channels, channels, 3, padding=1)
        # not 'SAME': a 'VALID' Conv2D whose input is padded by jnp.pad at each call
        self.strided = nn.Conv2d(channels, channels, 3, stride=2, padding=1)
        self.pair = nn.Conv2d(channels, channels, 3, padding=(2, 1))
        # a padding held in a name is looked up when the code runs ({...}.get(pad, pad)): an
        # integer other than 0 fails there (the calls, where jnp.pad would go, do not know it)
        self.held = nn.Conv2d(channels, channels, 3, stride=2, padding=pad)

    def forward(self, x):
        x = self.pair(self.strided(self.three(x)))
        return self.held(x) + self.held(x)
