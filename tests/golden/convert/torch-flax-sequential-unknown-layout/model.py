import torch.nn as nn


# The layers of the Sequential are built by `layers.extend(...)`, which the layout flow does
# not follow: what self.features returns is reported, since `x.mean([2, 3])` after it is not
# renumbered for channels-last images.
class Net(nn.Module):
    def __init__(self, classes: int):
        super().__init__()
        layers = [nn.Conv2d(3, 8, 3)]
        layers.extend([nn.BatchNorm2d(8), nn.ReLU()])
        self.features = nn.Sequential(*layers)
        self.fc = nn.Linear(8, classes)

    def forward(self, x):
        x = self.features(x)
        x = x.mean([2, 3])
        return self.fc(x)
