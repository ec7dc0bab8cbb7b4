import torch.nn as nn  # alias


class Net(nn.Module):
    def forward(self, x):
        return self.fc(x)
