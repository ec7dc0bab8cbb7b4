import math

import torch
import torch.nn as nn


class Net(nn.Module):
    def __init__(self, classes: int = 10):
        super().__init__()
        self.features = nn.Sequential(nn.Conv2d(3, 16, 3), nn.BatchNorm2d(16), nn.ReLU())
        self.embed = nn.Embedding(100, 16)
        self.fc = nn.Linear(16, classes)
        self.table = nn.Parameter(torch.zeros(5, 3))
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")
                if m.bias is not None:
                    nn.init.zeros_(m.bias)
            elif isinstance(m, (nn.BatchNorm2d, nn.GroupNorm)):
                nn.init.constant_(m.weight, 1)
                nn.init.constant_(m.bias, 0)
            elif isinstance(m, nn.Linear):
                nn.init.kaiming_uniform_(m.weight, a=math.sqrt(5))
        for layer in self.features.children():
            if isinstance(layer, nn.Conv2d):
                nn.init.uniform_(layer.bias, -0.1, 0.1)
        nn.init.xavier_uniform_(self.fc.weight, gain=2.0)  # wider
        nn.init.normal_(self.embed.weight, std=0.02)
        nn.init.trunc_normal_(self.table, std=0.02)
        nn.init.trunc_normal_(self.fc.bias, mean=0.5, std=0.1, a=0.0, b=1.0)
        nn.init.orthogonal_(self.features[0].weight)
        # nonlinearities the knowledge base does not read (only 'relu'): the hook writes them
        nn.init.kaiming_uniform_(self.fc.weight, mode="fan_out", nonlinearity="sigmoid")
        nn.init.kaiming_normal_(self.fc.weight, nonlinearity="tanh")
        act = "relu"
        nn.init.kaiming_normal_(self.fc.weight, nonlinearity=act)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        return self.fc(self.features(x).mean(dim=(2, 3)))


def reset(m: nn.Module):
    # draws random numbers: converted, the function takes rngs (keyword) as a layer builder does
    if isinstance(m, nn.Linear):
        nn.init.zeros_(m.bias)
        nn.init.xavier_normal_(m.weight)
