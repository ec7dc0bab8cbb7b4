import torch.nn as nn


class Net(nn.Module):
    def __init__(self):
        super().__init__()
        # nn.BatchNorm1d has no Keras layer in the spoke: its class, and so its name, is unknown.
        self.body = nn.Sequential(nn.Linear(4, 8), nn.BatchNorm1d(8))

    def forward(self, x):
        return self.body(x)
