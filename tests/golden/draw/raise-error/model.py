import torch.nn as nn


class Net(nn.Module):
    def __init__(self, width: int):
        super().__init__()
        if width % 8 != 0:
            raise ValueError("width must be a multiple of 8")
        self.fc = nn.Linear(width, width)

    def forward(self, x):
        return self.fc(x)
