import torch.nn as nn


def conv3x3(in_channels: int, out_channels: int, stride: int = 1) -> nn.Conv2d:
    # a stride held in a name: padding=1 is not proven 'same', so swhost convert writes a
    # keras.Sequential of a ZeroPadding2D and the convolution, whose weights are its second child
    return nn.Conv2d(in_channels, out_channels, 3, stride=stride, padding=1, bias=False)


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.stem = conv3x3(3, 4)
        # an attribute of its own: a ZeroPadding2D beside it, its weights where they were
        self.down = nn.Conv2d(4, 4, 3, stride=2, padding=1)  # strided
        # 'same' at stride 1: its weights where they were
        self.same = nn.Conv2d(4, 4, 3, padding=1)
        # in a Sequential: a Sequential in its place, counted as one, after the Conv2D before it
        self.body = nn.Sequential(
            nn.Conv2d(4, 4, 1),
            nn.Conv2d(4, 4, 3, stride=2, padding=1),
            nn.Sequential(nn.Conv2d(4, 4, 1)),
        )

    def forward(self, x):
        return self.body(self.same(self.down(self.stem(x))))
