import torch
import torch.nn as nn


class M(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc = nn.Linear(
            4,
            8,
        )

    def forward(self, x):
        return torch.relu(
            self.fc(x)
        )
