import torch
import torch.nn as nn


class Classifier(nn.Module):
    """The pooled feature map flattened into a Linear, through a Dropout; a second Linear after."""

    def __init__(self, channels: int = 4, classes: int = 3):
        super().__init__()
        self.conv = nn.Conv2d(3, channels, kernel_size=3, padding=1)
        self.pool = nn.MaxPool2d(2)
        self.drop = nn.Dropout(0.1)
        self.hidden = nn.Linear(channels * 4 * 4, 16)
        self.out = nn.Linear(16, classes)

    def forward(self, images):
        x = self.pool(torch.relu(self.conv(images)))
        return self.out(torch.relu(self.hidden(self.drop(torch.flatten(x, 1)))))
