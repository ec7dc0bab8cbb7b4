"""The converted code writes `nn` for the target's module; the file still binds it to the
source's."""
import minigrad as mg
from minigrad import nn


class Net(nn.Module):
    def setup(self):
        self.fc = nn.Dense(2, 2)

    def call(self, x):
        return mg.relu(self.fc(x))
