import torch
import torch.nn as nn
import torch.nn.functional as F


class Pools(nn.Module):
    # With stride 1 no window starts past the padded input: ceil_mode changes nothing
    # (GoogLeNet's Inception branch 4).
    def __init__(self, c: int):
        super().__init__()
        self.max_pool = nn.MaxPool2d(kernel_size=3, stride=1, padding=1, ceil_mode=True)
        self.avg_pool = nn.AvgPool2d(3, 1, 1, ceil_mode=True)
        self.conv = nn.Conv2d(c, c, 1)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        y = self.conv(self.max_pool(x)) + self.avg_pool(x)
        return F.max_pool2d(y, 2, 1, ceil_mode=True)
