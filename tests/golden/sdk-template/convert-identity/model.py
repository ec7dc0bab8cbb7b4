import minigrad as mg


class Net(mg.nn.Module):
    def forward(self, x):
        return mg.relu(x)
