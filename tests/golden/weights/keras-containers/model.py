import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        self.body = nn.Sequential(
            nn.Conv2d(3, 8, 3),
            nn.BatchNorm2d(8),
            nn.ReLU(),
            nn.Sequential(nn.Conv2d(8, 8, 3, bias=False), nn.BatchNorm2d(8)),
            nn.Conv2d(8, 4, 1),
        )
        self.heads = nn.ModuleList([nn.Linear(4, 2), nn.Linear(4, 3)])

    def forward(self, x):
        x = self.body(x).mean((2, 3))
        return [head(x) for head in self.heads]
