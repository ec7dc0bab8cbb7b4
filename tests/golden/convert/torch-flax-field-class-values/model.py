from dataclasses import dataclass
from typing import Callable, List, Optional

import torch
import torch.nn as nn


class Plain(nn.Module):
    def __init__(self, cfg: "_StageConfig"):
        super().__init__()
        self.fc = nn.Linear(cfg.cin, cfg.cout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return torch.relu(self.fc(x))


class Gated(nn.Module):
    def __init__(self, cfg: "_StageConfig"):
        super().__init__()
        self.fc = nn.Linear(cfg.cin, cfg.cout)
        self.gate = nn.Linear(cfg.cin, cfg.cout)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(x) * torch.sigmoid(self.gate(x))


class Scaled(nn.Module):
    # Builds no layer: it takes the keys because cfg.block(...) passes them to Gated.
    def __init__(self, cfg: "_StageConfig"):
        super().__init__()
        self.factor = cfg.cout / (2 * cfg.cin)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return x * self.factor


@dataclass
class _StageConfig:
    cin: int
    cout: int
    block: Callable[..., nn.Module]


class PlainConfig(_StageConfig):
    # The dataclass's third field is given by position: `block` holds Plain.
    def __init__(self, cin: int, cout: int, block: Optional[Callable[..., nn.Module]] = None):
        if block is None:
            block = Plain
        super().__init__(cin, cout, block)


class Net(nn.Module):
    def __init__(self, cin: int):
        super().__init__()
        configs: List[_StageConfig] = [PlainConfig(cin, 8), _StageConfig(8, 8, block=Gated),
                                       _StageConfig(8, 8, block=Scaled)]
        # `cfg.block` holds a class of this file: its call builds layers and takes the keys.
        self.stages = nn.Sequential(*[cfg.block(cfg) for cfg in configs])
        self.head = nn.Linear(8, 2)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.head(self.stages(x))
