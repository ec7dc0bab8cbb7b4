from typing import Any, Callable, List, Optional

import torch
import torch.nn as nn


class BasicConv2d(nn.Module):
    # The keywords of each construction go to the convolution: they convert where they are
    # written, and the convolution keeps `**kwargs`.
    def __init__(self, in_channels: int, out_channels: int, **kwargs: Any) -> None:
        super().__init__()
        self.conv = nn.Conv2d(in_channels, out_channels, bias=False, **kwargs)
        self.bn = nn.BatchNorm2d(out_channels, eps=0.001)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.bn(self.conv(x)))


class Mixed(nn.Module):
    def __init__(self, cin: int, conv_block: Optional[Callable[..., nn.Module]] = None) -> None:
        super().__init__()
        if conv_block is None:
            conv_block = BasicConv2d
        self.wide = conv_block(cin, 4, kernel_size=(1, 3), padding=(0, 1))
        self.tall = conv_block(cin, 4, kernel_size=(3, 1), padding=(1, 0))
        self.point = conv_block(cin, 2, kernel_size=1)

    def _forward(self, x: torch.Tensor) -> List[torch.Tensor]:
        # A list of images: its concatenation below follows their layout.
        outputs = [self.wide(x), self.tall(x), self.point(x)]
        return outputs

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        outputs = self._forward(x)
        return torch.cat(outputs, 1)


class Net(nn.Module):
    def __init__(self, cin: int, blocks: Optional[List[Callable[..., nn.Module]]] = None) -> None:
        super().__init__()
        if blocks is None:
            blocks = [BasicConv2d, Mixed]
        # `blocks[0]` holds BasicConv2d only, `blocks[1]` Mixed only.
        conv_block = blocks[0]
        mixed_block = blocks[1]
        self.stem = conv_block(cin, 6, kernel_size=3, stride=2)
        self.mixed = mixed_block(6)
        self.head = BasicConv2d(10, 3, kernel_size=3, padding=1, dilation=1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.mixed(self.stem(x))).mean(dim=(2, 3))
