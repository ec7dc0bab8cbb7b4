import torch
import torch.nn as nn


class Permute(nn.Module):
    def __init__(self, dims):
        super().__init__()
        self.dims = dims

    def forward(self, x):
        return torch.permute(x, self.dims)


class Stage(nn.Module):
    # Works on channels-last tokens (swin's blocks): its result's layout is not followed.
    def __init__(self, c: int):
        super().__init__()
        self.fc = nn.Linear(c, c)

    def forward(self, x):
        return x + torch.tanh(self.fc(x))


class Net(nn.Module):
    # torchvision's SwinTransformer: the stem puts channels last, stages of a module class work
    # there, and the head's Permute([0, 3, 1, 2]) puts them back first for the pool. Towards a
    # channels-last framework that head permute is the identity: the value of unknown layout
    # is channels last in both, and the pool takes it so in the target.
    def __init__(self, c: int = 4, classes: int = 3):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, c, kernel_size=2, stride=2), Permute([0, 2, 3, 1]))
        self.features = nn.Sequential(Stage(c), Stage(c))
        self.norm = nn.LayerNorm(c)
        self.permute = Permute([0, 3, 1, 2])
        self.avgpool = nn.AdaptiveAvgPool2d(1)
        self.flatten = nn.Flatten(1)
        self.head = nn.Linear(c, classes)

    def forward(self, x):
        x = self.features(self.stem(x))
        x = self.norm(x)
        x = self.permute(x)
        x = self.avgpool(x)
        x = self.flatten(x)
        return self.head(x)
