from typing import Callable, Optional, Type, Union

import torch
import torch.nn as nn


class Basic(nn.Module):
    expansion = 1

    def __init__(self, cin: int, cout: int):
        super().__init__()
        self.fc = nn.Linear(cin, cout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x)


class Wide(Basic):
    expansion = 2


def make_stage(block: Type[Union[Basic, Wide]], cin: int, cout: int) -> nn.Sequential:
    # `block` holds a class of this file: its calls build layers and take the keys.
    return nn.Sequential(block(cin, cout * block.expansion), block(cout * block.expansion, cout))


class Net(nn.Module):
    def __init__(self, cin: int, blocks: Optional[list] = None,
                 head: Callable[..., nn.Module] = Basic):
        super().__init__()
        if blocks is None:
            blocks = [Basic, Wide]
        first = blocks[0]
        self.stem = first(cin, 8)
        self.stage = make_stage(Wide, 8, 8)
        self.head = head(8, 2)
        # A class handed to a call is the call's argument: `built` holds what it returns.
        built = make_stage(Basic, 2, 2)
        self.tail = built

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.tail(self.head(self.stage(self.stem(x))))
