"""Two 'same' convolutions with max pooling and a global average, NHWC."""
import torch
from torch import nn


class ConvPool(nn.Module):
    def __init__(self, channels: int, width: int = 8, classes: int = 4):
        super().__init__()
        self.conv1 = nn.Conv2d(in_channels=channels, out_channels=width, kernel_size=3, padding='same')
        self.pool = nn.MaxPool2d(kernel_size=2)
        self.conv2 = nn.Conv2d(in_channels=width, out_channels=width, kernel_size=3, padding='same', bias=False)
        self.head = nn.Linear(in_features=width, out_features=classes)

    def forward(self, x: torch.Tensor) -> torch.Tensor:
        x = self.pool(torch.relu(self.conv1(x)))
        x = torch.relu(self.conv2(x))
        x = torch.mean(x, dim=(2, 3))
        return self.head(x)
