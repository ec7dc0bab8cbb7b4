from torch import nn

from pkg.b_middle import Middle


class Model(nn.Module):
    """Takes rngs through Middle, known only after b_middle.py learns of c_blocks.py."""

    def __init__(self, channels: int) -> None:
        super().__init__()
        self.middle = Middle(channels)

    def forward(self, x):
        return self.middle(x)


model = Model(4)
